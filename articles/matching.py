"""Cross-article matching on the app side: stored match keys in, groups out. Called only from ``articles.services``.

The engine (``claim_engine.match``) decides what is the same fact and whether values agree; this module stores the
blocking keys of each claim's facts, finds candidates with one indexed ``key IN (...)`` query, and writes groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection
from django.db.models import Q

from articles.models import Article, Claim, ClaimGroup, ClaimGroupExclusion, ClaimMatchKey
from claim_engine import match

# A blocking key shared by more stored facts than this (a company every article names) is cut to its newest rows:
# matching stays bounded however large the desk grows.
MAX_CANDIDATES = 5000


def serialise_lock() -> None:
    """Matching reads then writes groups; two articles matched at once must see each other's keys."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x4D415443])  # "MATC"


def source_label(article: Article) -> str:
    name = article.outlet or (article.title[:60] if article.title else f"article {article.pk}")
    return f"{name}, {article.published.isoformat() if article.published else 'undated'}"


def facts_of_article(article: Article) -> dict[int, list[match.MatchFact]]:
    context = match.article_context(article.text, published=article.published, title=article.title)
    found: dict[int, list[match.MatchFact]] = {}
    for claim in Claim.objects.filter(article=article).only("pk", "text", "start", "facts").order_by("position"):
        facts = match.match_facts(claim.text, claim.facts or [], context=context, claim_start=claim.start)
        if facts:
            found[claim.pk] = facts
    return found


def write_keys(article: Article, facts: dict[int, list[match.MatchFact]]) -> None:
    ClaimMatchKey.objects.filter(article=article).delete()
    ClaimMatchKey.objects.bulk_create(
        [
            ClaimMatchKey(
                key=block[:300],
                claim_id=claim_id,
                article=article,
                fact_index=fact.index,
                fact_type=fact.fact_type,
                fact=fact.to_dict(),
            )
            for claim_id, claim_facts in facts.items()
            for fact in claim_facts
            for block in fact.blocks
        ],
        batch_size=1000,
    )


def candidates(article: Article, blocks: Iterable[str]) -> list[match.Candidate]:
    rows = (
        ClaimMatchKey.objects.filter(key__in=sorted(set(blocks)))
        .exclude(article=article)
        .order_by("-id")
        .values_list("claim_id", "article_id", "claim__group__key", "fact")[:MAX_CANDIDATES]
    )
    seen: set[tuple[int, int]] = set()
    found = []
    for claim_id, article_id, group_key, fact in rows:
        if (claim_id, fact["index"]) in seen:
            continue
        seen.add((claim_id, fact["index"]))
        found.append(match.Candidate(claim_id, article_id, group_key, match.MatchFact.from_dict(fact)))
    return found


def exclusions(claim_ids: Iterable[int]) -> frozenset[tuple[str, int]]:
    return frozenset(
        ClaimGroupExclusion.objects.filter(claim_id__in=list(claim_ids)).values_list("group_key", "claim_id")
    )


def apply(plans: list[match.Assignment]) -> set[int]:
    """Write the planned groups; returns the ids of the groups that changed."""
    touched: set[int] = set()
    for plan in plans:
        group, _ = ClaimGroup.objects.get_or_create(
            key=plan.group_key[:300],
            defaults={
                "fact_type": plan.fact.fact_type,
                "unit": plan.fact.dimension[:30],
                "concept": plan.fact.concept[:100],
                "subject": match.describe(plan.fact)[:200],
            },
        )
        ids = [plan.claim_id, *plan.pulled]
        # A claim already in this group is left alone, so that matching again writes nothing.
        moved = Claim.objects.filter(pk__in=ids).filter(Q(group__isnull=True) | ~Q(group=group)).update(group=group)
        if moved or not group.size:
            touched.add(group.pk)
    return touched


def refresh(group_ids: Iterable[int]) -> None:
    """Recompute size, article count, agreement and the one-line explanation of these groups."""
    groups = {group.pk: group for group in ClaimGroup.objects.filter(pk__in=list(group_ids))}
    if not groups:
        return
    members = list(
        Claim.objects.filter(group_id__in=groups)
        .select_related("article")
        .only("pk", "group_id", "article__id", "article__outlet", "article__title", "article__published")
        .order_by("article__published", "article_id", "position")
    )
    facts: dict[int, dict] = {}
    for claim_id, fact in ClaimMatchKey.objects.filter(claim__group_id__in=groups).values_list("claim_id", "fact"):
        facts.setdefault(claim_id, {})[fact["index"]] = fact
    by_group: dict[int, list[match.Member]] = defaultdict(list)
    sizes: dict[int, int] = defaultdict(int)
    for claim in members:
        group = groups[claim.group_id]
        sizes[group.pk] += 1
        for fact in facts.get(claim.pk, {}).values():
            parsed = match.MatchFact.from_dict(fact)
            if (parsed.fact_type, parsed.dimension, parsed.concept) == (group.fact_type, group.unit, group.concept):
                by_group[group.pk].append(match.Member(parsed, claim.article_id, source_label(claim.article)))
                break
    for group in groups.values():
        summary = match.summarise(by_group.get(group.pk, []))
        group.size = sizes.get(group.pk, 0)
        group.article_count = summary.article_count
        group.is_contradiction = summary.is_contradiction
        group.explanation = summary.explanation[:2000]
        if summary.label:
            group.subject = summary.label[:200]
    ClaimGroup.objects.bulk_update(
        groups.values(), ["size", "article_count", "is_contradiction", "explanation", "subject", "updated_at"]
    )
