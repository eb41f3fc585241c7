"""Sentence boundaries with character offsets (first version: lines, then terminal punctuation)."""

from __future__ import annotations

import re

from claim_engine.types import Sentence

_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for boundary in _BOUNDARY.finditer(line.group()):
            end = line.start() + boundary.end()
            _append_trimmed(text, start, end, sentences)
            start = end
        _append_trimmed(text, start, line.end(), sentences)
    return sentences


def _append_trimmed(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))
