"""Celery tasks: thin, take ids, call services. Redelivery is harmless because the services are idempotent."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from articles import services

logger = logging.getLogger(__name__)

# Database hiccups (a restart, a dropped connection) are worth retrying; anything else is a bug or bad input and
# the service has already recorded it on the article.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def split_article_task(article_id: int) -> str:
    try:
        return services.article_split(article_id=article_id)
    except SoftTimeLimitExceeded:
        services.split_mark_failed(article_id=article_id, reason="Splitting took longer than the time limit.")
        return services.SplitOutcome.FAILED


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, max_retries=3, retry_backoff=5)
def requeue_stuck_articles_task() -> list[int]:
    return services.articles_requeue_stuck()


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, max_retries=5)
def match_article_task(article_id: int) -> int:
    return services.article_match(article_id=article_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, max_retries=5)
def export_claims_task(job_id: int) -> str:
    return services.export_job_run(job_id=job_id)


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, max_retries=3, retry_backoff=5)
def sweep_export_jobs_task() -> dict[str, int]:
    sweep = services.export_jobs_sweep()
    return {"resent": len(sweep.resent), "expired": len(sweep.expired), "files_removed": len(sweep.files_removed)}
