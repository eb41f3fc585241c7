"""The whole pipeline against the engine alone: import, split by two real Celery workers, store.

Builds PIPELINE_BENCH_ARTICLES article files (default 1000, so that starting the importer is a small part of the
time) from the seed articles in ../shared/seeds (beside the checkout; each file joins the paragraphs of
PIPELINE_BENCH_SEEDS_PER_ARTICLE seeds in a shuffled order, so every text is different and about the length of a
news story), into a temporary folder outside the repository. Then:

- pipeline: two `celery worker` processes (one process each, queue "split") against a fresh database
  (factcheck_pipeline_bench) and Redis (BENCH_BROKER_URL, default DB 6), timed from the start of
  `manage.py import_articles DIR --wait` until every article is split and its claims are stored;
- baseline: claim_engine.extract_claims on the very texts the workers split (read back from the database), in two
  processes, as the two workers had two processes (mean of two runs).

Matching (the "match" queue, run after each split) is not part of either side: no worker consumes it here.

Target: pipeline throughput at least 0.7x the engine's (Django, Celery and the database cost at most 30%).

    .venv/bin/python benchmarks/pipeline.py
"""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _scale

ARTICLES = int(os.environ.get("PIPELINE_BENCH_ARTICLES", 1000))
SEEDS_PER_ARTICLE = int(os.environ.get("PIPELINE_BENCH_SEEDS_PER_ARTICLE", 2))
WORKERS = 2
SEEDS = _scale.REPO.parent / "shared" / "seeds"
DATABASE_URL = os.environ.get(
    "PIPELINE_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_pipeline_bench"
)
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/6")


def build_articles(folder: Path) -> int:
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"no seed articles in {SEEDS}")
    rng = random.Random(5)
    total = 0
    for number in range(ARTICLES):
        chosen = rng.sample(seeds, min(SEEDS_PER_ARTICLE, len(seeds)))
        first_line, _, _ = chosen[0].partition("\n")
        paragraphs = [p for seed in chosen for p in re.split(r"\n\s*\n", seed.partition("\n")[2]) if p.strip()]
        rng.shuffle(paragraphs)
        text = first_line + "\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"article-{number:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def env() -> dict:
    # As deployed: DEBUG off, so that Django does not record every query the workers and the importer run.
    return _scale.environment(
        DATABASE_URL=DATABASE_URL, CELERY_BROKER_URL=BROKER_URL, DEBUG="0", SECRET_KEY="pipeline-benchmark-only"
    )


def fresh_database() -> None:
    from urllib.parse import urlparse

    parsed = urlparse(DATABASE_URL)
    connection_args = ["-h", parsed.hostname, "-p", str(parsed.port or 5432), "-U", parsed.username]
    name = parsed.path.lstrip("/")
    subprocess.run(["dropdb", "--if-exists", *connection_args, name], check=True, capture_output=True)
    subprocess.run(["createdb", *connection_args, name], check=True, capture_output=True)
    run_manage("migrate", "--noinput", "-v", "0")
    run_manage("shell", "-c", SETUP_EDITOR)


SETUP_EDITOR = (
    "from articles import roles, services; "
    "services.desk_user_ensure(username='bench-importer', password='bench-only-password', role=roles.EDITORS)"
)


def run_manage(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=_scale.REPO, env=env(), capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def purge_queues() -> None:
    run_manage("shell", "-c", "from factcheck.celery import app; app.control.purge()")


def start_worker(number: int, log_dir: Path) -> subprocess.Popen:
    log = open(log_dir / f"worker-{number}.log", "wb")  # noqa: SIM115 - the process owns it until it ends
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "factcheck",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--queues=split",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=pipeline-bench-{number}-{os.getpid()}@%h",
        ],
        cwd=_scale.REPO,
        env=env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_ready(workers: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        reply = run_manage("shell", "-c", "from factcheck.celery import app; print(len(app.control.ping(timeout=1)))")
        if int(reply.strip().splitlines()[-1]) >= len(workers):
            return
    raise SystemExit("workers did not come up")


def split_stored_texts() -> list[tuple[str, object]]:
    _scale.DATABASE_URL = DATABASE_URL
    _scale.setup_django()
    from articles.models import Article

    return list(Article.objects.order_by("id").values_list("text", "published"))


def _engine(item: tuple[str, object]) -> int:
    from claim_engine import extract_claims

    text, published = item
    return len(extract_claims(text, published=published))


def engine_seconds(texts: list[tuple[str, object]]) -> tuple[float, int]:
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        pool.map(_engine, texts[:WORKERS], chunksize=1)  # imports and warm-up, outside the timing
        started = time.perf_counter()
        claims = sum(pool.map(_engine, texts, chunksize=4))
        return time.perf_counter() - started, claims


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="factcheck-pipeline-"))
    logs = Path(tempfile.mkdtemp(prefix="factcheck-pipeline-logs-"))
    try:
        size = build_articles(folder)
        print(f"{ARTICLES} articles, {size / ARTICLES / 1024:.1f} KB each on average, {WORKERS} workers", flush=True)
        fresh_database()
        purge_queues()
        workers = [start_worker(number, logs) for number in range(WORKERS)]
        try:
            wait_ready(workers)
            started = time.perf_counter()
            output = run_manage("import_articles", str(folder), "--user", "bench-importer", "--quiet", "--wait", "900")
            pipeline_seconds = time.perf_counter() - started
        finally:
            for worker in workers:
                os.killpg(worker.pid, 15)
            for worker in workers:
                worker.wait(timeout=30)
            purge_queues()
        print(output.strip())
        texts = split_stored_texts()
        from articles.models import Article, Claim

        split = Article.objects.filter(status=Article.Status.SPLIT).count()
        stored_claims = Claim.objects.count()
        # Twice, around a pause: on a shared machine one measurement can land on someone else's busy moment.
        engine_runs = [engine_seconds(texts)]
        time.sleep(2)
        engine_runs.append(engine_seconds(texts))
        engine = sum(seconds for seconds, _ in engine_runs) / len(engine_runs)
        engine_claims = engine_runs[0][1]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(logs, ignore_errors=True)

    engine_rate = len(texts) / engine
    pipeline_rate = split / pipeline_seconds
    rows = [
        [
            f"engine alone ({WORKERS} processes)",
            len(texts),
            f"{engine_claims:,}",
            f"{engine:.1f}",
            f"{engine_rate:.1f}",
            f"{size / engine / 1e6:.2f}",
            "1.00",
        ],
        [
            "import + 2 Celery workers + PostgreSQL",
            split,
            f"{stored_claims:,}",
            f"{pipeline_seconds:.1f}",
            f"{pipeline_rate:.1f}",
            f"{size / pipeline_seconds / 1e6:.2f}",
            f"{pipeline_rate / engine_rate:.2f}",
        ],
    ]
    print()
    print(_scale.table(["run", "articles", "claims", "seconds", "articles/s", "MB/s", "x engine"], rows))
    ratio = pipeline_rate / engine_rate
    print(f"\ntarget: pipeline >= 0.7x the engine -> {ratio:.2f}x: {'met' if ratio >= 0.7 else 'NOT met'}")
    if stored_claims != engine_claims:
        print(f"note: workers stored {stored_claims:,} claims, the engine alone found {engine_claims:,}")


if __name__ == "__main__":
    main()
