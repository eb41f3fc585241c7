"""Background exports: a job written by a real worker on the ``export`` queue holds the same bytes as the streamed
export with the same filters; who may see it, what is refused, and what a second or failed run does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import exports, services
from articles.models import Claim, ClaimGroup, ExportJob
from tests.articles.test_exports import claims_data, database_rows, export_via_api, parse_csv, parse_ndjson
from tests.conftest import REPO, Worker, make_user, purge_broker, wait_for, worker_environment
from tests.reliability.conftest import free_port

__all__ = ["claims_data"]  # a fixture, used by name

pytestmark = pytest.mark.django_db


@pytest.fixture
def exports_dir(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"
    return settings.EXPORTS_DIR


@pytest.fixture
def export_worker(transactional_db, exports_dir):
    """A worker consuming the ``export`` queue only, so a job it finishes was routed there."""
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis"):
        pytest.skip("needs CELERY_BROKER_URL pointing at Redis")
    purge_broker()
    worker = Worker(worker_environment(EXPORTS_DIR=exports_dir), queues="export").start()
    yield worker
    worker.stop()


def request_export(client, export_format: str, filters: dict | None = None):
    return client.post("/api/exports/", {"format": export_format, "filters": filters or {}}, format="json")


def download(client, job_id: int) -> tuple[bytes, object]:
    response = client.get(f"/api/exports/{job_id}/download/")
    assert response.status_code == 200, response.content[:300] if not response.streaming else response
    return b"".join(response.streaming_content), response


# --- Through the real worker ------------------------------------------------------------------------------------

CASES = [
    ("csv", {"status": "wrong"}, "format=csv&status=wrong"),
    ("csv", {}, "format=csv"),
    ("ndjson", {"min_score": 0.5, "search": "the"}, "format=ndjson&min_score=0.5&search=the"),
    ("claimreview", {}, "format=claimreview"),
]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_writes_the_bytes_the_streamed_export_sends(export_worker, claims_data, reviewer, api_client_for):
    client = api_client_for(reviewer)
    jobs = []
    for export_format, filters, _ in CASES:
        response = request_export(client, export_format, filters)
        assert response.status_code == 202, response.content
        assert response.data["status"] == "queued"
        assert response["Location"].endswith(f"/api/exports/{response.data['id']}/")
        jobs.append(response.data["id"])

    wait_for(
        lambda: ExportJob.objects.filter(pk__in=jobs, status=ExportJob.Status.DONE).count() == len(jobs),
        timeout=60,
        message=f"the export worker to finish the jobs: {list(ExportJob.objects.values_list('status', 'error'))}",
    )
    for job_id, (export_format, filters, query) in zip(jobs, CASES, strict=True):
        streamed, _ = export_via_api(client, query)
        written, response = download(client, job_id)
        assert written == streamed, (export_format, filters)
        assert response["Content-Type"].startswith(exports.FORMATS[export_format].content_type)
        assert response["Content-Disposition"].startswith('attachment; filename="claims-')
        assert response["Content-Disposition"].endswith(f'.{exports.FORMATS[export_format].extension}"')

        status = client.get(f"/api/exports/{job_id}/").data
        assert status["status"] == "done"
        assert status["progress"] == 1.0
        assert status["size_bytes"] == len(written)
        assert status["download_url"].endswith(f"/api/exports/{job_id}/download/")
        assert status["rows_written"] == status["rows_expected"]
        if export_format == "csv":
            claims = Claim.objects.filter(**({"status": filters["status"]} if filters else {}))
            assert parse_csv(written) == parse_csv(streamed)
            assert [row["id"] for row in parse_csv(written)] == [row["id"] for row in database_rows(claims)]
            assert status["rows_written"] == claims.count() > 0
        elif export_format == "ndjson":
            rows = parse_ndjson(written)
            assert rows == parse_ndjson(streamed)
            assert status["rows_written"] == len(rows) > 0
            assert all(row["score"] >= 0.5 and "the" in row["text"].lower() for row in rows)
        else:
            graph = json.loads(written)["@graph"]
            assert status["rows_written"] == len(graph) > 0
            assert graph[0]["url"].startswith("http://testserver/articles/")
    # The success line is logged after the task returns, so it can trail the job's final status by a moment.
    wait_for(lambda: "succeeded" in export_worker.log_path.read_text(), timeout=30, message="the worker's success line")


# --- In process: no broker, idempotence, failure ----------------------------------------------------------------


def test_without_a_broker_the_job_runs_in_process(
    claims_data, reviewer, api_client_for, exports_dir, eager_tasks, django_capture_on_commit_callbacks
):
    client = api_client_for(reviewer)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = request_export(client, "ndjson", {"status": "unreviewed"})
    assert response.status_code == 202
    assert len(callbacks) == 1

    job = ExportJob.objects.get(pk=response.data["id"])
    assert job.status == ExportJob.Status.DONE, job.error
    written, _ = download(client, job.pk)
    assert written == export_via_api(client, "format=ndjson&status=unreviewed")[0]
    assert job.rows_written == Claim.objects.filter(status="unreviewed").count() == len(parse_ndjson(written))


def test_running_a_done_job_again_changes_nothing(claims_data, reviewer, exports_dir):
    job = services.export_job_request(actor=reviewer, format="csv", filters={"kind": "quantity"})
    assert services.export_job_run(job_id=job.pk) == services.ExportOutcome.DONE
    job.refresh_from_db()
    path = exports_dir / job.file_name
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    fields = ExportJob.objects.filter(pk=job.pk).values().get()

    assert services.export_job_run(job_id=job.pk) == services.ExportOutcome.FINISHED_BEFORE
    assert ExportJob.objects.filter(pk=job.pk).values().get() == fields
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert fields["attempts"] == 1


def test_a_job_whose_worker_died_is_written_again_from_the_start(claims_data, reviewer, exports_dir):
    job = services.export_job_request(actor=reviewer, format="ndjson", filters={})
    name = f"claims-export-{job.pk}.ndjson"
    exports_dir.mkdir(parents=True)
    (exports_dir / f"{name}.1.part").write_bytes(b'{"half a row')
    # What the dead worker left in the database: the job running, one attempt counted, no progress for a while.
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, attempts=1, rows_written=7, heartbeat_at=silent_since_before()
    )

    assert services.export_job_run(job_id=job.pk) == services.ExportOutcome.DONE
    job.refresh_from_db()
    assert (job.status, job.attempts, job.file_name) == (ExportJob.Status.DONE, 2, name)
    assert sorted(path.name for path in exports_dir.iterdir()) == [name]
    assert len(parse_ndjson((exports_dir / name).read_bytes())) == job.rows_written == Claim.objects.count()


def test_a_running_job_whose_worker_shows_progress_is_left_to_that_worker(claims_data, reviewer, exports_dir):
    job = services.export_job_request(actor=reviewer, format="csv", filters={})
    # Another worker started it a moment ago: a second delivery of the same message must not write it too.
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, attempts=1, heartbeat_at=timezone.now())

    assert services.export_job_run(job_id=job.pk) == services.ExportOutcome.BUSY
    job.refresh_from_db()
    assert (job.status, job.attempts, job.file_name) == (ExportJob.Status.RUNNING, 1, "")
    assert not exports_dir.exists()


def test_a_job_that_cannot_write_its_file_is_failed_with_the_reason(
    claims_data, reviewer, api_client_for, settings, tmp_path
):
    settings.EXPORTS_DIR = tmp_path / "not-a-directory"
    settings.EXPORTS_DIR.write_text("a file where the directory should be")
    job = services.export_job_request(actor=reviewer, format="csv", filters={})

    assert services.export_job_run(job_id=job.pk) == services.ExportOutcome.FAILED
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error.startswith("Could not write the export file:")
    assert job.finished_at is not None
    response = api_client_for(reviewer).get(f"/api/exports/{job.pk}/download/")
    assert response.status_code == 409
    assert job.error in response.data["detail"]


def test_a_job_whose_filters_no_longer_apply_is_failed_not_widened(claims_data, reviewer, exports_dir):
    group = ClaimGroup.objects.create(key="duration|time|partnership|x", fact_type="duration")
    job = services.export_job_request(actor=reviewer, format="csv", filters={"group": group.pk})
    group.delete()

    assert services.export_job_run(job_id=job.pk) == services.ExportOutcome.FAILED
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error.startswith("The filters no longer apply: group:")
    assert not exports_dir.exists() or not any(exports_dir.iterdir())


def test_a_job_that_keeps_killing_its_worker_ends_failed(claims_data, reviewer, settings, exports_dir):
    job = services.export_job_request(actor=reviewer, format="csv", filters={})
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, attempts=settings.EXPORT_MAX_ATTEMPTS, heartbeat_at=silent_since_before()
    )

    assert services.export_job_run(job_id=job.pk) == services.ExportOutcome.FAILED
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error == f"Gave up after {settings.EXPORT_MAX_ATTEMPTS} attempts that did not finish (the worker died)."


@pytest.mark.django_db(transaction=True)
def test_a_job_that_cannot_be_queued_is_failed_saying_so_not_left_waiting(reviewer):
    # A process of its own whose broker is a port nothing listens on, as when Redis is down.
    env = worker_environment(CELERY_BROKER_URL=f"redis://127.0.0.1:{free_port()}/0")
    code = (
        "from django.contrib.auth import get_user_model; from articles import services; "
        "user = get_user_model().objects.get(username='reviewer'); "
        "print(services.export_job_request(actor=user, format='csv', filters={}).pk)"
    )
    command = [sys.executable, "manage.py", "shell", "-c", code]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]

    job = ExportJob.objects.get(pk=int(result.stdout.split()[-1]))
    assert (job.status, job.error) == (ExportJob.Status.FAILED, services.EXPORT_NOT_QUEUED)


@pytest.mark.django_db(transaction=True)
def test_progress_is_recorded_every_so_many_rows_from_a_connection_of_its_own(reviewer, settings):
    settings.EXPORT_PROGRESS_ROWS = 10
    job = services.export_job_request(actor=reviewer, format="csv", filters={})
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    progress = services._ExportProgress(job.pk)
    # The export's own connection is busy (inside COPY) and its transaction is not the progress's: rolled back
    # here, it must not take the recorded progress with it.
    with transaction.atomic():
        for rows in range(1, 26):
            progress(rows)
        progress.close()
        transaction.set_rollback(True)
    job.refresh_from_db()
    assert (progress.rows, job.rows_written) == (25, 20)


def test_a_missing_job_is_reported_not_raised(db):
    assert services.export_job_run(job_id=987654) == services.ExportOutcome.MISSING


def test_download_before_the_job_is_done_is_a_409_saying_so(reviewer, api_client_for):
    job = services.export_job_request(actor=reviewer, format="json", filters={})
    response = api_client_for(reviewer).get(f"/api/exports/{job.pk}/download/")
    assert response.status_code == 409
    assert response.data == {
        "detail": "This export is queued; download it once its status is done.",
        "status": "queued",
    }


def test_download_of_a_file_gone_from_the_disk_is_a_404_saying_so(claims_data, reviewer, api_client_for, exports_dir):
    job = services.export_job_request(actor=reviewer, format="csv", filters={})
    services.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    (exports_dir / job.file_name).unlink()
    response = api_client_for(reviewer).get(f"/api/exports/{job.pk}/download/")
    assert response.status_code == 404
    assert "no longer on the server" in response.data["detail"]


# --- The sweeper: lost messages, dead workers, files past keeping -----------------------------------------------


def silent_since_before(seconds: int = 1):
    """A moment just past the point where a silent job counts as lost."""
    from django.conf import settings

    return timezone.now() - settings.EXPORT_STUCK_AFTER - timedelta(seconds=seconds)


def test_the_sweeper_sends_again_only_jobs_silent_past_the_deadline(reviewer, django_capture_on_commit_callbacks):
    jobs = {name: services.export_job_request(actor=reviewer, format="csv", filters={}).pk for name in range(6)}
    lost_queued, lost_running, waiting, running, done, failed = jobs.values()
    silent, recent = silent_since_before(), timezone.now()
    states = {
        lost_queued: (ExportJob.Status.QUEUED, silent),
        lost_running: (ExportJob.Status.RUNNING, silent),
        waiting: (ExportJob.Status.QUEUED, recent),
        running: (ExportJob.Status.RUNNING, recent),
        done: (ExportJob.Status.DONE, silent),
        failed: (ExportJob.Status.FAILED, silent),
    }
    for job_id, (status, heartbeat) in states.items():
        ExportJob.objects.filter(pk=job_id).update(status=status, heartbeat_at=heartbeat)

    with django_capture_on_commit_callbacks() as callbacks:
        sweep = services.export_jobs_sweep()
    assert sorted(sweep.resent) == sorted([lost_queued, lost_running])
    assert len(callbacks) == 2
    statuses = dict(ExportJob.objects.values_list("pk", "status"))
    assert statuses[lost_queued] == statuses[lost_running] == ExportJob.Status.QUEUED
    assert (statuses[running], statuses[done], statuses[failed]) == ("running", "done", "failed")

    # Sent again once per deadline, however often the sweep runs.
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.export_jobs_sweep().resent == []
    assert callbacks == []


def test_a_job_lost_while_running_is_written_by_the_delivery_the_sweeper_sends(claims_data, reviewer, exports_dir):
    job = services.export_job_request(actor=reviewer, format="ndjson", filters={})
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, attempts=1, heartbeat_at=silent_since_before()
    )
    assert services.export_job_run(job_id=job.pk) == services.ExportOutcome.DONE
    job.refresh_from_db()
    assert (job.status, job.attempts, job.rows_written) == (ExportJob.Status.DONE, 2, Claim.objects.count())


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_job_whose_message_was_lost_is_finished_by_the_worker_after_a_sweep(
    export_worker, claims_data, reviewer, exports_dir
):
    # Stored but never sent, as when Redis restarted between the commit and the worker's fetch.
    job = ExportJob.objects.create(format="csv", filters={}, requested_by=reviewer, heartbeat_at=silent_since_before())
    assert services.export_jobs_sweep().resent == [job.pk]
    wait_for(
        lambda: ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.DONE).exists(),
        timeout=60,
        message=f"the export worker to finish the job: {ExportJob.objects.values('status', 'error').get(pk=job.pk)}",
    )
    job.refresh_from_db()
    assert job.rows_written == Claim.objects.count() > 0
    assert len(parse_csv((exports_dir / job.file_name).read_bytes())) == job.rows_written


def test_a_file_past_keeping_is_deleted_and_its_job_expired(
    claims_data, reviewer, api_client_for, exports_dir, settings
):
    old, new = (services.export_job_request(actor=reviewer, format="csv", filters={}) for _ in range(2))
    for job in (old, new):
        services.export_job_run(job_id=job.pk)
        job.refresh_from_db()
    ExportJob.objects.filter(pk=old.pk).update(finished_at=timezone.now() - settings.EXPORT_KEEP_FOR - timedelta(1))

    sweep = services.export_jobs_sweep()
    assert (sweep.expired, sweep.files_removed) == ([old.pk], [old.file_name])
    assert sorted(path.name for path in exports_dir.iterdir()) == [new.file_name]

    client = api_client_for(reviewer)
    response = client.get(f"/api/exports/{old.pk}/download/")
    assert response.status_code == 410
    assert response.data == {
        "detail": "This export's file was deleted 7 days after it was written; request the export again.",
        "status": "expired",
    }
    expired, kept = client.get(f"/api/exports/{old.pk}/").data, client.get(f"/api/exports/{new.pk}/").data
    assert (expired["status"], expired["download_url"], expired["expires_at"]) == ("expired", None, None)
    new.refresh_from_db()
    assert kept["expires_at"] == (new.finished_at + settings.EXPORT_KEEP_FOR).isoformat().replace("+00:00", "Z")
    assert client.get(f"/api/exports/{new.pk}/download/").status_code == 200


def test_files_no_job_claims_are_deleted_once_old_and_other_files_are_left(
    claims_data, reviewer, exports_dir, settings
):
    import os

    done = services.export_job_request(actor=reviewer, format="csv", filters={})
    services.export_job_run(job_id=done.pk)
    done.refresh_from_db()
    running = services.export_job_request(actor=reviewer, format="csv", filters={})
    ExportJob.objects.filter(pk=running.pk).update(status=ExportJob.Status.RUNNING)
    files = {
        "gone": "claims-export-987654.csv",  # its job was deleted
        "dead attempt": f"claims-export-{done.pk}.csv.1.part",
        "writing": f"claims-export-{running.pk}.csv.1.part",
        "fresh orphan": "claims-export-987655.ndjson",
        "not ours": "notes.txt",
    }
    for name in files.values():
        (exports_dir / name).write_bytes(b"x")
    old = (silent_since_before(60)).timestamp()
    for name in [done.file_name, *files.values()]:
        if name != files["fresh orphan"]:
            os.utime(exports_dir / name, (old, old))

    sweep = services.export_jobs_sweep()
    assert sorted(sweep.files_removed) == sorted([files["gone"], files["dead attempt"]])
    assert sorted(path.name for path in exports_dir.iterdir()) == sorted(
        [done.file_name, files["writing"], files["fresh orphan"], files["not ours"]]
    )


def test_sweep_exports_command_reports_what_it_did(reviewer, exports_dir):
    from io import StringIO

    from django.core.management import call_command

    job = services.export_job_request(actor=reviewer, format="csv", filters={})
    ExportJob.objects.filter(pk=job.pk).update(heartbeat_at=silent_since_before())
    out = StringIO()
    call_command("sweep_exports", stdout=out)
    assert out.getvalue().strip() == "Sent again 1 export job(s), expired 0, removed 0 file(s)."


# --- Who may, and what is refused -------------------------------------------------------------------------------


def test_only_the_requester_and_staff_see_a_job(reviewer, second_reviewer, staff, api_client_for):
    job = services.export_job_request(actor=reviewer, format="csv", filters={})
    other = api_client_for(second_reviewer)
    assert other.get(f"/api/exports/{job.pk}/").status_code == 404
    assert other.get(f"/api/exports/{job.pk}/download/").status_code == 404
    assert other.get("/api/exports/").data["results"] == []

    assert api_client_for(reviewer).get(f"/api/exports/{job.pk}/").data["requested_by"] == "reviewer"
    assert [row["id"] for row in api_client_for(staff).get("/api/exports/").data["results"]] == [job.pk]
    assert api_client_for(staff).get(f"/api/exports/{job.pk}/").status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_people_outside_the_desk_can_neither_request_nor_read_exports(role, reviewer, api_client_for):
    job = services.export_job_request(actor=reviewer, format="csv", filters={})
    client = api_client_for(None if role == "anonymous" else make_user("outsider"))
    for response in (
        client.get("/api/exports/"),
        client.get(f"/api/exports/{job.pk}/"),
        client.get(f"/api/exports/{job.pk}/download/"),
        request_export(client, "csv"),
    ):
        assert response.status_code in ({401, 403} if role == "anonymous" else {403})
    assert ExportJob.objects.count() == 1
    with pytest.raises(services.PermissionDenied):
        services.export_job_request(actor=make_user("outsider", "outsider2"), format="csv", filters={})


def test_an_editor_may_request_an_export_as_they_may_stream_one(editor, api_client_for):
    assert request_export(api_client_for(editor), "ndjson").status_code == 202


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"format": "xlsx"}, "Unknown format “xlsx”; use one of: claimreview, csv, json, ndjson."),
        ({"format": "csv", "filters": {"colour": "red"}}, "Unknown filter(s) colour; the claims list filters by"),
        ({"format": "csv", "filters": {"status": "maybe"}}, "status: Select a valid choice."),
        ({"format": "csv", "filters": {"min_score": "high"}}, "min_score: Enter a number."),
        ({"format": "csv", "filters": {"status": ["wrong", "verified"]}}, "Filter “status” takes one text or number"),
        ({"format": "csv", "filters": {"search": "a\x00b"}}, "Filter “search” contains a NUL character."),
        ({"format": "csv", "filters": "status=wrong"}, "Expected a dictionary of items"),
    ],
)
def test_a_bad_format_or_filter_is_a_400_with_the_reason_and_stores_nothing(
    reviewer, api_client_for, django_capture_on_commit_callbacks, body, message
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = api_client_for(reviewer).post("/api/exports/", body, format="json")
    assert response.status_code == 400
    assert message in json.dumps(response.json(), ensure_ascii=False)
    assert not ExportJob.objects.exists()
    assert callbacks == []


def test_a_request_is_enqueued_once_on_commit(reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        job = services.export_job_request(actor=reviewer, format="csv", filters={"min_score": 0.8, "article": 3})
    assert len(callbacks) == 1
    assert job.filters == {"min_score": "0.8", "article": "3"}
    assert (job.status, job.requested_by, job.rows_written) == (ExportJob.Status.QUEUED, reviewer, 0)


def test_job_list_costs_the_same_queries_for_two_jobs_as_for_eight(reviewer, api_client_for):
    client = api_client_for(reviewer)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/exports/").status_code == 200
        return len(queries)

    for _ in range(2):
        services.export_job_request(actor=reviewer, format="csv", filters={})
    two = queries_for_list()
    for _ in range(6):
        services.export_job_request(actor=reviewer, format="csv", filters={})
    assert queries_for_list() == two


def test_export_job_formats_are_the_streamed_exports_formats():
    assert set(ExportJob.Format.values) == set(exports.FORMATS)


def test_the_export_task_is_routed_to_the_export_queue():
    from articles.tasks import export_claims_task
    from factcheck.celery import app

    assert app.amqp.router.route({}, export_claims_task.name)["queue"].name == "export"


def test_the_export_sweep_runs_on_a_schedule_in_the_export_queue():
    from django.conf import settings

    from articles.tasks import sweep_export_jobs_task
    from factcheck.celery import app

    assert app.amqp.router.route({}, sweep_export_jobs_task.name)["queue"].name == "export"
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert sweep_export_jobs_task.name in scheduled


# --- Admin --------------------------------------------------------------------------------------------------------

CHANGELIST = "/admin/articles/claim/"


def test_admin_button_queues_a_job_of_everything_the_changelist_shows(
    client, superuser, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    page = client.get(f"{CHANGELIST}?status__exact=wrong")
    assert b"Export all matching in the background" in page.content
    assert b'value="status__exact=wrong"' in page.content

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            f"{CHANGELIST}export-background/", {"format": "ndjson", "query": "status__exact=wrong&q=camera&o=2"}
        )
    job = ExportJob.objects.get()
    assert (job.format, job.filters, job.requested_by) == ("ndjson", {"status": "wrong", "search": "camera"}, superuser)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/exportjob/{job.pk}/change/"
    assert len(callbacks) == 1


def test_admin_button_refuses_filters_a_background_export_cannot_apply(client, superuser):
    client.force_login(superuser)
    response = client.post(
        f"{CHANGELIST}export-background/", {"format": "csv", "query": "reviewer__isnull=True"}, follow=True
    )
    assert "cannot apply the filter(s) reviewer__isnull" in response.content.decode()
    response = client.post(f"{CHANGELIST}export-background/", {"format": "csv", "query": "q=two+words"}, follow=True)
    assert "search for a single word" in response.content.decode()
    assert not ExportJob.objects.exists()
    assert client.get(f"{CHANGELIST}export-background/").status_code == 405


def test_admin_shows_a_done_job_read_only_with_its_download_link(claims_data, superuser, client, exports_dir):
    job = services.export_job_request(actor=superuser, format="csv", filters={})
    services.export_job_run(job_id=job.pk)
    client.force_login(superuser)

    listing = client.get("/admin/articles/exportjob/").content.decode()
    assert f'href="/api/exports/{job.pk}/download/"' in listing
    page = client.get(f"/admin/articles/exportjob/{job.pk}/change/").content.decode()
    assert f"{Claim.objects.count()} of {Claim.objects.count()} rows" in page
    assert 'name="_save"' not in page
    assert client.get("/admin/articles/exportjob/add/").status_code == 403
