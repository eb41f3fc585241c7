"""text -> claims: segment, drop page furniture, extract facts, drop fact-free questions and opinions, score."""

from __future__ import annotations

from datetime import date

from claim_engine.boilerplate import ArticleWords, page_furniture, unclaimed_statement
from claim_engine.facts import extract_facts
from claim_engine.score import DEFAULT_THRESHOLD, assess
from claim_engine.segment import split_sentences
from claim_engine.types import Claim

# A sentence becomes a claim when its score reaches this value: the scorer's threshold, chosen for the best F1 on
# ClaimBuster's expert-labelled groundtruth (see README, "Check-worthiness model").
THRESHOLD = DEFAULT_THRESHOLD


def extract_claims(text: str, *, published: date | None = None, threshold: float = THRESHOLD) -> list[Claim]:
    claims: list[Claim] = []
    # The furniture and opinion rules' words are looked for once in the whole article, not in every sentence.
    words = ArticleWords(text)
    for sentence in split_sentences(text):
        sentence_text = text[sentence.start : sentence.end]
        claim = assess_sentence(sentence_text, offset=sentence.start, published=published, words=words)
        if claim is not None and claim.score >= threshold:
            claims.append(claim)
    return claims


def assess_sentence(
    sentence_text: str, *, offset: int = 0, published: date | None = None, words: ArticleWords | None = None
) -> Claim | None:
    """The sentence as a scored claim, or None when it is page furniture or states nothing checkable.

    Spans are shifted by ``offset`` so that they index the text the sentence came from; ``words`` are that text's.
    """
    end = offset + len(sentence_text)
    rule_words = words.furniture_words_in(offset, end) if words is not None else None
    if page_furniture(sentence_text, rule_words=rule_words):
        return None
    facts = extract_facts(sentence_text, offset=offset, published=published)
    opinion_words = words.opinion_words_in(offset, end) if words is not None and not facts else None
    if unclaimed_statement(sentence_text, facts, opinion_words=opinion_words):
        return None
    assessment = assess(sentence_text, facts)
    return Claim(
        text=sentence_text,
        start=offset,
        end=end,
        score=round(assessment.score, 4),
        kind=assessment.kind,
        facts=tuple(facts),
        reasons=tuple(assessment.reasons),
    )
