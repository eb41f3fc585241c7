"""Session-authenticated writes need a CSRF token; filter and ordering parameters obey an allow-list."""

import pytest
from django.test import Client

from tests.conftest import SAMPLE_TEXT, make_user


@pytest.fixture
def claim(split_article):
    return split_article(SAMPLE_TEXT).claims.order_by("position").first()


def _csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/")  # sets the csrftoken cookie
    return client


def test_api_write_over_session_without_csrf_token_is_403_and_saves_nothing(claim, reviewer):
    client = _csrf_client(reviewer)
    response = client.patch(f"/api/claims/{claim.pk}/", {"status": "wrong"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.status == "unreviewed"


def test_api_write_over_session_with_csrf_token_is_accepted(claim, reviewer):
    client = _csrf_client(reviewer)
    token = client.cookies["csrftoken"].value
    response = client.patch(
        f"/api/claims/{claim.pk}/", {"status": "wrong"}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "wrong"


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/claims/{claim}/review/", {"status": "wrong", "version": 1}),
        ("/claims/{claim}/evidence/", {"url": "https://example.org/a"}),
        ("/upload/", {"text": "Forged.\n\nThe dam is 200 m high."}),
        ("/logout/", {}),
    ],
)
def test_browser_form_post_without_csrf_token_is_403(claim, reviewer, editor, url, data):
    from articles.models import Article, ClaimEvent, Evidence

    before = (Article.objects.count(), ClaimEvent.objects.count(), Evidence.objects.count())
    user = editor if url == "/upload/" else reviewer
    response = _csrf_client(user).post(url.format(claim=claim.pk), data, headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert (Article.objects.count(), ClaimEvent.objects.count(), Evidence.objects.count()) == before


def test_login_post_without_csrf_token_is_403(db):
    make_user("reviewer", "csrf-login")
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "csrf-login", "password": "test-pass-123"})
    assert response.status_code == 403


def test_token_authenticated_api_needs_no_csrf_token(claim, reviewer):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=reviewer)
    response = Client(enforce_csrf_checks=True).patch(
        f"/api/claims/{claim.pk}/",
        {"status": "verified"},
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )
    assert response.status_code == 200


# --- Filter and ordering allow-lists ---------------------------------------------------------------------------


@pytest.fixture
def two_uploaders(db):
    """Two articles whose uploaders' password hashes sort opposite to the default order."""
    from articles import ingest, services

    first = make_user("editor", "first-uploader")
    second = make_user("editor", "second-uploader")
    first.password, second.password = "zzz-hash", "aaa-hash"
    first.save(update_fields=["password"])
    second.save(update_fields=["password"])
    ids = []
    for user, text in (
        (first, "First.\n\nThe mill made 40 tonnes in 1901."),
        (second, "Second.\n\nIt cost $9 million."),
    ):
        article = services.article_create(document=ingest.document_from_text(text), uploaded_by=user).article
        ids.append(article.pk)
    return ids


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:300]
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    "ordering", ["uploaded_by__password", "-uploaded_by__password", "text", "original", "content_hash", "error"]
)
def test_ordering_by_a_field_off_the_allow_list_is_ignored(api_client_for, reviewer, two_uploaders, ordering):
    client = api_client_for(reviewer)
    default = _ids(client.get("/api/articles/"))
    assert _ids(client.get("/api/articles/", {"ordering": ordering})) == default


def test_ordering_by_an_allowed_field_works(api_client_for, reviewer, two_uploaders):
    client = api_client_for(reviewer)
    assert _ids(client.get("/api/articles/", {"ordering": "id"})) == sorted(two_uploaders)
    assert _ids(client.get("/api/articles/", {"ordering": "-id"})) == sorted(two_uploaders, reverse=True)


@pytest.mark.parametrize(
    "params",
    [
        {"uploaded_by__password__startswith": "zzz"},
        {"uploaded_by__password": "aaa-hash"},
        {"uploaded_by__username": "first-uploader"},
        {"text__regex": ".*"},
        {"content_hash__startswith": "0"},
    ],
)
def test_filter_on_a_field_off_the_allow_list_does_nothing(api_client_for, reviewer, two_uploaders, params):
    client = api_client_for(reviewer)
    assert sorted(_ids(client.get("/api/articles/", params))) == sorted(two_uploaders)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/articles/", {"status": "'; DROP TABLE articles_article; --"}),
        ("/api/articles/", {"published_after": "not-a-date"}),
        ("/api/claims/", {"min_score": "1 OR 1=1"}),
        ("/api/claims/", {"article": "1; SELECT pg_sleep(10)"}),
        ("/api/claims/", {"status": "bogus"}),
    ],
)
def test_malformed_filter_values_are_a_400_not_a_500(api_client_for, reviewer, two_uploaders, url, params):
    response = api_client_for(reviewer).get(url, params)
    assert response.status_code == 400
    assert response.json()


@pytest.mark.parametrize("search", ["' OR '1'='1", "%", "_", "\\", "\x00", "ü" * 2000])
def test_search_text_is_data_not_sql(api_client_for, reviewer, two_uploaders, search):
    from articles.models import Article

    response = api_client_for(reviewer).get("/api/articles/", {"search": search})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["results"] == []
    assert Article.objects.count() == 2


@pytest.mark.parametrize("params", [{"cursor": "garbage"}, {"page_size": "100000"}, {"page_size": "-5"}])
def test_pagination_parameters_cannot_break_or_unbound_the_list(api_client_for, reviewer, two_uploaders, params):
    response = api_client_for(reviewer).get("/api/claims/", params)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert len(response.json()["results"]) <= 500
