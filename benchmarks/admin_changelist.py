"""Admin changelists over a million claims: latency per request (p50, p95) and queries per request.

Fills the benchmark database to ADMIN_BENCH_CLAIMS claims (default 1,000,000), logs a superuser in with Django's
test client (in-process, no network) and opens the claims changelist unfiltered, on a deep page, with each list
filter, with search and with a sort. The baseline, measured in the same run, is the same unfiltered changelist with
Django's own paginator (an exact COUNT over the table on every page): the ratio column is p50 / baseline p50.

Targets: claims changelist p50 under 300 ms; the same number of queries whatever the table size.

    .venv/bin/python benchmarks/admin_changelist.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _scale

CLAIMS = int(os.environ.get("ADMIN_BENCH_CLAIMS", 1_000_000))
RUNS = int(os.environ.get("ADMIN_BENCH_RUNS", 15))


def measure(client, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches the way a reviewer's second look would
    times = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        queries = len(captured.captured_queries)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def main() -> None:
    claims = _scale.ensure_claims(CLAIMS)
    from django.contrib.admin.sites import site
    from django.core.paginator import Paginator
    from django.test import Client
    from django.test.utils import setup_test_environment

    from articles import services
    from articles.models import Article, Claim

    setup_test_environment()
    admin_user = services.desk_user_ensure(username="bench-admin", password="bench-only-password", superuser=True)
    client = Client()
    client.force_login(admin_user)
    outlet = Article.objects.exclude(outlet="").values_list("outlet", flat=True).first()
    claim_admin = site._registry[Claim]

    pages = [
        ("claims", "/admin/articles/claim/"),
        ("claims, last page (100)", "/admin/articles/claim/?p=100"),
        ("claims, status=verified", "/admin/articles/claim/?status__exact=verified"),
        ("claims, kind=event", "/admin/articles/claim/?kind__exact=event"),
        ("claims, outlet", f"/admin/articles/claim/?article__outlet={outlet.replace(' ', '+')}"),
        ("claims, reviewer", f"/admin/articles/claim/?reviewer__id__exact={_a_reviewer()}"),
        ("claims, search 'sensor'", "/admin/articles/claim/?q=sensor"),
        ("claims, search rare word", "/admin/articles/claim/?q=Tallinn+and+double"),
        ("claims, search + status", "/admin/articles/claim/?q=sensor&status__exact=wrong"),
        ("claims, sort by score", "/admin/articles/claim/?o=3"),
        ("articles", "/admin/articles/article/"),
        ("claim history", "/admin/articles/claimevent/"),
    ]
    print(f"{claims:,} claims, {Article.objects.count():,} articles; {RUNS} requests each", flush=True)

    # Baseline: Django's own paginator, counting the whole table on every page.
    ours = claim_admin.paginator
    claim_admin.paginator = Paginator
    try:
        base_p50, base_p95, base_queries = measure(client, pages[0][1])
    finally:
        claim_admin.paginator = ours

    rows = [["claims, exact COUNT (baseline)", f"{base_p50:.0f}", f"{base_p95:.0f}", base_queries, "1.00"]]
    results = {}
    for label, url in pages:
        p50, p95, queries = measure(client, url)
        results[label] = (p50, queries)
        rows.append([label, f"{p50:.0f}", f"{p95:.0f}", queries, f"{p50 / base_p50:.2f}"])
        print(f"  {label}: p50 {p50:.0f} ms", flush=True)
    print()
    print(_scale.table(["changelist", "p50 ms", "p95 ms", "queries", "x baseline"], rows))
    claim_rows = {label: value for label, value in results.items() if label.startswith("claims")}
    worst = max(p50 for p50, _ in claim_rows.values())
    query_counts = sorted({queries for _, queries in claim_rows.values()})
    print(
        f"\ntarget: claims changelist p50 < 300 ms -> worst p50 {worst:.0f} ms: {'met' if worst < 300 else 'NOT met'}"
    )
    print(f"queries per claims changelist request: {query_counts} (tests assert they do not grow with the table)")


def _a_reviewer() -> int:
    from articles.models import Claim

    return Claim.objects.exclude(reviewer=None).values_list("reviewer_id", flat=True).first()


if __name__ == "__main__":
    main()
