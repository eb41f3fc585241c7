"""Redis down at upload time and PostgreSQL restarted under load, against private servers on free ports (the
machine's shared PostgreSQL and Redis are never touched), with the app under gunicorn as deployed."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from articles.models import Article
from tests.conftest import REPO, SAMPLE_TEXT, Worker, make_user, wait_for, worker_environment
from tests.reliability.conftest import free_port
from tests.reliability.faults import PrivateRedis, record_measurement, start_beat, start_web

pytestmark = [pytest.mark.worker, pytest.mark.slow]


def _request(base: str, path: str, *, token: str = "", body: dict | None = None, timeout: float = 20):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    request = urllib.request.Request(base + path, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # our own server on 127.0.0.1
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        payload = error.read()
        try:
            return error.code, json.loads(payload)
        except ValueError:
            return error.code, payload.decode(errors="replace")


@pytest.mark.django_db(transaction=True)
def test_upload_while_redis_is_down_is_stored_and_split_once_redis_is_back():
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=make_user("editor")).key
    redis = PrivateRedis().start()
    env = worker_environment(CELERY_BROKER_URL=redis.url, SPLIT_STUCK_AFTER_SECONDS=2, SWEEP_INTERVAL_SECONDS=1)
    web, base = start_web(env)
    worker = beat = None
    try:
        redis.stop()
        started = time.monotonic()
        status, body = _request(base, "/api/articles/", token=token, body={"text": SAMPLE_TEXT})
        upload_seconds = time.monotonic() - started
        record_measurement("upload_seconds_with_redis_down", upload_seconds)
        assert status == 201, body
        article_id = body[0]["id"]
        assert Article.objects.get(pk=article_id).status == Article.Status.QUEUED
        assert upload_seconds < 15  # the broker's absence costs a bounded publish attempt, not a hang

        status, health = _request(base, "/health/")
        assert status == 503
        assert health["database"] == "ok" and health["broker"].startswith("unreachable")

        redis.start()
        worker = Worker(env).start()
        beat = start_beat(env)
        wait_for(
            lambda: Article.objects.filter(pk=article_id, status=Article.Status.SPLIT).exists(),
            timeout=60,
            message="the sweeper to re-enqueue the article and the worker to split it",
        )
        assert Article.objects.get(pk=article_id).split_attempts == 1
        status, health = wait_for(lambda: (r := _request(base, "/health/"))[0] == 200 and r, message="healthy")
        assert health["broker"] == "ok" and health["workers"]
    finally:
        for process in (beat, worker, web):
            if process:
                process.stop()
        redis.stop()


# --- PostgreSQL restarted under load ------------------------------------------------------------------------------

PG_BIN = Path("/usr/lib/postgresql/15/bin")


class PrivatePostgres:
    def __init__(self):
        if not (PG_BIN / "initdb").exists():
            pytest.skip(f"{PG_BIN} has no initdb")
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="pg-reliability-"))
        self.data = self.dir / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_postgres, *args], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")

    def ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w",
            action, *extra,
        )  # fmt: skip

    def destroy(self) -> None:
        if self.data.exists():
            subprocess.run(
                [*self.as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                capture_output=True,
                timeout=60,
                check=False,
            )
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def private_postgres():
    server = PrivatePostgres()
    try:
        server.init()
        server.ctl("start")
        yield server
    finally:
        server.destroy()


def test_postgres_restart_under_load_fails_requests_cleanly_and_half_writes_nothing(private_postgres):
    redis = PrivateRedis().start()  # tasks go to a broker no worker reads: this test is about the web tier
    env = {
        **os.environ,
        "DATABASE_URL": private_postgres.url,
        "CELERY_BROKER_URL": redis.url,
        "DEBUG": "1",
        "DB_CONN_MAX_AGE": "60",
        "DB_CONNECT_TIMEOUT": "2",
    }
    env.pop("TEST_DATABASE_NAME", None)
    setup = (
        "from articles import services; from rest_framework.authtoken.models import Token; "
        "u = services.desk_user_ensure(username='loader', password='x-pass-123', role='Editors'); "
        "print(Token.objects.get_or_create(user=u)[0].key)"
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    token = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", setup],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()[-1]
    web, base = start_web(env, workers=2, threads=4)

    outcomes: list[tuple[int, list[str]]] = []
    stop = threading.Event()

    def load(worker_number: int) -> None:
        while not stop.is_set():
            batch = uuid.uuid4().hex
            texts = [
                f"Batch {batch} part {part}\n\nThe line carries {part + 3} million passengers." for part in range(3)
            ]
            # Three articles in one request: the service stores all of them or none.
            status, _ = _multipart_upload(base, token, texts)
            outcomes.append((status, texts))

    threads = [threading.Thread(target=load, args=(number,), daemon=True) for number in range(4)]
    try:
        for thread in threads:
            thread.start()
        wait_for(lambda: sum(status == 201 for status, _ in outcomes) >= 5, timeout=60, message="load running")
        private_postgres.ctl("restart", "-m", "fast")
        restarted_at = len(outcomes)
        wait_for(
            lambda: sum(status == 201 for status, _ in outcomes[restarted_at:]) >= 5,
            timeout=60,
            message="uploads succeeding again after the restart",
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        web.stop()
        redis.stop()

    statuses = [status for status, _ in outcomes]
    record_measurement("postgres_restart_requests_total", len(statuses))
    record_measurement("postgres_restart_requests_503", statuses.count(503))
    # Every answer is a success or a clean 503; no 500, no dropped connection.
    assert set(statuses) <= {201, 503}, sorted(set(statuses))

    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={private_postgres.port} user=postgres dbname=postgres") as connection:
        titles = {row[0] for row in connection.execute("SELECT title FROM articles_article")}
        empty = connection.execute("SELECT count(*) FROM articles_article WHERE text = '' OR content_hash = ''")
        assert empty.fetchone()[0] == 0
    for status, texts in outcomes:
        stored = [text.split("\n", 1)[0] in titles for text in texts]
        assert all(stored) or not any(stored), f"batch half-written: {stored}"
        if status == 201:
            assert all(stored)


def _multipart_upload(base: str, token: str, texts: list[str]) -> tuple[int, object]:
    boundary = uuid.uuid4().hex
    parts = []
    for index, text in enumerate(texts):
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="part{index}.txt"\r\n'
            f"Content-Type: text/plain\r\n\r\n{text}\r\n"
        )
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    request = urllib.request.Request(
        base + "/api/articles/",
        data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Token {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:300]
    except OSError as error:  # the server closed the connection: not a 500, but not a clean answer either
        return 0, str(error)


# --- A worker's database connection -------------------------------------------------------------------------------

UPLOAD_IN_SUBPROCESS = (
    "import os; from articles import services; "
    '[services.articles_upload(uploaded_by=None, text=f\'{os.environ["LABEL"]} {n}\\n\\nThe line carries '
    "{n + 3} million passengers a year.') for n in range(int(os.environ['COUNT']))]"
)


def test_worker_keeps_its_database_connection_and_reconnects_after_a_postgres_restart(private_postgres):
    import psycopg

    redis = PrivateRedis().start()
    env = {**os.environ, "DATABASE_URL": private_postgres.url, "CELERY_BROKER_URL": redis.url, "DEBUG": "1"}
    env.pop("TEST_DATABASE_NAME", None)
    dsn = f"host=127.0.0.1 port={private_postgres.port} user=postgres dbname=postgres"

    def upload(label: str, count: int) -> None:
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", UPLOAD_IN_SUBPROCESS],
            cwd=REPO,
            env={**env, "LABEL": label, "COUNT": str(count)},
            check=True,
            capture_output=True,
            timeout=120,
        )

    def split_count() -> int:
        try:
            with psycopg.connect(dsn, connect_timeout=2) as connection:
                return connection.execute("SELECT count(*) FROM articles_article WHERE status = 'split'").fetchone()[0]
        except psycopg.OperationalError:
            return -1

    def worker_connections() -> set[tuple]:
        with psycopg.connect(dsn) as connection:
            rows = connection.execute(
                "SELECT pid, backend_start FROM pg_stat_activity WHERE application_name = 'factcheck-test-worker'"
            )
            return set(rows.fetchall())

    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=REPO, env=env, check=True, capture_output=True
    )
    # libpq names the worker's connections, so that pg_stat_activity tells them from everyone else's.
    worker = Worker({**env, "PGAPPNAME": "factcheck-test-worker"}).start()
    try:
        upload("First batch", 3)
        wait_for(lambda: split_count() == 3, timeout=60, message="the first batch split")
        after_first = worker_connections()
        upload("Second batch", 3)
        wait_for(lambda: split_count() == 6, timeout=60, message="the second batch split")
        # Six splits and their matching later, the same server sessions: nothing reconnected per task.
        assert after_first, "the worker holds its connection between tasks"
        assert after_first <= worker_connections()

        private_postgres.ctl("restart", "-m", "fast")
        upload("After the restart", 3)
        wait_for(lambda: split_count() == 9, timeout=90, message="splits after the restart")
        assert not after_first & worker_connections(), "the broken connections were replaced"
    finally:
        worker.stop()
        redis.stop()
