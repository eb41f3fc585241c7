"""Sentences that are page furniture, not claims: credits, captions, bylines, bios, calls to action, headings.

``page_furniture`` needs only the sentence; ``unclaimed_statement`` also looks at its facts, because a question or an
opinion that carries a checkable fact is judged on that fact, while one without any is not a claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claim_engine.types import Fact

_CREDIT = re.compile(
    r"^\W*(?:top\s+)?(?:image|photo|picture|photograph|video|illustration)s?(?:\s+(?:credit|courtesy|by|source))?\b"
    r"|\((?:image|photo|picture)s?\s+(?:credit|courtesy|by|source)\b|^\W*(?:credit|source|courtesy)s?\s*:"
    r"|\b(?:getty images|shutterstock|reuters/|ap photo)\b",
    re.I,
)
_MORE = re.compile(
    r"^\W*(?:see|read|view|watch|show|load)\s+(?:more|also|all|full)\b|^\W*(?:advertisement|related)\b", re.I
)
_BYLINE = re.compile(
    r"^\W*[Bb]y\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"|^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3},\s+(?:[A-Z]?[a-z]+\s+){0,2}"
    r"(?i:writer|editor|reporter|correspondent|journalist|contributor|columnist)\b",
)
_BIO = re.compile(
    r"\b(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:editor|writer|reporter|journalist|correspondent|"
    r"contributor|columnist|blogger|foodie)\b|\bwho\s+(?:covers|writes\s+about|reports\s+on)\b"
    r"|\bfound\s+(?:an|a\s+keen|a\s+deep)\s+interest\s+in\b|\b(?:his|her|their)\s+(?:other\s+)?hobbies\b|\bin\s+(?:his|her)\s+(?:spare|free)\s+time\b",
    re.I,
)
_CALL_TO_ACTION = re.compile(
    r"^\W*(?:subscribe|sign\s+up|follow\s+us|follow\s+@|join\s+(?:us|our)|click|tap\s+here|download\s+(?:our|the\s+app)|"
    r"share\s+this|stay\s+tuned|don[’']t\s+miss|like\s+us|get\s+(?:our|the\s+latest))\b"
    r"|\b(?:subscribe\s+to\s+our|sign\s+up\s+for\s+our|follow\s+us\s+on)\b",
    re.I,
)
_CATEGORY = re.compile(r"^[^a-z]*$")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_OPINION = re.compile(
    r"\b(?:i|we)\s+(?:think|believe|feel|hope|love|hate)\b|\bin\s+(?:my|our)\s+(?:opinion|view)\b|\bworth\b"
    r"|\binteresting\b|\bexciting\b|\bamazing\b|\bawesome\b|\bimpressive\b|\bwe\s+(?:can|could)\s+expect\b",
    re.I,
)
_HEADING_MAX_WORDS = 6


def page_furniture(sentence: str) -> str | None:
    """Why a sentence is page furniture ("credit", "byline", ...), or None when it may be a claim."""
    stripped = sentence.strip()
    if _CREDIT.search(stripped):
        return "credit"
    if _MORE.search(stripped):
        return "see_more"
    if _BYLINE.search(stripped):
        return "byline"
    if _CALL_TO_ACTION.search(stripped):
        return "call_to_action"
    if _BIO.search(stripped):
        return "author_bio"
    if _CATEGORY.match(stripped):
        return "label"
    if not _TERMINAL.search(stripped) and _looks_like_heading(stripped):
        return "heading"
    return None


def _looks_like_heading(line: str) -> bool:
    # Headlines, section titles, datelines and tag lines come without closing punctuation and are either short or in
    # title case; a sentence-case headline of a full statement is left to the scorer.
    words = line.split()
    if len(words) <= _HEADING_MAX_WORDS:
        return True
    alphabetic = [word for word in words if word[:1].isalpha() and len(word) > 3]
    capitalised = sum(word[0].isupper() for word in alphabetic)
    return bool(alphabetic) and capitalised / len(alphabetic) >= 0.7


def unclaimed_statement(sentence: str, facts: Sequence[Fact]) -> str | None:
    """A rhetorical question or a pure opinion: nothing in it a reader could check."""
    if facts:
        return None
    stripped = sentence.rstrip("\"'”’) ")
    if stripped.endswith("?"):
        return "question"
    if _OPINION.search(sentence):
        return "opinion"
    return None
