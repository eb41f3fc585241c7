"""Workers killed mid-split, duplicate deliveries and a poison article, with a real worker on Redis and the test
database. A split is frozen at the moment it writes its claims by a lock on the claims table (see faults.py)."""

import os
import signal
import time

import pytest

import claim_engine
from articles import ingest, services
from articles.models import Article, Claim
from articles.tasks import split_article_task
from tests.conftest import SAMPLE_TEXT, Worker, purge_broker, wait_for, worker_environment
from tests.reliability.faults import ClaimsTableLock, database_dsn, record_measurement, start_beat

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _queue_article(text: str = SAMPLE_TEXT) -> int:
    document = ingest.document_from_text(text)
    return services.articles_create(documents=[(document, b"")], uploaded_by=None)[0].article.pk


def _assert_split_exactly_once(article_id: int, text: str = SAMPLE_TEXT) -> Article:
    article = Article.objects.get(pk=article_id)
    assert article.status == Article.Status.SPLIT, article.error
    expected = [claim.text for claim in claim_engine.extract_claims(article.text, published=article.published)]
    stored = list(Claim.objects.filter(article_id=article_id).order_by("position").values_list("position", "text"))
    assert [text for _, text in stored] == expected
    assert [position for position, _ in stored] == list(range(len(expected)))
    return article


def _wait_status(article_id: int, status: str, timeout: float = 60) -> None:
    wait_for(
        lambda: Article.objects.filter(pk=article_id, status=status).exists(), timeout=timeout, message=f"{status}"
    )


def test_pool_child_killed_mid_split_reruns_and_leaves_one_set_of_claims(celery_worker):
    with ClaimsTableLock(database_dsn()) as lock:
        article_id = _queue_article()
        lock.wait_for_waiting_splits()
        [child] = celery_worker.child_pids()
        os.kill(child, signal.SIGKILL)
        # reject_on_worker_lost puts the task back and a fresh pool child takes it. The dead child's backend keeps
        # its transaction (and the article's row lock) while it waits on our lock, so the redelivery queues
        # behind it: two waiting backends.
        wait_for(lambda: celery_worker.child_pids() and celery_worker.child_pids() != [child], message="new child")
        wait_for(lambda: lock.waiting_splits(table=None) >= 2, message="the redelivered split waiting")
    _wait_status(article_id, Article.Status.SPLIT)
    article = _assert_split_exactly_once(article_id)
    assert article.split_attempts == 2


def test_article_that_kills_every_worker_ends_failed_with_a_reason_after_bounded_tries(transactional_db):
    """Each attempt's child is killed while the engine runs (as a segfault or the OOM killer would)."""
    purge_broker()
    worker = Worker(worker_environment(SPLIT_MAX_ATTEMPTS=2)).start()
    try:
        # A few MB of text keep the engine busy for seconds: the window in which each child dies.
        body = SAMPLE_TEXT.split("\n", 3)[3]
        article_id = _queue_article("Poison\n\n" + body * 8000)
        killed = set()
        for attempt in (1, 2):
            wait_for(
                lambda attempt=attempt: Article.objects.get(pk=article_id).split_attempts == attempt,
                message=f"attempt {attempt} started",
            )
            [child] = wait_for(lambda: [pid for pid in worker.child_pids() if pid not in killed], message="child")
            os.kill(child, signal.SIGKILL)
            killed.add(child)
        _wait_status(article_id, Article.Status.FAILED)
        article = Article.objects.get(pk=article_id)
        assert "Gave up after 2 attempts" in article.error
        assert article.split_attempts == 3
        assert not Claim.objects.filter(article_id=article_id).exists()
    finally:
        worker.stop()


def test_whole_worker_killed_mid_split_is_recovered_by_the_sweeper(transactional_db):
    """kill -9 of the worker and its children; a new worker with celery beat splits the article exactly once."""
    purge_broker()
    worker = Worker(worker_environment()).start()
    replacement = beat = None
    try:
        with ClaimsTableLock(database_dsn()) as lock:
            article_id = _queue_article()
            lock.wait_for_waiting_splits()
            worker.kill()
            killed_at = time.monotonic()
        assert Article.objects.get(pk=article_id).status == Article.Status.SPLITTING
        # The production defaults are SPLIT_STUCK_AFTER_SECONDS=60 and SWEEP_INTERVAL_SECONDS=30; short here.
        env = worker_environment(SPLIT_STUCK_AFTER_SECONDS=3, SWEEP_INTERVAL_SECONDS=1)
        replacement = Worker(env).start()
        beat = start_beat(env)
        _wait_status(article_id, Article.Status.SPLIT, timeout=90)
        record_measurement("whole_worker_kill_recovery_seconds_with_3s_deadline_1s_sweep", time.monotonic() - killed_at)
        article = _assert_split_exactly_once(article_id)
        assert article.split_attempts == 2
    finally:
        worker.stop()
        if replacement:
            replacement.stop()
        if beat:
            beat.stop()
        purge_broker()


def test_task_delivered_twice_at_once_splits_once(transactional_db):
    purge_broker()
    worker = Worker(worker_environment(), concurrency=2).start()
    try:
        with ClaimsTableLock(database_dsn()) as lock:
            article_id = _queue_article()
            lock.wait_for_waiting_splits()
            # The second delivery runs in the other pool child while the first holds the article's row lock.
            split_article_task.delay(article_id)
            wait_for(
                lambda: lock.waiting_splits(table=None) >= 2 or _log_has(worker, "'busy'"), message="second delivery"
            )
        _wait_status(article_id, Article.Status.SPLIT)
        wait_for(lambda: _log_has(worker, "'already_split'") or _log_has(worker, "'busy'"), message="no-op logged")
        article = _assert_split_exactly_once(article_id)
        assert article.split_attempts == 1
    finally:
        worker.stop()


def _log_has(worker: Worker, text: str) -> bool:
    return text in worker.log_path.read_text(errors="replace")
