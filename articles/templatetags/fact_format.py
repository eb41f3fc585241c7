"""How a claim's fact values read on the review page: ``48,000,000`` rather than ``48000000.0``."""

from django import template

register = template.Library()


@register.filter
def fact_amount(value):
    """Amounts with thousands separators and no trailing zeros; text values (dates, formats, scores) as they are."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")
