"""Concurrent writers on real PostgreSQL: two reviewers on one claim (browser view and admin), a bulk verdict racing
single edits, and a double-submitted upload.

Each race is forced rather than hoped for: a separate connection holds a table or row lock, the competing requests
run in threads until every one of them waits on that lock in PostgreSQL, and only then is the lock released. So the
requests really overlap inside their transactions on every run, on any machine.
"""

import threading
from collections import Counter
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection, connections
from django.test import Client
from rest_framework.test import APIClient

from articles import services
from articles.models import Article, Claim, ClaimEvent
from tests.conftest import make_user, purge_broker, wait_for
from tests.reliability.faults import ClaimsTableLock, database_dsn

pytestmark = [pytest.mark.django_db(transaction=True)]


def _run_together(calls, *, lock_table: str, held: psycopg.Connection) -> list:
    """Start every call in its own thread, wait until all of them wait on ``lock_table``'s lock, release it (by
    ending ``held``'s transaction) and return their results (or the exception each raised), in order."""
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    try:
        probe = ClaimsTableLock(database_dsn())
        wait_for(lambda: probe.waiting_splits(table=lock_table) >= len(calls), message=f"{len(calls)} waiters")
    finally:
        held.rollback()
        for thread in threads:
            thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


@contextmanager
def _holding(statement: str, params=()):
    """A transaction on another connection that has run ``statement`` (a LOCK or SELECT ... FOR UPDATE)."""
    with psycopg.connect(database_dsn()) as held:
        held.execute(statement, params)
        yield held
        held.rollback()


def _article_with_claims(editor, count: int) -> Article:
    text = "\n\n".join(
        f"Orbit Labs sold {1000 + n} phones in Lisbon in {2000 + n % 25}, it said." for n in range(count)
    )
    article = services.articles_upload(uploaded_by=editor, text=text)[0].article
    services.article_split(article_id=article.pk)
    assert article.claims.count() == count
    return article


def _assert_history_explains(claim: Claim) -> list[ClaimEvent]:
    """Nothing changed unrecorded: one event per version step, each starting where the previous one ended.

    In insertion (id) order, the order the changes were applied in; time order is the test further down."""
    events = list(claim.events.filter(action=ClaimEvent.Action.REVIEW).order_by("id"))
    assert claim.version == 1 + len(events), claim.pk
    statuses = [Claim.Status.UNREVIEWED, *(event.to_status for event in events)]
    assert [event.from_status for event in events] == statuses[:-1], claim.pk
    assert claim.status == statuses[-1], claim.pk
    return events


@pytest.fixture
def desk():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and lock waits are PostgreSQL's")
    return {
        "editor": make_user("editor"),
        "reviewer": make_user("reviewer"),
        "reviewer2": make_user("reviewer", "reviewer2"),
    }


def test_second_reviewer_saving_the_same_version_in_the_browser_gets_409_naming_the_other_verdict(desk):
    claim = _article_with_claims(desk["editor"], 3).claims.order_by("position").first()
    verdicts = {"reviewer": Claim.Status.VERIFIED, "reviewer2": Claim.Status.WRONG}

    def save_as(username):
        client = Client(HTTP_HX_REQUEST="true")
        client.force_login(desk[username])

        def post():
            data = {"status": verdicts[username], "version": claim.version}
            return client.post(f"/claims/{claim.pk}/review/", data)

        return post

    with _holding("LOCK TABLE articles_claim IN EXCLUSIVE MODE") as held:
        first, second = _run_together(
            [save_as("reviewer"), save_as("reviewer2")], lock_table="articles_claim", held=held
        )

    assert sorted([first.status_code, second.status_code]) == [200, 409]
    winner, loser = ("reviewer", second) if first.status_code == 200 else ("reviewer2", first)
    winning_label = Claim.Status(verdicts[winner]).label
    message = loser.content.decode()
    assert f"{winner} set this claim to {winning_label}" in message
    assert "your change was not saved" in message
    claim.refresh_from_db()
    assert (claim.status, claim.reviewer.get_username(), claim.version) == (verdicts[winner], winner, 2)
    assert len(_assert_history_explains(claim)) == 1


