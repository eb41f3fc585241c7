"""The engine's reason codes ("fact:age", "kind:quantity(fact_age)") in words a reviewer reads at a glance.

One wording for the review page and the admin, so that a reason reads the same wherever a claim is looked at.
"""

from __future__ import annotations

from collections.abc import Iterable

from articles.models import Claim

_CUE_WORDS = {
    "has_number": "has a number",
    "named_entity": "names a person, company or place",
    "opinion_marker": "reads like opinion (scores lower)",
    "first_person": "first person (scores lower)",
    "question": "a question (scores lower)",
    "promise": "a promise or plan",
}
_KIND_LABELS = dict(Claim.Kind.choices)
# Fact types as a reviewer would name them, where "a <type>" does not read: "states an age", "states an amount".
_FACT_WORDS = {
    "age": "an age",
    "money": "an amount of money",
    "percent": "a percentage",
    "multiple": "a multiple (twice, three times)",
    "sensor_format": "a sensor format",
}
MODEL_PREFIX = "model:"


def reason_words(reason: str) -> str:
    name, _, detail = reason.partition(":")
    if name == "fact":
        return f"states {_FACT_WORDS.get(detail, 'a ' + detail.replace('_', ' '))}"
    if name == "kind":
        kind, _, cue = detail.partition("(")
        cue = cue.rstrip(")").removeprefix("fact_").replace("_", " ")
        label = _KIND_LABELS.get(kind, kind).lower()
        return f"{label}: {cue}" if cue else label
    return _CUE_WORDS.get(reason, reason.replace("_", " "))


def reasons_in_words(reasons: Iterable[str]) -> list[str]:
    """Every reason but the model's own number, which is shown as the claim's score already."""
    return [reason_words(reason) for reason in reasons if not reason.startswith(MODEL_PREFIX)]
