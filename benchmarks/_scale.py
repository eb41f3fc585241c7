"""Shared by the scale benchmarks (exports, admin changelist, bulk verdict, pipeline): a PostgreSQL database of
their own, filled by ``generate_demo_data`` when it holds fewer claims than asked, and small printing helpers.

BENCH_DATABASE_URL names the database (default: ``factcheck_bench`` on 127.0.0.1, created if missing).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_bench")
CLAIMS_PER_ARTICLE = 10


def environment(**overrides) -> dict:
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "DEBUG": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("CELERY_BROKER_URL", None)
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def manage(*args: str, **env) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=environment(**env), capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def ensure_database() -> None:
    parsed = urlparse(DATABASE_URL)
    name = parsed.path.lstrip("/")
    subprocess.run(
        [
            "createdb",
            "-h",
            parsed.hostname or "127.0.0.1",
            "-p",
            str(parsed.port or 5432),
            "-U",
            parsed.username or "postgres",
            name,
        ],
        capture_output=True,
        check=False,
    )
    manage("migrate", "--noinput", "-v", "0")


def setup_django() -> None:
    os.environ.update({"DATABASE_URL": DATABASE_URL, "DEBUG": "1"})
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def ensure_claims(count: int) -> int:
    """At least ``count`` claims in the database (generating the difference); returns how many there are."""
    ensure_database()
    setup_django()
    from articles.models import Claim

    existing = Claim.objects.count()
    if existing < count:
        missing_articles = -(-(count - existing) // CLAIMS_PER_ARTICLE)
        print(f"generating {missing_articles * CLAIMS_PER_ARTICLE:,} claims (have {existing:,}) ...", flush=True)
        print(
            manage(
                "generate_demo_data",
                "--articles",
                str(missing_articles),
                "--claims-per-article",
                str(CLAIMS_PER_ARTICLE),
                "--batch",
                "5000",
            ).strip(),
            flush=True,
        )
        existing = Claim.objects.count()
    return existing


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process ever had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[index]) for row in cells) for index in range(len(headers))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
