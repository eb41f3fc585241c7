"""Claim exports in CSV, NDJSON, JSON and schema.org ClaimReview JSON-LD, streamed and never built in memory.

On PostgreSQL the database writes the export itself: the filtered claims queryset is compiled to SQL, wrapped in
``COPY (SELECT ...) TO STDOUT`` and the rows are passed on as they arrive, so an export runs close to the speed of
``COPY`` and the serving process holds one small batch at a time. Elsewhere (the embedded SQLite default) the same
rows come from a ``values()`` iterator and small writers in Python. Both paths produce the same columns and keys.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import orjson
import psycopg
import psycopg.sql
from django.db import connection, transaction
from django.db.models import QuerySet

from articles import selectors
from articles.models import Claim, Evidence

CHUNK_SIZE = 2000
# Bytes gathered before a piece of the stream is handed on: large enough to keep per-chunk overhead negligible,
# small enough that memory stays flat whatever the export size.
STREAM_BYTES = 256 * 1024

# What an export row holds: the selector's columns, with the reviewer by name, then the claim's evidence.
EXPORT_FIELDS = (
    *("reviewer" if column == "reviewer_name" else column for column in selectors.CLAIM_EXPORT_COLUMNS),
    "evidence",
)

# A spreadsheet runs a cell that starts with one of these as a formula; a leading apostrophe makes it text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")

# ClaimReview carries a verdict, so only reviewed claims with a true/false-like verdict are published in it.
CLAIMREVIEW_RATINGS = {
    Claim.Status.VERIFIED: 3,
    Claim.Status.DISPUTED: 2,
    Claim.Status.WRONG: 1,
}
CLAIMREVIEW_BEST, CLAIMREVIEW_WORST = 3, 1


@dataclass(frozen=True)
class ExportFormat:
    content_type: str
    extension: str


FORMATS = {
    "csv": ExportFormat("text/csv; charset=utf-8", "csv"),
    "ndjson": ExportFormat("application/x-ndjson", "ndjson"),
    "json": ExportFormat("application/json", "json"),
    "claimreview": ExportFormat("application/ld+json", "jsonld"),
}


# Told how many rows an export has handed on so far (background jobs record it as their progress).
Progress = Callable[[int], None]


class ExportError(ValueError):
    """Bad export parameters (unknown format); callers turn it into a 400 or a command error."""


def export_stream(
    claims: QuerySet[Claim], export_format: str, *, base_url: str = "", on_progress: Progress | None = None
) -> Iterator[bytes]:
    """Bytes of the export of ``claims`` (already filtered and scoped to the user) in ``export_format``.

    ``base_url`` (scheme and host, no trailing slash) makes the ClaimReview ``url`` of each claim absolute.
    ``on_progress`` is called with the number of rows handed on so far, after each batch and once at the end.
    """
    claims = exported_claims(claims, export_format)
    base_url = base_url.rstrip("/")
    if connection.vendor == "postgresql":
        return _postgres_stream(claims, export_format, base_url, on_progress)
    rows = export_rows(claims, on_progress)
    if export_format == "claimreview":
        return write_claimreview(rows, base_url)
    return WRITERS[export_format](rows)


UNKNOWN_FORMAT = "Unknown format “{input}”; use one of: " + ", ".join(sorted(FORMATS)) + "."


def require_format(export_format: str) -> None:
    if export_format not in FORMATS:
        raise ExportError(UNKNOWN_FORMAT.format(input=export_format))


def exported_claims(claims: QuerySet[Claim], export_format: str) -> QuerySet[Claim]:
    """The claims an export in ``export_format`` writes: ClaimReview publishes only claims with a verdict."""
    require_format(export_format)
    if export_format == "claimreview":
        return claims.filter(status__in=list(CLAIMREVIEW_RATINGS))
    return claims


def export_filename(export_format: str, stamp: str) -> str:
    return f"claims-{stamp}.{FORMATS[export_format].extension}"


# --- PostgreSQL: COPY straight from the database ------------------------------------------------------------------


SQL_CONTROL_CHARACTERS = {"\t": "E'\\t'", "\r": "E'\\r'", "\n": "E'\\n'"}
FORMULA_PREFIXES_SQL = ", ".join(SQL_CONTROL_CHARACTERS.get(char, f"'{char}'") for char in FORMULA_PREFIXES)


def _safe(expression: str) -> str:
    """SQL that prefixes an apostrophe to a value a spreadsheet would run as a formula (see FORMULA_PREFIXES)."""
    return (
        f"CASE WHEN left({expression}, 1) IN ({FORMULA_PREFIXES_SQL}) THEN '''' || {expression} ELSE {expression} END"
    )


# Always ISO 8601 whatever the server's DateStyle, and the same text the JSON formats carry.
def _iso(expression: str) -> str:
    return f"(to_json({expression}) #>> '{{}}')"


EVIDENCE_SQL = (
    "COALESCE((SELECT json_agg(json_build_object('url', e.url, 'note', e.note) ORDER BY e.created_at, e.id) "
    "FROM articles_evidence e WHERE e.claim_id = t.id), '[]'::json)"
)

CSV_COLUMNS = {
    "id": "t.id",
    "article_id": "t.article_id",
    "article_title": _safe("t.article_title"),
    "article_outlet": _safe("t.article_outlet"),
    "article_url": _safe("t.article_url"),
    "article_published": _iso("t.article_published"),
    "position": "t.position",
    "text": _safe("t.text"),
    "start": "t.start",
    "end": 't."end"',
    "score": "t.score",
    "kind": "t.kind",
    "status": "t.status",
    "reviewer": _safe("COALESCE(t.reviewer_name, '')"),
    "reviewed_at": _iso("t.reviewed_at"),
    "note": _safe("t.note"),
    # Always a JSON list or object (written by the splitter), so it starts with "[" or "{", never a formula.
    "facts": "t.facts::text",
    "evidence": f"({EVIDENCE_SQL})::text",
}

# Each value rendered as JSON text. NDJSON and JSON rows are joined from these with ``||`` rather than built with
# json_build_object, which costs about 1.6 times as much per row (measured on a million claims).
JSON_COLUMNS = {
    **{field: f"to_json(t.{field})::text" for field in EXPORT_FIELDS},
    "id": "t.id::text",
    "article_id": "t.article_id::text",
    "article_published": "COALESCE(to_json(t.article_published)::text, 'null')",
    "position": "t.position::text",
    "start": "t.start::text",
    "end": 't."end"::text',
    "reviewer": "to_json(COALESCE(t.reviewer_name, ''))::text",
    "reviewed_at": "COALESCE(to_json(t.reviewed_at)::text, 'null')",
    "facts": "COALESCE(t.facts::text, 'null')",
    "evidence": f"({EVIDENCE_SQL})::text",
}


def _json_text(pairs: dict[str, str]) -> str:
    """SQL concatenating one JSON object from ``key: SQL giving JSON text`` pairs (keys are constants)."""
    parts = []
    for index, (key, value) in enumerate(pairs.items()):
        opening = "," if index else "{"
        parts.extend([f"'{opening}\"{key}\":'", value])
    return " || ".join([*parts, "'}'"])


def _json_object(pairs: dict[str, str]) -> str:
    return "json_build_object(" + ", ".join(f"'{key}', {value}" for key, value in pairs.items()) + ")"


def _claimreview_sql(quoted_base: str) -> str:
    rating_value = "CASE t.status " + " ".join(
        f"WHEN '{status}' THEN {value}" for status, value in CLAIMREVIEW_RATINGS.items()
    )
    rating_name = "CASE t.status " + " ".join(
        f"WHEN '{status}' THEN '{Claim.Status(status).label}'" for status in CLAIMREVIEW_RATINGS
    )
    appearance = _json_object(
        {
            "@type": "'NewsArticle'",
            "headline": "t.article_title",
            "url": "NULLIF(t.article_url, '')",
            "datePublished": "t.article_published",
            # An article with no known outlet has no publisher, rather than one with an empty name.
            "publisher": "CASE WHEN t.article_outlet = '' THEN NULL ELSE "
            + _json_object({"@type": "'Organization'", "name": "t.article_outlet"})
            + " END",
        }
    )
    return _json_object(
        {
            "@type": "'ClaimReview'",
            "url": f"{quoted_base} || '/articles/' || t.article_id || '/?claim=' || t.id",
            "identifier": "t.id",
            "claimReviewed": "t.text",
            "datePublished": "to_char(t.reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
            "author": _json_object({"@type": "'Person'", "name": "COALESCE(t.reviewer_name, '')"}),
            "reviewRating": _json_object(
                {
                    "@type": "'Rating'",
                    "ratingValue": rating_value + " END",
                    "bestRating": str(CLAIMREVIEW_BEST),
                    "worstRating": str(CLAIMREVIEW_WORST),
                    "alternateName": rating_name + " END",
                }
            ),
            "reviewBody": "t.note",
            "itemReviewed": _json_object({"@type": "'Claim'", "appearance": appearance}),
        }
    )


def _select_sql(claims: QuerySet[Claim], export_format: str, base_url: str) -> str:
    """The whole export as one SELECT, with the queryset's filters compiled in and their parameters bound."""
    if claims.query.is_empty():
        # An empty queryset (a user who may read nothing) has no SQL; ids are positive, so this selects nothing.
        claims = Claim.objects.filter(pk__lt=0)
    inner, params = selectors.claims_for_export(claims).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        inner = psycopg.ClientCursor(cursor.connection).mogrify(inner, params)
        quoted_base = psycopg.sql.Literal(base_url).as_string(cursor.connection)
    if export_format == "csv":
        columns = ", ".join(f'{sql} AS "{name}"' for name, sql in CSV_COLUMNS.items())
    elif export_format == "claimreview":
        columns = _claimreview_sql(quoted_base)
    else:
        columns = _json_text(JSON_COLUMNS)
    # Every piece is built here from constants; the only outside values are the queryset's parameters, which
    # psycopg has quoted (mogrify) above.
    return f"SELECT {columns} FROM ({inner}) AS t ORDER BY t.id"  # noqa: S608


