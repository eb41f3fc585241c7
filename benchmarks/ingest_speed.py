"""Ingest throughput: MB/s of document_from_upload on ordinary and awkward text, and linearity (5 MB vs 5 KB).

The baseline is a plain UTF-8 decode of the same bytes in the same run, so the ratios hold on a noisy machine.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles.ingest import document_from_upload

SENTENCE = b"The partnership lasted five years, and the sensor measures 1/1.1 inches. "


def best_rate(function, data: bytes, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function(data)
        best = min(best, time.perf_counter() - started)
    return len(data) / best / 1e6


def main() -> None:
    shapes = {
        "prose, 5 MB": SENTENCE * (5_000_000 // len(SENTENCE)),
        "prose, 5 KB": SENTENCE * (5_000 // len(SENTENCE)),
        "one 5 MB line of spaces": b"a" + b" " * 5_000_000 + b"b",
        "5 MB of blank lines": b"a" + b"\n" * 5_000_000 + b"b",
        "html, 5 MB": b"<html><body>" + (b"<p>" + SENTENCE + b"</p>") * (5_000_000 // (len(SENTENCE) + 7)) + b"</body>",
    }
    print(f"{'input':28} {'ingest MB/s':>12} {'decode MB/s':>12} {'ingest/decode':>14}")
    rates = {}
    for name, data in shapes.items():
        filename = "a.html" if name.startswith("html") else "a.txt"
        ingest_rate = best_rate(lambda payload, filename=filename: document_from_upload(filename, payload), data)
        decode_rate = best_rate(lambda payload: payload.decode("utf-8"), data)
        rates[name] = ingest_rate
        print(f"{name:28} {ingest_rate:12.1f} {decode_rate:12.1f} {ingest_rate / decode_rate:14.4f}")
    print(f"linearity (5 MB rate / 5 KB rate): {rates['prose, 5 MB'] / rates['prose, 5 KB']:.2f}")


if __name__ == "__main__":
    main()
