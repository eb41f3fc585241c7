import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_demo_creates_accounts_and_splits_the_demo_articles(eager_tasks, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=out)
    from django.contrib.auth import authenticate

    assert authenticate(username="editor", password="editor-demo-pass").groups.filter(name="Editors").exists()
    assert authenticate(username="reviewer", password="reviewer-demo-pass").groups.filter(name="Reviewers").exists()
    assert authenticate(username="admin", password="admin-demo-pass").is_superuser
    articles = Article.objects.all()
    assert articles.count() >= 4
    assert set(articles.values_list("status", flat=True)) == {"split"}
    assert sum(article.claims.count() for article in articles) >= 10
    assert "reviewer-demo-pass" in out.getvalue()

    again = io.StringIO()
    call_command("demo", stdout=again)
    assert Article.objects.count() == articles.count()
    assert "0 new" in again.getvalue()


def test_import_articles_reports_imported_duplicates_and_failures(tmp_path, django_capture_on_commit_callbacks):
    make_user("editor")
    (tmp_path / "nested").mkdir()
    (tmp_path / "a.txt").write_text("The dam holds 4 billion litres of water.")
    (tmp_path / "nested" / "b.html").write_text("<p>The tunnel is 57 km long.</p>")
    (tmp_path / "nested" / "copy.txt").write_text("The dam holds 4 billion litres of water.")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    out = io.StringIO()
    with django_capture_on_commit_callbacks():
        call_command("import_articles", str(tmp_path), "--user", "editor", stdout=out)
    summary = out.getvalue()
    assert "Imported 2, duplicates 1, failed 1" in summary
    assert "broken.pdf" in summary
    assert Article.objects.count() == 2


def test_import_articles_names_a_missing_path():
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_articles", "/nonexistent/folder")


def test_split_claims_now_splits_in_this_process(split_article, sample_text):
    article = split_article(sample_text)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error="boom")
    out = io.StringIO()
    call_command("split_claims", "--failed", "--now", stdout=out)
    article.refresh_from_db()
    assert article.status == Article.Status.SPLIT
    assert article.error == ""
    assert f"article {article.pk}: split" in out.getvalue()
