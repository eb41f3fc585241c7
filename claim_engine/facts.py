"""Numbers, durations, ranks and dates -> typed, normalised facts (first version)."""

from __future__ import annotations

import re
from datetime import date

from claim_engine.types import Fact

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
_DURATION = re.compile(r"\b(\d+|" + "|".join(_WORD_NUMBERS) + r")[- ](year|month|week|day)s?\b", re.I)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")


def extract_facts(text: str, *, offset: int = 0, published: date | None = None) -> list[Fact]:
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for match in _DURATION.finditer(text):
        amount = match.group(1).lower()
        value = float(_WORD_NUMBERS.get(amount, amount) if amount in _WORD_NUMBERS else amount)
        facts.append(
            Fact("duration", value, match.group(2).lower(), match.group(), offset + match.start(), offset + match.end())
        )
        taken.append(match.span())
    for match in _NUMBER.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        value = float(match.group().replace(",", ""))
        facts.append(Fact("number", value, None, match.group(), offset + match.start(), offset + match.end()))
    return facts
