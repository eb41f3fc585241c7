"""text -> claims: segment, drop page furniture, extract facts, drop fact-free questions and opinions, score."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from claim_engine.boilerplate import (
    ArticleWords,
    about_section_applies,
    block_reach,
    closing_bio,
    headline_end,
    list_block_end,
    page_furniture,
    unclaimed_statement,
)
from claim_engine.facts import extract_facts
from claim_engine.score import DEFAULT_THRESHOLD, assess
from claim_engine.segment import split_sentences
from claim_engine.types import Claim, Fact

# A sentence becomes a claim when its score reaches this value: the scorer's threshold, chosen for the best F1 on
# ClaimBuster's expert-labelled groundtruth (see README, "Check-worthiness model").
THRESHOLD = DEFAULT_THRESHOLD


# A wire-style dateline before the first sentence of a story: "WASHINGTON (Reuters) - ", "NEW YORK, May 5 (AP) — ",
# "LONDON — ", "Paris (AFP) - ". The claim starts after it; the place and agency are not part of what is claimed.
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z0-9][\w.]*(?:\s+[\w.]+){0,2})?\s*(?:\([^()\n]{1,40}\)\s*)?"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}(?:,\s+[A-Z][\w.]*(?:\s+[\w.]+){0,2})?\s*\([^()\n]{1,40}\)\s*"
    # A newswire's: "DENVER, May 4, 2026 /PRNewswire/ -- ", "OSLO, Norway, March 2 /GLOBE NEWSWIRE/ -- ".
    r"|[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3},\s+[^/\n]{1,40}?\s*/[A-Za-z][\w .-]{1,30}/\s*)"
    r"(?:[-–—]{1,2}|:)\s+(?=[\"“‘'A-Z0-9])"
)

# A list item's marker at the start of a line: "- ", "• ", "2. ", "3) " (a number only before a capital or quote);
# the labels of a question-and-answer piece or a transcript ("Q: ", "A: ", "Q. "), of the claim a fact-check checks
# ("Claim: "), and a footnote's mark ("¹ Figures exclude ...").
_BULLET = re.compile(
    r"[-–—•*·▪►]\s+|\d{1,2}[.)]\s+(?=[A-Z\"“‘])|(?:Q|A)\s?:\s+(?=[A-Z0-9\"“‘])|Q\.\s+(?=[A-Z0-9\"“‘])"
    r"|Claim\s*:\s+(?=[A-Z0-9\"“‘])|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*(?=[A-Z0-9\"“‘])"
)
# "A. That is not what I said.": a transcript's answer, only on the line after a "Q." or "Q:" ("A. Smith said ..."
# opens with an initial).
_ANSWER = re.compile(r"A\.\s+(?=[A-Z0-9\"“‘])")
# A live blog's time stamp at the start of an entry: "14:45 GMT - ", "2:25pm: ", "17:05 Police say ...". A time needs
# its minutes or its am/pm, so "10 Downing Street said ..." keeps its number.
_LIVE_TIME = re.compile(
    r"(?:[01]?\d|2[0-3])(?::[0-5]\d(?:\s?[ap]\.?m\.?)?|(?:[.:][0-5]\d)?\s?[ap]\.?m\.?)"
    r"(?:\s+(?:GMT|BST|UTC|CET|CEST|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|local\s+time))?"
    r"(?:\s*[-–—:|]\s+|\s+)(?=[A-Z\"“‘])"
)
# "1 Man arrested after police chase": a list's rank without its full stop, only in a run of numbered lines (the
# line above holds the rank before it or the line below the rank after it), so that "10 Downing Street said ..."
# opening a paragraph keeps its number.
_RANK = re.compile(r"(\d{1,2}) (?=[A-Z])")
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
# What ends a line, after the sentence: the label of a block stands on a line of its own.
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
# The furniture that opens a paragraph and takes the rest of it: an author bio ("She previously worked at ..."), a
# correction ("That figure applies to Northumbria only."), an advertisement ("Book by Friday and save 20%."), a press
# release's "About X:" paragraph and the desk's note on a transcript ("It has been lightly edited for clarity.").
# A writer's bio gives years and dates ("has covered football for 15 years", "since 2016"), not the figures of news.
_NEWS_FIGURES = frozenset(["count", "money", "percent", "quantity", "rate", "score", "multiple", "rank"])
_TAKES_PARAGRAPH = frozenset(("author_bio", "correction", "advertisement", "about", "editor_note"))


def extract_claims(text: str, *, published: date | None = None, threshold: float = THRESHOLD) -> list[Claim]:
    # The furniture and opinion rules' words are looked for once in the whole article, not in every sentence.
    words = ArticleWords(text)
    headline = headline_end(text)
    candidates = []
    # What the article has stated so far, for a question that only repeats it ("Is it worth the extra $100?").
    stated: list[Fact] = []
    previous_end = 0
    in_paragraph = False
    # Under a block's label: sentences that start before block_end are the block's, and in_section holds to the next
    # heading (see boilerplate.block_reach).
    block_end = 0
    in_section = False
    question_line = False
    line_start = 0
    line_above = None
    for sentence in split_sentences(text):
        start = sentence.start
        line_breaks = text.count("\n", previous_end, start)
        new_paragraph = previous_end == 0 or line_breaks > 0
        if new_paragraph:
            # The line just above, when no blank line stands between: a credit on a line of its own closes it.
            line_above = line_start if line_breaks == 1 else None
            line_start = start
        previous_end = sentence.end
        sentence_text = text[start : sentence.end]
        if sentence_text and sentence_text[-1] in _SUPERSCRIPTS:
            # "... on Thursday.¹": the footnote's mark is not part of the claim.
            sentence_text = sentence_text.rstrip(_SUPERSCRIPTS)
        if new_paragraph:
            after_question, question_line = question_line, sentence_text[:1] == "Q"
            start, sentence_text = _without_markers(text, start, sentence_text, after_question)
        if start < headline:
            furniture = "heading"
        else:
            furniture = page_furniture(sentence_text, rule_words=words.furniture_words_in(start, sentence.end))
        if new_paragraph:
            in_paragraph = furniture in _TAKES_PARAGRAPH
            if furniture and _LINE_END.match(text, sentence.end):
                if in_section and furniture in ("heading", "label"):
                    in_section = False
                reach = block_reach(sentence_text)
                if reach == "section" and about_section_applies(sentence_text, text, sentence.end):
                    in_section = True
                elif reach == "list":
                    # The links or items right under the label (see boilerplate.list_block_end).
                    block_end = list_block_end(text, sentence_text, _LINE_END.match(text, sentence.end).end())
        if furniture == "call_to_action" and _states_figures(sentence_text):
            furniture = None  # "If you commute, leave earlier: trains will take up to 20 minutes longer."
        if not furniture and (in_section or start < block_end):
            furniture = "block"
        if furniture == "credit":
            # "Firefighters at the scene on Tuesday. (AP Photo/Ana Ruiz)": a line that ends with a photo credit is a
            # caption, the sentences before the credit included; so is the line right above a credit that stands on
            # a line of its own ("Xiaomi 12 Pro cameras in blue" / "(Image credit: Xiaomi)").
            caption_start = line_above if sentence.start == line_start and line_above is not None else line_start
            while candidates and candidates[-1][1] >= caption_start:
                candidates.pop()
        if furniture or in_paragraph:
            continue
        facts = _statement_facts(sentence_text, start, published, words, stated)
        if facts is not None:
            candidates.append((sentence_text, start, facts))
            stated += facts
    # Scored in a pass of their own: the scorer's weight tables, far bigger than a CPU cache, then stay in it from
    # one sentence to the next instead of being pushed out by the other stages' work in between.
    claims = [_scored(*candidate) for candidate in candidates]
    claims = [claim for claim in claims if claim.score >= threshold]
    # "Tom Ellery has covered Scottish football for more than 15 years. He previously worked for the Herald.": a
    # paragraph after the story's last claim that opens like a writer's bio is the bio, the rest of it included. A
    # paragraph with nothing but the headline above it is the story itself.
    while claims:
        line_start = text.rfind("\n", 0, claims[-1].start) + 1
        if not text[headline:line_start].strip() or not closing_bio(text[line_start : claims[-1].end]):
            break
        if any(fact.type in _NEWS_FIGURES for fact in claims[-1].facts):
            break  # "Auditor Mark Hale has reviewed the accounts and found £1.2m missing": news about a name
        claims.pop()
    return claims


def _states_figures(sentence_text: str) -> bool:
    """Whether a sentence holds the figures of news, not just a help line's number ("call 999") or a newsletter's
    "the day's biggest stories"."""
    return any(fact.type in _ADVICE_FIGURES for fact in extract_facts(sentence_text))


_ADVICE_FIGURES = frozenset(["count", "money", "percent", "quantity", "duration", "rate"])


def _without_markers(text: str, start: int, sentence_text: str, after_question: bool) -> tuple[int, str]:
    """The sentence that opens a line without its markers, which are not part of what is claimed: a live blog's
    time stamp, a list's marker or rank, a transcript's labels and a wire's dateline."""
    for pattern in (_LIVE_TIME, _BULLET, _ANSWER if after_question else None, _DATELINE):
        marker = pattern.match(sentence_text) if pattern is not None else None
        if marker and marker.end() < len(sentence_text):
            start += marker.end()
            sentence_text = sentence_text[marker.end() :]
    rank = _RANK.match(sentence_text) if sentence_text[:1].isdigit() else None
    if rank:
        number = int(rank.group(1))
        line_end = text.find("\n", start)
        above = text.rfind("\n", 0, max(start - 1, 0)) + 1
        if (line_end != -1 and _RANK.match(text, line_end + 1) and text.startswith(f"{number + 1} ", line_end + 1)) or (
            above < start and text.startswith(f"{number - 1} ", above) and _RANK.match(text, above)
        ):
            start += rank.end()
            sentence_text = sentence_text[rank.end() :]
    return start, sentence_text


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
    return _statement_facts(sentence_text, offset, published, words)


def _statement_facts(
    sentence_text: str,
    offset: int,
    published: date | None,
    words: ArticleWords | None,
    stated: Sequence[Fact] = (),
) -> list[Fact] | None:
    """The facts of a sentence that is not page furniture, or None when it is a question or opinion without any.

    ``stated`` holds the facts the text stated before the sentence.
    """
    end = offset + len(sentence_text)
    facts = extract_facts(sentence_text, offset=offset, published=published)
    opinion_words = words.opinion_words_in(offset, end) if words is not None and not facts else None
    if unclaimed_statement(sentence_text, facts, opinion_words=opinion_words, stated=stated):
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
