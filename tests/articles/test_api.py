import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles import services
from articles.models import Article, Claim, ClaimEvent

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_or_403(api_client_for):
    client = api_client_for(None)
    for url in ("/api/articles/", "/api/claims/", "/api/claims/export/?format=csv"):
        assert client.get(url).status_code in (401, 403)


def test_user_without_a_desk_role_sees_nothing(api_client_for):
    from tests.conftest import make_user

    client = api_client_for(make_user("outsider"))
    assert client.get("/api/articles/").status_code == 403


def test_editor_uploads_json_text_and_it_splits(
    api_client_for, editor, sample_text, eager_tasks, django_capture_on_commit_callbacks
):
    client = api_client_for(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/articles/", {"text": sample_text, "outlet": "Daily Orbit"}, format="json")
    assert response.status_code == 201, response.content
    [created] = response.json()
    assert created["created"] is True
    detail = client.get(f"/api/articles/{created['id']}/").json()
    assert detail["status"] == "split"
    assert detail["outlet"] == "Daily Orbit"
    assert detail["published"] == "2026-01-15"
    assert detail["claims"]
    for claim in detail["claims"]:
        assert detail["text"][claim["start"] : claim["end"]] == claim["text"]


def test_editor_uploads_several_files_in_one_request(api_client_for, editor):
    client = api_client_for(editor)
    files = [
        SimpleUploadedFile("one.txt", b"First article: the bridge is 120 metres long.", "text/plain"),
        SimpleUploadedFile(
            "two.html", b"<html><title>Second</title><body><p>The tower has 40 floors.</p></body></html>", "text/html"
        ),
    ]
    response = client.post("/api/articles/", {"file": files}, format="multipart")
    assert response.status_code == 201, response.content
    assert [item["title"] for item in response.json()] == ["First article: the bridge is 120 metres long.", "Second"]
    assert Article.objects.count() == 2


def test_upload_of_a_corrupt_file_is_a_400_naming_it_and_stores_nothing(api_client_for, editor):
    client = api_client_for(editor)
    files = [
        SimpleUploadedFile("fine.txt", b"A fine article about 3 things.", "text/plain"),
        SimpleUploadedFile("broken.docx", b"PK\x03\x04 this is not really a docx", "application/octet-stream"),
    ]
    response = client.post("/api/articles/", {"file": files}, format="multipart")
    assert response.status_code == 400
    assert "broken.docx" in json.dumps(response.json())
    assert Article.objects.count() == 0


def test_same_upload_twice_returns_the_existing_article(api_client_for, editor, sample_text):
    client = api_client_for(editor)
    first = client.post("/api/articles/", {"text": sample_text}, format="json")
    second = client.post("/api/articles/", {"text": sample_text}, format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()[0]["id"] == first.json()[0]["id"]
    assert second.json()[0]["created"] is False


def test_reviewer_cannot_create_or_delete_articles(api_client_for, reviewer, split_article, sample_text):
    article = split_article(sample_text)
    client = api_client_for(reviewer)
    assert client.post("/api/articles/", {"text": "New text with 5 facts."}, format="json").status_code == 403
    assert client.delete(f"/api/articles/{article.pk}/").status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_editor_deletes_own_article(api_client_for, editor, split_article, sample_text):
    article = split_article(sample_text)
    assert api_client_for(editor).delete(f"/api/articles/{article.pk}/").status_code == 204
    assert not Article.objects.filter(pk=article.pk).exists()


def test_editor_cannot_review_but_reviewer_can(api_client_for, editor, reviewer, split_article, sample_text):
    claim = split_article(sample_text).claims.first()
    assert api_client_for(editor).patch(f"/api/claims/{claim.pk}/", {"status": "verified"}).status_code == 403
    response = api_client_for(reviewer).patch(
        f"/api/claims/{claim.pk}/", {"status": "verified", "note": "matches the filing", "version": claim.version}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "verified"
    assert response.json()["version"] == claim.version + 1
    assert ClaimEvent.objects.filter(claim=claim, to_status="verified", actor=reviewer).count() == 1


def test_stale_version_gets_409_with_the_current_verdict(
    api_client_for, reviewer, second_reviewer, split_article, sample_text
):
    claim = split_article(sample_text).claims.first()
    api_client_for(reviewer).patch(f"/api/claims/{claim.pk}/", {"status": "verified", "version": claim.version})
    response = api_client_for(second_reviewer).patch(
        f"/api/claims/{claim.pk}/", {"status": "wrong", "version": claim.version}
    )
    assert response.status_code == 409
    assert response.json()["current"]["status"] == "verified"
    assert Claim.objects.get(pk=claim.pk).status == "verified"


def test_invalid_verdict_is_400(api_client_for, reviewer, split_article, sample_text):
    claim = split_article(sample_text).claims.first()
    assert api_client_for(reviewer).patch(f"/api/claims/{claim.pk}/", {"status": "maybe"}).status_code == 400


def test_claim_detail_has_evidence_and_history(api_client_for, reviewer, split_article, sample_text):
    claim = split_article(sample_text).claims.first()
    client = api_client_for(reviewer)
    assert (
        client.post(f"/api/claims/{claim.pk}/evidence/", {"url": "https://example.org/x", "note": "p.2"}).status_code
        == 201
    )
    client.patch(f"/api/claims/{claim.pk}/", {"status": "disputed"})
    detail = client.get(f"/api/claims/{claim.pk}/").json()
    assert detail["evidence"][0]["url"] == "https://example.org/x"
    assert [event["action"] for event in detail["events"]] == ["evidence_added", "review"]


def test_claims_filter_by_status_kind_score_and_search(api_client_for, reviewer, split_article, sample_text):
    article = split_article(sample_text)
    claims = list(article.claims.all())
    services.claim_review(claim_id=claims[0].pk, actor=reviewer, status="wrong")
    client = api_client_for(reviewer)
    wrong = client.get("/api/claims/", {"status": "wrong"}).json()["results"]
    assert [claim["id"] for claim in wrong] == [claims[0].pk]
    high = client.get("/api/claims/", {"min_score": 0.99}).json()["results"]
    assert all(claim["score"] >= 0.99 for claim in high)
    found = client.get("/api/claims/", {"search": "Lisbon"}).json()["results"]
    assert all("Lisbon" in claim["text"] for claim in found)
    by_article = client.get("/api/claims/", {"article": article.pk}).json()["results"]
    assert len(by_article) == len(claims)


def test_list_query_counts_do_not_grow_with_page_size(
    api_client_for, reviewer, split_article, sample_text, django_assert_max_num_queries
):
    split_article(sample_text)
    split_article(sample_text.replace("Orbit Labs", "Nimbus Works"))
    client = api_client_for(reviewer)
    for url in ("/api/claims/?page_size=2", "/api/claims/?page_size=200", "/api/articles/?page_size=1"):
        with django_assert_max_num_queries(4):
            assert client.get(url).status_code == 200


def test_export_csv_and_json_have_the_same_claims(api_client_for, reviewer, split_article, sample_text):
    article = split_article(sample_text)
    client = api_client_for(reviewer)
    csv_response = client.get("/api/claims/export/", {"format": "csv"})
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    json_rows = json.loads(b"".join(client.get("/api/claims/export/", {"format": "json"}).streaming_content))
    expected = list(article.claims.order_by("position").values_list("id", flat=True))
    assert [int(row["id"]) for row in rows] == expected
    assert [row["id"] for row in json_rows] == expected
    assert client.get("/api/claims/export/", {"format": "xls"}).status_code == 400


def test_openapi_schema_is_served(api_client_for, reviewer):
    response = api_client_for(reviewer).get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/claims/export/" in response.content
