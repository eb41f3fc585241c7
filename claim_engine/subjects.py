"""What a fact is about: a short noun phrase found next to the quantity, by light heuristics.

Facts are later matched across articles by (type, unit, subject), so subjects are kept short (one or two words, plus
"with <Name>" for partnerships) and in the words of the text; the matcher lower-cases them.
"""

from __future__ import annotations

import re

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "and",
        "or",
        "but",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "shall",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "this",
        "these",
        "those",
        "it",
        "its",
        "as",
        "than",
        "then",
        "there",
        "their",
        "they",
        "he",
        "she",
        "we",
        "you",
        "i",
        "not",
        "no",
        "so",
        "if",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "around",
        "after",
        "before",
        "since",
        "until",
        "while",
        "when",
        "where",
        "what",
        "how",
        "up",
        "down",
        "out",
        "off",
        "per",
        "each",
        "every",
        "more",
        "most",
        "less",
        "least",
        "very",
        "also",
        "just",
        "only",
        "even",
        "still",
        "such",
        "said",
        "says",
        "according",
        "do",
        "does",
        "did",
        "today",
        "yesterday",
        "tomorrow",
        "now",
        "soon",
        "recently",
        "ago",
        "already",
        "again",
        "last",
        "next",
        "north",
        "south",
        "east",
        "west",
        "nationwide",
        "worldwide",
        "overall",
        "annually",
        "respectively",
        "twice",
        "once",
        # Where an amount stands, not what it is of: "£11,000 below the peak", "4% higher than".
        *("below", "above", "beyond", "behind", "ahead", "against", "among", "through", "across", "toward"),
        *("towards", "within", "without", "including", "compared", "plus", "minus", "higher", "lower", "apart"),
        *("earlier", "later", "back", "away", "faster", "slower", "outside", "inside"),
        # A number word starts a figure of its own ("up from 6.4% two years earlier"), not the noun of this one.
        *("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "hundred", "dozen"),
    ]
)
# Verbs of news copy that are hardly ever nouns: a noun phrase ends before one ("three in five residents said") and
# no noun is looked for behind one ("fell to 8.2 per 100,000").
_VERBS = frozenset(
    [
        *("fell", "rose", "grew", "climbed", "reached", "lasted", "stood", "totalled", "totaled", "increased"),
        *("decreased", "jumped", "surged", "slumped", "declined", "plunged", "soared", "gained", "shrank"),
        *("doubled", "tripled", "halved", "lived", "earned", "received", "killed", "injured", "remained"),
        *("became", "becomes", "went", "came", "told", "showed", "grows", "ran", "accounted", "represents"),
        *("represented", "makes", "made", "took", "gets", "got", "spent", "spends", "paid", "pays", "sold"),
        *("sells", "bought", "buys", "added", "lost", "dropped", "remains", "died", "dies", "won", "says", "aged"),
        *("kept", "keep", "left", "gave", "held", "said", "saw", "began", "built", "brought", "thought", "found"),
        *("met", "led", "chose", "wrote", "felt", "quit", "joined", "voted", "agreed", "refused", "signed"),
        *("struck", "shook", "swept"),
        # "The display peaks at 3,000 nits", "the car tops 150mph": a verb, not what the amount is of.
        *("peaks", "peaked", "tops", "topped", "weighs", "lasts", "reaches", "charged"),
    ]
)
# Before an amount these are verbs of a change or a price ("had risen to $2.1 billion", "starts at $38,995"), though
# after one they are nouns ("a 5% rise").
_VERBS_BEFORE_AN_AMOUNT = frozenset(
    [
        *("rise", "risen", "fall", "fallen", "grow", "grown", "starts", "started", "start", "hit", "recovered"),
        *("rebounded", "pushed", "slid", "sank", "eased", "edged", "ticked", "crept"),
    ]
)
# Nouns in -ly, among the adverbs ("recovered slightly to $61,300") that are never what an amount is of.
_NOUNS_IN_LY = frozenset(["family", "supply", "assembly", "monopoly", "rally", "ally", "belly", "jelly", "anomaly"])
# Words that are nouns at the head of a phrase ("200 lives", "120 runs", "TV shows") but verbs after one ("the
# population lives in cities", "the deal runs for six years").
_VERBS_AFTER_NOUN = frozenset(["lives", "runs", "works", "shows", "stands", "lasts", "rises", "falls", "costs", "hits"])
_PLURAL_FOLLOWS = re.compile(r"\s+[a-z]{2,}[^s\W]s\b")
_TOKEN = re.compile(r"[\s\-–]*([A-Za-z][\w'’\-]*)")
_PARTNER = re.compile(r"\s+(?:with|between)\s+([A-Z][\w\-]*(?:\s+(?:and\s+)?[A-Z][\w\-]*)?)")
# "partnership with Huawei for the last", "sensor at": the noun a trailing quantity belongs to.
_BEFORE = re.compile(
    r"\b([a-z][a-z\-]+)(?:\s+with\s+([A-Z][\w\-]*))?\s+(?:for|over|during|of|at|in|with|to|is|was|by)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+)?(?:last\s+|past\s+|previous\s+|next\s+|first\s+)?$"
)
_AMOUNT_WORDS = frozenset(
    [
        *("points", "point", "percent", "cent", "billion", "million", "thousand", "trillion", "hundred", "bn"),
        *("pounds", "dollars", "euros", "pence", "cents", "times", "fold", "overnight", "here", "there", "inside"),
        *("outside", "faster", "slower", "because"),
    ]
)
_TIME_WORDS = frozenset(["years", "months", "weeks", "days", "hours", "minutes", "year", "month", "week", "day"])
_NOUNS_IN_ING = frozenset(
    [
        *("funding", "spending", "housing", "building", "training", "meeting", "financing", "borrowing", "lending"),
        *("pricing", "polling", "parking", "shipping", "clothing", "advertising", "marketing", "manufacturing"),
        *("mining", "banking", "farming", "fishing", "ceiling", "ranking", "rating", "offering", "holding", "ruling"),
        *("hearing", "sentencing", "opening", "ending", "beginning", "morning", "evening", "recording", "filing"),
        *("listing", "booking", "saving", "heating", "lighting", "screening", "testing", "tracking", "warning"),
    ]
)
_NOUNS_IN_ED = frozenset(["hundred", "speed", "need", "seed", "bed", "feed", "breed", "greed", "shed", "creed", "red"])
_NOUN_FOLLOWS = re.compile(r"[\s\-–]+(?!(?:in|on|at|by|for|to|of|from|with|and|or|as|since|after|over)\b)[a-z]")
_LASTING_VERBS = frozenset(["runs", "ran", "lasts", "lasted", "continues", "continued", "spans", "spanned", "stood"])
_NOUN_BEFORE_VERB = re.compile(r"\b([a-z][a-z\-]+)(?:\s+with\s+([A-Z][\w\-]*))?\s+$")
_EVENTS = (
    ("launch", "launch"),
    ("releas", "release"),
    ("announc", "announcement"),
    # "founded", "founder", "founding", but not "found guilty".
    ("founde", "founding"),
    ("foundi", "founding"),
    ("introduc", "introduction"),
    ("ship", "shipping"),
    ("open", "opening"),
    ("begin", "start"),
    ("began", "start"),
    ("start", "start"),
    ("end", "end"),
    ("elect", "election"),
)
_EVENT_WORD = re.compile(r"\b(" + "|".join(stem for stem, _ in _EVENTS) + r")[a-z]*\b", re.I)
_NAME_AFTER_COMMA = re.compile(r"\s*,\s*((?:[A-Z][\w\-]*\s+){0,2}[A-Z][\w\-]*)")


