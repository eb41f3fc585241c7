import pytest
from django.urls import reverse

from articles.models import Article, Claim, ClaimEvent
from articles.reasons import reason_words
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_reviewer(db):
    """Staff who also review: the admin's bulk verdicts go through the same rules as every other verdict."""
    user = make_user("reviewer", "chief")
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def admin_client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_bulk_mark_verified_goes_through_the_service_and_writes_history(
    admin_client_for, admin_reviewer, split_article, sample_text
):
    article = split_article(sample_text)
    ids = list(article.claims.values_list("pk", flat=True))
    client = admin_client_for(admin_reviewer)
    response = client.post(
        reverse("admin:articles_claim_changelist"),
        {"action": "mark_verified", "_selected_action": ids},
        follow=True,
    )
    assert response.status_code == 200
    assert f"Marked {len(ids)} claim(s) verified." in response.content.decode()
    assert set(Claim.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"verified"}
    assert ClaimEvent.objects.filter(claim_id__in=ids, actor=admin_reviewer, to_status="verified").count() == len(ids)


def test_staff_who_is_not_a_reviewer_cannot_bulk_review(admin_client_for, split_article, sample_text):
    staff = make_user("staff")
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_claim", "change_claim"]))
    article = split_article(sample_text)
    ids = list(article.claims.values_list("pk", flat=True))
    response = admin_client_for(staff).post(
        reverse("admin:articles_claim_changelist"), {"action": "mark_wrong", "_selected_action": ids}, follow=True
    )
    assert "Only reviewers can review claims." in response.content.decode()
    assert not Claim.objects.filter(pk__in=ids, status="wrong").exists()


def test_split_again_action_queues_the_article(
    admin_client_for, split_article, sample_text, django_capture_on_commit_callbacks
):
    article = split_article(sample_text)
    client = admin_client_for(make_user("superuser"))
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "split_again", "_selected_action": [article.pk]},
            follow=True,
        )
    assert Article.objects.get(pk=article.pk).status == Article.Status.QUEUED
    assert len(callbacks) == 1


def test_history_is_read_only_in_admin(admin_client_for, split_article, sample_text, reviewer):
    from articles import services

    claim = split_article(sample_text).claims.first()
    services.claim_review(claim_id=claim.pk, actor=reviewer, status="verified")
    event = ClaimEvent.objects.get(claim=claim)
    client = admin_client_for(make_user("superuser"))
    assert client.get(reverse("admin:articles_claimevent_change", args=[event.pk])).status_code == 200
    response = client.post(reverse("admin:articles_claimevent_change", args=[event.pk]), {"to_status": "wrong"})
    assert response.status_code == 403
    assert client.post(reverse("admin:articles_claimevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert ClaimEvent.objects.get(pk=event.pk).to_status == "verified"


@pytest.mark.parametrize("changelist", ["admin:articles_claim_changelist", "admin:articles_article_changelist"])
def test_changelist_query_count_does_not_grow_with_rows(
    admin_client_for, split_article, sample_text, changelist, django_assert_max_num_queries
):
    client = admin_client_for(make_user("superuser"))
    split_article(sample_text)
    with django_assert_max_num_queries(12) as small:
        assert client.get(reverse(changelist)).status_code == 200
    for number in range(6):
        split_article(sample_text.replace("Orbit Labs", f"Company {number}"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse(changelist)).status_code == 200


def test_reviewer_sets_a_verdict_on_the_claim_page_through_the_service(
    admin_client_for, admin_reviewer, split_article, sample_text
):
    claim = split_article(sample_text).claims.first()
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    client = admin_client_for(admin_reviewer)
    response = client.post(url, _claim_form(client, url, status="disputed", note="filing says 4"), follow=True)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.status, claim.note, claim.reviewer) == ("disputed", "filing says 4", admin_reviewer)
    assert ClaimEvent.objects.filter(claim=claim, to_status="disputed", actor=admin_reviewer).count() == 1


def test_claim_page_saved_over_a_newer_verdict_is_a_conflict_and_saves_nothing(
    admin_client_for, admin_reviewer, reviewer, split_article, sample_text
):
    from articles import services

    claim = split_article(sample_text).claims.first()
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    client = admin_client_for(admin_reviewer)
    stale_form = _claim_form(client, url, status="wrong", note="")
    services.claim_review(claim_id=claim.pk, actor=reviewer, status="verified")
    response = client.post(url, stale_form)
    assert response.status_code == 200  # the form again, with the error
    assert "while you were looking at it" in response.content.decode()
    assert "Verified" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "verified"
    assert ClaimEvent.objects.filter(claim=claim).count() == 1


def _claim_form(client, url, **values):
    """The change form's own fields (management forms of the inlines included), with ``values`` filled in."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {"version": form.initial.get("version", form.instance.version)}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name, field in management.fields.items():
            data[f"{management.prefix}-{name}"] = management.initial.get(name, field.initial) or 0
    data.update(values)
    return data


def test_claim_page_lists_each_fact_in_words(admin_client_for, split_article, sample_text):
    claim = next(claim for claim in split_article(sample_text).claims.all() if claim.facts)
    page = admin_client_for(make_user("superuser")).get(reverse("admin:articles_claim_change", args=[claim.pk]))
    assert page.status_code == 200
    first = claim.facts[0]
    assert f"<code>{first['type']}</code>" in page.content.decode()
    assert "&quot;type&quot;" not in page.content.decode()  # not the stored JSON


def test_claim_page_lists_each_reason_in_words(admin_client_for, split_article, sample_text):
    claim = next(claim for claim in split_article(sample_text).claims.all() if claim.facts)
    page = admin_client_for(make_user("superuser")).get(reverse("admin:articles_claim_change", args=[claim.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    fact_reason = next(reason for reason in claim.reasons if reason.startswith("fact:"))
    assert f"<div>{reason_words(fact_reason)}</div>" in html
    assert "<div>model score " in html
    assert "fact:" not in html  # not the stored codes
