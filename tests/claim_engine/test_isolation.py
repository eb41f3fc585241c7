from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = ("django", "celery", "rest_framework", "articles", "factcheck")


def test_importing_the_engine_loads_no_web_or_queue_framework() -> None:
    code = (
        "import json, sys, claim_engine, claim_engine.__main__\n"
        "claim_engine.extract_claims('Acme sold 5 phones in 2021.')\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    offenders = [name for name in loaded if name.split(".")[0] in FORBIDDEN]
    assert offenders == []