def noun_after(text: str, position: int, *, skip_names: bool = False, limit: int = 2) -> tuple[str | None, int]:
    """The lower-case noun phrase starting at ``position`` ("sensor", "smartphone manufacturer") and where it ends.

    With ``skip_names`` it first steps over up to three capitalised or model tokens ("ISOCELL HP1 sensor").
    """
    words: list[str] = []
    skipped = 0
    phrase_end = position
    # Tokens are taken only while each starts where the last ended: match() at each position, which unlike
    # finditer() does not search the rest of the sentence for a token once the phrase has ended.
    while (match := _TOKEN.match(text, position)) is not None:
        word = match.group(1)
        position = match.end()
        # "9.3 million paid subscribers", "5,000 lost jobs": a verb's participle before a plural qualifies it.
        modifies = not words and word in _VERBS and _PLURAL_FOLLOWS.match(text, position) is not None
        if word.lower() in STOP_WORDS or (word in _VERBS and not modifies) or (words and word in _VERBS_AFTER_NOUN):
            break
        if not word.islower():
            if words or not skip_names or skipped >= 3:
                break
            skipped += 1
            continue
        # "15% contained,", "50,000 hectares burned in a week": a participle that no noun follows is a verb.
        if not words and word.endswith("ed") and not _NOUN_FOLLOWS.match(text, position):
            break
        words.append(word)
        phrase_end = position
        # A plural is nearly always the head ("two companies signed"): what follows it is the verb.
        if len(words) >= limit or is_plural(word):
            break
    return " ".join(words) or None, phrase_end


