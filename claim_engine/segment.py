"""Sentence boundaries with character offsets into the text they came from.

Linear and single-pass: one compiled regex cuts the text into blocks (a line, joined with the next when the next is a
hard-wrapped continuation), another finds candidate sentence ends inside each block, and a few set look-ups around
each candidate decide. Python code runs per candidate, never per character.

News arrives with headlines, datelines, bylines and captions on lines of their own, so a line break always ends a
sentence unless the next line clearly continues it (starts in lower case after a line without closing punctuation).
"""

from __future__ import annotations

import re

from claim_engine.types import Sentence

_BLOCK = re.compile(r"[^\n]+(?:(?<![.!?:\"”’)\s])\n(?=[ \t]*[a-z])[^\n]+)*")

# A run of terminal punctuation (".", "?!", "...", ". . . ."), then closing quotes or brackets, then a space.
# "[.!?…][.!?…]*" rather than "[.!?…]+": the regex engine skips ahead to a pattern's first character only when the
# pattern opens with a character set, not with a repeat of one, and trying every position costs twice the scan.
_END = re.compile(r"[.!?…][.!?…]*(?: [.…]+)*[\"'”’)\]»]*(?=\s|$)")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[«]*([^\s\"'“”‘’()\[\]]*)")
_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"

# Abbreviations that stand before a name: a period after them never ends a sentence.
_PREPOSITIVE = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "mt",
        "ft",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "rev",
        "hon",
        "pres",
        "supt",
        "messrs",
        "mme",
        "mlle",
    ]
)
# Abbreviations that stand before a number ("p. 55", "No. 5", "Jan. 12"): no break before a digit.
_BEFORE_NUMBER = frozenset(
    [
        "p",
        "pp",
        "no",
        "nos",
        "n°",
        "vol",
        "vols",
        "fig",
        "figs",
        "art",
        "sec",
        "ch",
        "par",
        "ed",
        "eds",
        "op",
        "tel",
        "ext",
        "ca",
        "approx",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# Abbreviations that never end a sentence in practice.
_NEVER_FINAL = frozenset(["vs", "v", "e.g", "i.e", "cf", "viz", "al"])
# Abbreviations that end a name ("Warner Bros. Discovery's Max", "Acme Corp. shares"): a sentence ends after one only
# when a word that opens sentences follows ("He joined Acme Inc. The firm grew").
_NAME_ENDINGS = frozenset(["bros", "corp", "inc", "co", "cos", "ltd", "jr", "sr"])
# After an initialism such as "U.S." a capital letter usually starts a name ("U.S. Government"); these words
# are far more likely to start a new sentence.
_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "in",
        "on",
        "at",
        "but",
        "and",
        "however",
        "how",
        "what",
        "when",
        "where",
        "why",
        "who",
        "which",
        "after",
        "before",
        "as",
        "if",
        "so",
        "some",
        "many",
        "most",
        "all",
        "one",
        "two",
        "its",
        "mr",
        "mrs",
        "ms",
        "dr",
        "meanwhile",
        "also",
        "later",
        "earlier",
        "then",
        "still",
        "yet",
        "while",
        "although",
        "though",
        "since",
        "for",
        "according",
    ]
)
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# A caption credit run into the caption before it ("... at the booth Image: Jane Doe.") starts a sentence of its own.
_CREDIT = re.compile(r"(?<=\S)[ \t]+(?=(?:Image|Photo|Picture|Photograph)(?: credit| courtesy)?s?:\s)")
# _CREDIT opens with a look-behind, so the engine tries it at every character; its words are quick to look for first.
_CREDIT_WORD = re.compile("Image|Photo|Picture")
_LIST_START = re.compile(r"[ \t]*(?P<bullet>[•⁃▪‣◦])?[ \t]*(?:(?P<label>\d{1,3}|[a-z])(?P<punct>\.\)|\.|\)))?\s")


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for block in _BLOCK.finditer(text):
        start = block.start()
        for end in _block_boundaries(text, block.start(), block.end()):
            _append_trimmed(text, start, end, sentences)
            start = end
        _append_trimmed(text, start, block.end(), sentences)
    return sentences


def _block_boundaries(text: str, block_start: int, block_end: int) -> list[int]:
    markers, forced = _list_markers(text, block_start, block_end)
    cuts = set(forced)
    if _CREDIT_WORD.search(text, block_start, block_end):
        cuts.update(match.end() for match in _CREDIT.finditer(text, block_start, block_end))
    sentence_start = block_start
    for match in _END.finditer(text, block_start, block_end):
        if match.end() >= block_end or (markers and any(a <= match.start() < b for a, b in markers)):
            continue
        cut = _cut_after(text, match, sentence_start, block_end)
        if cut is not None:
            cuts.add(cut)
            sentence_start = cut
    return sorted(cuts)


