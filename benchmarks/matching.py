"""Cross-article matching at scale: one new 30-claim article against 1,000,000 stored claims.

Seeds its own PostgreSQL database (``factcheck_match_bench`` unless MATCH_BENCH_DATABASE_URL names another) with
articles, claims and their match keys through COPY, then times ``services.article_match`` for a new article whose
facts share keys with the stored ones. Also prints the seeds' outcome (groups and contradictions). Prints figures
from one run; nothing is asserted.

    createdb -h 127.0.0.1 -U postgres factcheck_match_bench
    .venv/bin/python benchmarks/matching.py [--claims 1000000] [--reseed]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DATABASE_URL = os.environ.get("MATCH_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_match_bench")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.pop("CELERY_BROKER_URL", None)  # the benchmark calls the service itself; nothing is enqueued

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from articles import ingest, services  # noqa: E402
from articles.models import Article, Claim, ClaimMatchKey  # noqa: E402

CLAIMS_PER_ARTICLE = 50
COMPANIES = [f"brand{number}" for number in range(20000)]
CONCEPTS = [
    ("duration", "time", "partnership", 365.0),
    ("rank", "-", "largest maker", 3),
    ("date", "date", "launch:future", "2026-07"),
    ("sensor_format", "inch", "sensor", "1/1.3"),
    ("quantity", "MP", "camera", 50.0),
    ("percent", "%", "market share", 9.0),
    ("count", "-", "employee", 1200.0),
]

NEW_ARTICLE = """date 2026-03-12
Brand7 and Brand11 extend their camera deal

{sentences}
"""
TEMPLATES = [
    "Brand{a}'s partnership with Brand{b} has lasted {n} years, the company said.",
    "Brand{a}, the world's {ordinal}-largest smartphone maker, will launch the phone in July this year.",
    "The Brand{a} X{n} will use a 1/1.{n}-inch main sensor and a {mp}MP main camera, Brand{a} said.",
    "Brand{a} now has {n}% of the global market, up from last year.",
]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]


def seed(total_claims: int) -> None:
    """COPY articles, claims and one match key per claim; a few seconds per 100,000 claims."""
    rng = random.Random(42)
    articles = total_claims // CLAIMS_PER_ARTICLE
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE articles_claimmatchkey, articles_claim, articles_article RESTART IDENTITY CASCADE")
        start = time.perf_counter()
        with cursor.copy(
            "COPY articles_article (title, outlet, author, url, published, text, original, original_name,"
            " original_format, content_hash, status, error, split_attempts, engine_version, status_changed_at,"
            " split_at, created_at, updated_at) FROM STDIN"
        ) as copy:
            for number in range(articles):
                copy.write_row(
                    (
                        f"Stored article {number}",
                        f"Outlet {number % 300}",
                        "",
                        "",
                        f"2026-0{1 + number % 3}-{1 + number % 28:02d}",
                        "x",
                        b"",
                        "",
                        "",
                        f"bench-{number}",
                        "split",
                        "",
                        1,
                        "bench",
                        "2026-03-01T00:00:00Z",
                        "2026-03-01T00:00:00Z",
                        "2026-03-01T00:00:00Z",
                        "2026-03-01T00:00:00Z",
                    )
                )
        with cursor.copy(
            'COPY articles_claim (article_id, position, text, start, "end", score, kind, facts, reasons,'
            " engine_version, status, note, version, created_at, updated_at) FROM STDIN"
        ) as copy:
            for claim_number in range(total_claims):
                article_id = claim_number // CLAIMS_PER_ARTICLE + 1
                copy.write_row(
                    (
                        article_id,
                        claim_number % CLAIMS_PER_ARTICLE,
                        f"Stored claim {claim_number}",
                        0,
                        10,
                        0.5,
                        "quantity",
                        "[]",
                        "[]",
                        "bench",
                        "unreviewed",
                        "",
                        1,
                        "2026-03-01T00:00:00Z",
                        "2026-03-01T00:00:00Z",
                    )
                )
        with cursor.copy(
            "COPY articles_claimmatchkey (key, claim_id, article_id, fact_index, fact_type, fact) FROM STDIN"
        ) as copy:
            for claim_number in range(total_claims):
                fact_type, dimension, concept, value = rng.choice(CONCEPTS)
                entity = rng.choice(COMPANIES)
                key = f"{fact_type}|{dimension}|{concept}|{entity}"
                fact = {
                    "fact_type": fact_type,
                    "dimension": dimension,
                    "concept": concept,
                    "value": value,
                    "text": str(value),
                    "blocks": [key],
                    "owner": entity,
                    "unit": "year" if fact_type == "duration" else "",
                    "index": 0,
                    "entities": [entity],
                }
                copy.write_row(
                    (key, claim_number + 1, claim_number // CLAIMS_PER_ARTICLE + 1, 0, fact_type, json.dumps(fact))
                )
        seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article, articles_claim, articles_claimmatchkey")
    print(f"seeded {articles:,} articles, {total_claims:,} claims and match keys in {seconds:.1f} s")


def new_article_text(rng: random.Random) -> str:
    sentences = []
    for number in range(30):
        template = TEMPLATES[number % len(TEMPLATES)]
        sentences.append(
            template.format(
                a=rng.randrange(20000),
                b=rng.randrange(20000),
                n=rng.randrange(2, 9),
                mp=rng.choice([50, 64, 200]),
                ordinal=rng.choice(ORDINALS),
            )
        )
    return NEW_ARTICLE.format(sentences="\n\n".join(sentences))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    stored = Claim.objects.exclude(engine_version="").filter(engine_version="bench").count()
    if options.reseed or stored != options.claims:
        seed(options.claims)
    stored_keys = ClaimMatchKey.objects.count()
    print(f"stored: {Claim.objects.count():,} claims, {stored_keys:,} match keys")

    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create_superuser(
        "bench", password="bench-pass-123"
    )
    # Split and match here, one step at a time, so that the match is timed alone.
    services._enqueue_split = lambda article_id: None
    services._after_split = lambda article_id: None
    rng = random.Random(7)
    timings = []
    for run in range(options.runs):
        text = new_article_text(rng)
        document = ingest.document_from_text(text, outlet=f"Bench outlet {run}")
        article = services.articles_create(documents=[(document, b"")], uploaded_by=editor)[0].article
        services.article_split(article_id=article.pk)
        claims = Claim.objects.filter(article=article).count()
        start = time.perf_counter()
        changed = services.article_match(article_id=article.pk)
        seconds = time.perf_counter() - start
        keys = ClaimMatchKey.objects.filter(article=article).count()
        timings.append(seconds)
        print(
            f"run {run + 1}: {claims} claims, {keys} keys, {changed} groups changed, matched in {seconds * 1000:.0f} ms"
        )
        Article.objects.filter(pk=article.pk).delete()

    timings.sort()
    print(
        f"median match time for a new article against {stored_keys:,} stored keys: {timings[len(timings) // 2]:.3f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT claim_id FROM articles_claimmatchkey WHERE key IN (%s, %s) AND article_id <> %s",
            ["rank|-|largest maker|brand7", "duration|time|partnership|brand11", 0],
        )
        print("plan:", " / ".join(row[0].strip() for row in cursor.fetchall()[:3]))


if __name__ == "__main__":
    main()