_NOT_PLURAL = frozenset(["overseas", "series", "news", "species", "lens", "always", "whereas", "perhaps"])


def is_plural(word: str) -> bool:
    if word in ("people", "children", "men", "women"):
        return True
    # "overseas markets", "series", "news": an ending in s that is no plural.
    return word.endswith("s") and not word.endswith(("ss", "us")) and word not in _NOT_PLURAL


def partner_after(text: str, position: int) -> str | None:
    """ " with Huawei" right after a noun phrase, as "with Huawei"."""
    match = _PARTNER.match(text, position)
    return f"with {match.group(1)}" if match else None


def noun_before(text: str, position: int) -> str | None:
    """The noun a quantity at the end of a phrase belongs to: "partnership with Huawei for the last [four years]"."""
    match = _BEFORE.search(text, max(0, position - 80), position)
    if match and match.group(1) in _LASTING_VERBS:
        # "the partnership with Huawei runs for six years": the noun stands before the verb.
        match = _NOUN_BEFORE_VERB.search(text, max(0, position - 80), match.start(1))
    if (
        not match
        or match.group(1) in STOP_WORDS
        or match.group(1) in _VERBS
        or match.group(1) in _VERBS_BEFORE_AN_AMOUNT
    ):
        return None
    if match.group(1).endswith("ly") and match.group(1) not in _NOUNS_IN_LY:
        return None  # "recovered slightly to", "rose sharply by": an adverb
    if match.group(1) in _TIME_WORDS:
        return None  # "rose over the past 12 months to £290,000": a span of time is not what the amount is of
    if match.group(1) in _AMOUNT_WORDS:
        return None  # "cut by 25 basis points to 4.10%", "$1.6 billion to $1.7 billion": the amount before, not a noun
    if match.group(1).endswith("ed") and match.group(1) not in _NOUNS_IN_ED:
        return None  # "jailed for eight years", "known for": a verb, not what the amount is of
    moves = match.group(1).endswith("ing") and text[match.end(1) : match.end(1) + 4] in (" to ", " by ")
    if moves and match.group(1) not in _NOUNS_IN_ING:
        return None  # "rising to £70m", "falling by 3%": a verb too
    return f"{match.group(1)} with {match.group(2)}" if match.group(2) else match.group(1)


def name_after_comma(text: str, position: int) -> str | None:
    """ "For over 100 years, Leica Camera has ...": the name the opening phrase is about."""
    match = _NAME_AFTER_COMMA.match(text, position)
    return match.group(1) if match else None


def event_before(text: str, position: int) -> str | None:
    """The event a date belongs to, from the nearest event verb or noun before it in the sentence."""
    found = None
    for match in _EVENT_WORD.finditer(text, max(0, position - 120), position):
        # "at the start of July", "by the end of the year" say when, not what happened.
        if not text.startswith(" of ", match.end()):
            found = match.group(1).lower()
    if found is None:
        return None
    return next(event for stem, event in _EVENTS if stem == found)


def noun_phrase_for(text: str, start: int, end: int, *, skip_names: bool = False) -> str | None:
    """Subject for a quantity spanning ``text[start:end]``: the noun it modifies, else the noun it trails."""
    noun, noun_end = noun_after(text, end, skip_names=skip_names)
    if noun:
        partner = partner_after(text, noun_end)
        return f"{noun} {partner}" if partner else noun
    return noun_before(text, start) or name_after_comma(text, end)
