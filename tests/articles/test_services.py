import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from articles import ingest, services
from articles.models import Article, Claim, ClaimEvent, Evidence
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _create(text, user, **metadata):
    return services.articles_upload(uploaded_by=user, text=text, metadata=metadata)[0]


def test_upload_stores_text_metadata_and_queues(editor, sample_text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        result = _create(sample_text, editor, outlet="Daily Orbit")
    article = result.article
    assert result.created
    assert article.status == Article.Status.QUEUED
    assert article.outlet == "Daily Orbit"
    assert str(article.published) == "2026-01-15"
    assert not article.text.startswith("date ")
    assert article.uploaded_by == editor
    assert len(callbacks) == 1  # the split is enqueued once, after commit


def test_same_text_uploaded_twice_gives_back_the_stored_article(editor, sample_text):
    first = _create(sample_text, editor)
    second = _create(sample_text, editor)
    assert not second.created
    assert second.article.pk == first.article.pk
    assert Article.objects.count() == 1


def test_batch_with_one_bad_file_stores_nothing(editor):
    with pytest.raises(ValidationError) as error:
        services.articles_upload(
            uploaded_by=editor,
            files=[("good.txt", b"A perfectly fine article with 12 facts in it."), ("bad.pdf", b"not a pdf at all")],
        )
    assert "bad.pdf" in " ".join(error.value.messages)
    assert Article.objects.count() == 0


def test_reviewer_cannot_upload(reviewer, sample_text):
    with pytest.raises(PermissionDenied):
        _create(sample_text, reviewer)


def test_split_writes_claims_anchored_in_the_text(split_article, sample_text):
    article = split_article(sample_text)
    claims = list(article.claims.all())
    assert article.status == Article.Status.SPLIT
    assert claims, "the sample has check-worthy sentences"
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text
    assert [claim.position for claim in claims] == list(range(len(claims)))
    assert not any("Image credit" in claim.text for claim in claims)


def test_split_twice_changes_nothing(split_article, sample_text):
    article = split_article(sample_text)
    before = list(article.claims.values_list("pk", "text"))
    assert services.article_split(article_id=article.pk) == services.SplitOutcome.ALREADY_SPLIT
    assert list(article.claims.values_list("pk", "text")) == before


def test_split_of_a_deleted_article_is_a_logged_no_op(db):
    assert services.article_split(article_id=987654) == services.SplitOutcome.MISSING


def test_resplit_keeps_verdicts_of_unchanged_claims(split_article, sample_text, reviewer):
    article = split_article(sample_text)
    claim = article.claims.first()
    services.claim_review(claim_id=claim.pk, actor=reviewer, status=Claim.Status.VERIFIED, note="checked")
    services.articles_resplit(article_ids=[article.pk], actor=None, enqueue=False)
    services.article_split(article_id=article.pk)
    kept = Claim.objects.get(article=article, text=claim.text)
    assert kept.pk == claim.pk
    assert kept.status == Claim.Status.VERIFIED
    assert kept.note == "checked"
    assert article.claims.count() == len(set(article.claims.values_list("text", flat=True)))


def test_engine_failure_marks_article_failed_with_reason(editor, monkeypatch):
    import claim_engine

    article = _create("Some text with 3 numbers and 4 more in it.", editor).article

    def explode(*args, **kwargs):
        raise RuntimeError("cannot parse")

    monkeypatch.setattr(claim_engine, "extract_claims", explode)
    assert services.article_split(article_id=article.pk) == services.SplitOutcome.FAILED
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "cannot parse" in article.error
    assert article.claims.count() == 0


def test_article_that_keeps_killing_workers_ends_failed(editor, settings):
    article = _create("An article with 7 facts that crashes the worker.", editor).article
    # Each started attempt that never finished left the counter up; the next start past the limit gives up.
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.SPLITTING, split_attempts=settings.SPLIT_MAX_ATTEMPTS
    )
    assert services.article_split(article_id=article.pk) == services.SplitOutcome.FAILED
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "Gave up" in article.error


