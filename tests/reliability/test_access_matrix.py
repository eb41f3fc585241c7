"""Every role against every endpoint and page: list and detail, read and write.

Desk roles: editors upload and manage their own articles, reviewers give verdicts, staff manage articles and use
the admin, superusers do everything. A signed-in account in no desk group ("outsider") sees nothing.
"""

import pytest
from django.test import Client

from tests.conftest import SAMPLE_TEXT, make_user

ROLES = ["anonymous", "outsider", "editor", "reviewer", "staff", "superuser"]
DENIED_API = {401, 403}
TO_LOGIN = 302

# case: (method, url template, body, {role: expected status})
API = {
    "article list": ("get", "/api/articles/", None, {"editor": 200, "reviewer": 200, "staff": 200, "superuser": 200}),
    "article detail": (
        "get",
        "/api/articles/{article}/",
        None,
        {"editor": 200, "reviewer": 200, "staff": 200, "superuser": 200},
    ),
    "article create": (
        "post",
        "/api/articles/",
        {"text": "A new article.\n\nIt says the plant employs 300 people in Ghent since 2019."},
        {"editor": 201, "reviewer": 403, "staff": 201, "superuser": 201},
    ),
    "delete another editor's article": (
        "delete",
        "/api/articles/{article}/",
        None,
        {"editor": 403, "reviewer": 403, "staff": 204, "superuser": 204},
    ),
    "claim list": ("get", "/api/claims/", None, {"editor": 200, "reviewer": 200, "staff": 200, "superuser": 200}),
    "claim detail": (
        "get",
        "/api/claims/{claim}/",
        None,
        {"editor": 200, "reviewer": 200, "staff": 200, "superuser": 200},
    ),
    "claim review": (
        "patch",
        "/api/claims/{claim}/",
        {"status": "verified"},
        {"editor": 403, "reviewer": 200, "staff": 403, "superuser": 200},
    ),
    "claim evidence": (
        "post",
        "/api/claims/{claim}/evidence/",
        {"url": "https://example.org/source"},
        {"editor": 403, "reviewer": 201, "staff": 403, "superuser": 201},
    ),
    # 400 means the permission check passed and the service found no verdict of this user's to undo.
    "claim undo": (
        "post",
        "/api/claims/{claim}/undo/",
        {},
        {"editor": 403, "reviewer": 400, "staff": 403, "superuser": 400},
    ),
    "claim export": (
        "get",
        "/api/claims/export/?format=csv",
        None,
        {"editor": 200, "reviewer": 200, "staff": 200, "superuser": 200},
    ),
    "export job list": ("get", "/api/exports/", None, {"editor": 200, "reviewer": 200, "staff": 200, "superuser": 200}),
    "export job request": (
        "post",
        "/api/exports/",
        {"format": "csv", "filters": {"status": "wrong"}},
        {"editor": 202, "reviewer": 202, "staff": 202, "superuser": 202},
    ),
    # Another editor's job: only staff see it (and it is still queued, so there is nothing to download yet).
    "another's export job": (
        "get",
        "/api/exports/{export}/",
        None,
        {"editor": 404, "reviewer": 404, "staff": 200, "superuser": 200},
    ),
    "another's export download": (
        "get",
        "/api/exports/{export}/download/",
        None,
        {"editor": 404, "reviewer": 404, "staff": 409, "superuser": 409},
    ),
    "claim put is not allowed": (
        "put",
        "/api/claims/{claim}/",
        {"status": "verified"},
        {"editor": 403, "reviewer": 405, "staff": 403, "superuser": 405},
    ),
    "claim delete is not allowed": (
        "delete",
        "/api/claims/{claim}/",
        None,
        {"editor": 403, "reviewer": 405, "staff": 403, "superuser": 405},
    ),
}

