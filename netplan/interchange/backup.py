"""The JSON backup: `netplan export json FILE` writes everything; `netplan restore FILE` puts it back.

The format is documented in docs/FORMAT.md. Export is deterministic (tables by name, records by
id, keys sorted, two-space indent, one final newline), so export -> restore into an empty file ->
export gives identical bytes.

Restore validates fully before it replaces anything: the shape, the backup format and schema
versions, then every record and reference, by opening the candidate as a read-only Store on a
temporary file and running netplan.integrity's CHECKS on it. CHECKS is the registry of table
validators: each capability appends its own, so restore validates every table netplan knows,
and keeps tables it does not know exactly as they are. Then, holding the writer lock, it keeps a
copy of the file it replaces in backups/ and swaps the new file in atomically.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from netplan.core.clock import Clock
from netplan.core.errors import DataFileError
from netplan.integrity import run_checks
from netplan.interchange.contacts import InterchangeFileError, short
from netplan.store import schema
from netplan.store.backups import backup_dir, private_copy
from netplan.store.exports import write_export
from netplan.store.lock import WriterLock
from netplan.store.storage import (
    cannot_write,
    ensure_private_dir,
    file_state,
    fsync_dir,
    real_data_file,
    refuse_read_only,
    remove_stale_temp_files,
    temp_prefix,
)
from netplan.store.store import Store

BACKUP_FORMAT = "netplan_backup"
BACKUP_FORMAT_VERSION = 1
MAX_BACKUP_BYTES = 256 * 1024 * 1024

Tables = dict[str, dict[str, Any]]


class BackupFileError(InterchangeFileError):
    """A backup that cannot be restored (malformed, newer, or failing a check); nothing was changed."""


# export ------------------------------------------------------------------------------------


def _sorted_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value


def backup_bytes(tables: Tables) -> bytes:
    """The backup document for these tables, byte for byte the same for the same data."""
    ordered = {
        name: {doc_id: _sorted_keys(table[doc_id]) for doc_id in sorted(table, key=int)}
        for name, table in sorted(tables.items())
    }
    document = {
        BACKUP_FORMAT: BACKUP_FORMAT_VERSION,
        "schema_version": schema.schema_version(tables),
        "tables": ordered,
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def _counts(tables: Tables) -> dict[str, int]:
    return {name: len(table) for name, table in sorted(tables.items()) if name != schema.META_TABLE}


def _count_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items()) or "no records"


def export_json(store: Store, path: Path, *, force: bool = False) -> str:
    """Write everything in the data file (all tables, the schema version) as a JSON backup (0600: it
    holds everything; an existing file only with ``force``)."""
    tables = store.raw_tables()
    write_export(store.path, path, backup_bytes(tables), force=force)
    return f"wrote {path}: schema {store.schema_version}; {_count_text(_counts(tables))}"


# reading and validating a backup -----------------------------------------------------------


def read_backup(path: Path | str) -> Tables:
    """The tables of a backup file, with its shape and versions checked; BackupFileError if not.

    Accepts the export format and also a copy of a data file (the daily backups in backups/).
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BACKUP_BYTES:
            limit = MAX_BACKUP_BYTES // (1024 * 1024)
            raise BackupFileError(path, f"larger than {limit} MB; not a netplan backup")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BackupFileError(path, "no such file") from None
    except IsADirectoryError:
        raise BackupFileError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise BackupFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise BackupFileError(path, "the file is empty")
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BackupFileError(path, f"not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(document, dict):
        raise BackupFileError(path, "not a netplan backup (the top level is not an object)")
    declared: object = None
    if BACKUP_FORMAT in document:
        tables, declared = _export_tables(path, document)
    elif schema.META_TABLE in document:
        tables = document  # a copy of a data file, as backups/ keeps them
    else:
        raise BackupFileError(path, f"not a netplan backup (no {BACKUP_FORMAT!r} or meta)")
    version = _check_shape(path, tables)
    if declared is not None and declared != version:
        raise BackupFileError(path, f"schema_version {declared!r} does not match the meta table's {version}")
    _check_keys(path, raw, document)
    return tables


def _check_keys(path: Path, raw: bytes, document: dict[str, Any]) -> None:
    """Refuse a backup nested deeper than netplan can write, or repeating a key (a table or record
    id given twice: the second would silently replace the first, issue 14)."""
    try:
        compact = orjson.dumps(document)  # a daily backup is a copy of a data file
        exported = orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"  # `export json`
    except orjson.JSONEncodeError:
        raise BackupFileError(path, "nested deeper than the 255 levels netplan can write back") from None
    repeated = schema.duplicate_key(raw, compact, exported)
    if repeated is not None:
        reason = (
            f"the key {short(repeated, 40)!r} appears twice in one object; the second would replace the first"
        )
        raise BackupFileError(path, reason)


def _export_tables(path: Path, document: dict[str, Any]) -> tuple[Tables, object]:
    """The tables and the declared schema version of a document in the export format."""
    version = document[BACKUP_FORMAT]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupFileError(path, f"{BACKUP_FORMAT} {short(version, 40)!r} is not a format version")
    if version > BACKUP_FORMAT_VERSION:
        raise BackupFileError(path, f"backup format {version} is newer than this netplan; upgrade netplan")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise BackupFileError(path, "no 'tables' object")
    return tables, document.get("schema_version")


def _check_shape(path: Path, tables: Tables) -> int:
    """Check tables, record ids and documents are shaped as a data file's; returns the schema version."""
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise BackupFileError(path, f"table {short(name, 40)!r} is not an object of records")
        for doc_id, doc in table.items():
            if not schema.is_record_id(doc_id):
                where = f"table {short(name, 40)!r}"
                raise BackupFileError(path, f"{where}: {short(doc_id, 40)!r} is not a record id")
            if not isinstance(doc, dict):
                raise BackupFileError(path, f"table {short(name, 40)!r} record {doc_id}: not an object")
    meta = tables.get(schema.META_TABLE, {}).get(schema.META_ID)
    version = meta.get("schema_version") if meta is not None else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise BackupFileError(path, f"no valid schema_version in the meta table ({short(version, 40)!r})")
    if version > schema.SCHEMA_VERSION:
        raise BackupFileError(
            path,
            f"schema version {version} is newer than this netplan understands "
            f"({schema.SCHEMA_VERSION}); upgrade netplan. Nothing was changed",
        )
    return version


def _candidate_file(backup_file: Path, tables: Tables, data_file: Path, clock: Clock | None) -> Path:
    """Write the tables to a temp file beside the data file and check them as a Store would.

    Returns the temp file (the caller moves it into place or removes it). It is named like the
    data file's own temp files, so if this process is killed the next writer holding the lock
    removes it (a killed restore used to leave a whole copy behind for ever: issue 14).
    """
    folder = data_file.parent
    ensure_private_dir(folder)
    fd, name = tempfile.mkstemp(prefix=temp_prefix(data_file), suffix=".tmp", dir=folder)  # 0600
    candidate = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(orjson.dumps(tables))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            with Store.open(candidate, readonly=True, clock=clock) as store:
                problems = run_checks(store)
        except DataFileError as exc:
            raise BackupFileError(backup_file, f"not a usable data set ({exc})") from None
        except Exception as exc:  # a record shaped so oddly that a check trips over it
            reason = f"a record cannot be read ({type(exc).__name__}: {exc})"
            raise BackupFileError(backup_file, reason) from None
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            reason = f"{len(problems)} problem(s), nothing was changed: {problems[0]}{more}"
            raise BackupFileError(backup_file, reason)
        return candidate
    except BaseException:
        candidate.unlink(missing_ok=True)
        raise


# replacing the data file -------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreSummary:
    """What a restore did: the counts restored and where the replaced file was kept."""

    data_file: Path
    backup_file: Path
    counts: dict[str, int]
    kept_copy: Path | None  # the replaced data file, in backups/; None if there was none

    def line(self) -> str:
        kept = (
            f"; the replaced file is kept at {self.kept_copy}"
            if self.kept_copy
            else "; there was no data file before"
        )
        return f"restored {self.data_file} from {self.backup_file}: {_count_text(self.counts)}{kept}"


def _keep_copy(data_file: Path, clock: Clock) -> Path:
    """Copy the data file about to be replaced into backups/, under a name that sorts by date."""
    now = clock.now()
    folder = backup_dir(data_file)
    ensure_private_dir(folder)
    stem = f"{data_file.stem}-{now.date().isoformat()}-before-restore-{now.format('HHmmss')}"
    suffix = data_file.suffix or ".json"
    target, n = folder / f"{stem}{suffix}", 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    private_copy(data_file, target)
    return target


def _replace_locked(
    data_file: Path, backup_file: Path, tables: Tables, clock: Clock, lock: WriterLock
) -> RestoreSummary:
    candidate = _candidate_file(backup_file, tables, data_file, clock)
    try:
        kept = _keep_copy(data_file, clock) if data_file.exists() else None
        os.replace(candidate, data_file)
        fsync_dir(data_file.parent)
        lock.note_checked(file_state(data_file))  # every check has run on it: the next open skips them
    finally:
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
    return RestoreSummary(data_file, backup_file, _counts(tables), kept)


def restore_backup(
    data_file: Path | str, backup_file: Path | str, *, clock: Clock | None = None
) -> RestoreSummary:
    """Replace the data file with a backup, after validating it fully; nothing changes on error.

    Takes the writer lock (DataFileLocked, exit 3, if another netplan has the file open); the file
    being replaced may be corrupt (that is when one restores) and is kept in backups/ either way.
    """
    data_file = real_data_file(data_file)  # a symlink stays a link; its target is restored
    backup_file = Path(backup_file)
    clock = clock or Clock()
    tables = read_backup(backup_file)
    lock = WriterLock(data_file)
    try:
        refuse_read_only(data_file)
        ensure_private_dir(data_file.parent)
        lock.acquire()
        remove_stale_temp_files(data_file)  # holding the lock: a killed restore's copy goes
        return _replace_locked(data_file, backup_file, tables, clock, lock)
    except OSError as exc:  # a full disk, a read-only file system, a folder in the way: exit 3
        raise cannot_write(data_file, exc) from None
    finally:
        lock.release()


def restore_and_reopen(store: Store, backup_file: Path | str) -> tuple[Store, RestoreSummary]:
    """Restore into the file ``store`` has open, from inside the running program (the TUI).

    Validation happens first, with ``store`` still open and untouched; then ``store`` is closed
    and retired (any later write through it fails instead of silently undoing the restore), the
    file is replaced, and a fresh Store on the restored file is returned. Use only that one.
    If the replacement itself fails after validation (another netplan took the file in between),
    the error propagates and the caller opens the file again.
    """
    backup_file = Path(backup_file)
    tables = read_backup(backup_file)
    # A dry validation first, so a bad backup leaves the open store as it was.
    try:
        _candidate_file(backup_file, tables, store.path, store.clock).unlink()
    except OSError as exc:
        raise cannot_write(store.path, exc) from None
    store.retire()  # its memory holds the data being replaced: no write may go through it now
    summary = restore_backup(store.path, backup_file, clock=store.clock)
    return Store.open(store.path, clock=store.clock, record_check=store.record_check), summary
