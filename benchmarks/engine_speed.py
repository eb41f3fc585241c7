"""Claim engine speed: MB/s of the whole engine and of each stage, against spaCy's sentencizer and pysbd.

Inputs are built at run time from the Wikinews articles in ../shared/eval/gum-news (beside the checkout), or from
generated sentences when that folder is absent. Prints rates and ratios; nothing here is asserted.

Stage rates are article bytes over the time of that stage alone, given what the earlier stages produced: page
furniture and facts run on every sentence the segmenter finds, the scorer on the sentences the pipeline scores. The
time of the whole engine is about the sum of the stages' times (1 / rate).

    .venv/bin/python benchmarks/engine_speed.py
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claim_engine import extract_claims, split_sentences  # noqa: E402
from claim_engine.boilerplate import ArticleWords, page_furniture, unclaimed_statement  # noqa: E402
from claim_engine.facts import extract_facts  # noqa: E402
from claim_engine.score import assess  # noqa: E402

GUM = REPO / ".." / "shared" / "eval" / "gum-news"
PUBLISHED = date(2022, 5, 23)


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


def paragraph_chunks(text: str, size: int) -> list[str]:
    """``text`` cut at blank lines into pieces of about ``size`` characters.

    The same bytes as one long article, as many short ones: a per-byte rate that differs between the two comes from
    length alone, not from which sentences were sampled. A blank line always ends a sentence, so both hold the same
    sentences.
    """
    chunks, current, length = [], [], 0
    for paragraph in text.split("\n\n"):
        current.append(paragraph)
        length += len(paragraph) + 2
        if length >= size:
            chunks.append("\n\n".join(current))
            current, length = [], 0
    if current:
        chunks.append("\n\n".join(current))
    return chunks


def cpu_seconds() -> float:
    # The target is per core and the machine is shared: the process's CPU time does not count the time other
    # processes hold the cores, which wall-clock time on a busy machine does.
    return time.process_time()


def rate(run: Callable[[str], object], texts: list[str], repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in MB/s."""
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    best = float("inf")
    for _ in range(repeat):
        started = cpu_seconds()
        for text in texts:
            run(text)
        best = min(best, cpu_seconds() - started)
    return size / best


def stage_rates(texts: list[str]) -> dict[str, float]:
    """MB/s of page furniture, facts and scoring, each timed alone on the article bytes it serves.

    Page furniture is timed as the pipeline runs it: the rules' words found once per article (``ArticleWords``),
    then each sentence tested.
    """
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    per_article = [
        (
            text,
            [(text[sentence.start : sentence.end], sentence.start, sentence.end) for sentence in split_sentences(text)],
        )
        for text in texts
    ]
    sentences = [(sentence, start) for _, spans in per_article for sentence, start, _ in spans]
    kept = [(sentence, offset) for sentence, offset in sentences if not page_furniture(sentence)]
    with_facts = [(sentence, extract_facts(sentence, offset=offset, published=PUBLISHED)) for sentence, offset in kept]
    scored = [(sentence, facts) for sentence, facts in with_facts if not unclaimed_statement(sentence, facts)]

    def furniture() -> None:
        for text, spans in per_article:
            words = ArticleWords(text)
            for sentence, start, end in spans:
                page_furniture(sentence, rule_words=words.furniture_words_in(start, end))

    def facts() -> None:
        for sentence, offset in kept:
            extract_facts(sentence, offset=offset, published=PUBLISHED)

    def score() -> None:
        for sentence, facts in scored:
            assess(sentence, facts)

    assess(*scored[0])  # loads the model outside the timing
    return {
        name: size / best_time(stage) for name, stage in (("furniture", furniture), ("facts", facts), ("score", score))
    }


def best_time(run: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = cpu_seconds()
        run()
        best = min(best, cpu_seconds() - started)
    return best


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
    stages = stage_rates(article_corpus)
    spacy_rate = rate(lambda text: list(nlp(text).sents), article_corpus)
    pysbd_rate = rate(segmenter.segment, small_corpus, repeat=1)

    five_mb_text = "\n\n".join(corpus_of(texts, 5_000_000))
    five_mb = [five_mb_text]
    five_kb = paragraph_chunks(five_mb_text, 5_000)
    engine_5kb = rate(lambda text: extract_claims(text, published=PUBLISHED), five_kb, repeat=2)
    engine_5mb = rate(lambda text: extract_claims(text, published=PUBLISHED), five_mb, repeat=2)

    print(
        f"inputs: {len(texts)} articles ({'gum-news' if GUM.is_dir() else 'generated'}), ~2 MB of article-sized texts"
    )
    print(f"{'what':<44}{'MB/s':>9}")
    for name, value in (
        ("claim_engine.extract_claims", engine),
        ("  stage: split_sentences", segment),
        ("  stage: page_furniture", stages["furniture"]),
        ("  stage: extract_facts", stages["facts"]),
        ("  stage: assess (scorer)", stages["score"]),
        ("spaCy sentencizer (blank en)", spacy_rate),
        ("pysbd (300 KB)", pysbd_rate),
        ("extract_claims, the 5 MB as 5 KB articles", engine_5kb),
        ("extract_claims, one 5 MB article", engine_5mb),
    ):
        print(f"{name:<44}{value:9.2f}")
    print()
    stage_time = sum(1 / value for value in (segment, *stages.values()))
    print(f"sum of stage times                 {1000 * stage_time:6.0f} ms per MB (whole engine {1000 / engine:.0f})")
    print(f"whole engine / spaCy sentencizer   {engine / spacy_rate:6.2f}x   (target >= 1.5x)")
    print(f"whole engine / pysbd               {engine / pysbd_rate:6.2f}x   (target >= 4x)")
    print(f"5 MB rate / 5 KB rate              {engine_5mb / engine_5kb:6.2f}    (linear: about 1 or more)")
    print(f"whole engine per core              {engine:6.2f} MB/s (target >= 2 MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
