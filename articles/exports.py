"""Claim exports: a selector yields plain rows in chunks, a small writer per format turns them into bytes.

Nothing is built in memory: rows come from a server-side cursor, and evidence is fetched once per chunk.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

import orjson
from django.db.models import F, QuerySet

from articles.models import Claim, Evidence

CHUNK_SIZE = 2000

EXPORT_FIELDS = (
    "id",
    "article_id",
    "article_title",
    "article_outlet",
    "article_url",
    "article_published",
    "position",
    "text",
    "start",
    "end",
    "score",
    "kind",
    "status",
    "reviewer",
    "reviewed_at",
    "note",
    "facts",
    "evidence",
)

# A spreadsheet runs a cell that starts with one of these as a formula; a leading apostrophe makes it text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def export_rows(claims: QuerySet[Claim]) -> Iterator[dict]:
    rows = (
        claims.order_by("article_id", "position", "id")
        .annotate(
            article_title=F("article__title"),
            article_outlet=F("article__outlet"),
            article_url=F("article__url"),
            article_published=F("article__published"),
            reviewer_name=F("reviewer__username"),
        )
        .values(
            "id",
            "article_id",
            "article_title",
            "article_outlet",
            "article_url",
            "article_published",
            "position",
            "text",
            "start",
            "end",
            "score",
            "kind",
            "status",
            "reviewer_name",
            "reviewed_at",
            "note",
            "facts",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK_SIZE:
            yield from _with_evidence(chunk)
            chunk = []
    if chunk:
        yield from _with_evidence(chunk)


def _with_evidence(chunk: list[dict]) -> Iterator[dict]:
    evidence: dict[int, list[dict]] = {}
    for claim_id, url, note in Evidence.objects.filter(claim_id__in=[row["id"] for row in chunk]).values_list(
        "claim_id", "url", "note"
    ):
        evidence.setdefault(claim_id, []).append({"url": url, "note": note})
    for row in chunk:
        row["reviewer"] = row.pop("reviewer_name") or ""
        row["evidence"] = evidence.get(row["id"], [])
        yield row


def neutralise_formula(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        value = orjson.dumps(value).decode()
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    else:
        value = str(value)
    return neutralise_formula(value)


def write_csv(rows: Iterable[dict]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_FIELDS)
    for count, row in enumerate(rows, 1):
        writer.writerow([_csv_cell(row[field]) for field in EXPORT_FIELDS])
        if count % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _json_row(row: dict) -> bytes:
    return orjson.dumps({field: row[field] for field in EXPORT_FIELDS})


def write_ndjson(rows: Iterable[dict]) -> Iterator[bytes]:
    batch: list[bytes] = []
    for row in rows:
        batch.append(_json_row(row))
        if len(batch) >= 500:
            yield b"\n".join(batch) + b"\n"
            batch = []
    if batch:
        yield b"\n".join(batch) + b"\n"


def write_json(rows: Iterable[dict]) -> Iterator[bytes]:
    yield b"["
    separator = b""
    for row in rows:
        yield separator + _json_row(row)
        separator = b","
    yield b"]\n"


WRITERS = {
    "csv": (write_csv, "text/csv; charset=utf-8", "csv"),
    "ndjson": (write_ndjson, "application/x-ndjson", "ndjson"),
    "json": (write_json, "application/json", "json"),
}
