"""Check-worthiness score, claim kind, and the reasons for both.

The score blends two logistic models trained on ClaimBuster debate sentences by ``tools/train_scorer.py`` and
shipped as one JSON file in ``claim_engine/model/``:

- the word model, over word unigram and bigram counts, lexical cues (``kinds.CUE_PHRASES``, a first person opening,
  a question, a name) and a length bucket, with the facts' prior added to it;
- the piece model, over the mean of the sentence's word pieces (``wordpiece``), each piece standing for its static
  vector from a sentence-embedding model; a name (what the word model folds to ``<cap>``) is one unknown piece. The
  model is linear in that mean, so each piece ships as one number and a sentence costs its sum. Pieces carry what
  a word shares with words of similar meaning, which the debates' own vocabulary cannot: "lockdowns" never occurs
  in them, yet scores through "lock", "##down" and "##s".

Inference is standard-library Python: one regex pass, then per token one cached ``_Piece`` that carries its word
forms, weights and piece values, so that a sentence costs a look-up per token and one per word pair.

Capitalised words other than the first become one shape token, ``<cap>``: the debates' names (Carter, Kuwait,
Medicare) say little about the campaigns and news stories of later years, while "a name is here" does.

``features()`` is the single definition of the feature space: the training script builds its matrix from it, and
``assess()`` computes exactly the same dot product without materialising the dict (a test keeps the two equal).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain, islice, pairwise, repeat
from operator import itemgetter
from pathlib import Path

from claim_engine.kinds import (
    ASCII_TOKEN,
    TOKEN,
    TYPOGRAPHY,
    kind_of,
    match_phrases,
    match_signals,
    model_words,
    raw_tokens,
    shaped_form,
    split_clitics,
    starts_in_first_person,
    word_forms,
)
from claim_engine.types import Fact
from claim_engine.wordpiece import UNKNOWN, token_pieces

MODEL_PATH = Path(__file__).with_name("model") / "checkworthiness.json"

# Chosen by tools/train_scorer.py without looking at any test set: the best F1 on ClaimBuster's latest debates
# (2012, 2016) of the same model trained on the earlier ones, which imitates scoring debates newer than the data.
DEFAULT_THRESHOLD = 0.44

# Cues that explain a score in the reasons; the rest only feed the model.
_REASON_CUES = ("has_number", "named_entity", "opinion_marker", "first_person", "question", "promise")

# Fact types that make a sentence concrete enough to check, with how much they add to the model's log-odds.
# Debate transcripts, the training data, rarely spell out sizes, ranks and formats as news copy does.
_FACT_PRIOR = {
    "percent": 0.4,
    "money": 0.4,
    "quantity": 0.6,
    "sensor_format": 0.8,
    "rank": 0.6,
    "duration": 0.5,
    "count": 0.3,
    "score": 0.4,
    "rate": 0.5,
    "multiple": 0.4,
    "age": 0.3,
    "date": 0.3,
    "comparison": 0.3,
    "superlative": 0.3,
    "number": 0.2,
}
_FACT_PRIOR_CAP = 1.0

_START, _END = sys.intern("<s>"), sys.intern("</s>")
_LENGTH_BUCKETS = 8
_LENGTH_STEP = 5
_ZEROS = repeat(0.0)
_CAP = sys.intern("<cap>")
_NO_FOLLOWERS: dict[str, float] = {}
_NO_FACT_TYPES: frozenset[str] = frozenset()
# Bounds the per-token caches, as in ``kinds``: news vocabulary is open.
_CACHE_LIMIT = 100_000

# A token's lower-cased and model forms, their word weights, the weights of the words that may follow each, and its
# word pieces as a later word (where a name is one unknown piece) and as the first word of a sentence. The pieces'
# values are summed and counted in one pass, as one complex number: the sum is its real part, the count imaginary.
_Piece = tuple[str, str, float, dict[str, float], float, dict[str, float], complex, complex]
_LOWERED_AT, _LOWERED_WEIGHT_AT, _LOWERED_FOLLOWERS_AT, _FIRST_PIECES_AT = 0, 4, 5, 7
_LOWERED, _SHAPED, _SHAPED_WEIGHT, _SHAPED_FOLLOWERS = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)
_PIECES = itemgetter(6)
_NAME_PIECES = (UNKNOWN,)


@dataclass(frozen=True, slots=True)
class Assessment:
    score: float
    kind: str
    reasons: tuple[str, ...]


def _length_bucket(count: int) -> int:
    return min(count // _LENGTH_STEP, _LENGTH_BUCKETS)


def _bigrams(words: list[str]) -> pairwise:
    return pairwise([_START, *words, _END])


def _cues(words: list[str], lowered: list[str], signals: dict[str, str]) -> set[str]:
    """The lexical cues of a sentence: features of the model, and (some of them) reasons for its score."""
    cues = {signal[4:] for signal in signals if signal.startswith("cue:")}
    if starts_in_first_person(lowered):
        cues.add("first_person")
    if words and words[-1] == "?":
        cues.add("question")
    if "<cap>" in words:
        cues.add("named_entity")
    return cues


def _read(text: str) -> tuple[list[str], list[str], dict[str, str]]:
    """One tokenisation shared by the model, the reasons and the kind rules: model words, lowered words, signals."""
    tokens = raw_tokens(text)
    lowered = word_forms(tokens)
    return model_words(tokens), lowered, match_signals(lowered)


def sentence_pieces(text: str, vocabulary) -> list[str]:
    """The word pieces the piece model averages: the single definition of its input, as ``features`` is of words'."""
    tokens = raw_tokens(text)
    words = model_words(tokens)
    return [
        piece
        for at, (token, word) in enumerate(zip(tokens, words, strict=True))
        for piece in (_NAME_PIECES if at and word == _CAP else token_pieces(token, vocabulary))
    ]