def test_two_staff_marking_the_same_claims_in_the_admin_at_once_both_land_in_order_with_full_history(desk):
    """The admin has no per-claim verdict form (claims are read-only there); its verdicts are bulk actions, which
    carry no version: the later one wins, and the history shows both, each from the verdict before it."""
    article = _article_with_claims(desk["editor"], 5)
    ids = list(article.claims.values_list("pk", flat=True))
    admins = [make_user("superuser", "admin1"), make_user("superuser", "admin2")]

    def mark(user, action):
        client = Client()
        client.force_login(user)
        return lambda: client.post("/admin/articles/claim/", {"action": action, "_selected_action": ids})

    with _holding("LOCK TABLE articles_claim IN EXCLUSIVE MODE") as held:
        responses = _run_together(
            [mark(admins[0], "mark_verified"), mark(admins[1], "mark_wrong")], lock_table="articles_claim", held=held
        )

    assert [response.status_code for response in responses] == [302, 302]
    claims = list(Claim.objects.filter(pk__in=ids))
    assert len({claim.status for claim in claims}) == 1, "one action applied to all claims, not a mix"
    for claim in claims:
        events = _assert_history_explains(claim)
        assert len(events) == 2 and {event.actor.get_username() for event in events} == {"admin1", "admin2"}


def test_bulk_verdict_on_200_claims_racing_single_edits_writes_all_and_one_history_row_per_change(desk):
    article = _article_with_claims(desk["editor"], 200)
    claims = list(article.claims.order_by("pk"))
    edited = claims[::10]  # 20 of the 200, spread through the bulk's lock order

    def bulk():
        return services.claims_review(
            claims=Claim.objects.filter(article=article), status=Claim.Status.VERIFIED, actor=desk["reviewer"]
        )

    def single(claim):
        return lambda: services.claim_review(
            claim_id=claim.pk, actor=desk["reviewer2"], status=Claim.Status.WRONG, expected_version=1
        )

    with _holding("LOCK TABLE articles_claim IN EXCLUSIVE MODE") as held:
        results = _run_together([bulk, *(single(claim) for claim in edited)], lock_table="articles_claim", held=held)

    bulk_changed, singles = results[0], results[1:]
    assert bulk_changed == 200
    saved = [result for result in singles if isinstance(result, Claim)]
    refused = [result for result in singles if isinstance(result, services.ReviewConflict)]
    assert len(saved) + len(refused) == len(edited), [r for r in singles if r not in saved and r not in refused]

    # All or nothing: every claim ends verified (a single edit before the bulk is overwritten, with history).
    fresh = list(Claim.objects.filter(article=article))
    assert {claim.status for claim in fresh} == {Claim.Status.VERIFIED}
    events_per_claim = Counter()
    for claim in fresh:
        events_per_claim[claim.pk] = len(_assert_history_explains(claim))
    saved_ids = {claim.pk for claim in saved}
    for claim in fresh:
        assert events_per_claim[claim.pk] == (2 if claim.pk in saved_ids else 1), claim.pk
    assert ClaimEvent.objects.filter(claim__article=article).count() == 200 + len(saved)


