"""Simulated desk users for a bounded load run, with the standard library alone.

Editors upload small generated articles (unique text each) through ``POST /api/articles/``; reviewers list claims
and give verdicts with ``PATCH /api/claims/<id>/`` naming the version they read, re-reading after a 409;
exporters stream ``/api/claims/export/`` as CSV or NDJSON to the last byte. Every user is a thread with its own
API token; every request opens its own connection, so no idle keep-alive connection is ever cut under a retry.

Threads and ``http.client`` rather than locust: the generator then needs no new dependency, starts in well under
a second inside the test suite, shares the process with Django (locust's gevent monkey-patching would not), and the
in-suite run and ``make loadtest`` are one code path with the same accounting. Traffic goes only to 127.0.0.1,
stops at the deadline, and every request has a timeout.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlparse

VERDICTS = ("verified", "disputed", "wrong", "not_a_claim")
REQUEST_TIMEOUT = 60

COMPANIES = ("Orbit Labs", "Kestrel Air", "Norrland Rail", "Quarry Chips", "Harbour Foods", "Lumen Grid")
CITIES = ("Lisbon", "Oslo", "Porto", "Bergen", "Gdansk", "Tallinn")


def article_text(rng: random.Random) -> str:
    """A short news item with numbers the claim engine picks out; a random tag keeps every upload distinct."""
    company, city = rng.choice(COMPANIES), rng.choice(CITIES)
    tag = uuid.UUID(int=rng.getrandbits(128)).hex[:12]
    raised, staff, year, share = rng.randint(5, 900), rng.randint(20, 9000), rng.randint(2027, 2035), rng.randint(2, 60)
    return (
        f"{company} expands in {city} (report {tag})\n\n"
        f"{company} said on Monday it had raised ${raised} million to open a second site in {city}.\n\n"
        f"The company employs {staff} people and plans to double that by {year}, its chief executive said.\n\n"
        f"Its market share rose to {share}% last year, the third-largest in the region.\n\n"
        f"Analysts at the bank said the plan was ambitious.\n"
    )


@dataclass
class Stats:
    """Latencies and statuses per endpoint, and what the run sent that the server must have kept."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    failures: list[str] = field(default_factory=list)
    accepted_article_ids: list[int] = field(default_factory=list)
    verdicts_sent: Counter = field(default_factory=Counter)  # claim id -> 200 answers to a PATCH
    conflicts: int = 0
    exported_bytes: int = 0

    def record(self, endpoint: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies[endpoint].append(seconds)
            self.statuses[endpoint][status] += 1

    def fail(self, message: str) -> None:
        with self.lock:
            if len(self.failures) < 200:
                self.failures.append(message)

    @property
    def requests(self) -> int:
        return sum(sum(counter.values()) for counter in self.statuses.values())

    def count(self, predicate) -> int:
        return sum(n for counter in self.statuses.values() for status, n in counter.items() if predicate(status))

    def table(self) -> str:
        rows = [("endpoint", "requests", "p50 ms", "p95 ms", "max ms", "statuses")]
        for endpoint in sorted(self.latencies):
            values = sorted(self.latencies[endpoint])
            statuses = " ".join(f"{status}:{n}" for status, n in sorted(self.statuses[endpoint].items()))
            rows.append(
                (
                    endpoint,
                    str(len(values)),
                    f"{percentile(values, 50) * 1000:.0f}",
                    f"{percentile(values, 95) * 1000:.0f}",
                    f"{values[-1] * 1000:.0f}",
                    statuses,
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
        lines.insert(1, "  ".join("-" * width for width in widths))
        return "\n".join(lines)


def percentile(sorted_values: list[float], percent: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return 0.0
    rank = max(1, round(percent / 100 * len(sorted_values) + 0.5))
    return sorted_values[min(rank, len(sorted_values)) - 1]


class Client:
    """One user's HTTP client for a server on 127.0.0.1: a new connection per request, token auth, JSON."""

    def __init__(self, base_url: str, token: str, stats: Stats):
        parsed = urlparse(base_url)
        if parsed.hostname not in ("127.0.0.1", "localhost"):
            raise ValueError(f"load runs go to 127.0.0.1 only, not {parsed.hostname}")
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        self.stats = stats

    def request(self, method: str, path: str, endpoint: str, body: dict | None = None) -> tuple[int, bytes]:
        """(status, body); status 0 when the connection failed. Streamed bodies are read to the end."""
        headers = dict(self.headers)
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            chunks = []
            while chunk := response.read(65536):
                chunks.append(chunk)
            status, data = response.status, b"".join(chunks)
        except (OSError, http.client.HTTPException) as error:
            status, data = 0, str(error).encode()
        finally:
            connection.close()
        self.stats.record(endpoint, time.perf_counter() - started, status)
        if status == 0 or status >= 500:
            self.stats.fail(f"{method} {path}: {status} {data[:300]!r}")
        return status, data


@dataclass
class Plan:
    editors: list[str]
    reviewers: list[str]
    exporters: list[str]
    seconds: float
    seed: int = 7
    # Pauses between one user's actions, in seconds (a person reading, not a benchmark loop).
    editor_pause: tuple[float, float] = (1.0, 3.0)
    reviewer_pause: tuple[float, float] = (0.5, 1.5)
    exporter_pause: tuple[float, float] = (1.0, 3.0)


def _editor(client: Client, rng: random.Random, deadline: float, pause: tuple[float, float], stop) -> None:
    while time.monotonic() < deadline and not stop.is_set():
        status, data = client.request(
            "POST", "/api/articles/", "POST /api/articles/", {"text": article_text(rng), "outlet": "Load Desk"}
        )
        if status in (200, 201):
            ids = [item["id"] for item in json.loads(data)]
            with client.stats.lock:
                client.stats.accepted_article_ids.extend(ids)
        elif status:
            client.stats.fail(f"upload answered {status}: {data[:300]!r}")
        stop.wait(rng.uniform(*pause))


def _give_verdict(client: Client, rng: random.Random, claim: dict) -> None:
    """PATCH a verdict other than the current one, naming the version read; on 409 re-read and try again."""
    for _ in range(3):
        verdict = rng.choice([value for value in VERDICTS if value != claim["status"]])
        status, data = client.request(
            "PATCH",
            f"/api/claims/{claim['id']}/",
            "PATCH /api/claims/{id}/",
            {"status": verdict, "version": claim["version"]},
        )
        if status == 200:
            with client.stats.lock:
                client.stats.verdicts_sent[claim["id"]] += 1
            return
        if status != 409:
            if status:
                client.stats.fail(f"verdict answered {status}: {data[:300]!r}")
            return
        with client.stats.lock:
            client.stats.conflicts += 1
        status, data = client.request("GET", f"/api/claims/{claim['id']}/", "GET /api/claims/{id}/ (after 409)")
        if status != 200:
            return
        claim = json.loads(data)


def _reviewer(client: Client, rng: random.Random, deadline: float, pause: tuple[float, float], stop) -> None:
    while time.monotonic() < deadline and not stop.is_set():
        # Mostly the unreviewed queue (where reviewers collide), sometimes any claim (a second opinion).
        query = "?status=unreviewed&page_size=25" if rng.random() < 0.8 else "?page_size=25&ordering=-score"
        status, data = client.request("GET", "/api/claims/" + query, "GET /api/claims/")
        if status == 200:
            claims = json.loads(data)["results"]
            if claims:
                _give_verdict(client, rng, rng.choice(claims))
        stop.wait(rng.uniform(*pause))


def _exporter(client: Client, rng: random.Random, deadline: float, pause: tuple[float, float], stop) -> None:
    while time.monotonic() < deadline and not stop.is_set():
        export_format = rng.choice(("csv", "ndjson"))
        status, data = client.request(
            "GET", f"/api/claims/export/?format={export_format}", f"GET /api/claims/export/ ({export_format})"
        )
        if status == 200:
            with client.stats.lock:
                client.stats.exported_bytes += len(data)
            if not data.endswith(b"\n"):
                client.stats.fail(f"{export_format} export ended mid-row ({len(data)} bytes)")
        stop.wait(rng.uniform(*pause))


def run(base_url: str, plan: Plan) -> Stats:
    """Run every user until ``plan.seconds`` have passed, then wait for requests in flight; returns the stats."""
    stats = Stats()
    stop = threading.Event()
    deadline = time.monotonic() + plan.seconds
    master = random.Random(plan.seed)  # noqa: S311 - load shapes, not secrets
    users = (
        [(_editor, token, plan.editor_pause) for token in plan.editors]
        + [(_reviewer, token, plan.reviewer_pause) for token in plan.reviewers]
        + [(_exporter, token, plan.exporter_pause) for token in plan.exporters]
    )
    threads = []
    for number, (behaviour, token, pause) in enumerate(users):
        rng = random.Random(master.getrandbits(64))  # noqa: S311
        client = Client(base_url, token, stats)

        def start(behaviour=behaviour, client=client, rng=rng, pause=pause, delay=number * 0.05):
            # A short ramp, so that 50 users do not all log their first request in the same millisecond.
            if not stop.wait(delay):
                behaviour(client, rng, deadline, pause, stop)

        thread = threading.Thread(target=start, name=f"load-user-{number}", daemon=True)
        thread.start()
        threads.append(thread)
    try:
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 5)
    finally:
        stop.set()
    return stats
