"""The desk's dashboard: the numbers, and that they cost a fixed number of queries."""

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article, Claim, ClaimGroup
from tests.articles.test_views import article_with_claims, claims_of
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_dashboard_counts_waiting_articles_reviews_today_verdict_mix_and_open_contradictions(client, editor):
    alice, bob = make_user("reviewer", "alice"), make_user("reviewer", "bob")
    waiting = article_with_claims(4, title="Waiting")
    cleared = article_with_claims(2, title="Cleared")
    Article.objects.create(title="Queued", text="x", content_hash="queued")
    claims = claims_of(waiting)
    services.claim_review(claim_id=claims[0].pk, actor=alice, status=Claim.Status.VERIFIED)
    services.claim_review(claim_id=claims[1].pk, actor=alice, status=Claim.Status.WRONG)
    services.claims_review(claims=cleared.claims.all(), status=Claim.Status.DISPUTED, actor=bob)
    group = ClaimGroup.objects.create(key="k", fact_type="duration", is_contradiction=True)
    Claim.objects.filter(pk=claims[3].pk).update(group=group)
    settled = ClaimGroup.objects.create(key="settled", fact_type="duration", is_contradiction=True)
    Claim.objects.filter(pk=claims[0].pk).update(group=settled)

    client.force_login(alice)
    response = client.get(reverse("articles:dashboard"))
    numbers = response.context["numbers"]
    assert numbers["articles_waiting_review"] == 1
    assert numbers["articles_in_progress"] == 1
    assert [(row["reviewer__username"], row["count"]) for row in numbers["reviewed_today"]] == [
        ("alice", 2),
        ("bob", 2),
    ]
    mix = {value: count for value, _, count, _ in numbers["verdict_mix"]}
    assert mix == {"unreviewed": 2, "verified": 1, "disputed": 2, "wrong": 1, "not_a_claim": 0}
    assert numbers["contradictions_open"] == 1
    page = response.content.decode()
    assert "contradictions open" in page
    assert "alice" in page


def test_dashboard_queries_do_not_grow_with_the_desk(client, reviewer, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_articles(count):
        for _ in range(count):
            article = article_with_claims(5, title=f"A{Article.objects.count()}")
            services.claim_review(claim_id=claims_of(article)[0].pk, actor=reviewer, status=Claim.Status.VERIFIED)

    add_articles(1)
    client.force_login(reviewer)
    client.get(reverse("articles:dashboard"))
    with CaptureQueriesContext(connection) as small_desk:
        client.get(reverse("articles:dashboard"))
    add_articles(20)
    with django_assert_num_queries(len(small_desk)):
        response = client.get(reverse("articles:dashboard"))
    assert response.context["numbers"]["reviewed_today_total"] == 21
