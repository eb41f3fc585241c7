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
    """A fact's value with its unit and hedge, as a reviewer reads it: "48,000,000 USD", "over 100 year", "by 2050";
    a time taken as a clock shows it, "2:00:35" rather than "7,235 second" (and "2:51 per km" for a pace); a century
    as "20th century" rather than ISO 8601's "19"."""
    qualifier = fact.get("qualifier")
    reading = _value_with_unit(fact.get("value"), fact.get("unit") or "")
    return f"{qualifier} {reading}" if qualifier else reading


def _value_with_unit(value, unit: str) -> str:
    if unit.startswith("second") and isinstance(value, int | float) and not isinstance(value, bool) and value >= 60:
        minutes, seconds = divmod(round(value), 60)
        hours, minutes = divmod(minutes, 60)
        clock = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        return f"{clock}{unit.removeprefix('second')}"
    if unit == "century" and isinstance(value, str) and value.isdigit():
        number = int(value) + 1
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix} century"
    if unit in ("year", "day", "month", "quarter", "half") and isinstance(value, str):
        return value  # a date reads as itself: "2022-07", not "2022-07 month"
    amount = fact_amount(value)
    return f"{amount} {unit}" if unit else f"{amount}"
