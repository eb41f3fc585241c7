"""Tools for fault tests: hold a table lock to freeze a split mid-transaction, private Redis/PostgreSQL/web servers
on free ports (the machine's shared ones are never stopped), and celery beat. Every process is torn down."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from tests.conftest import ARTIFACTS, REPO, wait_for
from tests.reliability.conftest import free_port


def database_dsn() -> str:
    from django.db import connection

    settings = connection.settings_dict
    return "host={} port={} user={} dbname={}".format(
        settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432, settings["USER"] or "postgres", settings["NAME"]
    )


class ClaimsTableLock:
    """Holds an EXCLUSIVE lock on the claims table from a separate connection: a split that reaches the point of
    writing its claims waits there, holding its article's row lock, until released, so a test can kill the
    worker at exactly that point."""

    def __init__(self, dsn: str):
        self.dsn = dsn
        self.connection: psycopg.Connection | None = None

    def __enter__(self) -> ClaimsTableLock:
        self.connection = psycopg.connect(self.dsn)
        self.connection.execute("LOCK TABLE articles_claim IN EXCLUSIVE MODE")
        return self

    def waiting_splits(self, table: str = "articles_claim") -> int:
        """Backends waiting for a lock while running a statement on ``table`` (None: any table)."""
        with psycopg.connect(self.dsn, autocommit=True) as probe:
            row = probe.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND query ILIKE %s",
                (f"%{table or ''}%",),
            ).fetchone()
        return row[0]

    def wait_for_waiting_splits(self, count: int = 1, timeout: float = 60) -> None:
        wait_for(lambda: self.waiting_splits() >= count, timeout=timeout, message=f"{count} split(s) blocked")

    def release(self) -> None:
        if self.connection is not None:
            self.connection.rollback()
            self.connection.close()
            self.connection = None

    def __exit__(self, *exc) -> None:
        self.release()


class Process:
    """A background process with its log under test-artifacts/, stopped with its whole process group."""

    def __init__(self, name: str, args: list[str], env: dict | None = None, cwd: Path = REPO):
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path = ARTIFACTS / f"{name}-{os.getpid()}-{time.monotonic_ns()}.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()

    def text(self) -> str:
        return self.log_path.read_text(errors="replace")


class PrivateRedis:
    """A throwaway redis-server on a free port, without persistence, like the machine's own."""

    def __init__(self):
        if not shutil.which("redis-server"):
            import pytest

            pytest.skip("redis-server is not installed")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.server: Process | None = None

    def start(self) -> PrivateRedis:
        self.server = Process(
            "redis",
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        )
        wait_for(lambda: b"Ready to accept" in self.server.log_path.read_bytes(), timeout=20, message="redis up")
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop(signal.SIGKILL)
            self.server = None


def start_beat(env: dict) -> Process:
    """celery beat with the schedule from settings (CELERY_BEAT_SCHEDULE), its state in a temp dir."""
    state = Path(tempfile.mkdtemp(prefix="beat-"))
    beat = Process(
        "beat",
        [
            sys.executable, "-m", "celery", "-A", "factcheck", "beat", "--loglevel=INFO",
            f"--schedule={state / 'schedule'}", f"--pidfile={state / 'beat.pid'}",
        ],
        env=env,
    )  # fmt: skip
    wait_for(lambda: b"beat: Starting" in beat.log_path.read_bytes() or not beat.alive(), timeout=30, message="beat")
    assert beat.alive(), beat.text()[-2000:]
    return beat


def start_web(env: dict, *, workers: int = 2, threads: int = 4) -> tuple[Process, str]:
    """The app under gunicorn, as deployed, on a free port of 127.0.0.1."""
    import urllib.request

    port = free_port()
    web = Process(
        "web",
        [
            sys.executable, "-m", "gunicorn", "factcheck.wsgi:application", f"--bind=127.0.0.1:{port}",
            f"--workers={workers}", f"--threads={threads}", "--timeout=60", "--graceful-timeout=5",
        ],
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def answering() -> bool:
        if not web.alive():
            raise AssertionError(web.text()[-3000:])
        try:
            urllib.request.urlopen(base + "/login/", timeout=2)
            return True
        except OSError:
            return False

    wait_for(answering, timeout=60, message="gunicorn answering")
    return web, base


def record_measurement(name: str, value: float) -> None:
    """Measured figures for the README, in test-artifacts/ (never asserted: they depend on the machine)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "reliability-measurements.json"
    figures = json.loads(path.read_text()) if path.exists() else {}
    figures[name] = round(value, 2)
    path.write_text(json.dumps(figures, indent=2, sort_keys=True))
