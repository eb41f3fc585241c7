"""The engine's output: frozen, Django-free values that serialise to plain dicts."""

from __future__ import annotations

from dataclasses import dataclass, field

# Full Fact's typology of claims, plus "other" for check-worthy statements that fit none of them.
KINDS = (
    "quantity",
    "comparison",
    "prediction",
    "causation",
    "rule",
    "attribution",
    "event",
    "personal",
    "other",
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Fact:
    """One normalised fact inside a claim, anchored to the characters it came from.

    ``type`` is one of: number, quantity, percent, money, duration, age, rate, rank, count, date, sensor_format,
    score, multiple, comparison, superlative. ``value`` is the comparable form: a float for amounts (2.0 for the
    multiple "twice as high"), ``"2022-07"`` for a month, ``"2022-Q3"`` for a quarter, ``"2022-H2"`` for a half
    year, ``"1/1.1"`` for a sensor format, ``"3-2"`` for a score. ``unit`` is canonical ("year", "MP", "inch",
    "USD", "quarter", "half", "per 100,000 people" for a rate).
    """

    type: str
    value: float | str | None
    unit: str | None
    text: str
    start: int
    end: int
    subject: str | None = None
    # A hedge the text puts on the amount ("over", "about", "as many as") or the superlative behind a rank.
    qualifier: str | None = None

    def to_dict(self) -> dict:
        # Field by field: dataclasses.asdict deep-copies every value through a recursive walk, which cost a worker
        # more than a millisecond per article on facts that hold only strings and numbers.
        return {
            "type": self.type,
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "subject": self.subject,
            "qualifier": self.qualifier,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    start: int
    end: int
    score: float
    kind: str
    facts: tuple[Fact, ...] = field(default_factory=tuple)
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "kind": self.kind,
            "facts": [fact.to_dict() for fact in self.facts],
            "reasons": list(self.reasons),
        }
