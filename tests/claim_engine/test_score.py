"""Check-worthiness score: bounds, determinism, reasons, the shipped model, and a lean runtime."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from claim_engine import kinds, score
from claim_engine.facts import extract_facts
from claim_engine.kinds import model_words, raw_tokens
from claim_engine.score import DEFAULT_THRESHOLD, MODEL_PATH, Assessment, assess, features, load_model
from claim_engine.segment import split_sentences
from claim_engine.types import Fact

REPO = Path(__file__).resolve().parents[2]

STATISTICS = [
    "Unemployment fell to 4.2 percent last year, the lowest rate since 1969.",
    "We spend $700 billion a year on defence, more than the next ten countries combined.",
    "Forty million Americans have no health insurance.",
]
OPINIONS_AND_QUESTIONS = [
    "I think we can do better than that.",
    "Why would anyone believe him?",
    "I believe in this country and I love its people.",
    "Thank you very much, it's a pleasure to be here.",
]


def facts_of(sentence: str) -> list[Fact]:
    return [
        Fact("number", float(token.strip("$%,.").replace(",", "")), None, token, 0, len(token))
        for token in sentence.split()
        if token.strip("$%,.").replace(",", "").replace(".", "").isdigit()
    ]


@pytest.mark.parametrize("sentence", STATISTICS)
def test_statistic_scores_above_threshold(sentence):
    assert assess(sentence, facts_of(sentence)).score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize("sentence", OPINIONS_AND_QUESTIONS)
def test_opinion_or_question_scores_below_threshold(sentence):
    assert assess(sentence, []).score < DEFAULT_THRESHOLD


@pytest.mark.parametrize("sentence", [*STATISTICS, *OPINIONS_AND_QUESTIONS, "", "?", "1234567 89", "Ünïcödé wörds"])
def test_score_is_a_probability(sentence):
    assessment = assess(sentence, facts_of(sentence))
    assert isinstance(assessment, Assessment)
    assert 0.0 <= assessment.score <= 1.0


def test_assess_is_deterministic():
    sentence = STATISTICS[0]
    first = assess(sentence, facts_of(sentence))
    kinds._LOWERED.clear()
    kinds._SHAPED.clear()
    assert assess(sentence, facts_of(sentence)) == first


def test_reasons_name_the_model_probability_and_the_cues():
    reasons = assess("I think the Senate will act.", []).reasons
    assert reasons[0].startswith("model:")
    assert 0.0 <= float(reasons[0].split(":")[1]) <= 1.0
    assert {"opinion_marker", "first_person", "named_entity"} <= set(reasons)
    assert "kind:prediction(will)" in reasons
    assert "question" in assess("Is that fair?", []).reasons
    assert "has_number" in assess("Prices rose 12 percent.", []).reasons


def test_facts_raise_the_score_and_appear_in_reasons():
    sentence = "The phone has a large sensor."
    plain = assess(sentence, [])
    with_fact = assess(sentence, [Fact("sensor_format", "1/1.1", "inch", "1/1.1-inch", 0, 10)])
    assert with_fact.score > plain.score
    assert "fact:sensor_format" in with_fact.reasons


FAST_PATH_SENTENCES = [
    *STATISTICS,
    *OPINIONS_AND_QUESTIONS,
    "Xiaomi’s 12 Ultra won't ship with a 1/1.1-inch sensor.",
    "Bill said THE Bill is law; we'll see, won't we?",
    "I'm sure O'Neill's y'all'd've can't be 1,000.5 in 1999!",
    "",
    "?",
    "Ünïcödé wörds",
]


@pytest.mark.parametrize("sentence", FAST_PATH_SENTENCES)
def test_fast_path_equals_the_dot_product_of_the_features(sentence):
    model = load_model()
    weights = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["weights"]
    vector = features(sentence)
    expected = model.bias + sum(weights.get(name, 0.0) * value for name, value in vector.items())
    log_odds, piece_log_odds, fired = model.read(sentence)
    assert math.isclose(log_odds, expected, abs_tol=1e-9)
    assert math.isclose(piece_log_odds, model.piece_log_odds(score.sentence_pieces(sentence, model.piece_values)))
    words, lowered, signals = score._read(sentence)
    assert math.isclose(model.log_odds(words, score._cues(words, lowered, signals)), expected, abs_tol=1e-9)
    assert {name[2:] for name in vector if name.startswith("q:")} == set(fired) - set(kinds.KIND_PHRASES)


def test_piece_model_is_the_mean_of_the_shipped_piece_values():
    payload = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["pieces"]
    model = load_model()
    pieces = score.sentence_pieces("Lockdowns cut emissions", model.piece_values)
    assert pieces == ["lock", "##down", "##s", "cut", "emissions"]
    mean = sum(payload["values"][piece] for piece in pieces) / len(pieces)
    assert math.isclose(model.piece_log_odds(pieces), payload["bias"] + mean)
    assert 0.0 < model.piece_share < 1.0


def test_score_blends_the_word_and_piece_models():
    model = load_model()
    sentence = "The pandemic closed 40 percent of restaurants."
    word_log_odds, piece_log_odds, _ = model.read(sentence)
    assert word_log_odds != piece_log_odds
    blended = (1 - model.piece_share) * word_log_odds + model.piece_share * piece_log_odds
    assert assess(sentence, []).score == round(1 / (1 + math.exp(-blended)), 4)


def test_a_word_the_debates_never_used_still_scores_through_its_pieces():
    """No ClaimBuster sentence says 'lockdowns'; its pieces carry what 'lock' and 'down' words meant there."""
    model = load_model()
    assert "w:lockdowns" not in json.loads(MODEL_PATH.read_text(encoding="utf-8"))["weights"]
    _, with_word, _ = model.read("Lockdowns closed shops")
    _, unknown, _ = model.read("Zqxv closed shops")
    assert with_word != unknown


def test_names_after_the_first_word_become_one_shape_token():
    assert model_words(raw_tokens("Obama met Putin in July, and I said so.")) == [
        "obama", "met", "<cap>", "in", "july", "and", "i", "said", "so",
    ]  # fmt: skip
    assert assess("Then Smith and Jones met Brown.", []) == assess("Then Lee and Carter met Nguyen.", [])
    assert score.sentence_pieces("Then Smith met Lee", load_model().piece_values) == ["then", "[UNK]", "met", "[UNK]"]


@pytest.mark.parametrize("marker", ["1/1.1", "50MP", "five-year", "third-largest", "July"])
def test_seed_sentences_with_concrete_facts_are_claims(shared_dir, marker):
    sentences = [
        text[sentence.start : sentence.end]
        for path in sorted((shared_dir / "seeds").glob("*.txt"))
        for text in [path.read_text(encoding="utf-8")]
        for sentence in split_sentences(text)
    ]
    with_marker = [sentence for sentence in sentences if marker in sentence and len(sentence.split()) >= 6]
    if not with_marker:
        pytest.skip(f"no seed sentence mentions {marker}")
    scores = [assess(sentence, extract_facts(sentence)).score for sentence in with_marker]
    assert max(scores) >= DEFAULT_THRESHOLD


def test_model_loads_from_the_shipped_file_and_names_itself():
    payload = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = load_model()
    assert MODEL_PATH.parent.name == "model" and MODEL_PATH.is_relative_to(REPO / "claim_engine")
    assert model.name == payload["name"] and model.version == payload["version"]
    assert score.model_name() == f"{payload['name']}-{payload['version']}"
    assert MODEL_PATH.stat().st_size < 5_000_000


def test_weights_hold_feature_names_not_sentences():
    names = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["weights"]
    assert all(name.count(" ") <= 1 for name in names)


def test_runtime_imports_no_numeric_or_web_framework():
    code = (
        "import sys; from claim_engine.score import assess; assess('Prices rose 5 percent in 2020.', []);"
        "banned = {'numpy', 'sklearn', 'scipy', 'django', 'celery', 'articles', 'factcheck'};"
        "print(sorted(banned & {name.split('.')[0] for name in sys.modules}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
