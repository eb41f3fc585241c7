"""Claim kind from Full Fact's typology, and the lexical cues the scorer weighs, by deterministic rules.

Rules are phrases over the sentence's normalised words, matched in one pass through a first-word index: far cheaper
than a dozen case-insensitive regexes over the raw text, which the engine's speed budget cannot afford.

Every kind rule that fires becomes a reason (``kind:prediction(will)``), so a reviewer sees why; the kind itself is
the first in ``_PRECEDENCE`` that fired. Whether a claim is a prediction or a causal claim decides how it can be
checked more than the numbers inside it do, so those come before quantity; attribution comes last because news
quotes wrap every other kind of claim.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from itertools import compress, count

from claim_engine.types import Fact

# News typography folded to the ASCII of the debate transcripts the scorer was trained on.
TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# Words (with any clitics attached: split off afterwards, and only when the text has an apostrophe), numbers, and
# the symbols that carry meaning. Case is kept for the scorer's shape token and folded later, once per distinct word.
TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,]\d+)*|[%$€£?!]")
# The same tokens on ASCII text (nearly all of it), found a third faster: ranges, not Unicode category tests.
ASCII_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+(?:[.,][0-9]+)*|[%$?!]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_QUOTE = re.compile(r"[\"“][^\"”]{12,}[\"”]")
_LEADING_FILLERS = frozenset({"well", "and", "but", "so", "now", "look", ","})
# Capitalised words that are not names, which the scorer keeps as words rather than folding into ``<cap>``.
_NOT_NAMES = frozenset(
    (
        *("i", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october"),
        *("november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    )
)
# Bounds the per-word caches; news vocabulary is open, and an unbounded dict would grow with every article.
_CACHE_LIMIT = 100_000


def raw_tokens(text: str) -> list[str]:
    """The sentence's tokens as written (typography folded), for ``word_forms`` and ``model_words``."""
    if text.isascii():
        tokens = ASCII_TOKEN.findall(text)
    else:
        text = text.translate(TYPOGRAPHY)
        tokens = TOKEN.findall(text)
    return split_clitics(tokens) if "'" in text else tokens


def split_clitics(tokens: list[str]) -> list[str]:
    # As the transcripts' tokenisers do: "we'll" -> we 'll, "don't" -> do n't.
    split: list[str] = []
    for token in tokens:
        if "'" not in token:
            split.append(token)
        elif token[-3:].lower() == "n't" and len(token) > 3:
            split += (token[:-3], token[-3:])
        else:
            apostrophe = token.index("'")
            split += (token[:apostrophe], token[apostrophe:])
    return split


class _WordForms(dict):
    """Token as written -> normalised word, computed on first sight: a sentence then costs one look-up per token."""

    def __init__(self, *, names_as_shape: bool) -> None:
        super().__init__()
        self._names_as_shape = names_as_shape

    def __missing__(self, token: str) -> str:
        if token[0].isdigit():
            form = _number_placeholder(token)
        else:
            form = token.lower()
            if self._names_as_shape and token[0].isupper() and form not in _NOT_NAMES:
                form = "<cap>"
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        self[token] = form
        return form


_LOWERED = _WordForms(names_as_shape=False)
_SHAPED = _WordForms(names_as_shape=True)


def word_forms(tokens: list[str]) -> list[str]:
    """Lower-cased words with numbers replaced by ``<num>`` or ``<year>``."""
    return list(map(_LOWERED.__getitem__, tokens))


def model_words(tokens: list[str]) -> list[str]:
    """``word_forms``, except that capitalised words after the first (names, mostly) become ``<cap>``."""
    words = list(map(_SHAPED.__getitem__, tokens))
    if words:
        words[0] = _LOWERED[tokens[0]]
    return words


def shaped_form(token: str) -> str:
    """One token as ``model_words`` gives it anywhere but first."""
    return _SHAPED[token]