def copy_statement(claims: QuerySet[Claim], export_format: str, base_url: str = "") -> str:
    select = _select_sql(claims, export_format, base_url)
    if export_format == "csv":
        return f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER)"
    # JSON text from PostgreSQL escapes every control character, so with these two control characters as quote and
    # delimiter nothing is ever quoted or escaped: each row arrives as exactly one JSON document and a newline.
    return f"COPY ({select}) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"


def _copy_batches(statement: str, on_progress: Progress | None = None, *, header: bool = False) -> Iterator[bytes]:
    # The request's own connection, used from the thread that serves the response (WSGI). Closing the generator
    # (client gone, response closed) exits the COPY block, which cancels the query on the server; the atomic block
    # rolls that back to a savepoint, so a caller's surrounding transaction stays usable.
    with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        batch: list = []
        # COPY hands on one row at a time, a CSV header first, which is not a claim.
        size, rows = 0, -1 if header else 0
        for row in copy:
            batch.append(row)
            size += len(row)
            rows += 1
            if size >= STREAM_BYTES:
                yield b"".join(batch)
                batch, size = [], 0
                if on_progress:
                    on_progress(rows)
        if batch:
            yield b"".join(batch)
    if on_progress:
        on_progress(rows)


def _postgres_stream(
    claims: QuerySet[Claim], export_format: str, base_url: str, on_progress: Progress | None = None
) -> Iterator[bytes]:
    statement = copy_statement(claims, export_format, base_url)
    batches = _copy_batches(statement, on_progress, header=export_format == "csv")
    if export_format in ("csv", "ndjson"):
        yield from batches
        return
    opening = b'{"@context":"https://schema.org","@graph":[\n' if export_format == "claimreview" else b"[\n"
    closing = b"\n]}\n" if export_format == "claimreview" else b"\n]\n"
    yield opening
    separator = b""
    for batch in batches:
        # A newline only ever ends a row (JSON escapes newlines inside strings), so rows become array items.
        yield separator + batch[:-1].replace(b"\n", b",\n")
        separator = b",\n"
    yield closing