PAGES = {
    "article list page": ("get", "/", None, {"editor": 200, "reviewer": 200, "staff": 200, "superuser": 200}),
    "upload page": ("get", "/upload/", None, {"editor": 200, "reviewer": 403, "staff": 200, "superuser": 200}),
    "upload post": (
        "post",
        "/upload/",
        {"text": "Pasted.\n\nThe bridge is 1.2 km long and opened in 1998."},
        {"editor": 302, "reviewer": 403, "staff": 302, "superuser": 302},
    ),
    "article page": (
        "get",
        "/articles/{article}/",
        None,
        {"editor": 200, "reviewer": 200, "staff": 200, "superuser": 200},
    ),
    "claim panel": (
        "get",
        "/claims/{claim}/panel/",
        None,
        {"editor": 200, "reviewer": 200, "staff": 200, "superuser": 200},
    ),
    "claim review post": (
        "post",
        "/claims/{claim}/review/",
        {"status": "disputed", "version": 1},
        {"editor": 403, "reviewer": 200, "staff": 403, "superuser": 200},
    ),
    "claim evidence post": (
        "post",
        "/claims/{claim}/evidence/",
        {"url": "https://example.org/evidence"},
        {"editor": 403, "reviewer": 200, "staff": 403, "superuser": 200},
    ),
    "admin article changelist": (
        "get",
        "/admin/articles/article/",
        None,
        {"editor": 302, "reviewer": 302, "staff": 403, "superuser": 200},
    ),
    "admin claim changelist": (
        "get",
        "/admin/articles/claim/",
        None,
        {"editor": 302, "reviewer": 302, "staff": 403, "superuser": 200},
    ),
    "admin article change": (
        "get",
        "/admin/articles/article/{article}/change/",
        None,
        {"editor": 302, "reviewer": 302, "staff": 403, "superuser": 200},
    ),
}


@pytest.fixture
def world(db):
    from articles import ingest, services

    owner = make_user("editor", "owner-editor")
    document = ingest.document_from_text(SAMPLE_TEXT)
    article = services.article_create(document=document, uploaded_by=owner).article
    services.article_split(article_id=article.pk)
    claim = article.claims.order_by("position").first()
    assert claim is not None
    job = services.export_job_request(actor=owner, format="ndjson", filters={})
    return {"article": article.pk, "claim": claim.pk, "export": job.pk}


def _client_for(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(make_user(role, f"{role}-actor"))
    return client


def _send(client: Client, method: str, url: str, body, *, json: bool):
    # The claim panel and its forms are htmx fragments; without the header the views redirect to the article page.
    headers = {"HX-Request": "true"} if url.startswith("/claims/") else {}
    if body is None:
        return getattr(client, method)(url, headers=headers)
    if json or method in ("patch", "put"):
        return getattr(client, method)(url, body, content_type="application/json", headers=headers)
    return getattr(client, method)(url, body, headers=headers)


def _expected(role: str, table: dict, *, page: bool, url: str) -> set[int]:
    if role in table:
        return {table[role]}
    if role == "anonymous":
        return {TO_LOGIN} if page else DENIED_API
    # Outsiders: pages and API refuse them; the admin sends non-staff back to its log-in page.
    return {TO_LOGIN} if url.startswith("/admin/") else {403}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(API))
def test_api_endpoint_answers_each_role_as_the_matrix_says(world, role, case):
    method, template, body, table = API[case]
    url = template.format(**world)
    response = _send(_client_for(role), method, url, body, json=True)
    assert response.status_code in _expected(role, table, page=False, url=url), (case, role, response.content[:300])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(PAGES))
def test_page_answers_each_role_as_the_matrix_says(world, role, case):
    method, template, body, table = PAGES[case]
    url = template.format(**world)
    response = _send(_client_for(role), method, url, body, json=False)
    assert response.status_code in _expected(role, table, page=True, url=url), (case, role, response.content[:300])
    if role == "anonymous" and response.status_code == TO_LOGIN:
        assert "login" in response["Location"]


def test_refused_writes_change_nothing(world):
    from articles.models import Article, Claim, ClaimEvent, Evidence

    before = (Article.objects.count(), ClaimEvent.objects.count(), Evidence.objects.count())
    for role in ("anonymous", "outsider", "editor"):
        client = _client_for(role)
        client.patch(f"/api/claims/{world['claim']}/", {"status": "wrong"}, content_type="application/json")
        client.post(f"/api/claims/{world['claim']}/evidence/", {"url": "https://example.org/x"})
        client.post(f"/claims/{world['claim']}/review/", {"status": "wrong", "version": 1})
    for role in ("anonymous", "outsider", "reviewer"):
        client = _client_for(role)
        client.delete(f"/api/articles/{world['article']}/")
        client.post("/api/articles/", {"text": "Refused.\n\nThe road is 12 km long."}, content_type="application/json")
    assert (Article.objects.count(), ClaimEvent.objects.count(), Evidence.objects.count()) == before
    assert Claim.objects.get(pk=world["claim"]).status == Claim.Status.UNREVIEWED


def test_editor_deletes_own_article_but_outsider_cannot_even_see_it(world):
    from articles.models import Article

    outsider = _client_for("outsider")
    assert outsider.get(f"/api/articles/{world['article']}/").status_code == 403
    owner = Client()
    owner.force_login(make_user("editor", "owner-editor"))
    assert owner.delete(f"/api/articles/{world['article']}/").status_code == 204
    assert not Article.objects.filter(pk=world["article"]).exists()
