"""Exports of a million claims through the API, against PostgreSQL's own COPY of the same columns and joins.

Fills the benchmark database to EXPORT_BENCH_CLAIMS claims (default 1,000,000) with generate_demo_data, starts the
app under gunicorn (one sync worker, as in production), streams each format with an HTTP client that discards the
bytes, and reads the worker's peak RSS (VmHWM) from /proc. The baseline is `psql \\copy (SELECT same columns, same
joins) TO STDOUT` into /dev/null, measured in the same run before and after the exports (their mean is the
reference). For scale, the Python writers (values() rows + orjson) on the first 200,000 claims.

Targets: CSV and NDJSON at least 0.5x the rate of COPY; the serving process's peak RSS under 150 MB.

    .venv/bin/python benchmarks/exports.py
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _scale

CLAIMS = int(os.environ.get("EXPORT_BENCH_CLAIMS", 1_000_000))
PYTHON_SAMPLE = 200_000

BASELINE_SQL = """
SELECT c.id, c.article_id, a.title, a.outlet, a.url, a.published, c.position, c.text, c.start, c."end", c.score,
       c.kind, c.status, u.username, c.reviewed_at, c.note, c.facts,
       (SELECT json_agg(json_build_object('url', e.url, 'note', e.note) ORDER BY e.created_at, e.id)
          FROM articles_evidence e WHERE e.claim_id = c.id)
FROM articles_claim c
JOIN articles_article a ON a.id = c.article_id
LEFT JOIN auth_user u ON u.id = c.reviewer_id
ORDER BY c.id
"""


def psql_copy_seconds() -> float:
    parsed = urlparse(_scale.DATABASE_URL)
    statement = "\\copy (" + " ".join(BASELINE_SQL.split()) + ") TO STDOUT WITH (FORMAT csv, HEADER)"
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        subprocess.run(
            [
                "psql",
                "-X",
                "-q",
                "-h",
                parsed.hostname,
                "-p",
                str(parsed.port or 5432),
                "-U",
                parsed.username,
                parsed.path.lstrip("/"),
                "-c",
                statement,
            ],
            stdout=sink,
            check=True,
        )
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = _scale.environment(
        DEBUG="0",
        SECRET_KEY="benchmark-only-secret-key-not-used-anywhere-else-0123456789",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "factcheck.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--timeout",
            "900",
        ],
        cwd=_scale.REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def worker_pid(server: subprocess.Popen) -> int:
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    return int(children[0])


def fetch(port: int, path: str, token: str) -> tuple[int, int, float]:
    """(bytes, newlines, seconds) of one streamed response."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Authorization": f"Token {token}"})
    response = connection.getresponse()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status} {response.read()[:300]!r}")
    size = lines = 0
    while piece := response.read(1 << 20):
        size += len(piece)
        lines += piece.count(b"\n")
    seconds = time.perf_counter() - started
    connection.close()
    return size, lines, seconds


def python_writer_rate() -> tuple[int, float]:
    from articles import exports
    from articles.models import Claim

    last_id = Claim.objects.order_by("id").values_list("id", flat=True)[PYTHON_SAMPLE - 1]
    started = time.perf_counter()
    rows = 0
    for piece in exports.write_ndjson(exports.export_rows(Claim.objects.filter(id__lte=last_id))):
        rows += piece.count(b"\n")
    return rows, time.perf_counter() - started


def main() -> None:
    claims = _scale.ensure_claims(CLAIMS)
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from articles import roles, services

    user = services.desk_user_ensure(username="bench-exporter", password="bench-only-password", role=roles.REVIEWERS)
    token = Token.objects.get_or_create(user=get_user_model().objects.get(pk=user.pk))[0].key

    print(f"{claims:,} claims; baseline: psql \\copy of the same columns and joins into /dev/null", flush=True)
    baseline = [psql_copy_seconds()]
    port = free_port()
    server = start_server(port)
    results = []
    try:
        fetch(port, "/api/claims/export/?format=csv&article=-1", token)  # warm the worker up
        pid = worker_pid(server)
        idle_rss = _scale.peak_rss_mb(pid)
        for export_format in ("csv", "ndjson", "json", "claimreview"):
            size, lines, seconds = fetch(port, f"/api/claims/export/?format={export_format}", token)
            rows = {"csv": lines - 1, "ndjson": lines, "json": lines - 2, "claimreview": lines - 2}[export_format]
            results.append((export_format, rows, size, seconds, _scale.peak_rss_mb(pid)))
            print(f"  {export_format}: {rows:,} rows in {seconds:.1f}s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    baseline.append(psql_copy_seconds())
    copy_seconds = sum(baseline) / len(baseline)
    copy_rate = claims / copy_seconds
    python_rows, python_seconds = python_writer_rate()

    rows_out = [["psql COPY (baseline)", f"{claims:,}", "", f"{copy_seconds:.1f}", f"{copy_rate:,.0f}", "1.00", ""]]
    for export_format, rows, size, seconds, rss in results:
        rows_out.append(
            [
                f"API {export_format}",
                f"{rows:,}",
                f"{size / 1e6:,.0f}",
                f"{seconds:.1f}",
                f"{rows / seconds:,.0f}",
                f"{rows / seconds / copy_rate:.2f}",
                f"{rss:.0f}",
            ]
        )
    rows_out.append(
        [
            "python writers (values+orjson)",
            f"{python_rows:,}",
            "",
            f"{python_seconds:.1f}",
            f"{python_rows / python_seconds:,.0f}",
            f"{python_rows / python_seconds / copy_rate:.2f}",
            "",
        ]
    )
    print()
    print(_scale.table(["export", "rows", "MB", "seconds", "rows/s", "x COPY", "peak RSS MB"], rows_out))
    print(
        f"\nCOPY runs: {', '.join(f'{s:.1f}s' for s in baseline)}; gunicorn worker RSS after warm-up {idle_rss:.0f} MB"
    )
    targets = [(f, rows / seconds / copy_rate, rss) for f, rows, _, seconds, rss in results if f in ("csv", "ndjson")]
    for export_format, ratio, rss in targets:
        verdict = "met" if ratio >= 0.5 and rss < 150 else "NOT met"
        print(f"target {export_format}: >= 0.5x COPY and < 150 MB -> {ratio:.2f}x, {rss:.0f} MB: {verdict}")


if __name__ == "__main__":
    main()
