"""Cross-article matching against the real database: groups, contradictions, reviewer actions, API, admin, command."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles import selectors, services
from articles.models import Article, Claim, ClaimEvent, ClaimGroup, ClaimMatchKey
from tests.conftest import REPO, shared_path, wait_for

DEMO = REPO / "articles" / "demo"

KESTREL_SIX = """date 2026-03-10
Kestrel and Norrland Optics sign camera deal

Kestrel, the world's fourth-largest smartphone maker, announced on Tuesday a six-year partnership with the Swedish
lens maker Norrland Optics.

The first phone from the partnership, the Kestrel X9, will launch in September this year with a 1/1.3-inch main
sensor.
"""

KESTREL_FOUR = """date 2026-03-11
Lens wars

Kestrel's new tie-up with Norrland Optics is a four-year agreement, according to a filing seen by Pocket Ledger.

The Kestrel X9 is expected in September 2026 and will use a 1/1.3-inch sensor, the largest the company has fitted.
"""


@pytest.fixture
def matched(split_article):
    """matched(text, **metadata) -> an article split and matched against what is stored, in this process."""

    def make(text: str, **metadata) -> Article:
        article = split_article(text, **metadata)
        services.article_match(article_id=article.pk)
        return article

    return make


def _group_of(article: Article, fact_type: str) -> ClaimGroup | None:
    return ClaimGroup.objects.filter(claims__article=article, fact_type=fact_type).distinct().first()


# --- Grouping and contradictions ------------------------------------------------------------------------------


def test_partnership_durations_that_differ_across_articles_are_a_contradiction_naming_both(matched):
    six = matched(KESTREL_SIX, outlet="Tech Desk")
    four = matched(KESTREL_FOUR, outlet="Pocket Ledger")

    group = _group_of(four, "duration")
    assert group is not None and group.is_contradiction
    assert set(group.claims.values_list("article_id", flat=True)) == {six.pk, four.pk}
    assert "6 years (Tech Desk, 2026-03-10)" in group.explanation
    assert "4 years (Pocket Ledger, 2026-03-11)" in group.explanation


def test_same_sensor_size_in_two_articles_is_grouped_as_agreement(matched):
    first = matched(KESTREL_SIX, outlet="Tech Desk")
    second = matched(KESTREL_FOUR, outlet="Pocket Ledger")

    claim = Claim.objects.get(article=second, text__contains="1/1.3-inch")
    assert claim.group is not None
    assert claim.group.fact_type == "sensor_format" and not claim.group.is_contradiction
    assert claim.group.claims.filter(article=first).exists()
    assert "agree" in claim.group.explanation


def test_matching_an_article_again_changes_nothing(matched, django_assert_max_num_queries):
    matched(KESTREL_SIX)
    second = matched(KESTREL_FOUR)
    before = sorted(Claim.objects.filter(group__isnull=False).values_list("pk", "group_id"))
    keys_before = ClaimMatchKey.objects.count()

    assert services.article_match(article_id=second.pk) == 0

    assert sorted(Claim.objects.filter(group__isnull=False).values_list("pk", "group_id")) == before
    assert ClaimMatchKey.objects.count() == keys_before
    assert ClaimGroup.objects.count() == len({group for _, group in before})


def test_queries_to_match_an_article_do_not_grow_with_the_stored_articles(
    matched, split_article, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    matched(KESTREL_SIX)
    article = split_article(KESTREL_FOUR)
    with CaptureQueriesContext(connection) as few_stored:
        services.article_match(article_id=article.pk)
    for day in range(12, 20):
        matched(KESTREL_SIX.replace("2026-03-10", f"2026-03-{day}").replace("Tuesday", f"day {day}"))
    article = split_article(KESTREL_FOUR.replace("Lens wars", "Lens wars, again"))
    with django_assert_max_num_queries(len(few_stored.captured_queries)):
        services.article_match(article_id=article.pk)


def test_claims_of_one_article_alone_form_no_group(matched):
    article = matched(KESTREL_SIX)
    assert not Claim.objects.filter(article=article, group__isnull=False).exists()


def test_matching_a_missing_or_unsplit_article_does_nothing(db):
    assert services.article_match(article_id=987654) == 0


def test_demo_articles_flag_the_six_versus_four_year_partnership(matched):
    for path in sorted(DEMO.glob("*.txt")):
        matched(path.read_text(encoding="utf-8"))
    contradictions = list(ClaimGroup.objects.filter(is_contradiction=True))
    explanations = " | ".join(group.explanation for group in contradictions)
    assert any(group.fact_type == "duration" for group in contradictions), explanations
    assert "6 years" in explanations and "4 years" in explanations
    assert len(contradictions) <= 2, explanations


def test_seeds_group_the_shared_facts_and_flag_the_partnership(matched):
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    articles = [matched(path.read_text(encoding="utf-8"), title=path.stem) for path in seeds]

    partnership = [group for group in ClaimGroup.objects.filter(fact_type="duration") if group.is_contradiction]
    assert len(partnership) == 1
    assert "5 years" in partnership[0].explanation and "4 years" in partnership[0].explanation

    def articles_in(fact_type: str) -> int:
        return max((group.article_count for group in ClaimGroup.objects.filter(fact_type=fact_type)), default=0)

    assert articles_in("rank") >= 2, "third-largest maker"
    assert articles_in("sensor_format") >= 2, "1/1.1-inch sensor"
    assert articles_in("date") >= 3, "July launch"
    # The partnership, and at most one more (the 1/1.1-inch sensor given as a focal length is a real one).
    assert ClaimGroup.objects.filter(is_contradiction=True).count() <= 2
    assert len(articles) == 5


# --- Reviewers ------------------------------------------------------------------------------------------------


def test_breaking_a_match_is_recorded_and_never_redone(matched, reviewer):
    matched(KESTREL_SIX)
    second = matched(KESTREL_FOUR)
    claim = Claim.objects.get(article=second, text__contains="four-year")
    group = claim.group

    services.claim_group_break(claim_id=claim.pk, actor=reviewer, note="different deal")
    services.article_match(article_id=second.pk)

    claim.refresh_from_db()
    assert claim.group_id is None
    event = ClaimEvent.objects.get(claim=claim, action=ClaimEvent.Action.GROUP)
    assert event.actor == reviewer and "different deal" in event.note
    group.refresh_from_db()
    assert not group.is_contradiction and group.size == 1


def test_editor_cannot_break_a_match(matched, editor):
    from django.core.exceptions import PermissionDenied

    matched(KESTREL_SIX)
    claim = Claim.objects.filter(article=matched(KESTREL_FOUR), group__isnull=False).first()
    with pytest.raises(PermissionDenied):
        services.claim_group_break(claim_id=claim.pk, actor=editor)


def test_confirming_a_group_writes_history_on_every_member(matched, reviewer):
    matched(KESTREL_SIX)
    group = _group_of(matched(KESTREL_FOUR), "duration")
    services.claim_group_confirm(group_id=group.pk, actor=reviewer)
    group.refresh_from_db()
    assert group.confirmed_by == reviewer
    assert ClaimEvent.objects.filter(claim__group=group, action=ClaimEvent.Action.GROUP).count() == group.size


def test_panel_suggests_the_verdict_of_the_others_and_flags_conflicting_verdicts(matched, reviewer):
    matched(KESTREL_SIX)
    group = _group_of(matched(KESTREL_FOUR), "sensor_format")
    first, second = list(group.claims.order_by("pk"))

    services.claim_review(claim_id=first.pk, actor=reviewer, status=Claim.Status.VERIFIED)
    members = selectors.group_members_for_panel(Claim.objects.get(pk=second.pk))
    assert members.suggestion == "verified" and members.suggested_by == reviewer.get_username()
    assert Claim.objects.get(pk=second.pk).status == Claim.Status.UNREVIEWED

    services.claim_review(claim_id=second.pk, actor=reviewer, status=Claim.Status.WRONG)
    members = selectors.group_members_for_panel(Claim.objects.get(pk=second.pk))
    assert members.conflicting_verdicts


# --- API ------------------------------------------------------------------------------------------------------


def test_api_lists_contradictions_with_their_claims_in_fixed_queries(
    matched, reviewer, api_client_for, django_assert_max_num_queries
):
    six = matched(KESTREL_SIX, outlet="Tech Desk")
    matched(KESTREL_FOUR, outlet="Pocket Ledger")
    client = api_client_for(reviewer)

    with django_assert_max_num_queries(8):
        response = client.get("/api/groups/", {"contradiction": "true"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [group["kind"] for group in results] == ["duration"]
    assert {claim["outlet"] for claim in results[0]["claims"]} == {"Tech Desk", "Pocket Ledger"}

    by_article = client.get("/api/groups/", {"article": six.pk, "kind": "sensor_format"}).json()["results"]
    assert len(by_article) == 1 and not by_article[0]["is_contradiction"]

    claim = client.get("/api/claims/", {"group": results[0]["id"]}).json()["results"][0]
    assert claim["group"] == results[0]["id"]


def test_api_break_rejects_a_claim_outside_the_group_with_400(matched, reviewer, api_client_for):
    matched(KESTREL_SIX)
    group = _group_of(matched(KESTREL_FOUR), "duration")
    outsider = Claim.objects.exclude(group=group).first()
    response = api_client_for(reviewer).post(f"/api/groups/{group.pk}/break/", {"claim": outsider.pk}, format="json")
    assert response.status_code == 400


def test_api_editor_cannot_confirm_a_group(matched, editor, api_client_for):
    matched(KESTREL_SIX)
    group = _group_of(matched(KESTREL_FOUR), "duration")
    assert api_client_for(editor).post(f"/api/groups/{group.pk}/confirm/").status_code == 403


def test_api_reviewer_breaks_a_match(matched, reviewer, api_client_for):
    matched(KESTREL_SIX)
    group = _group_of(matched(KESTREL_FOUR), "duration")
    claim = group.claims.first()
    response = api_client_for(reviewer).post(f"/api/groups/{group.pk}/break/", {"claim": claim.pk}, format="json")
    assert response.status_code == 200
    assert claim.pk not in [member["id"] for member in response.json()["claims"]]


# --- Command and admin ----------------------------------------------------------------------------------------


def test_find_contradictions_json_prints_each_contradiction_with_its_claims(matched):
    matched(KESTREL_SIX, outlet="Tech Desk")
    matched(KESTREL_FOUR, outlet="Pocket Ledger")
    out = StringIO()
    call_command("find_contradictions", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert len(rows) == 1 and rows[0]["kind"] == "duration"
    assert {claim["outlet"] for claim in rows[0]["claims"]} == {"Tech Desk", "Pocket Ledger"}


def test_admin_group_changelist_filters_in_fixed_queries(matched, superuser, client, django_assert_max_num_queries):
    matched(KESTREL_SIX)
    matched(KESTREL_FOUR)
    client.force_login(superuser)
    with django_assert_max_num_queries(12):
        response = client.get("/admin/articles/claimgroup/", {"is_contradiction__exact": "1", "reviewed": "no"})
    assert response.status_code == 200
    assert b"6 years" in response.content


def test_admin_applies_a_verdict_to_a_whole_group_only_after_confirmation(matched, superuser, client):
    from articles import roles

    superuser.groups.add(
        *__import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.filter(name=roles.REVIEWERS)
    )
    matched(KESTREL_SIX)
    group = _group_of(matched(KESTREL_FOUR), "sensor_format")
    client.force_login(superuser)
    url = "/admin/articles/claimgroup/"
    form = {"action": "apply_verdict", "_selected_action": [group.pk]}

    page = client.post(url, form)
    assert page.status_code == 200 and b"Yes, apply to all" in page.content
    assert not group.claims.exclude(status=Claim.Status.UNREVIEWED).exists()

    client.post(url, {**form, "confirmed": "yes", "verdict": "verified"})
    assert set(group.claims.values_list("status", flat=True)) == {"verified"}


# --- Worker ---------------------------------------------------------------------------------------------------


def test_worker_matches_an_article_after_its_split(celery_worker, editor):
    from articles import ingest

    for text in (KESTREL_SIX, KESTREL_FOUR):
        services.articles_create(documents=[(ingest.document_from_text(text), b"")], uploaded_by=editor)
    wait_for(
        lambda: ClaimGroup.objects.filter(is_contradiction=True, fact_type="duration").exists(),
        timeout=60,
        message="the partnership contradiction",
    )
    assert "match_article_task" in Path(celery_worker.log_path).read_text()


def test_claim_panel_shows_the_group_with_contradiction_badge_and_other_outlet(matched, reviewer, client):
    matched(KESTREL_SIX, outlet="Tech Desk")
    four = matched(KESTREL_FOUR, outlet="Pocket Ledger")
    claim = Claim.objects.get(article=four, text__contains="four-year")
    client.force_login(reviewer)
    response = client.get(f"/claims/{claim.pk}/panel/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Contradiction" in content and "Tech Desk" in content and "Not the same fact" in content
