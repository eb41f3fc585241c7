"""A bulk verdict on every claim matching a filter: 100,000 claims, with one history row each.

On the benchmark database (filled to BULK_BENCH_CLAIMS claims, default 1,000,000), the filter "unreviewed, id up to
X" is chosen to match BULK_BENCH_ROWS claims (default 100,000). Measured, in one run:

- baseline: the database's own floor, two hand-written statements (UPDATE ... WHERE id IN (filter); INSERT INTO
  history SELECT ... ) in a transaction that is rolled back;
- services.claims_review on the filtered queryset (what every caller uses);
- the admin's "Mark selected claims wrong" with "select all matching" on the filtered changelist (HTTP POST through
  Django's test client), i.e. the path a staff member takes.

Each verdict is put back afterwards (itself a bulk verdict on the same claims, also timed), so the database ends
as it began apart from history rows; the figure is the median of those runs, as the machine may be shared.
Target: under 10 s including history rows.

    .venv/bin/python benchmarks/bulk_verdict.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _scale

CLAIMS = int(os.environ.get("BULK_BENCH_CLAIMS", 1_000_000))
ROWS = int(os.environ.get("BULK_BENCH_ROWS", 100_000))
ROUNDS = int(os.environ.get("BULK_BENCH_ROUNDS", 2))


def raw_sql_seconds(last_id: int, actor_id: int) -> float:
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_claim SET status = 'wrong', reviewer_id = %s, reviewed_at = now(), version = version + 1,"
            " updated_at = now() WHERE status = 'unreviewed' AND id <= %s",
            [actor_id, last_id],
        )
        cursor.execute(
            "INSERT INTO articles_claimevent (claim_id, actor_id, action, from_status, to_status, note, created_at)"
            " SELECT id, %s, 'review', 'unreviewed', 'wrong', '', now() FROM articles_claim"
            " WHERE status = 'wrong' AND reviewer_id = %s AND id <= %s",
            [actor_id, actor_id, last_id],
        )
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def main() -> None:
    claims = _scale.ensure_claims(CLAIMS)
    from django.test import Client
    from django.test.utils import setup_test_environment

    from articles import roles, services
    from articles.models import Claim, ClaimEvent

    setup_test_environment()
    reviewer = services.desk_user_ensure(
        username="bench-bulk-reviewer", password="bench-only-password", role=roles.REVIEWERS, superuser=True
    )
    unreviewed = Claim.objects.filter(status=Claim.Status.UNREVIEWED).order_by("id")
    last_id = unreviewed.values_list("id", flat=True)[ROWS - 1]
    matching = Claim.objects.filter(status=Claim.Status.UNREVIEWED, id__lte=last_id)
    count = matching.count()
    print(f"{claims:,} claims; the filter matches {count:,}", flush=True)

    baseline = statistics.median(raw_sql_seconds(last_id, reviewer.pk) for _ in range(ROUNDS))

    # Each round: a verdict on the 100,000 and the verdict put back, both bulk verdicts on 100,000 claims.
    service_runs: list[float] = []
    events_ok = True
    marked = Claim.objects.filter(status=Claim.Status.WRONG, reviewer=reviewer, id__lte=last_id)
    for _ in range(ROUNDS):
        events_before = ClaimEvent.objects.count()
        started = time.perf_counter()
        changed = services.claims_review(claims=matching, status=Claim.Status.WRONG, actor=reviewer)
        service_runs.append(time.perf_counter() - started)
        events_ok &= ClaimEvent.objects.count() - events_before == changed == count
        started = time.perf_counter()
        services.claims_review(claims=marked, status=Claim.Status.UNREVIEWED, actor=reviewer)
        service_runs.append(time.perf_counter() - started)
    service_seconds = statistics.median(service_runs)

    client = Client()
    client.force_login(reviewer)
    first = matching.values_list("id", flat=True).first()
    started = time.perf_counter()
    response = client.post(
        f"/admin/articles/claim/?status__exact=unreviewed&id__lte={last_id}",
        {"action": "mark_wrong", "select_across": "1", "index": "0", "_selected_action": [first]},
    )
    admin_seconds = time.perf_counter() - started
    admin_changed = marked.count()
    if response.status_code != 302 or admin_changed != count:
        print(f"admin action: HTTP {response.status_code}, {admin_changed:,} claims marked (expected {count:,})")
    services.claims_review(claims=marked, status=Claim.Status.UNREVIEWED, actor=reviewer)
    # Every run leaves 200,000 dead row versions per round; clean them so that the other benchmarks on this
    # database (changelists, exports) measure the table, not this benchmark's leftovers.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_claim")

    rows = [
        ["raw SQL UPDATE + INSERT (baseline)", f"{count:,}", f"{baseline:.2f}", f"{count / baseline:,.0f}", "1.00"],
        [
            f"services.claims_review (median of {len(service_runs)})",
            f"{count:,}",
            f"{service_seconds:.2f}",
            f"{count / service_seconds:,.0f}",
            f"{service_seconds / baseline:.2f}",
        ],
        [
            "admin action, select all matching",
            f"{admin_changed:,}",
            f"{admin_seconds:.2f}",
            f"{admin_changed / admin_seconds:,.0f}",
            f"{admin_seconds / baseline:.2f}",
        ],
    ]
    print()
    print(_scale.table(["bulk verdict", "claims", "seconds", "claims/s", "x baseline"], rows))
    print(f"\nclaims_review runs: {', '.join(f'{s:.1f}s' for s in service_runs)}")
    print(f"one history row per changed claim: {'yes' if events_ok else 'NO'}")
    print(
        f"target: 100,000 claims under 10 s with history -> median {service_seconds:.1f} s, "
        f"admin {admin_seconds:.1f} s: {'met' if max(service_seconds, admin_seconds) < 10 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