def test_review_sets_verdict_and_writes_history(split_article, sample_text, reviewer):
    claim = split_article(sample_text).claims.first()
    reviewed = services.claim_review(claim_id=claim.pk, actor=reviewer, status="disputed", note="source says 4")
    assert reviewed.status == "disputed"
    assert reviewed.reviewer == reviewer
    assert reviewed.version == claim.version + 1
    event = ClaimEvent.objects.get(claim=claim)
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "unreviewed",
        "disputed",
        reviewer,
        "source says 4",
    )


def test_stale_version_is_a_conflict_and_saves_nothing(split_article, sample_text, reviewer, second_reviewer):
    claim = split_article(sample_text).claims.first()
    services.claim_review(claim_id=claim.pk, actor=reviewer, status="verified", expected_version=claim.version)
    with pytest.raises(services.ReviewConflict) as conflict:
        services.claim_review(claim_id=claim.pk, actor=second_reviewer, status="wrong", expected_version=claim.version)
    assert "reviewer" in str(conflict.value)
    claim.refresh_from_db()
    assert claim.status == "verified"
    assert ClaimEvent.objects.filter(claim=claim).count() == 1


def test_unknown_verdict_is_refused(split_article, sample_text, reviewer):
    claim = split_article(sample_text).claims.first()
    with pytest.raises(ValidationError):
        services.claim_review(claim_id=claim.pk, actor=reviewer, status="maybe")


def test_editor_cannot_review(split_article, sample_text, editor):
    claim = split_article(sample_text).claims.first()
    with pytest.raises(PermissionDenied):
        services.claim_review(claim_id=claim.pk, actor=editor, status="verified")


def test_bulk_review_changes_only_what_differs_and_writes_one_event_each(split_article, sample_text, reviewer):
    article = split_article(sample_text)
    first = article.claims.first()
    services.claim_review(claim_id=first.pk, actor=reviewer, status="verified")
    total = article.claims.count()
    changed = services.claims_review(claims=article.claims.all(), status="verified", actor=reviewer)
    assert changed == total - 1
    assert set(article.claims.values_list("status", flat=True)) == {"verified"}
    assert ClaimEvent.objects.filter(claim__article=article).count() == total


def test_undo_puts_back_the_previous_verdict(split_article, sample_text, reviewer):
    claim = split_article(sample_text).claims.first()
    services.claim_review(claim_id=claim.pk, actor=reviewer, status="verified")
    services.claim_review(claim_id=claim.pk, actor=reviewer, status="wrong")
    undone = services.claim_undo_review(claim_id=claim.pk, actor=reviewer)
    assert undone.status == "verified"
    assert list(ClaimEvent.objects.filter(claim=claim).values_list("action", flat=True)) == ["review", "review", "undo"]


def test_evidence_is_validated_and_recorded(split_article, sample_text, reviewer):
    claim = split_article(sample_text).claims.first()
    with pytest.raises(ValidationError):
        services.evidence_add(claim_id=claim.pk, actor=reviewer, url="javascript:alert(1)")
    evidence = services.evidence_add(claim_id=claim.pk, actor=reviewer, url="https://example.org/report", note="p. 4")
    assert Evidence.objects.get(claim=claim) == evidence
    assert ClaimEvent.objects.filter(claim=claim, action="evidence_added").count() == 1


