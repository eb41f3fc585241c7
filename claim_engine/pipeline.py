"""text -> claims: segment, drop page furniture, extract facts, drop fact-free questions and opinions, score."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from claim_engine.boilerplate import ArticleWords, page_furniture, unclaimed_statement
from claim_engine.facts import extract_facts
from claim_engine.score import DEFAULT_THRESHOLD, assess
from claim_engine.segment import split_sentences
from claim_engine.types import Claim, Fact

# A sentence becomes a claim when its score reaches this value: the scorer's threshold, chosen for the best F1 on
# ClaimBuster's expert-labelled groundtruth (see README, "Check-worthiness model").
THRESHOLD = DEFAULT_THRESHOLD


def extract_claims(text: str, *, published: date | None = None, threshold: float = THRESHOLD) -> list[Claim]:
    # The furniture and opinion rules' words are looked for once in the whole article, not in every sentence.
    words = ArticleWords(text)
    candidates = []
    for sentence in split_sentences(text):
        sentence_text = text[sentence.start : sentence.end]
        facts = _checkable_facts(sentence_text, sentence.start, published, words)
        if facts is not None:
            candidates.append((sentence_text, sentence.start, facts))
    # Scored in a pass of their own: the scorer's weight tables, far bigger than a CPU cache, then stay in it from
    # one sentence to the next instead of being pushed out by the other stages' work in between.
    claims = [_scored(*candidate) for candidate in candidates]
    return [claim for claim in claims if claim.score >= threshold]


def assess_sentence(sentence_text: str, *, offset: int = 0, published: date | None = None) -> Claim | None:
    """The sentence as a scored claim, or None when it is page furniture or states nothing checkable.

    Spans are shifted by ``offset`` so that they index the text the sentence came from.
    """
    facts = _checkable_facts(sentence_text, offset, published, None)
    return None if facts is None else _scored(sentence_text, offset, facts)


def _checkable_facts(
    sentence_text: str, offset: int, published: date | None, words: ArticleWords | None
) -> list[Fact] | None:
    """The sentence's facts, or None when it is page furniture or states nothing checkable.

    ``words`` are those of the text the sentence came from, or None to search the sentence for the rules' words.
    """
    end = offset + len(sentence_text)
    rule_words = words.furniture_words_in(offset, end) if words is not None else None
    if page_furniture(sentence_text, rule_words=rule_words):
        return None
    facts = extract_facts(sentence_text, offset=offset, published=published)
    opinion_words = words.opinion_words_in(offset, end) if words is not None and not facts else None
    if unclaimed_statement(sentence_text, facts, opinion_words=opinion_words):
        return None
    return facts


def _scored(sentence_text: str, offset: int, facts: Sequence[Fact]) -> Claim:
    assessment = assess(sentence_text, facts)
    return Claim(
        text=sentence_text,
        start=offset,
        end=offset + len(sentence_text),
        score=round(assessment.score, 4),
        kind=assessment.kind,
        facts=tuple(facts),
        reasons=tuple(assessment.reasons),
    )
