"""Fifty desk users at once against the app as deployed: gunicorn with threads, PostgreSQL, Redis and two Celery
worker processes, all on 127.0.0.1. Nothing may be lost: every accepted upload ends split or failed with a reason,
every verdict the server said it saved is in the history, and no request gets a 5xx.

In ``make test`` the run is short (LOADTEST_SECONDS, 20 s by default); ``make loadtest`` runs it for five minutes.
Latency percentiles are printed and written to test-artifacts/loadtest.txt, never asserted: they depend on the
machine.
"""

import os
import random
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count

from articles import ingest, roles, services
from articles.models import Article, Claim, ClaimEvent
from loadtest import generator
from tests.conftest import ARTIFACTS, Worker, purge_broker, wait_for, worker_environment
from tests.reliability.faults import record_measurement, start_web

pytestmark = [pytest.mark.worker, pytest.mark.slow]

LOAD_SECONDS = float(os.environ.get("LOADTEST_SECONDS", "20"))
USERS = int(os.environ.get("LOADTEST_USERS", "50"))
SEEDED_ARTICLES = 12


def _desk_accounts(prefix: str, group: str, count: int) -> list:
    """Accounts without a password (they use API tokens): hashing fifty passwords would cost the run 15 s."""
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        [user_model(username=f"load-{prefix}-{number}", password="!") for number in range(count)]
    )
    Group.objects.get(name=group).user_set.add(*users)
    return users


@pytest.mark.django_db(transaction=True)
def test_fifty_users_uploading_reviewing_and_exporting_lose_nothing_and_get_no_server_error():
    roles.ensure_groups()
    editors = _desk_accounts("editor", roles.EDITORS, USERS // 5)
    exporters = _desk_accounts("exporter", roles.EDITORS, USERS // 5)
    reviewers = _desk_accounts("reviewer", roles.REVIEWERS, USERS - 2 * (USERS // 5))

    # Claims to review from the first second; the load's own uploads add more as the workers split them.
    rng = random.Random(11)
    for _ in range(SEEDED_ARTICLES):
        document = ingest.document_from_text(generator.article_text(rng))
        article = services.articles_create(documents=[(document, b"")], uploaded_by=None)[0].article
        services.article_split(article_id=article.pk)
    assert Claim.objects.count() >= SEEDED_ARTICLES

    purge_broker()
    # The writes throttle is per user and sized for people; fifty scripted users at once would trip it.
    env = worker_environment(API_WRITE_RATE="100000/minute")
    workers = [Worker(env).start() for _ in range(2)]
    web = None
    try:
        web, base = start_web(env, workers=3, threads=4)
        plan = generator.Plan(
            editors=[services.api_token_ensure(user=user) for user in editors],
            reviewers=[services.api_token_ensure(user=user) for user in reviewers],
            exporters=[services.api_token_ensure(user=user) for user in exporters],
            seconds=LOAD_SECONDS,
        )
        started = time.monotonic()
        stats = generator.run(base, plan)
        elapsed = time.monotonic() - started
        drain_started = time.monotonic()
        # Bounded: the workers must finish the uploads' splits, not the test wait forever for them.
        wait_for(
            lambda: (
                not Article.objects.filter(
                    uploaded_by__in=editors, status__in=[Article.Status.QUEUED, Article.Status.SPLITTING]
                ).exists()
            ),
            timeout=max(120, LOAD_SECONDS),
            interval=1,
            message="the workers to split every accepted upload",
        )
        drain_seconds = time.monotonic() - drain_started
    finally:
        if web is not None:
            web.stop()
        for worker in workers:
            worker.stop()
        purge_broker()

    uploads = Article.objects.filter(uploaded_by__in=editors)
    split = uploads.filter(status=Article.Status.SPLIT).count()
    failed_with_reason = uploads.filter(status=Article.Status.FAILED).exclude(error="").count()
    verdicts_stored = ClaimEvent.objects.filter(actor__in=reviewers, action=ClaimEvent.Action.REVIEW).count()
    verdicts_sent = sum(stats.verdicts_sent.values())
    report = "\n".join(
        [
            f"{USERS} users for {elapsed:.0f} s ({len(editors)} editors, {len(reviewers)} reviewers, "
            f"{len(exporters)} exporters); gunicorn 3 workers x 4 threads, 2 Celery workers, 2 cores",
            stats.table(),
            f"requests {stats.requests}, 5xx {stats.count(lambda s: s >= 500)}, "
            f"connection errors {stats.count(lambda s: s == 0)}, 409 conflicts {stats.conflicts}",
            f"uploads accepted {len(stats.accepted_article_ids)} = split {split} + failed with a reason "
            f"{failed_with_reason} (workers drained in {drain_seconds:.0f} s)",
            f"verdicts sent (200) {verdicts_sent}, verdict events stored {verdicts_stored}",
            f"exported {stats.exported_bytes / 1e6:.1f} MB",
        ]
    )
    print("\n" + report)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "loadtest.txt").write_text(report + "\n")
    for endpoint, values in stats.latencies.items():
        record_measurement(f"load_p95_ms {endpoint}", generator.percentile(sorted(values), 95) * 1000)

    assert stats.failures == [], stats.failures[:10]
    assert stats.count(lambda status: status >= 500 or status == 0) == 0
    # Every kind of user got through, so the checks below are about real traffic.
    for endpoint in ("POST /api/articles/", "GET /api/claims/", "PATCH /api/claims/{id}/"):
        assert stats.statuses[endpoint][200] + stats.statuses[endpoint][201] > 0, endpoint
    assert any(endpoint.startswith("GET /api/claims/export/") for endpoint in stats.latencies)

    # Uploads: one new article per accepted response (every text is unique), each split or failed with a reason.
    accepted = stats.accepted_article_ids
    assert len(set(accepted)) == len(accepted)
    assert set(uploads.values_list("pk", flat=True)) == set(accepted)
    assert split + failed_with_reason == len(accepted)

    # Verdicts: every 200 is one history row, on the claim it named; nothing was written that was not answered.
    assert verdicts_stored == verdicts_sent
    stored_per_claim = dict(
        ClaimEvent.objects.filter(actor__in=reviewers, action=ClaimEvent.Action.REVIEW)
        .values("claim")
        .annotate(n=Count("id"))
        .values_list("claim", "n")
    )
    assert stored_per_claim == dict(stats.verdicts_sent)
    # No verdict silently overwritten: each claim's version counts its changes and its status is the last verdict.
    for claim in Claim.objects.filter(pk__in=list(stored_per_claim)).prefetch_related("events"):
        events = list(claim.events.all())
        assert claim.version == 1 + len(events), claim.pk
        assert claim.status == events[-1].to_status, claim.pk
