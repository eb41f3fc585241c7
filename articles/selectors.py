"""Reads shared by views, admin, API and exports: scoped, annotated querysets with a fixed number of queries."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

from articles import roles
from articles.models import Article, Claim, ClaimEvent, Evidence, ExportJob


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


# --- Review workspace: queue, group members, desk numbers -----------------------------------------------------


def _assigned_to_user(user) -> Q:
    """A claim is someone's when it names them, or names nobody and its article does."""
    return Q(assigned_to=user) | Q(assigned_to__isnull=True, article__assigned_to=user)


def review_queue(
    user,
    *,
    article_id: int | None = None,
    outlet: str = "",
    kind: str = "",
    contradiction: bool = False,
    assignment: str = "",
) -> QuerySet[Claim]:
    """Claims waiting for a verdict: the user's assigned ones first, then by check-worthiness.

    ``assignment`` is "mine", "unassigned" or "" (everyone's).
    """
    from django.db.models import Case, Value, When

    queryset = claims_for_user(user).filter(status=Claim.Status.UNREVIEWED, article__status=Article.Status.SPLIT)
    if article_id:
        queryset = queryset.filter(article_id=article_id)
    if outlet:
        queryset = queryset.filter(article__outlet=outlet)
    if kind:
        queryset = queryset.filter(kind=kind)
    if contradiction:
        queryset = queryset.filter(group__is_contradiction=True)
    if assignment == "mine":
        queryset = queryset.filter(_assigned_to_user(user))
    elif assignment == "unassigned":
        queryset = queryset.filter(assigned_to__isnull=True, article__assigned_to__isnull=True)
    return (
        queryset.annotate(
            assigned_to_me=Case(When(_assigned_to_user(user), then=Value(True)), default=Value(False)),
        )
        .select_related("article", "article__assigned_to", "assigned_to", "group")
        .defer("article__text", "article__original")
        .order_by("-assigned_to_me", "-score", "id")
    )


def queue_outlets(user) -> list[str]:
    return list(
        articles_for_user(user).exclude(outlet="").order_by("outlet").values_list("outlet", flat=True).distinct()
    )


def claim_group_members(claim: Claim) -> list[Claim]:
    """The other claims of the claim's cross-article group, with their articles, in one query."""
    if claim.group_id is None:
        return []
    return list(
        Claim.objects.filter(group_id=claim.group_id)
        .exclude(pk=claim.pk)
        .select_related("article", "reviewer")
        .defer("article__text", "article__original")
        .order_by("article__published", "article_id", "position")[:50]
    )


def desk_reviewers():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=roles.REVIEWERS).order_by("username").distinct()


def desk_numbers(*, since) -> dict:
    """The desk's numbers for the dashboard, in a fixed number of queries whatever the size of the desk."""
    from articles.models import ClaimGroup

    article_counts = Article.objects.aggregate(
        in_progress=Count("pk", filter=Q(status__in=[Article.Status.QUEUED, Article.Status.SPLITTING])),
        failed=Count("pk", filter=Q(status=Article.Status.FAILED)),
        total=Count("pk"),
    )
    waiting_review = (
        Article.objects.filter(status=Article.Status.SPLIT, claims__status=Claim.Status.UNREVIEWED)
        .values("pk")
        .distinct()
        .count()
    )
    verdicts = dict(Claim.objects.values_list("status").annotate(count=Count("pk")).order_by())
    verdict_mix = [(value, label, verdicts.get(value, 0)) for value, label in Claim.Status.choices]
    reviewed_today = list(
        Claim.objects.filter(reviewed_at__gte=since, reviewer__isnull=False)
        .exclude(status=Claim.Status.UNREVIEWED)
        .values("reviewer__username")
        .annotate(count=Count("pk"))
        .order_by("-count", "reviewer__username")
    )
    contradictions_open = (
        ClaimGroup.objects.filter(is_contradiction=True, claims__status=Claim.Status.UNREVIEWED)
        .values("pk")
        .distinct()
        .count()
    )
    return {
        "articles_in_progress": article_counts["in_progress"],
        "articles_failed": article_counts["failed"],
        "articles_total": article_counts["total"],
        "articles_waiting_review": waiting_review,
        "claims_total": sum(verdicts.values()),
        "claims_unreviewed": verdicts.get(Claim.Status.UNREVIEWED, 0),
        "verdict_mix": verdict_mix,
        "reviewed_today": reviewed_today,
        "reviewed_today_total": sum(row["count"] for row in reviewed_today),
        "contradictions_open": contradictions_open,
    }


