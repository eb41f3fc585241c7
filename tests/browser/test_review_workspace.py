"""A reviewer in Chromium: keyboard-only review of a demo article, two reviewers on one claim, live split progress,
and screenshots of the main pages for the README."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles import services
from articles.models import Article, Claim
from tests.conftest import REPO, make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEMO = REPO / "articles" / "demo"


def upload(editor, path: Path, *, split: bool = True) -> Article:
    article = services.articles_upload(uploaded_by=editor, files=[(path.name, path.read_bytes())])[0].article
    if split:
        # In-process, so that the test needs no worker; the page cannot tell the difference.
        services.article_split(article_id=article.pk)
    article.refresh_from_db()
    return article


def claim_ids(article: Article) -> list[int]:
    return list(article.claims.order_by("position").values_list("pk", flat=True))


def panel_shows(page, claim_id: int) -> None:
    expect(page.locator(f'#panel[data-claim="{claim_id}"]')).to_be_visible()
    expect(page).to_have_url(re.compile(rf"\?claim={claim_id}$"))


def api_claim(page, claim_id: int) -> dict:
    response = page.request.get(f"/api/claims/{claim_id}/")
    assert response.ok, response.text()
    return response.json()


@pytest.fixture
def desk(transactional_db):
    return {
        "editor": make_user("editor"),
        "reviewer": make_user("reviewer"),
        "reviewer2": make_user("reviewer", "reviewer2"),
    }


def test_reviewer_clears_claims_with_the_keyboard_alone(desk, log_in, screenshot):
    article = upload(desk["editor"], DEMO / "01_kestrel_norrland.txt")
    ids = claim_ids(article)
    assert len(ids) >= 5, "the demo article has enough claims for this walk"

    page = log_in("reviewer")
    page.goto(f"/articles/{article.pk}/")
    page.evaluate("window.__samePage = true")  # gone if anything reloads the page
    panel_shows(page, ids[0])

    page.keyboard.press("j")
    panel_shows(page, ids[1])
    expect(page.locator(f"mark#claim-{ids[1]}")).to_have_class(re.compile(r"\bfocused\b"))
    page.keyboard.press("k")
    panel_shows(page, ids[0])

    # A verdict moves on to the next claim waiting for one, in the same request.
    for key, status, claim_id, next_id in [
        ("v", "verified", ids[0], ids[1]),
        ("d", "disputed", ids[1], ids[2]),
        ("w", "wrong", ids[2], ids[3]),
        ("n", "not_a_claim", ids[3], ids[4]),
    ]:
        page.keyboard.press(key)
        panel_shows(page, next_id)
        expect(page.locator(f"mark#claim-{claim_id}")).to_have_class(re.compile(rf"\b{status}\b"))
    expect(page.locator("#review-progress [data-reviewed]")).to_have_text("4")

    # u undoes my last verdict and goes back to that claim.
    page.keyboard.press("u")
    panel_shows(page, ids[3])
    expect(page.locator("#panel [data-verdict]")).to_have_text("Unreviewed")
    expect(page.locator(f"mark#claim-{ids[3]}")).to_have_class(re.compile(r"\bunreviewed\b"))
    expect(page.locator("#review-progress [data-reviewed]")).to_have_text("3")

    # e: an evidence link, Enter saves; c: a note, Enter saves.
    page.keyboard.press("e")
    expect(page.locator("#evidence-url")).to_be_focused()
    page.keyboard.type("https://example.org/kestrel-press-release")
    page.keyboard.press("Enter")
    expect(page.locator("#panel .evidence-list a")).to_have_text("https://example.org/kestrel-press-release")
    page.keyboard.press("c")
    expect(page.locator("#claim-note")).to_be_focused()
    page.keyboard.type("Press office confirms the partnership length.")
    page.keyboard.press("Enter")
    expect(page.locator("#panel .flash")).to_have_text("Note saved.")
    page.keyboard.press("Escape")

    # The buttons have names a screen reader reads out.
    expect(page.get_by_role("button", name="Mark as Verified")).to_be_visible()
    expect(page.get_by_role("button", name="Mark as Not a claim")).to_be_visible()

    page.keyboard.press("j")
    panel_shows(page, ids[4])
    screenshot(page, "article-focused-claim")

    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    screenshot(page, "shortcuts")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_hidden()

    assert page.evaluate("window.__samePage") is True, "the page was reloaded"

    # What the API says is what the keyboard did.
    expected = {ids[0]: "verified", ids[1]: "disputed", ids[2]: "wrong", ids[3]: "unreviewed", ids[4]: "unreviewed"}
    for claim_id, status in expected.items():
        assert api_claim(page, claim_id)["status"] == status
    undone = api_claim(page, ids[3])
    assert [item["url"] for item in undone["evidence"]] == ["https://example.org/kestrel-press-release"]
    assert undone["note"] == "Press office confirms the partnership length."
    assert [event["action"] for event in undone["events"]] == ["review", "undo", "evidence_added", "note"]

    # A shared link opens on the claim it names.
    page.goto(f"/articles/{article.pk}/?claim={ids[2]}")
    panel_shows(page, ids[2])
    expect(page.locator("#panel [data-verdict]")).to_have_text("Wrong")


def test_keys_typed_faster_than_the_server_answers_are_all_applied(desk, log_in):
    article = upload(desk["editor"], DEMO / "03_vantor_tablet.txt")
    ids = claim_ids(article)
    assert len(ids) >= 4, "the demo article has enough claims for this test"
    page = log_in("reviewer")
    page.goto(f"/articles/{article.pk}/")
    panel_shows(page, ids[0])
    page.keyboard.type("vvwj", delay=0)
    panel_shows(page, ids[3] if len(ids) == 4 else ids[4])
    expect(page.locator(f"mark#claim-{ids[2]}")).to_have_class(re.compile(r"\bwrong\b"))
    statuses = dict(Claim.objects.filter(pk__in=ids[:4]).values_list("pk", "status"))
    assert statuses == {ids[0]: "verified", ids[1]: "verified", ids[2]: "wrong", ids[3]: "unreviewed"}


def test_two_reviewers_on_one_claim_the_second_sees_the_conflict(desk, log_in, screenshot):
    article = upload(desk["editor"], DEMO / "02_lens_wars.txt")
    claim_id = claim_ids(article)[0]
    first = log_in("reviewer")
    second = log_in("reviewer2")
    for page in (first, second):
        page.goto(f"/articles/{article.pk}/?claim={claim_id}")
        panel_shows(page, claim_id)

    first.keyboard.press("v")
    expect(first.locator(f"mark#claim-{claim_id}")).to_have_class(re.compile(r"\bverified\b"))

    second.keyboard.press("w")
    alert = second.locator("#panel .alert.conflict")
    expect(alert).to_contain_text("reviewer set this claim to Verified while you were looking")
    expect(alert).to_contain_text("your change was not saved")
    expect(second.locator("#panel [data-verdict]")).to_have_text("Verified")
    # The highlight and the progress now show what is really there.
    expect(second.locator(f"mark#claim-{claim_id}")).to_have_class(re.compile(r"\bverified\b"))
    expect(second.locator("#review-progress [data-reviewed]")).to_have_text("1")
    screenshot(second, "conflict")

    claim = api_claim(second, claim_id)
    assert (claim["status"], claim["reviewer"]) == ("verified", "reviewer")
    assert [event["to_status"] for event in claim["events"]] == ["verified"]

    # Having seen the other verdict, the second reviewer can still overrule it deliberately.
    second.keyboard.press("w")
    expect(second.locator("#panel .alert")).to_have_count(0)
    expect(second.locator(f"mark#claim-{claim_id}")).to_have_class(re.compile(r"\bwrong\b"))
    assert api_claim(second, claim_id)["status"] == "wrong"


def test_article_page_shows_split_progress_then_the_claims_without_a_reload(desk, log_in):
    article = upload(desk["editor"], DEMO / "04_chip_shortage.txt", split=False)
    assert article.status == Article.Status.QUEUED
    page = log_in("reviewer")
    page.goto(f"/articles/{article.pk}/")
    expect(page.locator("#article-body")).to_contain_text("Waiting for a worker")
    page.evaluate("window.__samePage = true")

    services.article_split(article_id=article.pk)
    first = claim_ids(article)[0]
    expect(page.locator("[data-workspace]")).to_be_visible(timeout=15_000)
    panel_shows(page, first)
    assert page.evaluate("window.__samePage") is True
    page.keyboard.press("v")
    expect(page.locator(f"mark#claim-{first}")).to_have_class(re.compile(r"\bverified\b"))


def test_list_queue_and_dashboard_pages(desk, log_in, screenshot):
    editor, reviewer = desk["editor"], desk["reviewer"]
    articles = [upload(editor, path) for path in sorted(DEMO.glob("*.txt"))]
    services.claims_review(claims=articles[0].claims.all(), status=Claim.Status.VERIFIED, actor=reviewer)
    mixed = claim_ids(articles[1])
    for claim_id, status in zip(mixed, ["verified", "disputed", "wrong", "not_a_claim"], strict=False):
        services.claim_review(claim_id=claim_id, actor=desk["reviewer2"], status=status)
    services.article_assign(article=articles[2], assignee=reviewer, actor=editor)

    page = log_in("reviewer")
    page.goto("/")
    cleared_row = page.locator(f'tr[data-article="{articles[0].pk}"]')
    expect(cleared_row.locator("[data-cleared]")).to_have_text("✓ Article cleared")
    total = len(claim_ids(articles[0]))
    expect(cleared_row.locator("[data-progress]")).to_have_text(f"{total}/{total}")
    screenshot(page, "article-list")

    page.goto("/queue/")
    rows = page.locator("[data-queue-row]")
    expect(rows.first).to_have_class(re.compile(r"\bmine\b"))  # assigned to me comes first
    screenshot(page, "queue")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/articles/{articles[2].pk}/\?claim=\d+$"))

    page.goto("/dashboard/")
    expect(page.locator(".stat").first).to_be_visible()
    expect(page.locator(".bars")).to_contain_text("reviewer2")
    screenshot(page, "dashboard")
