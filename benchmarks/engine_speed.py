"""Claim engine speed: MB/s of the whole engine and of segmentation, against spaCy's sentencizer and pysbd.

Inputs are built at run time from the Wikinews articles in ../shared/eval/gum-news (beside the checkout), or from
generated sentences when that folder is absent. Prints rates and ratios; nothing here is asserted.

    .venv/bin/python benchmarks/engine_speed.py
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claim_engine import extract_claims, split_sentences  # noqa: E402

GUM = REPO / ".." / "shared" / "eval" / "gum-news"
PUBLISHED = None


def articles() -> list[str]:
    if GUM.is_dir():
        return [path.read_text(encoding="utf-8") for path in sorted(GUM.glob("GUM_news_*.txt"))]
    rng = random.Random(7)
    words = [
        "the",
        "company",
        "said",
        "its",
        "new",
        "phone",
        "has",
        "a",
        "50MP",
        "sensor",
        "and",
        "will",
        "launch",
        "in",
        "July",
        "after",
        "four",
        "years",
    ]
    return [
        "\n\n".join(" ".join(rng.choice(words) for _ in range(20)).capitalize() + "." for _ in range(30))
        for _ in range(20)
    ]


def corpus_of(texts: list[str], size: int) -> list[str]:
    """Article-sized texts, cycled until they hold ``size`` bytes."""
    out, total, index = [], 0, 0
    while total < size:
        text = texts[index % len(texts)]
        out.append(text)
        total += len(text.encode("utf-8"))
        index += 1
    return out


def rate(run: Callable[[str], object], texts: list[str], repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in MB/s."""
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - started)
    return size / best


def main() -> int:
    import pysbd
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 50_000_000
    segmenter = pysbd.Segmenter(language="en", clean=False)

    texts = articles()
    article_corpus = corpus_of(texts, 2_000_000)
    small_corpus = corpus_of(texts, 300_000)

    engine = rate(lambda text: extract_claims(text, published=PUBLISHED), article_corpus)
    segment = rate(split_sentences, article_corpus)
    spacy_rate = rate(lambda text: list(nlp(text).sents), article_corpus)
    pysbd_rate = rate(segmenter.segment, small_corpus, repeat=1)

    joined = "\n\n".join(texts)
    five_kb = [joined[:5_000]] * 200
    five_mb = ["\n\n".join(corpus_of(texts, 5_000_000))]
    engine_5kb = rate(extract_claims, five_kb)
    engine_5mb = rate(extract_claims, five_mb, repeat=1)

    print(
        f"inputs: {len(texts)} articles ({'gum-news' if GUM.is_dir() else 'generated'}), ~2 MB of article-sized texts"
    )
    print(f"{'what':<36}{'MB/s':>9}")
    for name, value in (
        ("claim_engine.extract_claims", engine),
        ("claim_engine.split_sentences", segment),
        ("spaCy sentencizer (blank en)", spacy_rate),
        ("pysbd (300 KB)", pysbd_rate),
        ("extract_claims, 5 KB article", engine_5kb),
        ("extract_claims, one 5 MB article", engine_5mb),
    ):
        print(f"{name:<36}{value:9.2f}")
    print()
    print(f"whole engine / spaCy sentencizer   {engine / spacy_rate:6.2f}x   (target >= 1.5x)")
    print(f"whole engine / pysbd               {engine / pysbd_rate:6.2f}x   (target >= 4x)")
    print(f"5 MB rate / 5 KB rate              {engine_5mb / engine_5kb:6.2f}    (linear: about 1 or more)")
    print(f"whole engine per core              {engine:6.2f} MB/s (target >= 2 MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