# --- Cross-article groups -------------------------------------------------------------------------------------

# Verdicts that take a side; two different ones in one group are a conflict for reviewers to settle.
DECIDED_STATUSES = ("verified", "disputed", "wrong")


def _group_annotations() -> dict:
    from django.db.models import Count

    decided = Q(claims__status__in=DECIDED_STATUSES)
    return {
        "member_count": Count("claims", distinct=True),
        "unreviewed_count": Count("claims", filter=Q(claims__status=Claim.Status.UNREVIEWED), distinct=True),
        "verdict_count": Count("claims__status", filter=decided, distinct=True),
    }


def groups_for_user(user):
    """Groups of claims about the same fact, each annotated with its size and how many verdicts it holds."""
    from articles.models import ClaimGroup

    if not roles.is_desk_member(user):
        return ClaimGroup.objects.none()
    return ClaimGroup.objects.filter(size__gt=0).select_related("confirmed_by").annotate(**_group_annotations())


def group_claims(group_ids) -> QuerySet[Claim]:
    """The members of these groups with their articles, for the API and the command, in one query."""
    return (
        Claim.objects.filter(group_id__in=list(group_ids))
        .select_related("article", "reviewer")
        .defer("article__text", "article__original")
        .order_by("group_id", "article__published", "article_id", "position")
    )


class GroupMembers(list):
    """The other claims of a claim's group, plus what the panel says about them: whether their verdicts conflict,
    and the verdict they suggest for this claim (offered, never applied)."""

    conflicting_verdicts: bool = False
    suggestion: str = ""
    suggested_by: str = ""


def group_members_for_panel(claim: Claim) -> GroupMembers:
    members = GroupMembers(claim_group_members(claim))
    decided = {member.status for member in members if member.status in DECIDED_STATUSES}
    if claim.status in DECIDED_STATUSES:
        members.conflicting_verdicts = bool(decided - {claim.status})
    else:
        members.conflicting_verdicts = len(decided) > 1
    if len(decided) == 1 and claim.status != next(iter(decided)):
        members.suggestion = next(iter(decided))
        members.suggested_by = ", ".join(
            sorted(
                {member.reviewer.get_username() for member in members if member.reviewer and member.status in decided}
            )
        )
    return members


# --- Exports ------------------------------------------------------------------------------------------------------


# The columns of one exported claim, in export order (the exporter adds its evidence).
CLAIM_EXPORT_COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "article_outlet",
    "article_url",
    "article_published",
    "position",
    "text",
    "start",
    "end",
    "score",
    "kind",
    "status",
    "reviewer_name",
    "reviewed_at",
    "note",
    "facts",
)


def claims_for_export(claims: QuerySet[Claim]) -> QuerySet:
    """One flat row per claim with its article and reviewer, in id order; evidence is added by the exporter."""
    from django.db.models import F

    return (
        claims.order_by("id")
        .annotate(
            article_title=F("article__title"),
            article_outlet=F("article__outlet"),
            article_url=F("article__url"),
            article_published=F("article__published"),
            reviewer_name=F("reviewer__username"),
        )
        .values(*CLAIM_EXPORT_COLUMNS)
    )


def claims_matching(user, filters: dict[str, str]) -> QuerySet[Claim]:
    """The user's claims narrowed by the claims list's filter parameters, through the list's own FilterSet, so a
    background export selects exactly what ``GET /api/claims/export/`` with the same parameters streams.

    Raises ValidationError when a value does not apply (``status=maybe``, a group that no longer exists): the
    FilterSet would otherwise drop that filter silently and export more than was asked for.
    """
    from articles.api.filters import ClaimFilter

    filterset = ClaimFilter(data=filters, queryset=claims_for_user(user))
    if not filterset.is_valid():
        raise ValidationError([f"{name}: {' '.join(messages)}" for name, messages in sorted(filterset.errors.items())])
    return filterset.qs


def claim_filter_names() -> list[str]:
    """The filter parameters the claims list (and so every export) accepts."""
    from articles.api.filters import ClaimFilter

    return sorted(ClaimFilter.base_filters)


# --- Background exports -------------------------------------------------------------------------------------------


def export_jobs_for_user(user):
    """A desk member's own export jobs; staff see everyone's."""
    if not roles.is_desk_member(user):
        return ExportJob.objects.none()
    jobs = ExportJob.objects.select_related("requested_by")
    return jobs if user.is_staff else jobs.filter(requested_by=user)
