"""Check-worthiness score, claim kind, and the reasons for both.

The score is a logistic model over word unigram and bigram counts, lexical cues (``kinds.CUE_PHRASES``, a first
person opening, a question, a name) and a length bucket, trained on ClaimBuster debate sentences by
``tools/train_scorer.py`` and shipped as a JSON weight table in ``claim_engine/model/``. Inference is
standard-library Python: one regex pass, word forms from a per-word cache, then a dict look-up per feature.

Capitalised words other than the first become one shape token, ``<cap>``: the debates' names (Carter, Kuwait,
Medicare) say little about the campaigns and news stories of later years, while "a name is here" does.

``features()`` is the single definition of the feature space: the training script builds its matrix from it, and
``assess()`` computes exactly the same dot product without materialising the dict (a test keeps the two equal).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise, repeat
from pathlib import Path

from claim_engine.kinds import detect_kind, match_signals, model_words, raw_tokens, starts_in_first_person, word_forms
from claim_engine.types import Fact

MODEL_PATH = Path(__file__).with_name("model") / "checkworthiness.json"

# Chosen by tools/train_scorer.py without looking at any test set: the best F1 on ClaimBuster's latest debates
# (2012, 2016) of the same model trained on the earlier ones, which imitates scoring debates newer than the data.
DEFAULT_THRESHOLD = 0.37

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

_START, _END = "<s>", "</s>"
_LENGTH_BUCKETS = 8
_LENGTH_STEP = 5
_ZEROS = repeat(0.0)


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
    """Weights loaded once into tables keyed as scoring meets them (words, word pairs), so it builds no strings."""

    def __init__(self, payload: dict) -> None:
        self.name: str = payload["name"]
        self.version: str = payload["version"]
        self.bias: float = payload["bias"]
        self.weights: dict[str | tuple[str, str], float] = {}
        self.cues: dict[str, float] = {}
        self.lengths = [0.0] * (_LENGTH_BUCKETS + 1)
        for name, weight in payload["weights"].items():
            family, _, key = name.partition(":")
            if family == "w":
                self.weights[key] = weight
            elif family == "b":
                before, after = key.split(" ")
                self.weights[before, after] = weight
            elif family == "q":
                self.cues[key] = weight
            elif family == "len":
                self.lengths[int(key)] = weight

    def log_odds(self, words: list[str], cues: set[str]) -> float:
        weight = self.weights.get
        return (
            self.bias
            + sum(map(weight, words, _ZEROS))
            + sum(map(weight, _bigrams(words), _ZEROS))
            + sum(map(self.cues.get, cues, _ZEROS))
            + self.lengths[_length_bucket(len(words))]
        )


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
    words, lowered, signals = _read(text)
    cues = _cues(words, lowered, signals)
    log_odds = (model or load_model()).log_odds(words, cues)
    reasons = [f"model:{_sigmoid(log_odds):.2f}"]
    reasons.extend(cue for cue in _REASON_CUES if cue in cues)
    if facts:
        log_odds += fact_prior(facts)
        reasons.extend(f"fact:{fact_type}" for fact_type in sorted({fact.type for fact in facts}))
    kind, kind_reasons = detect_kind(text, facts, signals)
    reasons.extend(kind_reasons)
    return Assessment(round(_sigmoid(log_odds), 4), kind, tuple(reasons))
