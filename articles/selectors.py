"""Reads shared by views, admin, API and exports: scoped, annotated querysets with a fixed number of queries."""

from django.db.models import Count, Q, QuerySet

from articles import roles
from articles.models import Article, Claim, ClaimEvent, Evidence


def _claim_counts() -> dict:
    counts = {"claim_count": Count("claims")}
    for status in Claim.Status.values:
        counts[f"{status}_count"] = Count("claims", filter=Q(claims__status=status))
    return counts


def articles_with_counts(queryset: QuerySet[Article] | None = None) -> QuerySet[Article]:
    queryset = Article.objects.all() if queryset is None else queryset
    return queryset.select_related("uploaded_by").defer("original", "text").annotate(**_claim_counts())


def articles_for_user(user) -> QuerySet[Article]:
    """Every desk member reads every article; anyone else reads none."""
    if not roles.is_desk_member(user):
        return Article.objects.none()
    return Article.objects.all()


def claims_for_user(user) -> QuerySet[Claim]:
    if not roles.is_desk_member(user):
        return Claim.objects.none()
    return Claim.objects.all()


def claims_with_article(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    return queryset.select_related("article", "reviewer").defer("article__text", "article__original")


def claim_history(claim: Claim) -> QuerySet[ClaimEvent]:
    return claim.events.select_related("actor").order_by("created_at", "id")


def claim_evidence(claim: Claim) -> QuerySet[Evidence]:
    return claim.evidence.select_related("added_by")