# --- Python writers (SQLite and any other database) ---------------------------------------------------------------


def export_rows(claims: QuerySet[Claim], on_progress: Progress | None = None) -> Iterator[dict]:
    rows = selectors.claims_for_export(claims).iterator(chunk_size=CHUNK_SIZE)
    chunk: list[dict] = []
    done = 0
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK_SIZE:
            yield from _with_evidence(chunk)
            done += len(chunk)
            chunk = []
            if on_progress:
                on_progress(done)
    if chunk:
        yield from _with_evidence(chunk)
        done += len(chunk)
    if on_progress:
        on_progress(done)


def _with_evidence(chunk: list[dict]) -> Iterator[dict]:
    evidence: dict[int, list[dict]] = {}
    links = Evidence.objects.filter(claim_id__in=[row["id"] for row in chunk]).order_by("created_at", "id")
    for claim_id, url, note in links.values_list("claim_id", "url", "note"):
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
    if isinstance(value, int | float):
        return str(value)
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


def _json_lines(items: Iterable[bytes], separator: bytes) -> Iterator[bytes]:
    batch: list[bytes] = []
    first = True
    for item in items:
        batch.append(item)
        if len(batch) >= 500:
            yield (b"" if first else separator) + separator.join(batch)
            batch, first = [], False
    if batch:
        yield (b"" if first else separator) + separator.join(batch)


