"""A TinyDB storage that reads the file once and writes it atomically with orjson.

TinyDB rewrites the whole database on every change; that is its model and we keep it, but we make
each rewrite durable and cheap:

- the file is read and parsed once, when the storage opens; TinyDB then works on the dict in memory;
- a write goes to a temp file in the same folder, which is flushed and fsync'd, then ``os.replace``d
  over the data file, then the folder is fsync'd, so a crash leaves the old or the new file, never a mix;
- inside a transaction (``begin``/``commit``/``rollback``) writes only touch memory and the commit
  writes once; a rollback puts back what the transaction changed, from its journal (below);
- ``NetplanTinyDB`` uses ``InPlaceTable``, which changes the stored dict in place instead of copying
  the whole table on every change (stock TinyDB), so a save costs what the dump and fsync cost.

No copy of the file's bytes is kept (issue 17: 18 MB for ten years, held for the whole session):
a transaction's ``Journal`` keeps what it changed (each document's state before its first change),
and memory put back after a failed background write is read again from the file.

New files are created 0600 and new folders 0700 (DESIGN.md, Privacy).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, MutableMapping
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from netplan.core.errors import DataFileChanged, DataFileUnreadable, DataFileUnwritable
from netplan.store.schema import META_TABLE

Tables = dict[str, dict[str, Any]]
# What identifies the data file's content without reading it: device, inode, size, mtime (ns).
# An atomic save by anyone makes a new inode; an edit in place changes the size or the mtime.
FileState = tuple[int, int, int, int]


def real_data_file(path: Path | str) -> Path:
    """The absolute data file, with a symbolic link resolved once: everything (the writes, their
    temp files, the lock, the backups) then happens beside the link's target, so the link stays a
    link and a second netplan on the target takes the same lock. A dangling link is an error, not
    a new file (DESIGN.md: a symlink is followed)."""
    path = Path(path).expanduser().absolute()
    try:
        if not path.is_symlink():
            return path
        target = Path(os.path.realpath(path))
        exists = target.exists()
    except OSError as exc:  # a name too long for the file system, a folder without permission
        raise DataFileUnreadable(
            f"{path} cannot be used: {exc.strerror or exc}; nothing was written"
        ) from None
    if not exists:
        raise DataFileUnreadable(
            f"{path} is a symbolic link to {target}, which does not exist; nothing was written"
        )
    return target


def cannot_write(path: Path, exc: OSError) -> DataFileUnwritable:
    """The one line for an OSError while writing ``path`` (disk full, no permission, read-only
    file system, a folder in the way): exit 3, and the file is as it was."""
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
    return DataFileUnwritable(f"{path} cannot be written: {exc.strerror or exc}{where}. Nothing was changed.")


def file_state(path: Path) -> FileState | None:
    """The data file's FileState, or None if there is no file."""
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return None
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns)


def read_data_file(path: Path) -> tuple[bytes, FileState]:
    """The file's bytes and its FileState, taken from the same open file."""
    with open(path, "rb") as handle:
        now = os.fstat(handle.fileno())
        return handle.read(), (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns)


