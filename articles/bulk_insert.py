"""Many rows into one table at once: PostgreSQL's ``COPY ... FROM STDIN`` there, ``bulk_create`` elsewhere.

An INSERT with parameters costs per row on both sides: Django builds and prepares a model instance per row, the
server parses a parameter list as long as the rows times their columns. COPY streams the rows as they are, which
makes writing a split article's claims, or a million generated ones, a matter of the table's own indexes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import orjson
from django.db import connection, models


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Stream rows into ``table`` with COPY (PostgreSQL only); values are already in the columns' database form."""
    column_list = ", ".join(f'"{column}"' for column in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Insert rows of Python values, one per model instance, named by the fields' attnames in ``columns``."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=500)
        return
    json_columns = [
        index for index, column in enumerate(columns) if isinstance(model._meta.get_field(column), models.JSONField)
    ]
    if json_columns:
        rows = [_json_encoded(row, json_columns) for row in rows]
    copy_rows(model._meta.db_table, columns, rows)


def _json_encoded(row: Sequence, json_columns: list[int]) -> list:
    # COPY's text format hands jsonb columns their text; orjson writes it several times faster than json.dumps.
    encoded = list(row)
    for index in json_columns:
        encoded[index] = orjson.dumps(encoded[index]).decode()
    return encoded


def unset_columns(model: type[models.Model], given: Iterable[str], *, now) -> dict[str, object]:
    """What the database should store for the columns a caller leaves out: defaults, and ``now`` for timestamps."""
    given = set(given)
    values: dict[str, object] = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values[field.attname] = now
        elif field.has_default() or not field.null:
            # For a NOT NULL text column with no default this is "", as Django itself would store.
            values[field.attname] = field.get_default()
    return values
