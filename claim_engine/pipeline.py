"""text -> claims: segment, drop boilerplate, extract facts, score, keep what clears the threshold."""

from __future__ import annotations

import re
from datetime import date

from claim_engine.facts import extract_facts
from claim_engine.score import assess
from claim_engine.segment import split_sentences
from claim_engine.types import Claim

# A sentence becomes a claim when its score reaches this value.
THRESHOLD = 0.5

_BOILERPLATE = re.compile(r"^\(?(image credit|photo|credit|see more|by\s+[A-Z])", re.I)


def extract_claims(text: str, *, published: date | None = None, threshold: float = THRESHOLD) -> list[Claim]:
    claims: list[Claim] = []
    for sentence in split_sentences(text):
        sentence_text = text[sentence.start : sentence.end]
        if _BOILERPLATE.match(sentence_text) or len(sentence_text.split()) < 4:
            continue
        facts = extract_facts(sentence_text, offset=sentence.start, published=published)
        assessment = assess(sentence_text, facts)
        if assessment.score >= threshold:
            claims.append(
                Claim(
                    text=sentence_text,
                    start=sentence.start,
                    end=sentence.end,
                    score=round(assessment.score, 4),
                    kind=assessment.kind,
                    facts=tuple(facts),
                    reasons=assessment.reasons,
                )
            )
    return claims