def refuse_read_only(path: Path) -> None:
    """A data file without its owner's write permission (chmod 400) is not replaced by a save:
    the user made it read-only on purpose. Checked by mode, not access(): root may write anyway."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not mode & stat.S_IWUSR:
        raise DataFileUnwritable(
            f"{path} is read-only (mode {stat.S_IMODE(mode):04o}); netplan does not replace it. "
            "Make it writable (chmod u+w) to change it. Nothing was written."
        )


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents with mode 0700; existing folders keep their mode.

    ``Path.mkdir(parents=True)`` would create the parents with the default mode (0755 under the
    usual umask), so each missing level is made here, outermost first (DESIGN.md, Privacy).
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for level in reversed(missing):
        level.mkdir(mode=0o700, exist_ok=True)


def temp_prefix(path: Path) -> str:
    """The prefix of ``path``'s temp files (``.<name>.<random>.tmp`` in the same folder)."""
    return f".{path.name}."


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete temp files a killed save of ``path`` left behind; returns what was removed.

    Only the writer calls this, while holding the lock, so no save of this file is in flight.
    Without it every kill -9 mid-save would leave a copy of the whole data file in the folder.
    """
    removed = []
    # mkstemp's random part has no dot, so ``.netplan.json.bak.<random>.tmp`` is not ours
    ours = re.compile(re.escape(temp_prefix(path)) + r"[a-z0-9_]+\.tmp")
    stale_before = time.time() - LEGACY_RESTORE_AGE
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(path.parent):
            if not entry.is_file(follow_symlinks=False):
                continue
            legacy = _LEGACY_RESTORE.fullmatch(entry.name) and entry.stat().st_mtime < stale_before
            if ours.fullmatch(entry.name) or legacy:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


# Before issue 14, `restore` named its candidate ``.restore-<random>.json.tmp``, a name that says
# nothing of the data file it was for: one left by a killed restore stayed for ever. Any data file's
# writer may remove one, once it is old enough that no restore can still be writing it.
_LEGACY_RESTORE = re.compile(r"\.restore-[a-z0-9_]+\.json\.tmp")
LEGACY_RESTORE_AGE = 3600.0  # seconds


RELEASE_ABOVE = 1 << 20  # bytes read: a smaller file leaves too little behind to give back


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing elsewhere).

    Parsing a big file leaves freed pieces between the documents kept (issue 17: ~3 MB for ten
    years); the planner's later allocations would otherwise grow the heap around them."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # ~2 ms: only after reading a big file

    with contextlib.suppress(OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def fsync_dir(folder: Path) -> None:
    """fsync a directory so a rename inside it is durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` atomically and durably, creating it 0600 if new."""
    folder = path.parent
    ensure_private_dir(folder)
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=folder)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(folder)


class AtomicOrjsonStorage(Storage):
    """The storage netplan's Store gives TinyDB; see the module docstring.

    ``tables`` are the file's, parsed and validated by the caller; ``before_write`` runs before each
    real file write (the Store makes its daily backup there); ``reread`` parses the file again (the
    Store's own checks), to put memory back after a failed background write.
    """

    def __init__(
        self,
        path: Path,
        tables: Tables,
        *,
        before_write: Callable[[], None] | None = None,
        readonly: bool = False,
    ) -> None:
        self.path = path
        self._tables = tables
        self._journal: Journal | None = None  # inside a transaction: what a rollback puts back
        self.reread: Callable[[], tuple[Tables, FileState]] | None = None
        self.on_disk: FileState | None = None  # the file as last read or written (None: no file)
        self.before_write = before_write
        self.verify_lock: Callable[[], None] | None = None  # the Store's lock check, before a write
        self.after_write: Callable[[FileState | None], None] | None = None  # with the new FileState
        # set: a background writer writes the file, and answers each payload with a Future
        self.send: Callable[[bytes], Future[None]] | None = None
        self._readonly = readonly
        self._in_transaction = False
        self._dirty = False
        self.writes = 0  # saved states (file writes, or payloads handed to the writer)
        # Moves whenever memory does: a save, a rollback, memory put back after a failed write, a
        # (re)read. What was read at one revision holds until the next (caches, the planner's panes).
        self.revision = 0

    def read(self) -> Tables:
        return self._tables

    def replace_all(self, tables: Tables, on_disk: FileState | None = None) -> None:
        """The file was (re)read: ``tables`` parsed from it (``on_disk``: its FileState)."""
        self._tables = tables
        self.revision += 1
        self.on_disk = on_disk

    def write(self, data: Tables) -> None:
        if self._readonly:
            raise PermissionError(f"{self.path} is open read-only")
        self._tables = data
        if self._in_transaction:
            self._dirty = True
            return
        self._flush()

    def _flush(self) -> Future[None] | None:
        """Write memory out; with a background writer, returns the Future of that write."""
        payload = orjson.dumps(self._tables)
        sent: Future[None] | None = None
        try:
            if self.send is not None:
                sent = self.send(payload)
            else:
                self.write_file(payload)
        except DataFileChanged:  # memory keeps the change; the file was not ours to overwrite
            self.writes += 1
            self.revision += 1
            raise
        del payload  # the writer holds it until it lands; nothing here keeps it (issue 17)
        self.writes += 1
        self.revision += 1
        return sent

    def write_file(self, payload: bytes) -> None:
        """The durable write itself (on the background writer's thread when there is one)."""
        self.check_unchanged()
        if self.before_write is not None:
            self.before_write()
        atomic_write_bytes(self.path, payload)
        self.on_disk = file_state(self.path)
        if self.after_write is not None:
            self.after_write(self.on_disk)

    def check_unchanged(self) -> None:
        """Before a write: the lock is still ours, and the file is what we last read or wrote (like
        an editor's "file changed on disk"); and it has not been made read-only since."""
        if self.verify_lock is not None:
            self.verify_lock()
        if file_state(self.path) != self.on_disk:
            raise DataFileChanged(
                f"{self.path} was changed by another program since netplan read it; it was not overwritten"
            )
        refuse_read_only(self.path)

    def restore_landed(self) -> bool:
        """After a failed background write: memory goes back to what the file holds, read again.

        False (memory unchanged) if the file is no longer the one last read or written, or cannot
        be read: memory then keeps every change, unsaved, as when the file changed behind our back.
        """
        if self.reread is None or file_state(self.path) != self.on_disk:
            return False
        try:
            tables, state = self.reread()
        except (OSError, DataFileUnreadable):
            return False
        if state != self.on_disk:
            return False
        self._tables = tables
        self.writes += 1
        self.revision += 1
        return True

    # transactions -------------------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        return self._in_transaction

    def begin(self) -> None:
        self._in_transaction = True
        self._dirty = False
        self._journal = Journal(self._tables)

    def table_for_update(self, name: str) -> _IntKeyedView:
        """The stored table ``name`` (created if missing) as TinyDB's updaters change it."""
        if self._journal is not None:
            self._journal.note_table(self._tables, name)
        return _IntKeyedView(self._tables.setdefault(name, {}), name, self._journal)

    def commit(self) -> Future[None] | None:
        """Write once if anything changed; if the write fails, memory goes back to the file.
        With a background writer, returns the Future of the write (None: nothing to write)."""
        self._in_transaction = False
        if not self._dirty:
            self._journal = None
            return None
        self._dirty = False
        try:
            return self._flush()
        except DataFileChanged:
            raise  # memory keeps the change (the planner shows it, unsaved, and says so)
        except BaseException:
            self.rollback()
            raise
        finally:
            self._journal = None

    def rollback(self) -> None:
        self._in_transaction = False
        self._dirty = False
        journal, self._journal = self._journal, None
        if journal is not None:
            journal.undo(self._tables)
        self.revision += 1

    def close(self) -> None:
        pass


# TinyDB tables that change documents in place ----------------------------------------------


_ABSENT = object()  # in a journal: the document (or table) did not exist before the transaction


class Journal:
    """What one transaction changed, so a rollback can put it back (O(changes), not O(file)).

    A document is noted before its first change: its stored object (TinyDB updates documents in
    place, so the table gets a deep copy to change and the journal keeps the original), or
    ``_ABSENT`` if it is new. A table that loses a document is copied (shallow) first, so the order
    of its documents comes back too (a removal is rare). The meta document is copied whole at the
    start: the store changes it directly (the last ids given, the settings).
    """

    __slots__ = ("docs", "meta", "tables")

    def __init__(self, tables: Tables) -> None:
        meta = tables.get(META_TABLE, _ABSENT)
        self.meta: Any = meta if meta is _ABSENT else orjson.loads(orjson.dumps(meta))
        self.docs: dict[str, dict[str, Any]] = {}  # table -> doc id -> its document before, or _ABSENT
        self.tables: dict[str, Any] = {}  # table -> its shallow copy before a removal, or _ABSENT (new)

    def note_table(self, tables: Tables, name: str) -> None:
        if name not in tables and name not in self.tables:
            self.tables[name] = _ABSENT

    def before_change(self, name: str, table: dict[str, Any], doc_id: str) -> None:
        noted = self.docs.setdefault(name, {})
        if doc_id in noted:
            return
        doc = table.get(doc_id, _ABSENT)
        noted[doc_id] = doc
        if doc is not _ABSENT:
            table[doc_id] = orjson.loads(orjson.dumps(doc))  # changed in place by TinyDB: a copy

    def before_removal(self, name: str, table: dict[str, Any]) -> None:
        if name not in self.tables:
            self.tables[name] = dict(table)

    def undo(self, tables: Tables) -> None:
        for name, before in self.tables.items():
            if before is _ABSENT:
                tables.pop(name, None)
            else:
                tables[name] = before
        for name, noted in self.docs.items():
            table = tables.get(name)
            if table is None:
                continue
            for doc_id, doc in noted.items():
                if doc is _ABSENT:
                    table.pop(doc_id, None)
                else:
                    table[doc_id] = doc
        if self.meta is _ABSENT:
            tables.pop(META_TABLE, None)
        else:
            tables[META_TABLE] = self.meta


class _IntKeyedView(MutableMapping[int, Any]):
    """The int-keyed dict TinyDB's updaters expect, over the stored str-keyed table, without a copy;
    inside a transaction each change is noted in its journal first."""

    __slots__ = ("journal", "name", "raw")

    def __init__(self, raw: dict[str, Any], name: str = "", journal: Journal | None = None) -> None:
        self.raw = raw
        self.name = name
        self.journal = journal

    def __getitem__(self, doc_id: int) -> Any:
        key = str(doc_id)
        if self.journal is not None and key in self.raw:  # the document may be changed in place
            self.journal.before_change(self.name, self.raw, key)
        return self.raw[key]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        key = str(doc_id)
        if self.journal is not None:
            self.journal.before_change(self.name, self.raw, key)
        self.raw[key] = doc

    def __delitem__(self, doc_id: int) -> None:
        if self.journal is not None:
            self.journal.before_removal(self.name, self.raw)
        del self.raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(doc_id) for doc_id in self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        if self.journal is not None:
            self.journal.before_removal(self.name, self.raw)
        self.raw.clear()


class InPlaceTable(Table):
    """A TinyDB table whose changes cost O(documents changed), not O(documents in the table).

    Stock ``Table._update_table`` copies the whole table into an int-keyed dict and back on every
    insert, update or remove: with 20,000 conversations that was ~8 ms per change, a third of a
    save (bench/save_bench.py). Here the updater works on a view of the stored dict. A change is
    no longer atomic on its own, but every change runs inside a Store transaction, whose rollback
    restores memory from the bytes last written.
    """

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage: AtomicOrjsonStorage = self._storage  # type: ignore[assignment]  # NetplanTinyDB's
        updater(storage.table_for_update(self.name))  # type: ignore[arg-type]  # TinyDB uses the mapping protocol
        self._storage.write(storage.read())
        self.clear_cache()


class NetplanTinyDB(TinyDB):
    table_class = InPlaceTable