def test_sweeper_requeues_only_articles_stuck_past_the_deadline(editor, settings, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    stuck = _create("An old article with 5 facts waiting forever.", editor).article
    fresh = _create("A fresh article with 6 facts just uploaded.", editor).article
    Article.objects.filter(pk=stuck.pk).update(
        status=Article.Status.SPLITTING, status_changed_at=timezone.now() - settings.SPLIT_STUCK_AFTER - timedelta(1)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        requeued = services.articles_requeue_stuck()
    assert requeued == [stuck.pk]
    assert fresh.pk not in requeued
    assert len(callbacks) == 1
    assert Article.objects.get(pk=stuck.pk).status == Article.Status.QUEUED


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_splits_leave_one_set_of_claims(sample_text):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    editor = make_user("editor")
    document = ingest.document_from_text(sample_text)
    article = services.articles_create(documents=[(document, b"")], uploaded_by=None)[0].article
    assert editor.pk
    outcomes = []
    barrier = threading.Barrier(2)

    def split():
        barrier.wait()
        try:
            outcomes.append(services.article_split(article_id=article.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=split) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert services.SplitOutcome.SPLIT in outcomes
    assert len(outcomes) == 2
    texts = list(Claim.objects.filter(article=article).values_list("position", flat=True))
    assert len(texts) == len(set(texts)) > 0


def test_import_keeps_good_files_and_names_the_bad_ones(editor, sample_text, django_capture_on_commit_callbacks):
    files = [
        ("one.txt", sample_text.encode()),
        ("broken.pdf", b"not a pdf at all"),
        ("two.txt", sample_text.replace("$40 million", "$41 million").encode()),
        ("one-again.txt", sample_text.encode()),
    ]
    with django_capture_on_commit_callbacks() as enqueued:
        outcomes = services.articles_import(files=files, uploaded_by=editor)

    assert [outcome.name for outcome in outcomes] == ["one.txt", "broken.pdf", "two.txt", "one-again.txt"]
    assert [outcome.created for outcome in outcomes] == [True, False, True, False]
    assert "broken.pdf" in outcomes[1].error and outcomes[1].article_id is None
    assert outcomes[3].article_id == outcomes[0].article_id
    assert Article.objects.count() == 2
    assert len(enqueued) == 2


def test_import_refuses_a_reviewer_and_stores_nothing(reviewer, sample_text):
    with pytest.raises(PermissionDenied):
        services.articles_import(files=[("one.txt", sample_text.encode())], uploaded_by=reviewer)
    assert not Article.objects.exists()


def test_batch_that_races_an_identical_upload_falls_back_to_one_article_at_a_time(editor, sample_text, monkeypatch):
    document = ingest.document_from_text(sample_text)
    other = ingest.document_from_text(sample_text.replace("$40 million", "$42 million"))
    first = services.articles_create(documents=[(document, b"")], uploaded_by=editor)[0]
    # As if another upload stored the same text after this batch looked for duplicates: the INSERT collides.
    look_up = Article.objects.filter
    monkeypatch.setattr(
        Article.objects,
        "filter",
        lambda *args, **kwargs: Article.objects.none() if "content_hash__in" in kwargs else look_up(*args, **kwargs),
    )

    results = services.articles_create(documents=[(document, b""), (other, b"")], uploaded_by=editor)

    assert [result.created for result in results] == [False, True]
    assert results[0].article.pk == first.article.pk
    assert Article.objects.count() == 2


def test_first_split_writes_claims_with_the_models_defaults(editor, sample_text):
    article = _create(sample_text, editor).article
    Article.objects.filter(pk=article.pk).update(status=Article.Status.QUEUED)

    assert services.article_split(article_id=article.pk) == services.SplitOutcome.SPLIT

    claims = list(Claim.objects.filter(article=article))
    assert claims, "the sample article has claims"
    assert {claim.status for claim in claims} == {Claim.Status.UNREVIEWED}
    assert {(claim.version, claim.note, claim.reviewer_id, claim.group_id) for claim in claims} == {(1, "", None, None)}
    assert all(claim.created_at and claim.created_at == claim.updated_at for claim in claims)
    assert all(article.text[claim.start : claim.end] == claim.text for claim in claims)
    assert all(isinstance(claim.facts, list) and isinstance(claim.reasons, list) for claim in claims)