def features(text: str) -> dict[str, float]:
    """The sparse feature vector of one sentence, as the model sees it: the single definition of the features."""
    words, lowered, signals = _read(text)
    vector: dict[str, float] = {}
    for name in ["w:" + word for word in words] + ["b:" + " ".join(pair) for pair in _bigrams(words)]:
        vector[name] = vector.get(name, 0.0) + 1.0
    for cue in _cues(words, lowered, signals):
        vector["q:" + cue] = 1.0
    vector[f"len:{_length_bucket(len(words))}"] = 1.0
    return vector


class _Model:
    """Weights loaded once, and scoring that touches as little memory per word as it can.

    A sentence of news is about twenty dict look-ups into tables far bigger than a CPU cache, so the cost is memory
    traffic more than arithmetic. Each token as written maps once (then from a cache) to a ``_Piece`` holding both
    of its forms, their word weights and the table of weights of the words that may follow them; strings are interned
    so that table keys match on identity. A word pair then costs one look-up in a small table.
    """

    def __init__(self, payload: dict) -> None:
        self.name: str = payload["name"]
        self.version: str = payload["version"]
        self.bias: float = payload["bias"]
        self.words: dict[str, float] = {}
        self.followers: dict[str, dict[str, float]] = {}
        self.cues: dict[str, float] = {}
        self.lengths = [0.0] * (_LENGTH_BUCKETS + 1)
        # One float object per distinct weight (a tenth as many as weights) keeps the values a sentence reads close
        # together in memory; for the same reason each word's followers go into their own dict in one pass at the end.
        shared: dict[float, float] = {}
        followers: dict[str, list[tuple[str, float]]] = {}
        for name, weight in payload["weights"].items():
            weight = shared.setdefault(weight, weight)
            family, _, key = name.partition(":")
            if family == "w":
                self.words[sys.intern(key)] = weight
            elif family == "b":
                before, after = map(sys.intern, key.split(" "))
                followers.setdefault(before, []).append((after, weight))
            elif family == "q":
                self.cues[key] = weight
            elif family == "len":
                self.lengths[int(key)] = weight
        self.followers = {word: dict(pairs) for word, pairs in followers.items()}
        self._start_followers = self.followers.get(_START, _NO_FOLLOWERS)
        # Without a piece model (as while the training script scores its word model alone) the blend is all words.
        piece_model = payload.get("pieces", {"share": 0.0, "bias": 0.0, "values": {}})
        self.piece_share: float = piece_model["share"]
        self.piece_bias: float = piece_model["bias"]
        self.piece_values: dict[str, float] = piece_model["values"]
        self._pieces = _TokenCache(self._piece)
        self._split_pieces = _TokenCache(self._split)

    def _piece(self, token: str) -> _Piece:
        lowered, shaped = sys.intern(word_forms([token])[0]), sys.intern(shaped_form(token))
        first_pieces = token_pieces(token, self.piece_values) if self.piece_values else ()
        pieces = _NAME_PIECES if shaped is _CAP and self.piece_values else first_pieces
        return (
            lowered,
            shaped,
            self.words.get(shaped, 0.0),
            self.followers.get(shaped, _NO_FOLLOWERS),
            self.words.get(lowered, 0.0),
            self.followers.get(lowered, _NO_FOLLOWERS),
            complex(sum(map(self.piece_values.get, pieces, _ZEROS)), len(pieces)),
            complex(sum(map(self.piece_values.get, first_pieces, _ZEROS)), len(first_pieces)),
        )

    def _split(self, token: str) -> tuple[_Piece, ...]:
        return tuple(map(self._pieces.__getitem__, split_clitics([token])))

    def read(self, text: str) -> tuple[float, float, dict[str, str]]:
        """The word and piece models' log-odds for a sentence, and its ``match_phrases`` with ``_cues``' cues added."""
        if text.isascii():
            tokens = ASCII_TOKEN.findall(text)
        else:
            text = text.translate(TYPOGRAPHY)
            tokens = TOKEN.findall(text)
        if "'" in text:
            pieces = [*chain.from_iterable(map(self._split_pieces.__getitem__, tokens))]
        else:
            pieces = [*map(self._pieces.__getitem__, tokens)]
        if not pieces:
            return self.log_odds([], set()), self.piece_bias, {}
        first = pieces[0]
        lowered = tuple(map(_LOWERED, pieces))
        fired = match_phrases(lowered)
        # As model_words gives them: the first word lower-cased, every later one in its model form.
        words = [*map(_SHAPED, pieces)]
        words[0] = first[_LOWERED_AT]
        if starts_in_first_person(lowered):
            fired["first_person"] = "first_person"
        if words[-1] == "?":
            fired["question"] = "question"
        if _CAP in words:
            fired["named_entity"] = "named_entity"
        followers = [*map(_SHAPED_FOLLOWERS, pieces)]
        followers[0] = first[_LOWERED_FOLLOWERS_AT]
        words.append(_END)
        # Sums run in the order of features(), from the same float objects, so scores match it bit for bit.
        log_odds = (
            self.bias
            + sum(map(_SHAPED_WEIGHT, islice(pieces, 1, None)), first[_LOWERED_WEIGHT_AT])
            + sum(map(dict.get, followers, islice(words, 1, None), _ZEROS), self._start_followers.get(words[0], 0.0))
            + sum(map(self.cues.get, fired, _ZEROS))
            + self.lengths[_length_bucket(len(pieces))]
        )
        summed = sum(map(_PIECES, islice(pieces, 1, None)), first[_FIRST_PIECES_AT])
        piece_log_odds = self.piece_bias + (summed.real / summed.imag if summed.imag else 0.0)
        return log_odds, piece_log_odds, fired

    def piece_log_odds(self, pieces: list[str]) -> float:
        """The piece model's log-odds from ``sentence_pieces``; ``read`` is the fast way."""
        values = sum(map(self.piece_values.get, pieces, _ZEROS))
        return self.piece_bias + (values / len(pieces) if pieces else 0.0)

    def blend(self, word_log_odds: float, piece_log_odds: float) -> float:
        return (1.0 - self.piece_share) * word_log_odds + self.piece_share * piece_log_odds

    def log_odds(self, words: list[str], cues: set[str]) -> float:
        """The dot product with ``features(text)``, from ``model_words`` and ``_cues``; ``read`` is the fast way."""
        followers = self.followers.get
        return (
            self.bias
            + sum(map(self.words.get, words, _ZEROS))
            + sum(followers(before, _NO_FOLLOWERS).get(after, 0.0) for before, after in _bigrams(words))
            + sum(map(self.cues.get, cues, _ZEROS))
            + self.lengths[_length_bucket(len(words))]
        )


