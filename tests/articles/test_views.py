"""The browser review workspace, through Django's test client: pages, htmx fragments, conflicts, queue, assignment."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import services
from articles.models import Article, Claim, ClaimEvent, ClaimGroup, Evidence
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def article(split_article, sample_text):
    article = split_article(sample_text, outlet="Daily Orbit")
    assert article.claims.count() >= 3, "the sample text yields several claims"
    return article


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def claims_of(article):
    return list(article.claims.order_by("position"))


def article_with_claims(count: int, *, title: str = "Big", outlet: str = "Wire") -> Article:
    """An article whose text holds ``count`` one-sentence claims, written directly (setup, not behaviour)."""
    sentences = [f"Sentence {i} says the plant made {i} tonnes of steel in 2025." for i in range(count)]
    text = " ".join(sentences)
    article = Article.objects.create(
        title=title, outlet=outlet, text=text, content_hash=f"{title}-{count}", status=Article.Status.SPLIT
    )
    claims, cursor = [], 0
    for position, sentence in enumerate(sentences):
        claims.append(
            Claim(
                article=article,
                position=position,
                text=sentence,
                start=cursor,
                end=cursor + len(sentence),
                score=0.5 + position / (count * 10),
                kind=Claim.Kind.QUANTITY,
                facts=[{"type": "quantity", "value": position, "unit": "t", "text": f"{position} tonnes"}],
                reasons=["has a number"],
            )
        )
        cursor += len(sentence) + 1
    Claim.objects.bulk_create(claims)
    return article


def review(client, claim, status, *, version=None, next_claim=None):
    data = {"status": status, "version": version or claim.version}
    if next_claim is not None:
        data["next"] = next_claim.pk
    return client.post(reverse("articles:claim-review", args=[claim.pk]), data, **HX)


# --- Access ---------------------------------------------------------------------------------------------------


def test_anonymous_user_is_sent_to_login(client, article):
    response = client.get(reverse("articles:detail", args=[article.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_user_outside_the_desk_is_refused(client, article):
    client.force_login(make_user("outsider"))
    assert client.get(reverse("articles:detail", args=[article.pk])).status_code == 403
    assert client.get(reverse("articles:queue")).status_code == 403
    assert client.get(reverse("articles:dashboard")).status_code == 403


def test_editor_reads_the_article_but_cannot_give_a_verdict(client, editor, article):
    client.force_login(editor)
    page = client.get(reverse("articles:detail", args=[article.pk])).content.decode()
    assert "data-review-form" not in page
    claim = claims_of(article)[0]
    response = review(client, claim, Claim.Status.VERIFIED)
    assert response.status_code == 403
    assert "Only reviewers" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNREVIEWED


# --- The article page -----------------------------------------------------------------------------------------


def test_article_page_highlights_every_claim_and_focuses_the_first_waiting_one(reviewer_client, reviewer, article):
    claims = claims_of(article)
    services.claim_review(claim_id=claims[0].pk, actor=reviewer, status=Claim.Status.VERIFIED)
    page = reviewer_client.get(reverse("articles:detail", args=[article.pk])).content.decode()
    for claim in claims:
        assert f'id="claim-{claim.pk}"' in page
    assert f'<mark id="claim-{claims[0].pk}" class="claim verified"' in page
    assert f'id="panel" data-claim="{claims[1].pk}"' in page
    assert "1</span> of <span data-total>" in page


def test_claim_named_in_the_url_is_the_one_in_focus(reviewer_client, article):
    claim = claims_of(article)[-1]
    page = reviewer_client.get(reverse("articles:detail", args=[article.pk]) + f"?claim={claim.pk}").content.decode()
    assert f'id="panel" data-claim="{claim.pk}"' in page
    assert 'aria-label="Mark as Verified"' in page
    assert 'aria-keyshortcuts="v"' in page


def test_a_claim_of_another_article_in_the_url_is_ignored(reviewer_client, article):
    other = article_with_claims(2, title="Other")
    page = reviewer_client.get(
        reverse("articles:detail", args=[article.pk]) + f"?claim={claims_of(other)[0].pk}"
    ).content.decode()
    assert f'data-claim="{claims_of(article)[0].pk}" data-status' in page


def test_article_text_and_claims_are_escaped(reviewer_client, split_article):
    article = split_article(
        'The <script>alert("x")</script> chip maker sold 40 million units in 2025, the company said.\n\n'
        "Its <img src=x onerror=alert(1)> factory employs 3,000 people in Lisbon."
    )
    page = reviewer_client.get(reverse("articles:detail", args=[article.pk])).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_article_page_costs_the_same_queries_for_500_claims_as_for_5(reviewer_client, django_assert_num_queries):
    small, big = article_with_claims(5, title="Small"), article_with_claims(500, title="Large")
    reviewer_client.get(reverse("articles:detail", args=[small.pk]))  # warm the session and group caches

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_queries:
        response = reviewer_client.get(reverse("articles:detail", args=[small.pk]))
    assert response.status_code == 200
    with django_assert_num_queries(len(small_queries)):
        response = reviewer_client.get(reverse("articles:detail", args=[big.pk]))
    assert response.content.decode().count('<mark id="claim-') == 500


def test_progress_polls_while_the_article_waits_and_then_answers_with_the_claims(reviewer_client, editor, sample_text):
    article = services.articles_upload(uploaded_by=editor, text=sample_text)[0].article
    url = reverse("articles:progress", args=[article.pk])
    waiting = reviewer_client.get(url, **HX).content.decode()
    assert 'hx-trigger="every 2s"' in waiting
    assert "Waiting for a worker" in waiting

    services.article_split(article_id=article.pk)
    ready = reviewer_client.get(url, **HX).content.decode()
    assert "hx-trigger" not in ready
    assert "data-workspace" in ready
    assert ready.count('<mark id="claim-') == article.claims.count()


def test_failed_split_shows_the_reason_and_stops_polling(reviewer_client, editor, sample_text):
    article = services.articles_upload(uploaded_by=editor, text=sample_text)[0].article
    services.split_mark_failed(article_id=article.pk, reason="The engine ran out of time.")
    page = reviewer_client.get(reverse("articles:detail", args=[article.pk])).content.decode()
    assert "The engine ran out of time." in page
    assert "every 2s" not in page


# --- Verdicts, conflicts, undo, evidence, notes ---------------------------------------------------------------


def test_verdict_is_saved_and_answers_with_the_next_claim(reviewer_client, reviewer, article):
    first, second = claims_of(article)[:2]
    response = review(reviewer_client, first, Claim.Status.VERIFIED, next_claim=second)
    assert response.status_code == 200
    assert f'data-claim="{second.pk}"' in response.content.decode()
    assert json.loads(response["HX-Trigger"]) == {
        "claimChanged": {"id": first.pk, "status": "verified", "label": "Verified", "action": "review"}
    }
    first.refresh_from_db()
    assert (first.status, first.reviewer, first.version) == (Claim.Status.VERIFIED, reviewer, 2)
    assert first.events.get().action == ClaimEvent.Action.REVIEW


def test_second_reviewer_on_a_stale_claim_gets_a_conflict_and_nothing_is_overwritten(
    client, reviewer, second_reviewer, article
):
    claim = claims_of(article)[0]
    client.force_login(reviewer)
    assert review(client, claim, Claim.Status.VERIFIED, version=1).status_code == 200

    client.force_login(second_reviewer)
    response = review(client, claim, Claim.Status.WRONG, version=1)
    body = response.content.decode()
    assert response.status_code == 409
    assert "reviewer set this claim to Verified while you were looking; your change was not saved." in body
    assert 'class="verdict verified current"' in body
    assert 'name="version" value="2"' in body  # a second try is made against what is there now
    assert json.loads(response["HX-Trigger"])["claimChanged"] == {
        "id": claim.pk,
        "status": "verified",
        "label": "Verified",
        "action": "conflict",
    }
    claim.refresh_from_db()
    assert (claim.status, claim.reviewer, claim.version) == (Claim.Status.VERIFIED, reviewer, 2)
    assert list(claim.events.values_list("to_status", flat=True)) == ["verified"]


def test_undo_puts_back_the_verdict_before_mine(reviewer_client, reviewer, article):
    claim = claims_of(article)[0]
    review(reviewer_client, claim, Claim.Status.DISPUTED)
    response = reviewer_client.post(reverse("articles:claim-undo", args=[claim.pk]), **HX)
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"])["claimChanged"]["status"] == "unreviewed"
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNREVIEWED
    assert claim.reviewer is None
    assert [e.action for e in claim.events.all()] == [ClaimEvent.Action.REVIEW, ClaimEvent.Action.UNDO]


def test_undo_without_a_verdict_of_mine_explains_itself(reviewer_client, article):
    claim = claims_of(article)[0]
    response = reviewer_client.post(reverse("articles:claim-undo", args=[claim.pk]), **HX)
    assert response.status_code == 400
    assert "no verdict of yours" in response.content.decode()


def test_evidence_link_is_added_to_the_claim_and_its_history(reviewer_client, article):
    claim = claims_of(article)[0]
    url = reverse("articles:claim-evidence", args=[claim.pk])
    response = reviewer_client.post(url, {"url": "https://example.org/report", "note": "annual report"}, **HX)
    assert response.status_code == 200
    assert "https://example.org/report" in response.content.decode()
    assert Evidence.objects.get(claim=claim).note == "annual report"
    assert claim.events.get().action == ClaimEvent.Action.EVIDENCE_ADDED


def test_evidence_that_is_not_a_link_is_refused_with_a_message(reviewer_client, article):
    claim = claims_of(article)[0]
    url = reverse("articles:claim-evidence", args=[claim.pk])
    response = reviewer_client.post(url, {"url": "javascript:alert(1)"}, **HX)
    assert response.status_code == 400
    assert "Enter a full link" in response.content.decode()
    assert not Evidence.objects.exists()


def test_note_is_saved_and_kept_in_history(reviewer_client, article):
    claim = claims_of(article)[0]
    url = reverse("articles:claim-note", args=[claim.pk])
    response = reviewer_client.post(url, {"note": "Ask the press office", "version": claim.version}, **HX)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.note == "Ask the press office"
    assert claim.events.get().action == ClaimEvent.Action.NOTE


def test_plain_form_post_without_javascript_returns_to_the_claim(reviewer_client, article):
    claim = claims_of(article)[0]
    response = reviewer_client.post(
        reverse("articles:claim-review", args=[claim.pk]), {"status": "wrong", "version": claim.version}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/articles/{article.pk}/?claim={claim.pk}")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.WRONG


def test_unknown_verdict_is_a_clear_error(reviewer_client, article):
    claim = claims_of(article)[0]
    response = review(reviewer_client, claim, "maybe")
    assert response.status_code == 400
    assert "Choose a verdict" in response.content.decode()


# --- Article list ---------------------------------------------------------------------------------------------


def test_article_list_shows_progress_and_the_cleared_mark(reviewer_client, reviewer, article):
    other = article_with_claims(3, title="Half")
    services.claims_review(claims=article.claims.all(), status=Claim.Status.VERIFIED, actor=reviewer)
    services.claim_review(claim_id=claims_of(other)[0].pk, actor=reviewer, status=Claim.Status.WRONG)
    page = reviewer_client.get(reverse("articles:list")).content.decode()
    total = article.claims.count()
    assert f"{total}/{total}</span> reviewed" in page
    assert "1/3</span> reviewed" in page
    assert page.count("✓ Article cleared") == 1


def test_article_list_query_count_does_not_grow_with_articles(reviewer_client, django_assert_max_num_queries):
    for index in range(30):
        article_with_claims(2, title=f"A{index}")
    with django_assert_max_num_queries(6):
        assert reviewer_client.get(reverse("articles:list")).status_code == 200


# --- Queue and assignment -------------------------------------------------------------------------------------


def test_queue_lists_waiting_claims_mine_first_then_by_score(client, reviewer, editor):
    article = article_with_claims(6)
    claims = claims_of(article)
    services.claim_review(claim_id=claims[5].pk, actor=reviewer, status=Claim.Status.VERIFIED)
    services.claims_assign(claims=Claim.objects.filter(pk=claims[0].pk), assignee=reviewer, actor=editor)
    client.force_login(reviewer)
    response = client.get(reverse("articles:queue"))
    order = [claim.pk for claim in response.context["claims"]]
    assert order == [claims[0].pk, claims[4].pk, claims[3].pk, claims[2].pk, claims[1].pk]


def test_queue_filters_by_article_outlet_kind_contradiction_and_assignment(client, reviewer, editor):
    wire = article_with_claims(3, title="Wire story", outlet="Wire")
    daily = article_with_claims(3, title="Daily story", outlet="Daily")
    group = ClaimGroup.objects.create(key="tie-up", fact_type="duration", is_contradiction=True)
    Claim.objects.filter(pk=claims_of(daily)[1].pk).update(group=group, kind=Claim.Kind.EVENT)
    services.article_assign(article=wire, assignee=reviewer, actor=editor)
    client.force_login(reviewer)

    def ids(**params):
        return {claim.pk for claim in client.get(reverse("articles:queue"), params).context["claims"]}

    assert ids(article=daily.pk) == {claim.pk for claim in claims_of(daily)}
    assert ids(outlet="Wire") == {claim.pk for claim in claims_of(wire)}
    assert ids(kind="event") == {claims_of(daily)[1].pk}
    assert ids(contradiction="on") == {claims_of(daily)[1].pk}
    assert ids(assignment="mine") == {claim.pk for claim in claims_of(wire)}
    assert ids(assignment="unassigned") == {claim.pk for claim in claims_of(daily)}
    assert len(ids(kind="nonsense", outlet="Wire")) == 3  # a bad filter value is ignored, not a 500


def test_queue_query_count_does_not_grow_with_claims(client, reviewer, django_assert_max_num_queries):
    article_with_claims(120)
    client.force_login(reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("articles:queue"))
    assert len(response.context["claims"]) == 50


def test_editor_assigns_claims_from_the_queue_and_history_records_it(client, editor, reviewer):
    claims = claims_of(article_with_claims(3))
    client.force_login(editor)
    response = client.post(
        reverse("articles:queue-assign"),
        {"claims": [claims[0].pk, claims[1].pk], "assignee": reviewer.pk, "back": "?kind=quantity"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/queue/?kind=quantity")
    assert set(Claim.objects.filter(assigned_to=reviewer).values_list("pk", flat=True)) == {c.pk for c in claims[:2]}
    event = ClaimEvent.objects.get(claim=claims[0])
    assert (event.action, event.actor, event.note) == (ClaimEvent.Action.ASSIGN, editor, "Claim assigned to reviewer")


def test_reviewer_cannot_assign(client, reviewer):
    claims = claims_of(article_with_claims(1))
    client.force_login(reviewer)
    response = client.post(reverse("articles:queue-assign"), {"claims": [claims[0].pk], "assignee": reviewer.pk})
    assert response.status_code == 403
    assert not Claim.objects.filter(assigned_to__isnull=False).exists()


def test_editor_assigns_an_article_from_its_page(client, editor, reviewer):
    article = article_with_claims(2)
    client.force_login(editor)
    response = client.post(reverse("articles:assign", args=[article.pk]), {"assignee": reviewer.pk}, **HX)
    assert response.status_code == 200
    assert "Assigned to reviewer." in response.content.decode()
    article.refresh_from_db()
    assert article.assigned_to == reviewer
    assert ClaimEvent.objects.filter(action=ClaimEvent.Action.ASSIGN, claim__article=article).count() == 2


def test_assigning_to_someone_who_is_not_a_reviewer_is_refused(editor):
    article = article_with_claims(1)
    with pytest.raises(ValidationError):
        services.article_assign(article=article, assignee=editor, actor=editor)
    assert Article.objects.get(pk=article.pk).assigned_to is None


def test_upload_form_with_one_unreadable_file_stores_none_and_says_so(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    files = [
        SimpleUploadedFile("fine.txt", b"The bridge is 120 metres long and opened in 2019.", "text/plain"),
        SimpleUploadedFile("disguised.pdf", b"<html><body>a login page</body></html>", "application/pdf"),
    ]
    response = client.post(reverse("articles:upload"), {"files": files})
    page = response.content.decode()
    assert response.status_code == 200
    assert "disguised.pdf: the file is not a PDF" in page
    assert "Nothing from this upload was stored" in page
    assert Article.objects.count() == 0


def test_the_claim_panel_shows_amounts_as_a_reader_writes_them(reviewer_client, article):
    claim = claims_of(article)[0]
    facts = [
        {"type": "money", "value": 48000000.0, "unit": "GBP", "text": "£48m"},
        {"type": "percent", "value": 33.33, "unit": "%", "text": "a third"},
        {"type": "date", "value": "2022-07", "unit": "month", "text": "July"},
        {"type": "duration", "value": 100.0, "unit": "year", "text": "100 years", "qualifier": "over"},
    ]
    Claim.objects.filter(pk=claim.pk).update(facts=facts)
    page = reviewer_client.get(reverse("articles:detail", args=[article.pk]) + f"?claim={claim.pk}").content.decode()
    assert "<strong>48,000,000 GBP</strong>" in page
    assert "<strong>33.33 %</strong>" in page
    assert "<strong>2022-07</strong>" in page
    assert "<strong>over 100 year</strong>" in page


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("fact:age", "states an age"),
        ("fact:money", "states an amount of money"),
        ("fact:rate", "states a rate"),
        ("fact:sensor_format", "states a sensor format"),
        ("kind:quantity(fact_age)", "quantity: age"),
    ],
)
def test_score_reasons_read_as_words(reason: str, words: str) -> None:
    from articles.reasons import reason_words

    assert reason_words(reason) == words
