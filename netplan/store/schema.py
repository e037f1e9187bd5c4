"""The data file's shape and version: parsing, the checks that refuse a bad file, and migrations.

The file is TinyDB's layout: ``{table: {doc_id: document}}``. A ``meta`` table holds one document
with ``schema_version``. Older files are migrated forward in memory (and written on the next save);
a newer file is refused and never rewritten.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from netplan.core.errors import DataFileTooNew, DataFileUnreadable

SCHEMA_VERSION = 1
META_TABLE = "meta"
META_ID = "1"

Tables = dict[str, dict[str, Any]]
Migration = Callable[[Tables], Tables]

# MIGRATIONS[n] turns a version-n file into a version-(n + 1) file.
MIGRATIONS: dict[int, Migration] = {}


def empty_tables() -> Tables:
    return {META_TABLE: {META_ID: {"schema_version": SCHEMA_VERSION}}}


def parse(path: Path, raw: bytes, *, newest_backup: Path | None) -> Tables:
    """Parse and shape-check the file's bytes, or raise DataFileUnreadable naming file and backup."""

    def refuse(reason: str) -> DataFileUnreadable:
        hint = f"; newest backup: {newest_backup}" if newest_backup else "; no backup found"
        return DataFileUnreadable(f"{path} cannot be read ({reason}); it was left untouched{hint}")

    if not raw.strip():
        raise refuse("the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise refuse(f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise refuse("the top level is not an object of tables")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise refuse(f"table {table_name!r} is not an object")
        for doc_id, doc in table.items():
            # TinyDB looks documents up by str(int id): "01" or "١" would be unreachable
            if not (doc_id.isascii() and doc_id.isdigit() and str(int(doc_id)) == doc_id and doc_id != "0"):
                raise refuse(f"table {table_name!r} has a malformed document id {doc_id!r}")
            if not isinstance(doc, dict):
                raise refuse(f"table {table_name!r} has a malformed document {doc_id!r}")
    meta = data.get(META_TABLE, {}).get(META_ID)
    if meta is None:
        raise refuse("no schema_version: not a netplan data file")
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise refuse(f"schema_version {version!r} is not a version number")
    return data


def schema_version(tables: Tables) -> int:
    return int(tables[META_TABLE][META_ID]["schema_version"])


def migrate(path: Path, tables: Tables, *, newest_backup: Path | None = None) -> tuple[Tables, bool]:
    """Bring ``tables`` up to SCHEMA_VERSION; returns (tables, whether anything changed)."""
    version = schema_version(tables)
    if version > SCHEMA_VERSION:
        hint = f" Newest backup: {newest_backup}." if newest_backup else ""
        raise DataFileTooNew(
            f"{path} has schema version {version}, newer than this netplan understands "
            f"({SCHEMA_VERSION}); upgrade netplan. The file was left untouched.{hint}"
        )
    changed = False
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise DataFileUnreadable(f"{path}: no migration from schema version {version}")
        try:
            tables = step(tables)
        except Exception as exc:  # a file the migration cannot handle is refused like a corrupt one
            raise DataFileUnreadable(
                f"{path} could not be migrated from schema version {version} ({type(exc).__name__}: {exc}); "
                "it was left untouched"
            ) from None
        version += 1
        tables[META_TABLE][META_ID]["schema_version"] = version
        changed = True
    return tables, changed