def write_ndjson(rows: Iterable[dict]) -> Iterator[bytes]:
    yield from _json_lines((_json_row(row) + b"\n" for row in rows), b"")


def write_json(rows: Iterable[dict]) -> Iterator[bytes]:
    yield b"[\n"
    yield from _json_lines((_json_row(row) for row in rows), b",\n")
    yield b"\n]\n"


def claimreview_item(row: dict, base_url: str) -> dict:
    status = row["status"]
    published = row["article_published"]
    return {
        "@type": "ClaimReview",
        "url": f"{base_url}/articles/{row['article_id']}/?claim={row['id']}",
        "identifier": row["id"],
        "claimReviewed": row["text"],
        "datePublished": row["reviewed_at"].date().isoformat() if row["reviewed_at"] else None,
        "author": {"@type": "Person", "name": row["reviewer"]},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": CLAIMREVIEW_RATINGS[status],
            "bestRating": CLAIMREVIEW_BEST,
            "worstRating": CLAIMREVIEW_WORST,
            "alternateName": Claim.Status(status).label,
        },
        "reviewBody": row["note"],
        "itemReviewed": {
            "@type": "Claim",
            "appearance": {
                "@type": "NewsArticle",
                "headline": row["article_title"],
                "url": row["article_url"] or None,
                "datePublished": published.isoformat() if published else None,
                "publisher": (
                    {"@type": "Organization", "name": row["article_outlet"]} if row["article_outlet"] else None
                ),
            },
        },
    }


def write_claimreview(rows: Iterable[dict], base_url: str) -> Iterator[bytes]:
    yield b'{"@context":"https://schema.org","@graph":[\n'
    yield from _json_lines((orjson.dumps(claimreview_item(row, base_url)) for row in rows), b",\n")
    yield b"\n]}\n"


WRITERS = {"csv": write_csv, "ndjson": write_ndjson, "json": write_json}
