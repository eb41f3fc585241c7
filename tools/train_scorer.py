"""Train the check-worthiness model and write claim_engine/model/checkworthiness.json.

    .venv/bin/python tools/train_scorer.py [--eval-dir ../shared/eval] [--check-only]

Data: ClaimBuster (Arslan et al., ICWSM 2020, Zenodo 3609356), read from the shared eval folder beside the checkout,
never copied into the repository. ``crowdsourced.csv`` trains; ``groundtruth.csv`` (expert labels) is the dev set on
which the threshold is chosen. A sentence is positive when its verdict is 1 (check-worthy factual).

The shipped file holds feature names (vocabulary tokens, bigrams of tokens, character n-grams) and their weights:
no sentence of the data. Features seen in fewer than ``MIN_COUNT`` training sentences are dropped first, which keeps
the file small and stops the model from memorising one-off phrases of old debates.

Needs scikit-learn and numpy (requirements-bench.txt); the engine itself never does.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from claim_engine.score import MODEL_PATH, features  # noqa: E402

MODEL_NAME = "claimbuster-logreg"
MODEL_VERSION = "1"
MIN_COUNT = 2
REGULARISATION_C = 1.0
WEIGHT_DIGITS = 4
# The same n-gram settings as the defaults of claim_engine.score.features; written into the model file.
CHAR_SIZES = (3, 4, 5)
CHAR_WEIGHT = 0.5


def default_eval_dir() -> Path:
    return REPO_ROOT.parent / "shared" / "eval"


def read_claimbuster(path: Path) -> tuple[list[str], list[int]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row["Text"] for row in rows], [int(row["Verdict"] == "1") for row in rows]


def train(texts: list[str], labels: list[int]) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = [features(text, char_sizes=CHAR_SIZES, char_weight=CHAR_WEIGHT) for text in texts]
    counts = Counter(name for vector in vectors for name in vector)
    vectors = [{name: value for name, value in vector.items() if counts[name] >= MIN_COUNT} for vector in vectors]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(vectors)
    model = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=5000)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): round(float(weight), WEIGHT_DIGITS)
        for name, weight in zip(names, model.coef_[0], strict=True)
        if round(float(weight), WEIGHT_DIGITS) != 0.0
    }
    return {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "trained_on": "ClaimBuster crowdsourced.csv (Arslan et al., ICWSM 2020, Zenodo 3609356); positive = Verdict 1",
        "bias": round(float(model.intercept_[0]), WEIGHT_DIGITS),
        "char_sizes": list(CHAR_SIZES),
        "char_weight": CHAR_WEIGHT,
        "weights": dict(sorted(weights.items())),
    }


def f1_at(scores: list[float], labels: list[int], threshold: float) -> float:
    true_positive = sum(1 for score, label in zip(scores, labels, strict=True) if score >= threshold and label)
    predicted = sum(1 for score in scores if score >= threshold)
    actual = sum(labels)
    if not true_positive:
        return 0.0
    return 2 * true_positive / (predicted + actual)


def choose_threshold(scores: list[float], labels: list[int]) -> tuple[float, float]:
    """The threshold with the best dev F1, on a 0.01 grid; ties go to the lower threshold."""
    best_f1, best_threshold = -1.0, 0.5
    for step in range(5, 96):
        threshold = step / 100
        f1 = f1_at(scores, labels, threshold)
        if f1 > best_f1 + 1e-9:
            best_f1, best_threshold = f1, threshold
    return best_threshold, best_f1


def dev_scores(texts: list[str]) -> list[float]:
    """Scores as the engine gives them, facts included, with the freshly written model."""
    from claim_engine import score
    from claim_engine.facts import extract_facts

    score.load_model.cache_clear()
    return [score.assess(text, extract_facts(text)).score for text in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--check-only", action="store_true", help="score the dev set with the shipped model")
    args = parser.parse_args(argv)
    claimbuster = args.eval_dir / "claimbuster"
    if not (claimbuster / "crowdsourced.csv").exists():
        print(f"ClaimBuster data not found under {claimbuster}; nothing to train.", file=sys.stderr)
        return 0
    dev_texts, dev_labels = read_claimbuster(claimbuster / "groundtruth.csv")
    if not args.check_only:
        train_texts, train_labels = read_claimbuster(claimbuster / "crowdsourced.csv")
        payload = train(train_texts, train_labels)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(payload, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
        size_kib = args.output.stat().st_size / 1024
        print(f"wrote {args.output} ({len(payload['weights'])} weights, {size_kib:.0f} KiB)")
    threshold, f1 = choose_threshold(dev_scores(dev_texts), dev_labels)
    print(f"groundtruth (dev): best F1 {f1:.3f} at threshold {threshold:.2f}; set DEFAULT_THRESHOLD to it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