def tokenize(text: str) -> list[str]:
    """Lower-cased words with numbers replaced by ``<num>`` or ``<year>``."""
    return word_forms(raw_tokens(text))


def _number_placeholder(word: str) -> str:
    return "<year>" if len(word) == 4 and _YEAR.fullmatch(word) else "<num>"


def _each(words: str) -> tuple[str, ...]:
    return tuple(words.split())


def _verb_objects(verbs: str, objects: str) -> tuple[str, ...]:
    return tuple(f"{verb} the {obj}" for verb in verbs.split() for obj in objects.split())


_ORDINALS = _each("first second third fourth fifth sixth seventh eighth ninth tenth")
_SUPERLATIVES = _each(
    "largest biggest highest lowest fastest slowest greatest smallest oldest newest youngest longest shortest "
    "strongest weakest richest poorest cheapest deadliest busiest heaviest widest best worst"
)

# kind -> label -> phrases (space-separated normalised words).
KIND_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "prediction": {
        "will": ("will", "'ll", "shall", "wo n't"),
        "going_to": ("is going to", "are going to", "am going to", "'re going to", "'s going to", "'m going to"),
        "set_to": tuple(
            f"{verb}{negation} {word} to"
            for verb in ("is", "are")
            # "is not expected to launch before the 2040s" forecasts as much as "is expected to" does.
            for negation in ("", " not", " n't")
            for word in ("set", "expected", "likely", "poised", "projected", "forecast", "due")
        ),
        "plans_to": ("plans to", "plan to", "intends to", "aims to"),
        "forecast": (
            "forecast",
            "forecasts",
            "predict",
            "predicts",
            "projection",
            "projections",
            "upcoming",
            "expect",
            "expects",
        ),
        "next": ("next year", "next month", "next week", "next decade", "next quarter"),
    },
    "causation": {
        "because": ("because", "due to", "as a result", "thanks to", "owing to"),
        "causes": (
            "cause",
            "causes",
            "caused",
            "causing",
            "led to",
            "leads to",
            "lead to",
            "result in",
            "results in",
            "resulted in",
            "responsible for",
        ),
        "effect": _verb_objects(
            "increase increases increased raise raises raised reduce reduces reduced lower lowers lowered "
            "cut cuts boost boosts boosted",
            "risk chance number cost rate",
        ),
        "linked": ("linked to", "associated with", "correlated", "correlation", "correlates"),
    },
    "rule": {
        "law": ("law", "laws", "legislation", "statute", "constitution", "act of congress", "act of parliament"),
        "legal": ("legal", "illegal", "legally", "illegally", "unconstitutional", "lawful", "unlawful"),
        "regulation": (
            "regulation",
            "regulations",
            "rule",
            "rules",
            "ban",
            "bans",
            "banned",
            "mandatory",
            "mandate",
            "mandates",
            "mandated",
            "required by",
            *("abolished", "abolishes", "outlawed", "outlaws", "prohibited", "prohibits", "exempt", "exempted"),
            *("is required to", "are required to", "will be required to", "are entitled to", "is entitled to"),
            *("may not be", "will no longer be able to", "no longer be allowed to"),
        ),
        # "Bill" alone is as often a name; a determiner makes it legislation.
        "bill": ("the bill", "a bill", "this bill", "that bill", "treaty", "executive order", "signed into law"),
    },
    "comparison": {
        "than": ("than",),
        "as_many_as": ("as many as", "as much as"),
        "superlative": ("the most", "the least", *_SUPERLATIVES),
        "rank": tuple(f"{ordinal} {word}" for ordinal in _ORDINALS for word in ("largest", "biggest", "place")),
        "change": (
            "doubled",
            "tripled",
            "halved",
            "rose by",
            "fell by",
            "grew by",
            "increased by",
            "decreased by",
            "up from",
            "down from",
            "went up",
            "went down",
        ),
    },
    "personal": {
        "experience": (
            *(
                f"i {verb}"
                for verb in ("was", "grew up", "saw", "met", "lived", "worked", "remember", "went", "visited")
            ),
            "i have been",
            "i 've been",
        ),
        "my_life": tuple(
            f"my {noun}"
            for noun in ("family", "father", "mother", "wife", "husband", "son", "daughter", "life", "career")
        ),
    },
    "event": {
        "happened": (
            *_each(
                "launched announced released unveiled signed elected won lost died killed arrested happened occurred "
                "visited began ended started opened closed founded introduced confirmed revealed appointed resigned "
                "attacked invaded voted"
            ),
            "took place",
            "met with",
        ),
    },
    "attribution": {
        "said": _each("said says told stated claimed claims wrote added explained insisted argued admitted denied"),
        "according_to": ("according to",),
    },
}

