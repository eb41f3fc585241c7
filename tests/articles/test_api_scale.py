"""The API on large tables: cursor pages, an ordering allow-list, constant query counts, ETags and the schema."""

import io

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.models import Article, Claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_claims(db):
    call_command("generate_demo_data", articles=12, claims_per_article=10, seed=11, stdout=io.StringIO())
    # Ties on score, so that the cursor has to keep tied rows apart.
    Claim.objects.filter(position__lt=4).update(score=0.5)
    return Claim.objects.all()


def walk(client, url: str) -> list[dict]:
    rows, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body
        rows.extend(body["results"])
        url, pages = body["next"], pages + 1
        assert pages < 100
    return rows


def test_cursor_pages_cover_every_claim_once_newest_first(many_claims, reviewer, api_client_for):
    rows = walk(api_client_for(reviewer), "/api/claims/?page_size=25")

    ids = [row["id"] for row in rows]
    assert ids == sorted(many_claims.values_list("id", flat=True), reverse=True)


@pytest.mark.parametrize(
    ("ordering", "key"),
    [
        ("score", lambda row: (row["score"], row["id"])),
        ("-score", lambda row: (-row["score"], -row["id"])),
        ("position", lambda row: (row["position"], row["id"])),
        # Nullable: unreviewed claims have no reviewed_at, and must still all be reached.
        ("reviewed_at", lambda row: (row["reviewed_at"] or "", row["id"])),
    ],
)
def test_ordering_from_the_allow_list_pages_through_ties_without_gaps(
    many_claims, reviewer, api_client_for, ordering, key
):
    rows = walk(api_client_for(reviewer), f"/api/claims/?ordering={ordering}&page_size=7")

    assert len(rows) == 120
    assert len({row["id"] for row in rows}) == 120
    assert rows == sorted(rows, key=key)


@pytest.mark.parametrize(
    "ordering", ["uploaded_by__password", "reviewer__password", "-reviewer__password", "article__text", "note"]
)
def test_ordering_outside_the_allow_list_is_ignored(many_claims, reviewer, api_client_for, ordering):
    client = api_client_for(reviewer)

    probed = client.get(f"/api/claims/?ordering={ordering}&page_size=200")
    default = client.get("/api/claims/?page_size=200")

    assert probed.status_code == 200
    assert [row["id"] for row in probed.json()["results"]] == [row["id"] for row in default.json()["results"]]


def test_article_ordering_outside_the_allow_list_is_ignored(editor, api_client_for):
    from articles import ingest

    for number in range(3):
        document = ingest.document_from_text(f"Article number {number} says 4 things.", title=f"T{number}")
        services.articles_create(documents=[(document, b"")], uploaded_by=editor)
    client = api_client_for(editor)

    probed = client.get("/api/articles/?ordering=uploaded_by__password")

    assert probed.status_code == 200
    assert [row["id"] for row in probed.json()["results"]] == sorted(
        Article.objects.values_list("id", flat=True), reverse=True
    )


def test_unknown_filter_parameters_do_not_filter_or_fail(many_claims, reviewer, api_client_for):
    response = api_client_for(reviewer).get("/api/claims/?reviewer__password__startswith=a&page_size=500")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 120


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("path", ["/api/claims/", "/api/articles/", "/api/claims/?ordering=score&status=verified"])
def test_list_query_count_does_not_grow_with_page_size(many_claims, reviewer, api_client_for, path):
    client = api_client_for(reviewer)
    joiner = "&" if "?" in path else "?"
    client.get(path)  # the user's groups are looked up once and cached on the user

    small = _queries(client, f"{path}{joiner}page_size=2")
    large = _queries(client, f"{path}{joiner}page_size=200")

    assert small == large


def test_claim_detail_has_an_etag_and_answers_304_until_it_changes(many_claims, reviewer, api_client_for):
    client = api_client_for(reviewer)
    claim = many_claims.order_by("id").first()
    url = f"/api/claims/{claim.pk}/"

    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    services.claim_review(claim_id=claim.pk, actor=reviewer, status=Claim.Status.WRONG, note="checked")

    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_list_pages_have_etags(many_claims, reviewer, api_client_for):
    client = api_client_for(reviewer)
    etag = client.get("/api/claims/?page_size=5")["ETag"]

    assert client.get("/api/claims/?page_size=5", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_openapi_schema_documents_export_filters_ordering_and_cursor(reviewer, api_client_for):
    response = api_client_for(reviewer).get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)

    export = schema["paths"]["/api/claims/export/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in export["parameters"]}
    assert set(parameters["format"]["schema"]["enum"]) == {"csv", "ndjson", "json", "claimreview"}
    assert {"status", "kind", "outlet", "min_score", "search"} <= set(parameters)
    assert {"text/csv", "application/x-ndjson", "application/json", "application/ld+json"} <= set(
        export["responses"]["200"]["content"]
    )
    listing = {parameter["name"] for parameter in schema["paths"]["/api/claims/"]["get"]["parameters"]}
    assert {"cursor", "page_size", "ordering", "status", "min_score"} <= listing
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("responses"), f"{method.upper()} {path} documents no response"
