"""Run every benchmark in this folder, one after the other, and print their tables.

Each script measures its own baseline in the same run and prints ratios, so results stay comparable on a shared,
noisy machine. Scripts that need PostgreSQL read BENCH_DATABASE_URL (default: a `factcheck_bench` database on
127.0.0.1, created if missing).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "segmentation.py",
    "engine_speed.py",
    "checkworthiness.py",
    "ingest_speed.py",
    "matching.py",
    "exports.py",
    "admin_changelist.py",
    "bulk_verdict.py",
    "pipeline.py",
]


def main() -> int:
    selected = sys.argv[1:] or [name for name in ORDER if (HERE / name).exists()]
    failures = []
    for name in selected:
        script = HERE / name
        print(f"\n=== {name} " + "=" * max(0, 100 - len(name)), flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, env=os.environ.copy(), check=False)
        print(f"--- {name}: exit {result.returncode} after {time.monotonic() - started:.0f} s", flush=True)
        if result.returncode:
            failures.append(name)
    if failures:
        print("failed: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
