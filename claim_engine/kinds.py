"""Claim kind from Full Fact's typology, and the lexical cues the scorer weighs, by deterministic rules.

Rules are phrases over the sentence's normalised words, matched in one pass through a first-word index: far cheaper
than a dozen case-insensitive regexes over the raw text, which the engine's speed budget cannot afford. The few words
whose phrases fire only in some company ("forecast" as a verb, not "beat forecasts"; "legal" said of something, not
"every legal ballot") are checked against their neighbours where they start (``_VETOED_BY_NEIGHBOURS``).

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
# Someone's words: a quote that opens the sentence, or one of four words or more. A shorter one inside the writer's own
# sentence is a name, a title or a scare quote ('Air-conditioned "climate shelters" will stay open', 'a cosplayer going
# by "The Katherinator"'), not words to attribute. An opening mark is followed by a word, so that a closing one is not
# taken to open the next quote ('"Unkept promises;" on another, "Despair."').
_QUOTE = re.compile(r"^\s*[\"“][^\"”]{12,}[\"”]|[\"“](?!\s)(?=(?:[^\"”\s]*\s){3})[^\"”]{12,}[\"”]")
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
# Verbs that "due to" puts on a timetable ("are due to end over the next year", "is due to meet on Thursday"): before
# anything else "due to" gives a cause ("was due to a fault", "is due to rising costs"). Words that are as often nouns
# after it ("close contact", "land shortages", "rule changes") are left out.
_SCHEDULED = _each(
    "be begin start end finish expire open reopen resume meet arrive leave depart return launch take hold host go come "
    "sit stand step retire resign testify speak appear visit travel fly face publish report announce unveil deliver "
    "decide vote sign complete conclude give make enter join hear receive become serve attend undergo submit run"
)
_WHEN = (
    *_each("<num> <year> january february march april may june july august september october november december"),
    *_each("monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter"),
)
# "over the next two years", "in the next 12 months", "in the coming weeks": a span still to come.
_SPAN_COUNTS = (
    *_each("<num> two three four five six seven eight nine ten twelve fifteen twenty thirty fifty few several"),
    "couple of",
)
_SPAN_UNITS = _each("years months weeks days hours decades quarters")

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
            for word in ("set", "expected", "likely", "poised", "projected", "forecast", "scheduled")
        )
        + tuple(f"{verb} due to {action}" for verb in ("is", "are") for action in _SCHEDULED)
        # "The next decision is due on August 7", "is due in March"; not "is due in part to", "is due on imports".
        + tuple(f"{verb} due {at} {when}" for verb in ("is", "are") for at in ("on", "in") for when in _WHEN),
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
        "next": (
            *("next year", "next month", "next week", "next decade", "next quarter"),
            *(f"next {number} {unit}" for number in _SPAN_COUNTS for unit in _SPAN_UNITS),
            *(f"coming {unit}" for unit in _SPAN_UNITS),
        ),
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
        # What a law lets someone do, or do to them: "the regulator may fine a company up to 10% of its turnover",
        # "drivers can be fined £100", "shops are allowed to open on Sundays". A past "was allowed to leave" tells
        # what happened once, not what a rule is. "fine" and "fined" count after "may" or "can" (``_not_allowed``),
        # which are too common to start phrases of their own.
        "allowed": (
            *("fine", "fined", "punishable by"),
            *(
                f"{verb}{negation} {word} to"
                for verb in ("is", "are")
                for negation in ("", " not", " n't")
                for word in ("allowed", "permitted")
            ),
        ),
        # "Bill" alone is as often a name; a determiner makes it legislation.
        "bill": ("the bill", "a bill", "this bill", "that bill", "treaty", "executive order", "signed into law"),
    },
    "comparison": {
        "than": ("than",),
        "as_many_as": ("as many as", "as much as"),
        # "the club's top scorer in a single season since 1987" ranks him above every other season's scorer.
        "superlative": ("the most", "the least", *_SUPERLATIVES, "top scorer", "top scorers", "leading scorer"),
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
        # One side beat the other by some measure: "outraised her rival by nearly three to one", "outnumber".
        "outdid": _each(
            "outraised outspent outnumbered outnumber outnumbers outsold outsells outscored outperformed outperform "
            "outperforms outpaced outpace outpaces outstripped outstrip outstrips outpolled outvoted"
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
        # The speaker's own family, whose facts ("My daughter is 17") only the speaker can vouch for: this label
        # outranks the quantities and comparisons in the sentence (see ``_OWN_FAMILY_FIRST``). "my kids" and "my
        # home" are left out: a governor's "all my kids" are the state's.
        "my_family": tuple(
            f"my {noun}"
            for noun in (
                *("family", "father", "mother", "dad", "mum", "mom", "wife", "husband", "son", "daughter", "sons"),
                *("daughters", "children", "parents", "brother", "sister", "grandmother", "grandfather"),
                *("grandson", "granddaughter", "grandchildren"),
            )
        ),
        "my_life": ("my life", "my career"),
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
        # That something did not happen is as checkable as that it did: "Hollister did not concede". The phrase
        # starts at "not" after "did" (see ``_not_an_event``), as "did" starts a cue of the scorer's.
        "did_not": ("not", "n't"),
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
# The speaker's own family ("My daughter is 17") is personal experience whatever figures it gives.
_OWN_FAMILY_FIRST = ("prediction", "causation", "rule", "personal", "comparison", "quantity", "event", "attribution")
_OWN_FAMILY = "kind:personal(my_family)"
_DID_NOT = "kind:event(did_not)"
# A statute by its name ("Under the Water Industry Act 1991", "the Clean Air Act") or as "the Act".
_NAMED_ACT = re.compile(r"\b(?:[A-Z][\w'’.-]*|the)\s+Act\b")
# "with the next cut most likely in August": a hedge, which facts read as a superlative because "the most likely cause"
# and "most likely to vote" are ones. Taken for a hedge only when no other word in the sentence can be the superlative.
_HEDGE = re.compile(r"(?<!the )(?<!'s )(?<!’s )(?<!its )(?<!their )\bmost likely\b(?! to\b)", re.IGNORECASE)
_ANY_OTHER_SUPERLATIVE = re.compile(
    r"\b(?:[a-z]+est|best|worst|least|record|all-time)\b|\bmost\b(?! likely\b)", re.IGNORECASE
)
_NOT_COMPARISON_BEFORE_THAN = frozenset({"rather", "other"})
# "will report results in late January": results given at a time, not something that "results in" an outcome.
_TIME_AFTER_RESULTS_IN = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august", "september", "october"),
        *("november", "december", "late", "early", "mid", "<year>", "spring", "summer", "autumn", "winter"),
    }
)
# Words before "forecast" that make it a noun, a figure forecast earlier that the sentence measures an outcome against
# or reports a change to: "below the 0.2 per cent forecast by economists", "beat forecasts", "cut its forecast",
# "raised its full-year revenue forecast". The verb still forecasts: "economists forecast that", "has forecast".
_BEFORE_A_FORECAST_NOUN = frozenset(
    {
        *("the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "these", "those", "'s"),
        *("every", "any", "each", "no", "<num>", "%", "cent", "percent", "point", "points"),
        *("beat", "beats", "beating", "missed", "miss", "misses", "missing", "topped", "exceeded", "exceeds"),
        *("surpassed", "matched", "cut", "cuts", "raised", "raises", "raising", "lowered", "lowers", "lifted"),
        *("trimmed", "slashed", "upgraded", "downgraded", "revised", "reiterated", "maintained", "kept"),
        *("than", "as", "below", "above", "with", "against", "from", "of", "behind", "ahead", "beyond"),
        *("latest", "previous", "earlier", "initial", "original", "official", "new", "quarterly", "annual", "year"),
        *("consensus", "growth", "revenue", "profit", "earnings", "sales", "inflation", "budget", "weather"),
        "economic",
    }
)
# After "legal", "illegal", "lawful" or "unlawful", words that no noun it describes could be: the word is predicated
# of something ("is illegal in this state", "legal to sell", "ruled unlawful, the court said").
_NO_NOUN = frozenset(
    {
        *("to", "in", "for", "under", "since", "until", "unless", "if", "because", "as", "at", "on", "by", "when"),
        *("while", "after", "before", "without", "with", "from", "across", "throughout", "everywhere", "here"),
        *("there", "now", "then", "so", "again", "too", "yet", "only", "nationwide", "the", "a", "an", "this"),
        *("that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "it", "he", "she", "they"),
        *("we", "i", "you", "is", "are", "was", "were", "said", "says", "according", "?"),
    }
)
# Before "legal" and its kin, words after which it is predicated whatever follows: "this was illegal and
# objectionable", "made it illegal -- illegal -- for Medicare to bargain".
_BEFORE_A_PREDICATE = frozenset(
    {
        *("is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am", "'m", "become", "becomes"),
        *("became", "remain", "remains", "remained", "not", "n't", "it", "them", "deemed", "declared", "ruled"),
        *("found", "considered", "entirely", "perfectly", "completely", "fully", "wholly", "still", "now", "also"),
        *("technically", "strictly", "clearly", "already", "quite", "totally"),
    }
)
# "law" naming a trade or a school rather than a law: "law enforcement officers", "a law firm", "law school".
_LAW_AS_A_TRADE = frozenset(
    {
        *("enforcement", "firm", "firms", "school", "schools", "professor", "professors", "student", "students"),
        *("degree", "graduate", "lecturer", "clerk", "partner"),
    }
)
_SCHEDULED_AFTER_DUE_TO = frozenset(_SCHEDULED)
_RELATIVE_PRONOUNS = frozenset({"which", "who"})
# "..., which will add six new stops": the future of something the sentence mentions, which makes the sentence a
# prediction only when its own verb is not in the past (see ``match_phrases``) and no other phrase predicts.
_RELATIVE_FUTURE = "kind:prediction(which_will)"
# Verbs before the relative clause that put the sentence's own verb in the present or under a modal: "the phone may
# well be the first ..., which will be launched in July" still predicts.
_PRESENT_OR_MODAL = frozenset(
    {"is", "are", "am", "'re", "'m", "do", "does", "may", "might", "can", "could", "would", "should", "must"}
)
# "did not" with a verb of thinking or wanting tells a state of mind, not something that did not happen.
_STATES_OF_MIND = frozenset(
    {
        *("think", "want", "seem", "know", "believe", "feel", "like", "mean", "care", "understand", "expect"),
        *("need", "mind", "agree", "realise", "realize"),
    }
)
_MAY_OR_CAN = frozenset({"may", "can"})
_ADVERBS_AFTER_NOT = frozenset({"even", "really", "ever", "always", "actually", "just"})
# Past verbs that narrate what came next: "spent the next 10 years training", "sat for the next 30 hours".
_IRREGULAR_PAST = frozenset(
    {
        *("spent", "sat", "ran", "went", "came", "took", "made", "held", "kept", "led", "taught", "fought", "built"),
        *("grew", "became", "began", "wrote", "saw", "left", "felt", "found", "lost", "won", "stood", "slept"),
    }
)


def _after_rather(words: tuple[str, ...], position: int) -> bool:
    return position > 0 and words[position - 1] in _NOT_COMPARISON_BEFORE_THAN


def _results_at_a_time(words: tuple[str, ...], position: int) -> bool:
    return position + 2 < len(words) and words[position + 2] in _TIME_AFTER_RESULTS_IN


def _a_forecast_figure(words: tuple[str, ...], position: int) -> bool:
    # A sentence does not open on its verb: "Forecasts of a recession proved wrong".
    return position == 0 or words[position - 1] in _BEFORE_A_FORECAST_NOUN


def _on_a_timetable(words: tuple[str, ...], position: int) -> bool:
    # "are due to end over the next year" is a timetable; the set_to phrases make it a prediction.
    return position + 2 < len(words) and words[position + 1] == "to" and words[position + 2] in _SCHEDULED_AFTER_DUE_TO


def _legal_before_a_noun(words: tuple[str, ...], position: int) -> bool:
    if position + 1 == len(words) or (position > 0 and words[position - 1] in _BEFORE_A_PREDICATE):
        return False
    return words[position + 1] not in _NO_NOUN


def _law_as_a_trade(words: tuple[str, ...], position: int) -> bool:
    return position + 1 < len(words) and words[position + 1] in _LAW_AS_A_TRADE


def _in_a_relative_clause(words: tuple[str, ...], position: int) -> bool:
    return (
        position > 0
        and words[position - 1] in _RELATIVE_PRONOUNS
        and _PRESENT_OR_MODAL.isdisjoint(words[: position - 1])
    )


def _not_allowed(words: tuple[str, ...], position: int) -> bool:
    if position > 0 and words[position - 1] in _MAY_OR_CAN:
        return False
    return not (position > 1 and words[position - 1] == "be" and words[position - 2] in _MAY_OR_CAN)


def _not_an_event(words: tuple[str, ...], position: int) -> bool:
    if position == 0 or words[position - 1] != "did":
        return True
    verb = position + 1
    if verb < len(words) and words[verb] in _ADVERBS_AFTER_NOT:
        verb += 1
    return verb < len(words) and words[verb] in _STATES_OF_MIND


def _past_narrative(words: tuple[str, ...], position: int) -> bool:
    if position < 2 or words[position - 1] != "the":
        return False
    verb = words[position - 3] if words[position - 2] == "for" and position > 2 else words[position - 2]
    return verb.endswith("ed") or verb in _IRREGULAR_PAST


# Words whose phrases fire only in some company: word -> whether its neighbours veto every phrase that starts there.
# A veto also silences a cue that starts at the word, which only "than" has ("rather than"), so that what the scorer
# was trained on stays as it was.
_VETOED_BY_NEIGHBOURS = {
    "than": _after_rather,
    "results": _results_at_a_time,
    "forecast": _a_forecast_figure,
    "forecasts": _a_forecast_figure,
    "due": _on_a_timetable,
    **dict.fromkeys(("legal", "illegal", "lawful", "unlawful"), _legal_before_a_noun),
    "law": _law_as_a_trade,
    "will": _in_a_relative_clause,
    "not": _not_an_event,
    "n't": _not_an_event,
    "next": _past_narrative,
    "fine": _not_allowed,
    "fined": _not_allowed,
}

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
    _RELATIVE_FUTURE: ("kind:prediction", "which_will"),
    **{cue: (f"cue:{cue}", cue) for cue in CUE_PHRASES},
}


def match_phrases(words: tuple[str, ...]) -> dict[str, str]:
    """Kind or cue -> the kind's reason (``kind:prediction(will)``) or the cue, for every rule that fires in ``words``.

    A kind takes the label of its phrase that starts first. Only the positions where some phrase starts are visited.
    """
    fired: dict[str, str] = {}
    last = len(words) - 1
    relative_future = False
    for position in compress(count(), map(_PHRASE_STARTS.__contains__, words)):
        word = words[position]
        if word in _VETOED_BY_NEIGHBOURS and _VETOED_BY_NEIGHBOURS[word](words, position):
            relative_future = relative_future or word == "will"
            continue
        by_next = _PHRASE_STARTS[word]
        candidates = by_next.get(words[position + 1], by_next[""]) if position < last else by_next[""]
        for tail, key, value in candidates:
            if key in fired or (tail and words[position + 2 : position + 2 + len(tail)] != tail):
                continue
            fired[key] = value
    if relative_future and "prediction" not in fired and "event" not in fired and "past_tense_fact" not in fired:
        # "The committee voted 9 to 4 on Monday for the scheme, which will add six stops": what the sentence tells is
        # the vote; the future is that of the scheme it names.
        fired["prediction"] = _RELATIVE_FUTURE
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
    if "attribution" in fired:
        if "personal" in fired and _FIRST_PERSON.search(_QUOTED.sub("", text)) is None:
            # '…said the decision was "the hardest of my career"': the first person is all inside a quote that the
            # sentence attributes to someone; what can be checked is that it was said.
            fired = {kind: reason for kind, reason in fired.items() if kind != "personal"}
        if "event" in fired and fired["event"] == _DID_NOT:
            # "My opponent says we didn't have any allies": what the sentence tells is what was said.
            fired = {kind: reason for kind, reason in fired.items() if kind != "event"}
    if "rule" not in fired and "Act" in text and _NAMED_ACT.search(text):
        fired = {**fired, "rule": "kind:rule(act)"}
    if fact_types:
        fired = dict(fired)
        comparison_facts = sorted(fact_types & _COMPARISON_FACTS)
        if (
            comparison_facts
            and "comparison" not in fired
            and (comparison_facts != ["superlative"] or not _hedged(text))
        ):
            fired["comparison"] = f"kind:comparison(fact_{comparison_facts[0]})"
        quantity_facts = sorted(fact_types & _QUANTITY_FACTS)
        if quantity_facts:
            fired["quantity"] = f"kind:quantity(fact_{quantity_facts[0]})"
        elif "date" in fact_types and "event" not in fired:
            fired["event"] = "kind:event(fact_date)"
    precedence = _OWN_FAMILY_FIRST if "personal" in fired and fired["personal"] == _OWN_FAMILY else _PRECEDENCE
    # Cues share the dict but never a kind's name, so both look-ups see kinds alone.
    return next(filter(fired.__contains__, precedence), "other"), tuple(filter(None, map(fired.get, precedence)))


def _hedged(text: str) -> bool:
    """Whether the sentence's only superlative is the hedge "most likely"."""
    return _HEDGE.search(text) is not None and _ANY_OTHER_SUPERLATIVE.search(text) is None
