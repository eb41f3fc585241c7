"""Check-worthiness score, claim kind, and the reasons for both (first version: hand-weighted features)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claim_engine.types import Fact

_ATTRIBUTION = re.compile(r"\b(said|says|according to|stated|announced|told)\b", re.I)
_PREDICTION = re.compile(r"\b(will|would|is set to|plans? to|expected to)\b", re.I)
_COMPARISON = re.compile(r"\b(\w+est|more than|less than|largest|biggest|than)\b", re.I)


@dataclass(frozen=True, slots=True)
class Assessment:
    score: float
    kind: str
    reasons: tuple[str, ...]


def assess(text: str, facts: Sequence[Fact]) -> Assessment:
    reasons = []
    score = 0.2
    if facts:
        score += 0.4
        reasons.append("has_facts")
    if _COMPARISON.search(text):
        score += 0.2
        reasons.append("comparison")
    if _ATTRIBUTION.search(text):
        score += 0.1
        reasons.append("attribution")
    kind = "other"
    if facts:
        kind = "quantity"
    if _COMPARISON.search(text):
        kind = "comparison"
    elif _PREDICTION.search(text):
        kind = "prediction"
    elif _ATTRIBUTION.search(text):
        kind = "attribution"
    return Assessment(min(score, 1.0), kind, tuple(reasons))
