"""Check-worthiness of claim_engine.score on public data, and its speed. Prints tables; asserts nothing.

    .venv/bin/python benchmarks/checkworthiness.py [--eval-dir ../shared/eval] [--seeds ../shared/seeds]

- ClaimBuster groundtruth (Arslan et al., ICWSM 2020): the dev set. The threshold was chosen on a split of the
  training data by debate date (``tools/train_scorer.py`` prints that validation).
- CheckThat! 2023 English test (318 debate sentences, 2020 campaign): never used for any choice; F1 of "Yes".
- Seed articles: score, kind and text of each sentence, to eyeball news prose against the debate-trained model.
- Throughput of ``assess`` (facts precomputed): sentences/s, MB/s of sentence text and µs per sentence on one core,
  and its time as a multiple of a plain regex tokenisation pass of the same text measured in the same run.

Each part is skipped with a note when its data folder is absent.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from claim_engine import score  # noqa: E402
from claim_engine.facts import extract_facts  # noqa: E402
from claim_engine.segment import split_sentences  # noqa: E402

SHARED = REPO_ROOT.parent / "shared"
CHECKTHAT_FILE = Path("checkthat2024") / "CT24_checkworthy_english_dev-test.tsv"
BASELINE = "baseline: one regex pass"


def read_claimbuster(path: Path) -> list[tuple[str, bool]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["Text"], row["Verdict"] == "1") for row in csv.DictReader(handle)]


def read_checkthat(path: Path) -> list[tuple[str, bool]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [(row["Text"], row["class_label"].strip() == "Yes") for row in rows]


def metrics(labelled: list[tuple[str, bool]], threshold: float) -> tuple[float, float, float]:
    true_positive = predicted = actual = 0
    for text, label in labelled:
        positive = score.assess(text, extract_facts(text)).score >= threshold
        true_positive += positive and label
        predicted += positive
        actual += label
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def accuracy_table(eval_dir: Path, threshold: float) -> None:
    sets = [
        ("ClaimBuster groundtruth (dev)", eval_dir / "claimbuster" / "groundtruth.csv", read_claimbuster),
        ("CheckThat! 2023 test (held out)", eval_dir / CHECKTHAT_FILE, read_checkthat),
    ]
    print(f"model {score.model_name()}, threshold {threshold}")
    print(f"{'data set':34} {'n':>5} {'yes':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, path, reader in sets:
        if not path.exists():
            print(f"{name:34} skipped: {path} not found")
            continue
        labelled = reader(path)
        precision, recall, f1 = metrics(labelled, threshold)
        positives = sum(label for _, label in labelled)
        print(f"{name:34} {len(labelled):5d} {positives:5d} {precision:6.3f} {recall:6.3f} {f1:6.3f}")


def seed_sentences(seeds_dir: Path) -> list[str]:
    sentences = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences.extend(text[s.start : s.end] for s in split_sentences(text))
    return [sentence for sentence in sentences if len(sentence.split()) >= 4]


def seeds_table(seeds_dir: Path, threshold: float) -> None:
    sentences = seed_sentences(seeds_dir)
    if not sentences:
        print(f"\nseed articles skipped: no *.txt under {seeds_dir}")
        return
    print(f"\nseed articles: {len(sentences)} sentences; '*' marks a claim")
    for sentence in sentences:
        assessment = score.assess(sentence, extract_facts(sentence))
        mark = "*" if assessment.score >= threshold else " "
        flat = " ".join(sentence.split())
        print(f"{mark} {assessment.score:.2f} {assessment.kind:11} {flat[:100]}")


def throughput_table(sentences: list[str], repeats: int = 9) -> None:
    if not sentences:
        print("\nthroughput skipped: no sentences")
        return
    work = [(sentence, extract_facts(sentence)) for sentence in sentences]
    size_mb = sum(len(sentence.encode("utf-8")) for sentence in sentences) / 1e6
    baseline = re.compile(r"\w+|[^\w\s]")
    runs = {
        "assess": lambda: [score.assess(sentence, facts) for sentence, facts in work],
        BASELINE: lambda: [baseline.findall(sentence.lower()) for sentence in sentences],
    }
    runs["assess"]()  # warm the word caches, as a long-running worker would be
    best = dict.fromkeys(runs, float("inf"))
    # Interleaved, best of several, in CPU time of this process: a shared machine's load then weighs on neither
    # figure through time spent waiting for a core, and what it does to caches weighs on both alike.
    for _ in range(repeats):
        for name, run in runs.items():
            started = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - started)
    print(f"\nthroughput ({len(work)} sentences, {size_mb:.2f} MB, best of {repeats}, CPU time of one core)")
    print(f"{'':26} {'sentences/s':>12} {'MB/s':>8} {'us/sentence':>12} {'time/baseline':>14}")
    for name, seconds in best.items():
        ratio = seconds / best[BASELINE]
        per_sentence = seconds / len(work) * 1e6
        print(f"{name:26} {len(work) / seconds:12.0f} {size_mb / seconds:8.2f} {per_sentence:12.1f} {ratio:14.1f}")
    per_100_bytes = best["assess"] / (size_mb * 1e4) * 1e6
    ratio = best["assess"] / best[BASELINE]
    print(f"assess per 100 bytes of sentence: {per_100_bytes:.1f} us, {ratio:.2f}x the baseline")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=SHARED / "eval")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--threshold", type=float, default=score.DEFAULT_THRESHOLD)
    parser.add_argument("--show-seeds", action="store_true", help="print every seed sentence with its score")
    args = parser.parse_args(argv)
    accuracy_table(args.eval_dir, args.threshold)
    if args.show_seeds:
        seeds_table(args.seeds, args.threshold)
    sentences = seed_sentences(args.seeds) if args.seeds.exists() else []
    groundtruth = args.eval_dir / "claimbuster" / "groundtruth.csv"
    if groundtruth.exists():
        sentences += [text for text, _ in read_claimbuster(groundtruth)]
    throughput_table(sentences)
    return 0


if __name__ == "__main__":
    sys.exit(main())