def _cut_after(text: str, match: re.Match, sentence_start: int, block_end: int) -> int | None:
    """Where the sentence ends if the punctuation in ``match`` ends one, else None."""
    next_word = _NEXT_WORD.match(text, match.end(), block_end).group(1)
    if not next_word:
        return None
    first = next_word[0]
    # A dash does not open a sentence: "SAN FRANCISCO, Calif. -- The ..." is a dateline and its story.
    if first in "-–—":
        return None
    # "iPhone", "eBay" start sentences although their first letter is lower case.
    if first.islower() and not (len(next_word) > 1 and next_word[1].isupper()):
        return None
    run = match.group().rstrip(_CLOSERS)
    if "!" in run or "?" in run:
        return match.end()
    dots = run.count(".") + 3 * run.count("…")
    if dots > 1:
        return _cut_after_ellipsis(text, match, run, dots, next_word)
    word_start = text.rfind(" ", sentence_start, match.start()) + 1
    word_start = max(word_start, text.rfind("\n", sentence_start, match.start()) + 1, sentence_start)
    word = text[word_start : match.start()].lstrip(_OPENERS)
    lower = word.lower()
    if lower in _PREPOSITIVE or lower in _NEVER_FINAL:
        return None
    if lower in _NAME_ENDINGS and next_word.rstrip(".,").lower() not in _SENTENCE_STARTERS:
        return None
    if first.isdigit() and (lower in _BEFORE_NUMBER or (len(word) == 1 and word.islower())):
        return None
    if len(word) == 1 and word.isupper():
        return match.end() if _ends_with_pronoun_i(text, word, word_start, sentence_start) else None
    if "." in word and _INITIALISM.fullmatch(word):
        words_so_far = text.count(" ", sentence_start, match.start()) + 1
        if next_word.rstrip(".,").lower() in _SENTENCE_STARTERS and words_so_far > 3:
            return match.end()
        return None
    return match.end()


def _ends_with_pronoun_i(text: str, word: str, word_start: int, sentence_start: int) -> bool:
    # "you and I. Did" ends a sentence; "Albert I. Jones" and "Jonas E. Smith" do not.
    if word != "I":
        return False
    before = text[sentence_start:word_start].split()
    return bool(before) and not before[-1][:1].isupper()


def _cut_after_ellipsis(text: str, match: re.Match, run: str, dots: int, next_word: str) -> int | None:
    # "compounds. . . . The": the first period ends the sentence and the ellipsis opens the next one.
    if run.startswith(". ") and match.start() > 0 and not text[match.start() - 1].isspace():
        return match.start() + 1
    # Four dots are an ellipsis plus a full stop; a three-dot ellipsis marks an omission inside a sentence unless
    # a word that typically opens a sentence follows ("[...] However, ..."). "I" is too ambiguous to count.
    if dots >= 4 or (next_word != "I" and next_word.rstrip(",").lower() in _SENTENCE_STARTERS):
        return match.end()
    return None


def _list_markers(text: str, block_start: int, block_end: int) -> tuple[list[tuple[int, int]], list[int]]:
    """Spans of list markers ("1.", "b)", "•") in a block that starts a list, and the cuts before each later item."""
    first = _LIST_START.match(text, block_start, block_end)
    if not first or not (first.group("bullet") or first.group("label")):
        return [], []
    markers = [(first.start(), first.end())]
    cuts: list[int] = []
    if first.group("bullet"):
        item = re.compile(r"(?<=\s)" + re.escape(first.group("bullet")) + r"[ \t]*(?:(?:\d{1,3}|[a-z])(?:\.\)|\.|\)))?")
        for match in item.finditer(text, first.end(), block_end):
            markers.append(match.span())
            cuts.append(match.start())
        return markers, cuts
    label, punct, position = first.group("label"), first.group("punct"), first.end()
    while True:
        label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
        item = re.compile(r"(?<=\s)(?:[•⁃▪‣◦][ \t]*)?" + re.escape(label + punct) + r"\s")
        match = item.search(text, position, block_end)
        if not match:
            return markers, cuts
        markers.append(match.span())
        cuts.append(match.start())
        position = match.end()


def _append_trimmed(text: str, start: int, end: int, out: list[Sentence]) -> None:
    # strip() trims what isspace() calls space, in C: cheaper than walking the ends a character at a time.
    kept = text[start:end].rstrip()
    if kept:
        out.append(Sentence(start + len(kept) - len(kept.lstrip()), start + len(kept)))
