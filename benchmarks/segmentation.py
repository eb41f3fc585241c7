"""Sentence segmentation: claim_engine against pysbd, syntok and spaCy's sentencizer, side by side.

Reads the evaluation data from ../shared/eval (beside the checkout) and prints one table:
boundary precision/recall/F1 on the Wikinews articles and golden rules passed. Run from the repo root:

    .venv/bin/python benchmarks/segmentation.py
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claim_engine.segment import split_sentences  # noqa: E402

EVAL = REPO / ".." / "shared" / "eval"
GUM = EVAL / "gum-news"
GOLDEN = EVAL / "golden-rules" / "english_golden_rules.jsonl"

Spans = list[tuple[int, int]]


def engine_spans(text: str) -> Spans:
    return [(s.start, s.end) for s in split_sentences(text)]


def _locate(text: str, pieces: list[str]) -> Spans:
    """Offsets of segment strings returned by a tool, found in order in the text."""
    spans, position = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, position)
        if start < 0:
            continue
        spans.append((start, start + len(piece)))
        position = start + len(piece)
    return spans


def make_pysbd() -> Callable[[str], Spans]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: _locate(text, segmenter.segment(text))


def make_syntok() -> Callable[[str], Spans]:
    from syntok import segmenter

    def spans(text: str) -> Spans:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                start = sentence[0].offset
                end = sentence[-1].offset + len(sentence[-1].value)
                out.append((start, end))
        return out

    return spans


def make_spacy() -> Callable[[str], Spans]:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 50_000_000

    def spans(text: str) -> Spans:
        return [(s.start_char, s.end_char) for s in nlp(text).sents if s.text.strip()]

    return spans


def trimmed(text: str, spans: Spans) -> Spans:
    out = []
    for start, end in spans:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if end - trail > start + lead:
            out.append((start + lead, end - trail))
    return out


def gum_documents() -> dict[str, tuple[str, set[int]]]:
    gold: dict[str, set[int]] = defaultdict(set)
    with open(GUM / "gum_news_gold_sentences.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            gold[row["doc_id"]].add(int(row["char_end"]))
    return {doc: ((GUM / f"{doc}.txt").read_text(encoding="utf-8"), ends) for doc, ends in sorted(gold.items())}


def boundary_scores(segment: Callable[[str], Spans], documents: dict[str, tuple[str, set[int]]]) -> tuple:
    # A boundary is a sentence's end offset once surrounding whitespace is trimmed; the text's end is not counted.
    true_positive = predicted = expected = 0
    for text, gold_ends in documents.values():
        final = len(text.rstrip())
        ends = {end for _, end in trimmed(text, segment(text))} - {final}
        gold = gold_ends - {final}
        true_positive += len(ends & gold)
        predicted += len(ends)
        expected += len(gold)
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def golden_rules_passed(segment: Callable[[str], Spans]) -> tuple[int, int, list[int]]:
    passed, failed = 0, []
    rules = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
    for rule in rules:
        text = rule["text"]
        got = [text[a:b] for a, b in trimmed(text, segment(text))]
        if got == [s.strip() for s in rule["expected"]]:
            passed += 1
        else:
            failed.append(rule["rule_no"])
    return passed, len(rules), failed


def main() -> int:
    if not GUM.is_dir() or not GOLDEN.is_file():
        print(f"evaluation data not found under {EVAL.resolve()}", file=sys.stderr)
        return 2
    documents = gum_documents()
    tools = {"claim_engine": engine_spans, "pysbd": make_pysbd(), "syntok": make_syntok(), "spacy": make_spacy()}
    print(f"{'tool':<14}{'P':>7}{'R':>7}{'F1':>7}   golden rules   failed rules")
    for name, segment in tools.items():
        precision, recall, f1 = boundary_scores(segment, documents)
        passed, total, failed = golden_rules_passed(segment)
        shown = ",".join(map(str, failed[:12])) + ("..." if len(failed) > 12 else "")
        print(f"{name:<14}{precision:7.3f}{recall:7.3f}{f1:7.3f}   {passed:>3}/{total:<9}  {shown}")
    print(f"\nWikinews: {len(documents)} articles, {sum(len(g) for _, g in documents.values())} gold sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
