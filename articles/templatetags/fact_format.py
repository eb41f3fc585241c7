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


@register.filter
def fact_reading(fact):
    """A fact's value with its unit, as a reviewer reads it: "48,000,000 USD", and a time taken as a clock shows it,
    "2:00:35" rather than "7,235 second" (and "2:51 per km" for a pace)."""
    value, unit = fact.get("value"), fact.get("unit") or ""
    if unit.startswith("second") and isinstance(value, int | float) and not isinstance(value, bool) and value >= 60:
        minutes, seconds = divmod(round(value), 60)
        hours, minutes = divmod(minutes, 60)
        clock = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        return f"{clock}{unit.removeprefix('second')}"
    amount = fact_amount(value)
    return f"{amount} {unit}" if unit else f"{amount}"
