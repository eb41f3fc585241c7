"""The real path: an upload enqueued on commit, a Celery worker consuming from Redis, claims written to PostgreSQL."""

import pytest

from articles import ingest, services
from articles.models import Article, Claim
from articles.tasks import split_article_task
from tests.conftest import make_user, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_splits_an_uploaded_article(celery_worker, sample_text):
    editor = make_user("editor")
    [result] = services.articles_upload(uploaded_by=editor, text=sample_text)
    article_id = result.article.pk

    article = wait_for(
        lambda: Article.objects.filter(pk=article_id, status=Article.Status.SPLIT).first(),
        timeout=60,
        message="the worker to split the article",
    )
    claims = list(Claim.objects.filter(article=article))
    assert claims
    assert all(article.text[claim.start : claim.end] == claim.text for claim in claims)
    # The worker logs "succeeded" only after the task returns, which is after its transaction committed.
    wait_for(lambda: "succeeded" in celery_worker.log_path.read_text(), timeout=30, message="the worker's success line")


def test_task_delivered_again_through_the_broker_changes_nothing(celery_worker, sample_text):
    document = ingest.document_from_text(sample_text)
    article = services.articles_create(documents=[(document, b"")], uploaded_by=None)[0].article
    wait_for(lambda: Article.objects.get(pk=article.pk).status == Article.Status.SPLIT, timeout=60, message="split")
    before = list(Claim.objects.filter(article=article).values_list("pk", "position", "text"))

    for _ in range(3):
        split_article_task.delay(article.pk)
    wait_for(
        lambda: celery_worker.log_path.read_text().count("'already_split'") >= 3,
        timeout=60,
        message="the worker to handle the redelivered tasks",
    )
    assert list(Claim.objects.filter(article=article).values_list("pk", "position", "text")) == before