# cue -> phrases. The scorer uses every cue as a feature; some also appear in its reasons.
CUE_PHRASES: dict[str, tuple[str, ...]] = {
    "opinion_marker": (
        *(f"i {verb}" for verb in ("think", "believe", "feel", "hope", "guess", "suppose", "know", "want")),
        "in my opinion",
        "in my view",
        "frankly",
    ),
    "promise": (
        *(f"{who} {verb}" for who in ("i", "we") for verb in ("'ll", "will", "would")),
        "i am going to",
        "i 'm going to",
        "we are going to",
        "we 're going to",
    ),
    "has_number": ("<num>", "<year>"),
    "percent": ("%", "percent", "per cent"),
    "money": ("$", "€", "£", "dollars", "euros", "pounds", "billion", "million", "trillion"),
    "year": ("<year>",),
    "past_tense_fact": ("was", "were", "did", "has been", "have been", "had"),
    "comparative": ("more", "less", "fewer", "higher", "lower", "than", "most", "least", *_SUPERLATIVES),
    "second_person": ("you",),
    "obligation": ("should", "must", "ought", "need to", "have to"),
}

# A quotation, to its closing mark or, when a quote runs on into the next sentence, to the end.
_QUOTED = re.compile(r"[\"“‘][^\"”’]*(?:[\"”’]|$)")
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s)\b")
_PRECEDENCE = ("prediction", "causation", "rule", "comparison", "quantity", "personal", "event", "attribution")
_NOT_COMPARISON_BEFORE_THAN = frozenset({"rather", "other"})
# "will report results in late January": results given at a time, not something that "results in" an outcome.
_TIME_AFTER_RESULTS_IN = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august", "september", "october"),
        *("november", "december", "late", "early", "mid", "<year>", "spring", "summer", "autumn", "winter"),
    }
)

# Fact types that make a sentence a quantity or a comparison claim on their own.
_QUANTITY_FACTS = frozenset(
    {"number", "quantity", "percent", "money", "duration", "count", "sensor_format", "score", "rate", "age"}
)
_COMPARISON_FACTS = frozenset({"comparison", "superlative", "rank", "multiple"})


def _build_phrase_starts() -> dict[str, dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]]:
    """First word -> word after it -> the phrases to try there, in rule order, as (words after those two, key, value).

    The key is the kind or cue a phrase signals and the value what a match records: the kind's reason, or the cue.
    Under "" are the phrases of one word, which the other lists repeat, so that one look-up of the next word settles
    which phrases can match. Words are interned, so that the scorer's interned words hit on identity.
    """
    phrases: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}

    def add(rule_phrases: Iterable[str], key: str, value: str) -> None:
        for phrase in rule_phrases:
            first, *rest = map(sys.intern, phrase.split())
            phrases.setdefault(first, []).append((tuple(rest), key, value))

    for kind, labels in KIND_PHRASES.items():
        for label, rule_phrases in labels.items():
            add(rule_phrases, kind, f"kind:{kind}({label})")
    for cue, rule_phrases in CUE_PHRASES.items():
        add(rule_phrases, cue, cue)
    starts = {}
    for first, entries in phrases.items():
        seconds = {rest[0] for rest, _, _ in entries if rest}
        by_next = {
            second: tuple((rest[1:], key, value) for rest, key, value in entries if not rest or rest[0] == second)
            for second in seconds
        }
        by_next[""] = tuple((rest, key, value) for rest, key, value in entries if not rest)
        starts[first] = by_next
    return starts


