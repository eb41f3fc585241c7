"""Shared fixtures: desk users per role, clients, and a real Celery worker against the test database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from hypothesis import settings as hypothesis_settings

REPO = Path(__file__).resolve().parents[1]

# Under CI the property tests replay the same examples on every run, so that a red run means a change broke
# something rather than that a new example was drawn; elsewhere they draw fresh examples and keep finding cases.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "test-artifacts"


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    """Under CI the real services are required: a missing one fails the run instead of skipping tests."""
    database_url = os.environ.get("DATABASE_URL", "")
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    missing = []
    if database_url.startswith("postgres") and not _reachable(database_url, 5432):
        missing.append(f"PostgreSQL at {database_url}")
    if broker_url.startswith("redis") and not _reachable(broker_url, 6379):
        missing.append(f"Redis at {broker_url}")
    if os.environ.get("CI") and not (database_url.startswith("postgres") and broker_url.startswith("redis")):
        missing.append("DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis) must be set under CI")
    if missing:
        pytest.exit("Required services unavailable: " + "; ".join(missing), returncode=1)


def shared_path(*parts: str) -> Path:
    """A file under ../shared (seeds, evaluation data), or a clean skip on a machine that has none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    return path


# --- People -------------------------------------------------------------------------------------------------------

ROLES = ("anonymous", "outsider", "editor", "reviewer", "editor_reviewer", "staff", "superuser")


def make_user(role: str, username: str | None = None):
    from articles import roles, services

    username = username or role
    groups = {
        "editor": [roles.EDITORS],
        "reviewer": [roles.REVIEWERS],
        "editor_reviewer": [roles.EDITORS, roles.REVIEWERS],
    }.get(role, [])
    user = services.desk_user_ensure(
        username=username,
        password="test-pass-123",
        role=groups[0] if groups else None,
        staff=role == "staff",
        superuser=role == "superuser",
    )
    if len(groups) > 1:
        from django.contrib.auth.models import Group

        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(db):
    return make_user("editor")


@pytest.fixture
def reviewer(db):
    return make_user("reviewer")


@pytest.fixture
def second_reviewer(db):
    return make_user("reviewer", "reviewer2")


@pytest.fixture
def staff(db):
    return make_user("staff")


@pytest.fixture
def superuser(db):
    return make_user("superuser")


@pytest.fixture
def api_client_for(db):
    """api_client_for(user) -> a DRF client logged in as that user (None: anonymous)."""
    from rest_framework.test import APIClient

    def build(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return build


@pytest.fixture
def eager_tasks(settings):
    """Run Celery tasks in this process (as the embedded default does), for tests that need a split but no worker."""
    from factcheck.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


# --- Articles -----------------------------------------------------------------------------------------------------


@pytest.fixture
def split_article(db, editor):
    """make(text, **metadata) -> an article stored and split in this process."""
    from articles import ingest, services

    def make(text: str, **metadata):
        document = ingest.document_from_text(text, **metadata)
        article = services.articles_create(documents=[(document, b"")], uploaded_by=editor)[0].article
        services.article_split(article_id=article.pk)
        article.refresh_from_db()
        return article

    return make


SAMPLE_TEXT = """date 2026-01-15
Orbit Labs raises $40 million for its satellite phone

Orbit Labs, the third-largest maker of satellite modems, said on Monday it had raised $40 million.

The company will launch its first phone in July this year with a 1/1.5-inch sensor and a 64MP camera.

Its partnership with the chip maker Quarry has lasted five years, the chief executive said.

Orbit Labs has 120 employees in Lisbon and plans to double that by 2028.

(Image credit: Orbit Labs)
"""


@pytest.fixture
def sample_text():
    return SAMPLE_TEXT


# --- A real Celery worker -----------------------------------------------------------------------------------------


class Worker:
    """A `celery worker` subprocess consuming from the test broker and writing to the test database."""

    def __init__(self, env: dict, concurrency: int = 1, queues: str = "split,match,export"):
        self.env = env
        self.concurrency = concurrency
        self.queues = queues
        self.process: subprocess.Popen | None = None
        self.log_path = ARTIFACTS / f"worker-{os.getpid()}-{time.monotonic_ns()}.log"

    def start(self) -> Worker:
        ARTIFACTS.mkdir(exist_ok=True)
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "factcheck",
                "worker",
                "--pool=prefork",
                f"--concurrency={self.concurrency}",
                f"--queues={self.queues}",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                f"--hostname=test-{time.monotonic_ns()}@%h",
            ],
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early; see {self.log_path}:\n{self.log_path.read_text()[-3000:]}")
            if b"ready." in self.log_path.read_bytes():
                return
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready after {timeout}s; see {self.log_path}")

    def child_pids(self) -> list[int]:
        result = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False)
        return [int(pid) for pid in result.stdout.split()]

    def kill(self) -> None:
        """kill -9 the whole worker (main process and pool children)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "log", None):
            self.log.close()


def worker_environment(**overrides) -> dict:
    from django.db import connection

    settings_dict = connection.settings_dict
    database_url = "postgres://{user}@{host}:{port}/{name}".format(
        user=settings_dict["USER"] or "postgres",
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        name=settings_dict["NAME"],
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": os.environ["CELERY_BROKER_URL"],
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("TEST_DATABASE_NAME", None)
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def purge_broker() -> None:
    from factcheck.celery import app

    with app.connection_for_write() as connection:
        for queue in ("split", "match", "export"):
            connection.default_channel.client.delete(queue)
        # Unacknowledged messages from earlier runs would be restored into the queues later.
        connection.default_channel.client.delete("unacked", "unacked_index")


@pytest.fixture
def celery_worker(transactional_db):
    """A real worker for one test; tests using it see only committed data (transactional_db)."""
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis"):
        pytest.skip("needs CELERY_BROKER_URL pointing at Redis")
    purge_broker()
    worker = Worker(worker_environment()).start()
    yield worker
    worker.stop()


def wait_for(predicate, timeout: float = 30, interval: float = 0.2, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")