class _TokenCache(dict):
    """Token -> what the model makes of it, computed on first sight and bounded like the word caches of ``kinds``."""

    def __init__(self, compute) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, token: str):
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        value = self[token] = self._compute(token)
        return value


@cache
def load_model() -> _Model:
    with MODEL_PATH.open(encoding="utf-8") as handle:
        return _Model(json.load(handle))


def model_name() -> str:
    model = load_model()
    return f"{model.name}-{model.version}"


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def fact_prior(facts: Sequence[Fact]) -> float:
    """What the facts found in a sentence add to the model's log-odds."""
    return min(sum(_FACT_PRIOR.get(fact_type, 0.0) for fact_type in {fact.type for fact in facts}), _FACT_PRIOR_CAP)


def assess(text: str, facts: Sequence[Fact], model: _Model | None = None) -> Assessment:
    """Score, kind and reasons of one sentence; ``model`` lets the training script score with unsaved weights."""
    model = model or load_model()
    word_log_odds, piece_log_odds, fired = model.read(text)
    reasons = [f"model:{_sigmoid(model.blend(word_log_odds, piece_log_odds)):.2f}"]
    reasons.extend(filter(fired.__contains__, _REASON_CUES))
    if facts:
        fact_types = {fact.type for fact in facts}
        # The prior is on the word model's scale: validated that way, it is blended with the words.
        word_log_odds += min(sum(_FACT_PRIOR.get(fact_type, 0.0) for fact_type in fact_types), _FACT_PRIOR_CAP)
        reasons.extend(f"fact:{fact_type}" for fact_type in sorted(fact_types))
    else:
        fact_types = _NO_FACT_TYPES
    kind, kind_reasons = kind_of(text, fact_types, fired)
    reasons.extend(kind_reasons)
    return Assessment(round(_sigmoid(model.blend(word_log_odds, piece_log_odds)), 4), kind, tuple(reasons))
