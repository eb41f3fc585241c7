from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claim_engine", *args], cwd=REPO, capture_output=True, text=True, timeout=60
    )


def test_json_output_lists_claims_with_facts_and_offsets_into_the_file_past_its_date_line(tmp_path) -> None:
    body = "Acme, the third-largest phone maker, will launch its first phone with a 50MP sensor next July."
    path = tmp_path / "article.txt"
    text = f" date 2022-05-23\n{body}"
    path.write_text(text, encoding="utf-8")
    result = run_cli("--json", str(path))
    assert result.returncode == 0, result.stderr
    claims = json.loads(result.stdout)["claims"]
    assert claims and text[claims[0]["start"] : claims[0]["end"]] == claims[0]["text"]
    assert all(text[fact["start"] : fact["end"]] == fact["text"] for fact in claims[0]["facts"])
    facts = {(fact["type"], fact["value"]) for fact in claims[0]["facts"]}
    assert ("date", "2022-07") in facts and ("quantity", 50.0) in facts
    assert set(claims[0]) == {"text", "start", "end", "score", "kind", "facts", "reasons"}


def test_sentences_mode_prints_offsets(tmp_path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("One here. Two there.", encoding="utf-8")
    result = run_cli("--sentences", str(path))
    assert result.stdout.splitlines() == ["0\t9", "10\t20"]


def test_score_lines_prints_one_score_and_flag_per_line(tmp_path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("(Image credit: Acme)\nAcme sold 5 million phones in 2021.\n", encoding="utf-8")
    lines = run_cli("--score-lines", str(path)).stdout.splitlines()
    assert len(lines) == 2
    assert lines[0] == "0.0000\t0"
    score, flag = lines[1].split("\t")
    assert flag in ("0", "1") and float(score) > 0


def test_missing_file_exits_2_with_message_and_no_traceback(tmp_path) -> None:
    result = run_cli(str(tmp_path / "absent.txt"))
    assert result.returncode == 2
    assert "absent.txt" in result.stderr and "Traceback" not in result.stderr


def test_a_reader_that_stops_early_is_no_error(tmp_path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Acme sold 5 million phones in March, up 12% on a year earlier.\n\n" * 4000, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "claim_engine", "--json", str(path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.read(100)  # "| head -c 100": the rest is never read
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""