def test_bulk_verdict_stopped_while_waiting_on_a_claim_being_edited_changes_no_claim(desk):
    article = _article_with_claims(desk["editor"], 200)
    blocked = article.claims.order_by("pk")[150]
    failures: list[Exception] = []

    def bulk():
        try:
            services.claims_review(
                claims=Claim.objects.filter(article=article), status=Claim.Status.VERIFIED, actor=desk["reviewer"]
            )
        except Exception as error:
            failures.append(error)
        finally:
            connections.close_all()

    # Another reviewer's transaction holds one claim; the bulk locks the 150 before it, then waits. Cancelling it
    # there (as a statement timeout or a dropped client would) must roll back the 150 as well.
    with _holding("SELECT id FROM articles_claim WHERE id = %s FOR UPDATE", (blocked.pk,)):
        thread = threading.Thread(target=bulk)
        thread.start()
        probe = ClaimsTableLock(database_dsn())
        wait_for(lambda: probe.waiting_splits(table="articles_claim") >= 1, message="bulk waiting on the claim")
        with psycopg.connect(database_dsn(), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND query ILIKE %s",
                ("%FOR UPDATE%",),
            )
        thread.join(timeout=60)

    assert len(failures) == 1 and "cancel" in str(failures[0]).lower()
    assert set(Claim.objects.filter(article=article).values_list("status", "version").distinct()) == {
        (Claim.Status.UNREVIEWED, 1)
    }
    assert not ClaimEvent.objects.filter(claim__article=article).exists()


def test_history_in_time_order_follows_the_order_verdicts_were_applied(desk):
    """A bulk verdict that waited behind another reviewer's edit must be recorded after it: the claim panel lists the
    history by created_at, so a timestamp taken before the row locks would show the overwritten verdict last."""
    article = _article_with_claims(desk["editor"], 3)
    claim = article.claims.order_by("pk").first()
    done: list = []

    def call(function):
        def run():
            try:
                done.append(function())
            finally:
                connections.close_all()

        return threading.Thread(target=run)

    single = call(lambda: services.claim_review(claim_id=claim.pk, actor=desk["reviewer2"], status=Claim.Status.WRONG))
    bulk = call(
        lambda: services.claims_review(
            claims=Claim.objects.filter(pk=claim.pk), status=Claim.Status.VERIFIED, actor=desk["reviewer"]
        )
    )
    probe = ClaimsTableLock(database_dsn())
    # The single edit queues first on the claim's row, the bulk behind it: the edit is applied first.
    with _holding("SELECT id FROM articles_claim WHERE id = %s FOR UPDATE", (claim.pk,)):
        single.start()
        wait_for(lambda: probe.waiting_splits(table="articles_claim") >= 1, message="the edit waiting")
        bulk.start()
        wait_for(lambda: probe.waiting_splits(table="articles_claim") >= 2, message="the bulk waiting")
    single.join(timeout=60)
    bulk.join(timeout=60)

    claim.refresh_from_db()
    by_id = list(claim.events.order_by("id").values_list("to_status", flat=True))
    assert by_id == [Claim.Status.WRONG, Claim.Status.VERIFIED] and claim.status == Claim.Status.VERIFIED
    by_time = list(claim.events.order_by("created_at", "id").values_list("to_status", flat=True))
    assert by_time == by_id


@pytest.mark.parametrize("via", ["api", "browser form"])
def test_two_identical_uploads_at_the_same_moment_store_one_article(desk, sample_text, via):
    def upload():
        if via == "api":
            client = APIClient()
            client.force_authenticate(desk["editor"])
            return lambda: client.post("/api/articles/", {"text": sample_text}, format="json")
        client = Client()
        client.force_login(desk["editor"])
        return lambda: client.post("/upload/", {"text": sample_text})

    try:
        # Both requests find no article with this text, then both wait to insert it.
        with _holding("LOCK TABLE articles_article IN EXCLUSIVE MODE") as held:
            first, second = _run_together([upload(), upload()], lock_table="articles_article", held=held)
    finally:
        purge_broker()  # the split each new article enqueued; no worker runs here

    assert Article.objects.count() == 1
    article = Article.objects.get()
    if via == "api":
        assert sorted([first.status_code, second.status_code]) == [200, 201]
        assert first.json()[0]["id"] == second.json()[0]["id"] == article.pk
    else:
        assert [first.status_code, second.status_code] == [302, 302]
        assert first["Location"] == second["Location"] == f"/articles/{article.pk}/"