_PHRASE_STARTS = _build_phrase_starts()
_SIGNAL_NAMES = {
    **{f"kind:{kind}({label})": (f"kind:{kind}", label) for kind, labels in KIND_PHRASES.items() for label in labels},
    **{cue: (f"cue:{cue}", cue) for cue in CUE_PHRASES},
}


def match_phrases(words: tuple[str, ...]) -> dict[str, str]:
    """Kind or cue -> the kind's reason (``kind:prediction(will)``) or the cue, for every rule that fires in ``words``.

    A kind takes the label of its phrase that starts first. Only the positions where some phrase starts are visited.
    """
    fired: dict[str, str] = {}
    last = len(words) - 1
    for position in compress(count(), map(_PHRASE_STARTS.__contains__, words)):
        word = words[position]
        if word == "than" and position and words[position - 1] in _NOT_COMPARISON_BEFORE_THAN:
            continue
        if word == "results" and words[position + 2 : position + 3] and words[position + 2] in _TIME_AFTER_RESULTS_IN:
            continue
        by_next = _PHRASE_STARTS[word]
        candidates = by_next.get(words[position + 1], by_next[""]) if position < last else by_next[""]
        for tail, key, value in candidates:
            if key in fired or (tail and words[position + 2 : position + 2 + len(tail)] != tail):
                continue
            fired[key] = value
    return fired


def match_signals(words: Sequence[str]) -> dict[str, str]:
    """Every signal (``kind:<kind>`` or ``cue:<cue>``) whose phrase occurs in ``words``, with its label."""
    return dict(_SIGNAL_NAMES[value] for value in match_phrases(tuple(words)).values())


def starts_in_first_person(words: Sequence[str]) -> bool:
    for word in words[:3]:
        if word not in _LEADING_FILLERS:
            return word == "i"
    return False


def detect_kind(text: str, facts: Sequence[Fact], phrases: dict[str, str] | None = None) -> tuple[str, tuple[str, ...]]:
    """The claim's kind and one reason per kind rule that fired. ``phrases`` (from ``match_phrases``) saves a second
    tokenisation."""
    if phrases is None:
        phrases = match_phrases(tuple(tokenize(text)))
    return kind_of(text, {fact.type for fact in facts}, phrases)


def kind_of(text: str, fact_types: set[str], phrases: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """``detect_kind`` for a caller that already has the sentence's fact types and ``match_phrases``."""
    fired = phrases
    if "attribution" not in fired and ('"' in text or "“" in text) and _QUOTE.search(text):
        fired = {**fired, "attribution": "kind:attribution(quote)"}
    if "personal" in fired and "attribution" in fired and _FIRST_PERSON.search(_QUOTED.sub("", text)) is None:
        # '…said the decision was "the hardest of my career"': the first person is all inside a quote that the
        # sentence attributes to someone; what can be checked is that it was said.
        fired = {kind: reason for kind, reason in fired.items() if kind != "personal"}
    if fact_types:
        fired = dict(fired)
        comparison_facts = sorted(fact_types & _COMPARISON_FACTS)
        if comparison_facts and "comparison" not in fired:
            fired["comparison"] = f"kind:comparison(fact_{comparison_facts[0]})"
        quantity_facts = sorted(fact_types & _QUANTITY_FACTS)
        if quantity_facts:
            fired["quantity"] = f"kind:quantity(fact_{quantity_facts[0]})"
        elif "date" in fact_types and "event" not in fired:
            fired["event"] = "kind:event(fact_date)"
    # Cues share the dict but never a kind's name, so both look-ups see kinds alone.
    return next(filter(fired.__contains__, _PRECEDENCE), "other"), tuple(filter(None, map(fired.get, _PRECEDENCE)))
