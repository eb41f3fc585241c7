"""Exports parsed back and compared row for row with the database, in every format, on PostgreSQL and in Python."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import exports, services
from articles.models import Article, Claim, Evidence

pytestmark = pytest.mark.django_db

TEXT_FIELDS = ("article_title", "article_outlet", "article_url", "text", "reviewer", "note")
INT_FIELDS = ("id", "article_id", "position", "start", "end")


@pytest.fixture
def claims_data(db, reviewer):
    """A generated desk plus claims whose text, note and reviewer look like spreadsheet formulas."""
    call_command("generate_demo_data", articles=6, claims_per_article=5, seed=7, stdout=io.StringIO())
    claim = Claim.objects.order_by("id").first()
    services.claims_review(
        claims=Claim.objects.filter(pk=claim.pk), status=Claim.Status.WRONG, actor=reviewer, note="=HYPERLINK(1)"
    )
    services.evidence_add(claim_id=claim.pk, actor=reviewer, url="https://example.org/a", note="+first")
    services.evidence_add(claim_id=claim.pk, actor=reviewer, url="https://example.org/b", note='second, "quoted"')
    Article.objects.filter(pk=claim.article_id).update(title="-2+3 headline", outlet="@outlet")
    return Claim.objects.all()


def database_rows(claims) -> list[dict]:
    rows = []
    for claim in claims.select_related("article", "reviewer").prefetch_related("evidence").order_by("id"):
        evidence = sorted(claim.evidence.all(), key=lambda item: (item.created_at, item.pk))
        rows.append(
            {
                "id": claim.pk,
                "article_id": claim.article_id,
                "article_title": claim.article.title,
                "article_outlet": claim.article.outlet,
                "article_url": claim.article.url,
                "article_published": claim.article.published,
                "position": claim.position,
                "text": claim.text,
                "start": claim.start,
                "end": claim.end,
                "score": claim.score,
                "kind": claim.kind,
                "status": claim.status,
                "reviewer": claim.reviewer.username if claim.reviewer else "",
                "reviewed_at": claim.reviewed_at,
                "note": claim.note,
                "facts": claim.facts,
                "evidence": [{"url": item.url, "note": item.note} for item in evidence],
            }
        )
    return rows


def _typed(row: dict) -> dict:
    row = dict(row)
    row["article_published"] = date.fromisoformat(row["article_published"]) if row["article_published"] else None
    row["reviewed_at"] = datetime.fromisoformat(row["reviewed_at"]) if row["reviewed_at"] else None
    row["score"] = float(row["score"])
    return row


def parse_csv(body: bytes) -> list[dict]:
    rows = []
    for row in csv.DictReader(io.StringIO(body.decode())):
        for field in INT_FIELDS:
            row[field] = int(row[field])
        row["facts"] = json.loads(row["facts"])
        row["evidence"] = json.loads(row["evidence"])
        rows.append(_typed(row))
    return rows


def parse_ndjson(body: bytes) -> list[dict]:
    assert body.endswith(b"\n")
    return [_typed(json.loads(line)) for line in body.decode().splitlines()]


def parse_json(body: bytes) -> list[dict]:
    return [_typed(row) for row in json.loads(body)]


def as_csv_expects(rows: list[dict]) -> list[dict]:
    return [{**row, **{field: exports.neutralise_formula(row[field]) for field in TEXT_FIELDS}} for row in rows]


def export_via_api(client, query: str = "") -> tuple[bytes, object]:
    response = client.get(f"/api/claims/export/?{query}")
    assert response.status_code == 200, response.content
    assert response.streaming
    return b"".join(response.streaming_content), response


@pytest.mark.parametrize(
    ("export_format", "parse", "content_type"),
    [
        ("csv", parse_csv, "text/csv"),
        ("ndjson", parse_ndjson, "application/x-ndjson"),
        ("json", parse_json, "application/json"),
    ],
)
def test_api_export_parses_back_to_the_database_rows(
    claims_data, reviewer, api_client_for, export_format, parse, content_type
):
    body, response = export_via_api(api_client_for(reviewer), f"format={export_format}")

    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    expected = database_rows(claims_data)
    if export_format == "csv":
        expected = as_csv_expects(expected)
    assert parse(body) == expected
    assert len(expected) == 30


def test_claimreview_export_is_schema_org_jsonld_of_reviewed_claims(claims_data, reviewer, api_client_for):
    body, response = export_via_api(api_client_for(reviewer), "format=claimreview")

    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(body)
    assert document["@context"] == "https://schema.org"
    reviewed = [
        row
        for row in database_rows(claims_data)
        if row["status"] in (Claim.Status.VERIFIED, Claim.Status.DISPUTED, Claim.Status.WRONG)
    ]
    assert reviewed, "the generated data should contain reviewed claims"
    assert len(document["@graph"]) == len(reviewed)
    for item, row in zip(document["@graph"], reviewed, strict=True):
        assert item["@type"] == "ClaimReview"
        assert item["identifier"] == row["id"]
        assert item["claimReviewed"] == row["text"]
        assert item["url"] == f"http://testserver/articles/{row['article_id']}/?claim={row['id']}"
        assert item["datePublished"] == row["reviewed_at"].date().isoformat()
        assert item["author"] == {"@type": "Person", "name": row["reviewer"]}
        assert item["reviewRating"]["alternateName"] == Claim.Status(row["status"]).label
        assert item["reviewRating"]["ratingValue"] == exports.CLAIMREVIEW_RATINGS[row["status"]]
        assert item["reviewBody"] == row["note"]
        appearance = item["itemReviewed"]["appearance"]
        assert appearance["headline"] == row["article_title"]
        assert appearance["url"] == row["article_url"]
        assert appearance["datePublished"] == row["article_published"].isoformat()
        assert appearance["publisher"]["name"] == row["article_outlet"]


@pytest.mark.parametrize("export_format", ["csv", "ndjson", "json"])
def test_python_writers_match_the_database_copy_stream(claims_data, export_format):
    """The Python path (SQLite) and the COPY path (PostgreSQL) write the same rows."""
    parse = {"csv": parse_csv, "ndjson": parse_ndjson, "json": parse_json}[export_format]
    python_body = b"".join(exports.WRITERS[export_format](exports.export_rows(Claim.objects.all())))
    copy_body = b"".join(exports.export_stream(Claim.objects.all(), export_format))

    assert parse(python_body) == parse(copy_body)
    assert len(parse(python_body)) == 30


def test_python_claimreview_matches_the_database_copy_stream(claims_data):
    reviewed = Claim.objects.filter(status__in=list(exports.CLAIMREVIEW_RATINGS))
    python_body = b"".join(exports.write_claimreview(exports.export_rows(reviewed), "https://desk.example"))
    copy_body = b"".join(exports.export_stream(Claim.objects.all(), "claimreview", base_url="https://desk.example/"))

    assert json.loads(python_body) == json.loads(copy_body)


def test_formula_cells_are_neutralised_in_csv(claims_data, reviewer, api_client_for):
    body, _ = export_via_api(api_client_for(reviewer), "format=csv")
    first = csv.DictReader(io.StringIO(body.decode())).__next__()

    assert first["note"] == "'=HYPERLINK(1)"
    assert first["article_title"] == "'-2+3 headline"
    assert first["article_outlet"] == "'@outlet"
    assert json.loads(first["evidence"])[0]["note"] == "+first"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=wrong", lambda claims: claims.filter(status="wrong")),
        ("outlet=%40outlet", lambda claims: claims.filter(article__outlet="@outlet")),
        ("min_score=0.5", lambda claims: claims.filter(score__gte=0.5)),
        ("search=sensor", lambda claims: claims.filter(text__icontains="sensor")),
        ("kind=event&status=unreviewed", lambda claims: claims.filter(kind="event", status="unreviewed")),
    ],
)
def test_filters_of_the_claims_list_apply_to_exports(claims_data, reviewer, api_client_for, query, expected):
    body, _ = export_via_api(api_client_for(reviewer), f"format=ndjson&{query}")

    ids = [row["id"] for row in parse_ndjson(body)] if body else []
    assert ids == list(expected(Claim.objects.all()).order_by("id").values_list("id", flat=True))
    assert len(ids) < 30


def test_export_of_nothing_is_a_valid_empty_document(claims_data, reviewer, api_client_for):
    client = api_client_for(reviewer)
    csv_body, _ = export_via_api(client, "format=csv&search=no-such-claim-text")
    json_body, _ = export_via_api(client, "format=json&search=no-such-claim-text")
    ndjson_body, _ = export_via_api(client, "format=ndjson&search=no-such-claim-text")

    assert csv_body.decode().strip() == ",".join(exports.EXPORT_FIELDS)
    assert json.loads(json_body) == []
    assert ndjson_body == b""


def test_unknown_export_format_is_a_400_naming_the_formats(reviewer, api_client_for):
    response = api_client_for(reviewer).get("/api/claims/export/?format=xlsx")

    assert response.status_code == 400
    assert "claimreview" in response.json()["detail"]


def test_invalid_filter_value_on_export_is_a_400_not_a_500(reviewer, api_client_for):
    response = api_client_for(reviewer).get("/api/claims/export/?format=csv&min_score=lots")

    assert response.status_code == 400


def test_export_requires_a_desk_member(api_client_for, claims_data):
    from tests.conftest import make_user

    assert api_client_for(None).get("/api/claims/export/").status_code in (401, 403)
    assert api_client_for(make_user("outsider")).get("/api/claims/export/").status_code == 403


def test_closing_an_export_midway_cancels_the_copy_and_frees_the_connection(db):
    call_command("generate_demo_data", articles=40, claims_per_article=25, seed=3, stdout=io.StringIO())
    stream = exports.export_stream(Claim.objects.all(), "ndjson")
    first = next(stream)
    assert 0 < first.count(b"\n") < 1000

    stream.close()  # what the server does when the client goes away

    assert Claim.objects.count() == 1000
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


# Characters a spreadsheet reacts to, plus ordinary text; NUL cannot be stored in PostgreSQL text.
cell_text = st.text(
    alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", "'", '"', ",", "a", "1", " ", "é"]), max_size=12
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=cell_text.filter(lambda value: value.strip() != ""), note=cell_text, title=cell_text, outlet=cell_text)
def test_no_csv_cell_ever_starts_a_formula(editor, text, note, title, outlet):
    with transaction.atomic():
        article = Article.objects.create(
            title=title, outlet=outlet, text=text, content_hash=f"hypothesis-{text!r}-{title!r}"
        )
        claim = Claim.objects.create(article=article, position=0, text=text, start=0, end=1, score=0.5, note=note)
        Evidence.objects.create(claim=claim, url="https://example.org/x", note=note)
        bodies = [
            b"".join(exports.export_stream(Claim.objects.filter(pk=claim.pk), "csv")),
            b"".join(exports.write_csv(exports.export_rows(Claim.objects.filter(pk=claim.pk)))),
        ]
        transaction.set_rollback(True)

    for body in bodies:
        rows = list(csv.reader(io.StringIO(body.decode(), newline="")))
        assert len(rows) == 2
        for cell in rows[1]:
            assert not cell.startswith(exports.FORMULA_PREFIXES), rows[1]
        values = dict(zip(rows[0], rows[1], strict=True))
        # Neutralising only adds the apostrophe: the original value is still there, unchanged.
        assert values["text"] in (text, "'" + text)
        assert values["note"] in (note, "'" + note)
        assert values["article_title"] in (title, "'" + title)


def test_claimreview_of_an_article_without_an_outlet_names_no_publisher(claims_data):
    from articles.models import Article

    Article.objects.update(outlet="")
    reviewed = Claim.objects.filter(status__in=list(exports.CLAIMREVIEW_RATINGS))
    python_body = b"".join(exports.write_claimreview(exports.export_rows(reviewed), "https://desk.example"))
    copy_body = b"".join(exports.export_stream(Claim.objects.all(), "claimreview", base_url="https://desk.example/"))
    for body in (python_body, copy_body):
        items = json.loads(body)["@graph"]
        assert items
        assert all(item["itemReviewed"]["appearance"]["publisher"] is None for item in items)
