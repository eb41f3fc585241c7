"""The claims changelist at scale: constant query count, no full COUNT, indexed search, streamed export actions."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import admin_scale
from articles.models import Claim

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/claim/"


def generate(articles: int, claims_per_article: int, seed: int) -> None:
    call_command(
        "generate_demo_data", articles=articles, claims_per_article=claims_per_article, seed=seed, stdout=io.StringIO()
    )


def changelist_queries(client, query: str = "") -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    return [item["sql"] for item in captured.captured_queries]


@pytest.mark.parametrize("query", ["", "status__exact=verified", "q=sensor", "article__outlet=Harbour+Times&o=3"])
def test_changelist_query_count_does_not_grow_with_the_table(client, superuser, query):
    client.force_login(superuser)
    generate(2, 5, seed=1)
    small = changelist_queries(client, query)

    generate(40, 5, seed=2)
    assert Claim.objects.count() == 210
    large = changelist_queries(client, query)

    assert len(large) == len(small)


def test_changelist_never_counts_the_whole_claims_table(client, superuser):
    client.force_login(superuser)
    generate(3, 5, seed=1)

    queries = changelist_queries(client, "status__exact=unreviewed")

    counts = [sql for sql in queries if "COUNT(" in sql.upper() and "articles_claim" in sql]
    assert len(counts) == 1
    assert f"LIMIT {admin_scale.COUNT_CAP}" in counts[0]
    # The outlet filter lists outlets from the articles table, not a DISTINCT over every claim.
    assert not [sql for sql in queries if "DISTINCT" in sql.upper() and "articles_claim" in sql]


def test_unfiltered_count_of_a_large_table_comes_from_the_planner_estimate(monkeypatch):
    monkeypatch.setattr(admin_scale, "_estimated_rows", lambda table: 1_234_567)
    paginator = admin_scale.EstimatedCountPaginator(Claim.objects.all(), 100)

    assert paginator.count == 1_234_567
    # Deep OFFSETs cost as much as the rows they skip, so pages stop at the count cap.
    assert paginator.num_pages == admin_scale.COUNT_CAP // 100


def test_filtered_count_is_exact_below_the_cap_and_capped_above(monkeypatch):
    generate(2, 6, seed=4)
    assert admin_scale.EstimatedCountPaginator(Claim.objects.filter(position__lt=3), 100).count == 6

    monkeypatch.setattr(admin_scale, "COUNT_CAP", 5)
    assert admin_scale.EstimatedCountPaginator(Claim.objects.filter(position__lt=3), 100).count == 5


def test_claim_text_search_has_a_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'claim_text_trgm_idx'")
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition
    assert "upper(text)" in definition.lower()


def test_export_selected_action_streams_the_selected_claims(client, superuser):
    client.force_login(superuser)
    generate(3, 4, seed=5)
    chosen = list(Claim.objects.order_by("id").values_list("id", flat=True)[:5])

    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": chosen})

    assert response.status_code == 200
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [int(row["id"]) for row in rows] == chosen


def test_export_all_matching_the_filter_streams_every_matching_claim(client, superuser):
    client.force_login(superuser)
    generate(5, 4, seed=6)

    response = client.get(f"{CHANGELIST}export/?format=ndjson&status__exact=verified&q=the")

    assert response.status_code == 200
    ids = [json.loads(line)["id"] for line in b"".join(response.streaming_content).decode().splitlines()]
    expected = Claim.objects.filter(status="verified", text__icontains="the").order_by("id")
    assert ids == list(expected.values_list("id", flat=True))


def test_changelist_offers_export_of_everything_matching(client, superuser):
    client.force_login(superuser)

    response = client.get(f"{CHANGELIST}?status__exact=wrong")

    assert b"export/?status__exact=wrong&amp;format=csv" in response.content


def test_export_all_matching_rejects_unknown_format_and_bad_filters(client, superuser):
    client.force_login(superuser)

    assert client.get(f"{CHANGELIST}export/?format=xlsx").status_code == 400
    assert client.get(f"{CHANGELIST}export/?format=csv&uploaded_by__password__startswith=a").status_code == 400


def test_export_all_matching_needs_admin_access(client, reviewer):
    client.force_login(reviewer)

    response = client.get(f"{CHANGELIST}export/?format=csv")

    assert response.status_code in (302, 403)


def test_article_changelist_counts_claims_per_page_without_grouping_the_claims_table(client, superuser):
    client.force_login(superuser)
    generate(2, 5, seed=1)
    small = changelist_queries_at(client, "/admin/articles/article/")
    generate(30, 5, seed=2)

    large = changelist_queries_at(client, "/admin/articles/article/")

    assert len(large) == len(small)
    assert not [sql for sql in large if "GROUP BY" in sql.upper() and "articles_claim" in sql]
    response = client.get("/admin/articles/article/")
    first = Claim.objects.filter(article__isnull=False).order_by("-article__created_at", "-article_id").first()
    assert f'<td class="field-claim_total">{first.article.claims.count()}</td>' in response.content.decode()


def test_history_changelist_opens_newest_first(client, superuser):
    client.force_login(superuser)
    generate(3, 5, seed=3)

    response = client.get("/admin/articles/claimevent/")

    assert response.status_code == 200
    shown = response.context["cl"].result_list
    assert [event.pk for event in shown] == sorted((event.pk for event in shown), reverse=True)


def changelist_queries_at(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [item["sql"] for item in captured.captured_queries]
