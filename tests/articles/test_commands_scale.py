"""The scale commands: generate_demo_data, export_claims and import_articles."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Claim, ClaimEvent, Evidence
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_generate_demo_data_creates_the_requested_counts():
    output = run("generate_demo_data", articles=7, claims_per_article=3, seed=2)

    assert Article.objects.count() == 7
    assert Claim.objects.count() == 21
    assert "Generated 7 articles and 21 claims" in output
    for article in Article.objects.prefetch_related("claims"):
        claims = sorted(article.claims.all(), key=lambda claim: claim.position)
        assert [claim.position for claim in claims] == [0, 1, 2]
        assert all(article.text[claim.start : claim.end] == claim.text for claim in claims)
    reviewed = Claim.objects.exclude(status=Claim.Status.UNREVIEWED)
    assert ClaimEvent.objects.count() == reviewed.count()
    assert not reviewed.filter(reviewer=None).exists()
    assert not Evidence.objects.filter(claim__status=Claim.Status.UNREVIEWED).exists()


def test_generate_demo_data_runs_again_without_colliding():
    run("generate_demo_data", articles=3, claims_per_article=2, seed=2)
    run("generate_demo_data", articles=3, claims_per_article=2, seed=2)

    assert Article.objects.count() == 6
    assert Claim.objects.count() == 12


def test_generate_demo_data_refuses_nonsense_counts():
    with pytest.raises(CommandError, match="at least 1"):
        run("generate_demo_data", articles=0)


@pytest.mark.parametrize("export_format", ["csv", "ndjson", "json", "claimreview"])
def test_export_claims_command_writes_the_same_rows_as_the_api(tmp_path, reviewer, api_client_for, export_format):
    run("generate_demo_data", articles=6, claims_per_article=5, seed=9)
    target = tmp_path / f"claims.{export_format}"

    run(
        "export_claims",
        "--format",
        export_format,
        "--min-score",
        "0.2",
        "--kind",
        "event",
        "--base-url",
        "http://testserver",
        "--output",
        str(target),
    )
    response = api_client_for(reviewer).get(f"/api/claims/export/?format={export_format}&min_score=0.2&kind=event")

    assert target.read_bytes() == b"".join(response.streaming_content)
    if export_format == "ndjson":
        ids = [json.loads(line)["id"] for line in target.read_text().splitlines()]
        assert ids == list(
            Claim.objects.filter(score__gte=0.2, kind="event").order_by("id").values_list("id", flat=True)
        )


def test_export_claims_rejects_a_filter_value_the_api_would_reject():
    with pytest.raises(CommandError, match="group"):
        run("export_claims", "--group", "987654")


def _article_files(folder, count: int, sample_text: str) -> None:
    for number in range(count):
        (folder / f"article-{number}.txt").write_text(sample_text.replace("$40 million", f"${number + 41} million"))


def test_import_articles_summarises_imported_duplicates_failed_and_skipped(
    tmp_path, editor, sample_text, django_capture_on_commit_callbacks
):
    _article_files(tmp_path, 3, sample_text)
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "again.txt").write_text((tmp_path / "article-0.txt").read_text())
    (tmp_path / "broken.pdf").write_bytes(b"this is not a pdf")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")

    with django_capture_on_commit_callbacks(execute=False) as enqueued:
        output = run("import_articles", str(tmp_path), "--user", "editor", "--quiet")

    assert "Imported 3, duplicates 1, failed 1, skipped 1" in output
    assert "broken.pdf" in output.split("failed:")[1]
    assert "photo.png" in output
    assert Article.objects.filter(uploaded_by=editor).count() == 3
    # One split task per new article, so the workers share the batch.
    assert len(enqueued) == 3


def test_import_articles_refuses_an_uploader_who_is_not_an_editor(tmp_path, reviewer, sample_text):
    _article_files(tmp_path, 1, sample_text)

    with pytest.raises(CommandError, match="cannot upload"):
        run("import_articles", str(tmp_path), "--user", "reviewer", "--quiet")
    assert not Article.objects.exists()


def test_import_articles_wait_reports_articles_split_by_a_real_worker(tmp_path, celery_worker, sample_text):
    from tests.conftest import make_user

    make_user("editor")
    _article_files(tmp_path, 4, sample_text)

    output = run("import_articles", str(tmp_path), "--user", "editor", "--quiet", "--wait", "90")

    assert "Imported 4" in output
    assert "Split 4, failed 0, still waiting 0" in output
    wait_for(lambda: Claim.objects.filter(article__status=Article.Status.SPLIT).count() > 4, timeout=5)


def test_import_articles_stores_in_batches_with_queries_independent_of_the_batch_size(
    tmp_path, editor, sample_text, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    _article_files(tmp_path, 12, sample_text)
    (tmp_path / "broken.pdf").write_bytes(b"this is not a pdf")

    # Twelve good files and a bad one in one batch: a look-up of the stored texts, one INSERT, the savepoint.
    with django_capture_on_commit_callbacks(execute=False) as enqueued, django_assert_max_num_queries(12):
        output = run("import_articles", str(tmp_path), "--user", "editor", "--quiet", "--batch", "50")

    assert "Imported 12, duplicates 0, failed 1" in output
    assert Article.objects.count() == 12
    assert len(enqueued) == 12


def test_import_articles_small_batches_store_the_same_articles(tmp_path, editor, sample_text):
    _article_files(tmp_path, 5, sample_text)
    (tmp_path / "again.txt").write_text((tmp_path / "article-3.txt").read_text())

    output = run("import_articles", str(tmp_path), "--user", "editor", "--quiet", "--batch", "2")

    assert "Imported 5, duplicates 1, failed 0" in output
    # Files are read in name order, so "again.txt" is stored and article-3.txt is its duplicate.
    stored = sorted(Article.objects.values_list("original_name", flat=True))
    assert stored == ["again.txt", "article-0.txt", "article-1.txt", "article-2.txt", "article-4.txt"]


def test_import_articles_refuses_a_batch_size_below_one(tmp_path, editor, sample_text):
    _article_files(tmp_path, 1, sample_text)
    with pytest.raises(CommandError, match="--batch"):
        run("import_articles", str(tmp_path), "--user", "editor", "--batch", "0")
