"""Check-worthiness score, claim kind, and the reasons for both.

The score is a logistic model over sparse text features (word unigrams and bigrams, character n-grams inside words,
a few linguistic cues), trained on ClaimBuster debate sentences by ``tools/train_scorer.py`` and shipped as a JSON
weight table in ``claim_engine/model/``. Inference is standard-library Python: a dict look-up per feature.

``features()`` is the single definition of the feature space: the training script builds its matrix from it, and
``assess()`` computes exactly the same dot product without materialising the dict (a test keeps the two equal).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claim_engine.kinds import capitalised_count, detect_kind, match_signals, starts_in_first_person, tokenize
from claim_engine.types import Fact

MODEL_PATH = Path(__file__).with_name("model") / "checkworthiness.json"

# Chosen on the ClaimBuster groundtruth set (the dev split) by tools/train_scorer.py: the best F1 there.
DEFAULT_THRESHOLD = 0.59

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
    "date": 0.3,
    "comparison": 0.3,
    "superlative": 0.3,
    "number": 0.2,
}
_FACT_PRIOR_CAP = 1.0

# Bounds the per-token cache; news vocabulary is open, and an unbounded dict would grow with every article.
_TOKEN_CACHE_LIMIT = 200_000
_CHAR_SIZES = (3, 4, 5)
_CHAR_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Assessment:
    score: float
    kind: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Analysis:
    """What one tokenisation of a sentence yields, shared by the model, the reasons and the kind rules."""

    words: list[str]
    capitalised: int
    signals: dict[str, str]
    cues: tuple[str, ...]


def _analyse(text: str) -> _Analysis:
    words = tokenize(text)
    capitalised = capitalised_count(text)
    signals = match_signals(words)
    cues = [signal[4:] for signal in signals if signal.startswith("cue:")]
    if starts_in_first_person(words):
        cues.append("first_person")
    if words and words[-1] == "?":
        cues.append("question")
    if capitalised:
        cues.append("named_entity")
    return _Analysis(words, capitalised, signals, tuple(cues))


def _char_grams(word: str, sizes: Sequence[int]) -> list[str]:
    # Short words and placeholders carry their meaning whole; character n-grams help with longer words the
    # debates never used ("COVID", "megapixel") through the pieces they share with words they did.
    if len(word) <= 3 or word[0] == "<":
        return []
    padded = f"_{word}_"
    return [padded[start : start + size] for size in sizes for start in range(len(padded) - size + 1)]


def _length_bucket(count: int) -> str:
    return f"len:{min(count // 5, 8)}"


def _bigrams(words: list[str]) -> list[str]:
    return [f"{before} {after}" for before, after in zip(["<s>", *words], [*words, "</s>"], strict=True)]


def features(text: str, *, char_sizes: Sequence[int] = _CHAR_SIZES, char_weight: float = _CHAR_WEIGHT) -> dict:
    """The sparse feature vector of one sentence, as the model sees it: the single definition of the features."""
    analysis = _analyse(text)
    words = analysis.words
    scale = 1.0 / math.sqrt(max(len(words), 1))
    vector: dict[str, float] = {}

    def add(name: str, value: float) -> None:
        vector[name] = vector.get(name, 0.0) + value

    for word in words:
        add("w:" + word, scale)
        for gram in _char_grams(word, char_sizes):
            add("c:" + gram, scale * char_weight)
    if analysis.capitalised:
        add("w:<cap>", scale * analysis.capitalised)
    for bigram in _bigrams(words):
        add("b:" + bigram, scale)
    for cue in analysis.cues:
        add("q:" + cue, 1.0)
    add(_length_bucket(len(words)), 1.0)
    return vector


class _TokenWeights(dict):
    """Word -> its unigram weight plus its weighted character n-grams, computed on first sight.

    A linear model lets a word's whole contribution be summed once; after that a sentence costs one look-up per word.
    """

    def __init__(self, unigrams: dict[str, float], chars: dict[str, float], sizes: Sequence[int], weight: float):
        super().__init__()
        self._unigrams, self._chars, self._sizes, self._char_weight = unigrams, chars, sizes, weight

    def __missing__(self, word: str) -> float:
        chars = self._chars
        char_total = sum(chars.get(gram, 0.0) for gram in _char_grams(word, self._sizes))
        total = self._unigrams.get(word, 0.0) + self._char_weight * char_total
        if len(self) >= _TOKEN_CACHE_LIMIT:
            self.clear()
        self[word] = total
        return total


class _Model:
    """Weights loaded once and split by feature family, so that scoring needs no string prefixes."""

    def __init__(self, payload: dict) -> None:
        self.name: str = payload["name"]
        self.version: str = payload["version"]
        self.bias: float = payload["bias"]
        families: dict[str, dict[str, float]] = {"w": {}, "c": {}, "b": {}, "q": {}, "len": {}}
        for name, weight in payload["weights"].items():
            family, _, key = name.partition(":")
            families[family][key] = weight
        self.bigrams = families["b"]
        self.cues = families["q"]
        self.lengths = families["len"]
        self.capitalised = families["w"].get("<cap>", 0.0)
        self.tokens = _TokenWeights(families["w"], families["c"], payload["char_sizes"], payload["char_weight"])

    def log_odds(self, analysis: _Analysis) -> float:
        words = analysis.words
        scale = 1.0 / math.sqrt(max(len(words), 1))
        bigram_weight = self.bigrams.get
        text_sum = (
            sum(map(self.tokens.__getitem__, words))
            + analysis.capitalised * self.capitalised
            + sum(bigram_weight(bigram, 0.0) for bigram in _bigrams(words))
        )
        cue_sum = sum(self.cues.get(cue, 0.0) for cue in analysis.cues)
        length = self.lengths.get(str(min(len(words) // 5, 8)), 0.0)
        return self.bias + scale * text_sum + cue_sum + length


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


def assess(text: str, facts: Sequence[Fact]) -> Assessment:
    analysis = _analyse(text)
    log_odds = load_model().log_odds(analysis)
    reasons = [f"model:{_sigmoid(log_odds):.2f}"]
    reasons.extend(cue for cue in _REASON_CUES if cue in analysis.cues)
    if facts:
        fact_types = sorted({fact.type for fact in facts})
        log_odds += min(sum(_FACT_PRIOR.get(fact_type, 0.0) for fact_type in fact_types), _FACT_PRIOR_CAP)
        reasons.extend(f"fact:{fact_type}" for fact_type in fact_types)
    kind, kind_reasons = detect_kind(text, facts, analysis.signals)
    reasons.extend(kind_reasons)
    return Assessment(round(_sigmoid(log_odds), 4), kind, tuple(reasons))
