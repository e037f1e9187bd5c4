"""The data file's shape and version: parsing, the checks that refuse a bad file, and migrations.

The file is TinyDB's layout: ``{table: {doc_id: document}}``. A ``meta`` table holds one document
with ``schema_version``. Older files are migrated forward in memory (and written on the next save);
a newer file is refused and never rewritten.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from netplan.core.errors import DataFileTooNew, DataFileUnreadable
from netplan.core.text import short

SCHEMA_VERSION = 1
META_TABLE = "meta"
META_ID = "1"
MAX_ID_DIGITS = 15  # far beyond any real count; int() of thousands of digits is slow or refused
# A document id as TinyDB looks it up: str(int id), at least 1 ("01", "0" or "١" would be unreachable).
# [0-9], not \d: \d matches every script's digits.
_RECORD_ID = re.compile(f"[1-9][0-9]{{0,{MAX_ID_DIGITS - 1}}}")

Tables = dict[str, dict[str, Any]]
Migration = Callable[[Tables], Tables]

# MIGRATIONS[n] turns a version-n file into a version-(n + 1) file.
MIGRATIONS: dict[int, Migration] = {}


def empty_tables() -> Tables:
    return {META_TABLE: {META_ID: {"schema_version": SCHEMA_VERSION}}}


def is_record_id(doc_id: str) -> bool:
    """A document id as TinyDB looks it up: str(int id), at least 1 ("01" or "١" would be unreachable)."""
    return _RECORD_ID.fullmatch(doc_id) is not None


def _well_formed(table: dict[str, Any]) -> bool:
    """Every id of ``table`` a record id and every document an object: the common case, checked in
    C-level loops (66,000 documents took 60-130 ms one at a time; issue 17)."""
    return all(map(_RECORD_ID.fullmatch, table)) and all(type(doc) is dict for doc in table.values())


def unwritable_nesting(document: object) -> bool:
    """True if orjson cannot write ``document`` back (nested deeper than its 255 levels), though it
    read it (1,024 levels): such a file would be accepted and then fail at every save."""
    try:
        orjson.dumps(document)
    except orjson.JSONEncodeError:
        return True
    return False


def duplicate_key(raw: bytes, *canonical: bytes) -> str | None:
    """Where ``raw`` repeats a key inside one object (a table name, a record id, a field), or None.

    orjson keeps the last of two equal keys and drops the first silently, so ``{"people": {...},
    "people": {}}`` would lose everyone at the next save. A file netplan wrote is byte for byte
    one of ``canonical`` (what orjson writes for the parsed document: compact, or the backup format),
    and a document written from a dict cannot repeat a key, so that case costs one comparison.
    Any other file (edited by hand, pretty-printed elsewhere) is parsed once more, with Python's
    json noting repeated keys (about 1.5 s for the ten-year file, against 5 ms).
    """
    if raw in canonical:
        return None
    repeated: list[str] = []

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        document = dict(pairs)
        if len(document) != len(pairs) and not repeated:
            seen: set[str] = set()
            repeated.append(next(key for key, _ in pairs if key in seen or seen.add(key)))  # type: ignore[func-returns-value]
        return document

    try:
        json.loads(raw, object_pairs_hook=pairs_to_dict)
    except (ValueError, RecursionError):  # orjson read it; what json cannot, it has no repeats to find
        return None
    return repeated[0] if repeated else None


def parse(
    path: Path,
    raw: bytes,
    *,
    newest_backup: Path | None,
    noted: bool = False,
    decode_written: Callable[[bytes], Tables | None] | None = None,
) -> Tables:
    """Parse and shape-check the file's bytes, or raise DataFileUnreadable naming file and backup.

    ``noted``: the lock file notes this very file (FileState) as one a netplan of this version read
    through these checks or wrote itself (lock.py), so its document ids and shapes, its nesting and
    its keys passed then; only the meta document is checked again (issue 17: ~50 ms on ten years).

    ``decode_written`` (store/decoding.py) parses a file netplan wrote in little memory, having
    checked it is what orjson writes; for any other file it answers None and the file is parsed here.
    """

    def refuse(reason: str) -> DataFileUnreadable:
        hint = f"; newest backup: {newest_backup}" if newest_backup else "; no backup found"
        return DataFileUnreadable(f"{path} cannot be read ({reason}); it was left untouched{hint}")

    if not raw.strip():
        raise refuse("the file is empty")
    written = decode_written(raw) if decode_written is not None else None
    try:
        data = orjson.loads(raw) if written is None else written
    except orjson.JSONDecodeError as exc:
        raise refuse(f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise refuse("the top level is not an object of tables")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise refuse(f"table {table_name!r} is not an object")
        if noted or _well_formed(table):
            continue
        for doc_id, doc in table.items():  # which one is not, in file order
            if not is_record_id(doc_id):
                where = f"table {short(table_name, 40)!r}"
                raise refuse(f"{where} has a malformed document id {short(doc_id, 40)!r}")
            if not isinstance(doc, dict):
                raise refuse(f"table {short(table_name, 40)!r} has a malformed document {doc_id!r}")
    meta = data.get(META_TABLE, {}).get(META_ID)
    if meta is None:
        raise refuse("no schema_version: not a netplan data file")
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise refuse(f"schema_version {short(version, 40)!r} is not a version number")
    for key in ("settings", "last_ids"):
        if not isinstance(meta.get(key, {}), dict):
            raise refuse(f"meta {key} is not an object")
    if noted or written is not None:  # written: byte for byte what orjson writes, no key repeated
        return data
    try:
        canonical = orjson.dumps(data)
    except orjson.JSONEncodeError:
        raise refuse("nested deeper than the 255 levels netplan can write back") from None
    repeated = duplicate_key(raw, canonical)
    if repeated is not None:
        raise refuse(
            f"the key {short(repeated, 40)!r} appears twice in one object (the second replaces the first)"
        )
    return data


def refuse_invalid_records(path: Path, problems: list[str], *, newest_backup: Path | None) -> None:
    """Raise DataFileUnreadable (exit 3) naming the first invalid record, if there is one: a file
    whose records do not pass their models is refused like a corrupt one, before any command or the
    planner trips over a wrongly typed field (issue 14, item 7)."""
    if not problems:
        return
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    hint = f"; newest backup: {newest_backup}" if newest_backup else "; no backup found"
    raise DataFileUnreadable(
        f"{path} has an invalid record: {short(problems[0])}{more}; it was left untouched; "
        f"`netplan check` lists every problem{hint}"
    )


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
