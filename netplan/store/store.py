"""The Store: the one place that touches TinyDB. Everything else gets and gives dataclasses.

``Store.open(path)`` takes the writer lock, reads and checks the file (refusing a corrupt or newer
file without touching it), migrates it forward, and wraps it in TinyDB over AtomicOrjsonStorage.
``with store.transaction():`` makes several changes one file write, all or nothing.
``store.revision`` moves with every change of memory (a commit, a rollback, memory put back after a
failed write, a load): what was read at one revision holds until the next. The planner's UI turns
a new revision into one reactive its panes watch (screens/app.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from netplan.core.clock import Clock
from netplan.core.errors import (
    DataFileUnreadable,
)
from netplan.core.record import Record
from netplan.store import backups, schema
from netplan.store.background import BackgroundWrites
from netplan.store.decoding import decode_written
from netplan.store.lock import WriterLock, checked_state
from netplan.store.records import Records
from netplan.store.storage import (
    RELEASE_ABOVE,
    AtomicOrjsonStorage,
    FileState,
    NetplanTinyDB,
    cannot_write,
    ensure_private_dir,
    read_data_file,
    real_data_file,
    refuse_read_only,
    release_free_memory,
    remove_stale_temp_files,
)
from netplan.store.writer import BackgroundWriter

if TYPE_CHECKING:
    from pendulum import DateTime

R = TypeVar("R", bound=Record)
T = TypeVar("T")


@dataclass(frozen=True)
class StoreState:
    """What the planner shows of the store: which revision of the data, and how saving goes."""

    revision: int
    saving: bool  # a background write waits or is in flight
    last_saved: DateTime | None
    save_error: str | None  # a background write failed (memory went back to the file)
    failed_writes: int  # how many background writes failed so far (each one is told once)


# Every stored record's problems (wrong types, bad values), one line each; the layer that knows the
# models (netplan.integrity) supplies it, since the store knows none of them.
RecordCheck = Callable[[schema.Tables], list[str]]


class Store(Records, BackgroundWrites):
    def __init__(
        self,
        path: Path,
        db: NetplanTinyDB,
        storage: AtomicOrjsonStorage,
        lock: WriterLock | None,
        clock: Clock,
        record_check: RecordCheck | None = None,
    ) -> None:
        self.path = path
        self.record_check = record_check
        self.clock = clock
        self._db = db
        self._storage = storage
        self._lock = lock
        self._readonly = lock is None
        self._closed = False
        self._retired = False
        self.created = False  # True when load() made a new file
        self.loaded = False  # True once load() has read the file: only then may it write
        self.last_saved: DateTime | None = None
        self.save_error: str | None = None  # a background write failed (memory went back to the file)
        self.failed_writes = 0
        # The UI's two hooks (one each: the planner's app sets them, it alone tells its screens):
        # on_revision runs on the thread that moved the revision, right after it moved;
        # on_saved runs after every durable write or failed background write (on the loop then).
        self.on_revision: Callable[[], None] | None = None
        self.on_saved: Callable[[], None] | None = None
        self._writer: BackgroundWriter | None = None
        self._saves = threading.local()  # .last: the Future of this thread's last background save
        self._memory_lock = threading.RLock()  # held by a transaction, and while memory is restored
        self._transaction_thread: int | None = None
        self._kept: dict[str, tuple[int, Any]] = {}
        # A snapshot's (several workers read it at once): one builds a kept result, the others wait
        self._kept_lock: threading.RLock | None = None
        self._checked = False  # every record in memory passed its model (see _note_checked)

    # opening and closing -------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        clock: Clock | None = None,
        record_check: RecordCheck | None = None,
    ) -> Store:
        """Open (or, for a writer, create) the data file: ``claim`` it, then ``load`` it.

        Raises DataFileLocked, DataFileUnreadable, DataFileTooNew or DataFileUnwritable (exit 3);
        nothing is written then. A read-only store takes no lock, so `agenda`, `people` and `check`
        work while the TUI runs. A writer removes temp files a killed save left behind, and before a
        migration rewrites the file it keeps the old one in backups/. With ``record_check``, a file
        holding a record its model refuses is refused too (DataFileUnreadable: issue 14, item 7).
        """
        store = cls.claim(path, readonly=readonly, clock=clock, record_check=record_check)
        try:
            store.load()
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def claim(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        clock: Clock | None = None,
        record_check: RecordCheck | None = None,
    ) -> Store:
        """Take the writer lock (a writer) and make a store that has not read the file yet.

        The planner claims before it draws and loads on a thread after its first frame (issue 9):
        reading ten years of data takes ~250 ms. Until ``load`` ends the store refuses to write.
        """
        path = real_data_file(path)
        lock: WriterLock | None = None
        if not readonly:
            try:
                refuse_read_only(path)
                ensure_private_dir(path.parent)
                lock = WriterLock(path)
                lock.acquire()
            except OSError as exc:
                raise cannot_write(path, exc) from None
        tables = schema.empty_tables()
        storage = AtomicOrjsonStorage(path, tables, readonly=readonly)
        db = NetplanTinyDB(storage=lambda: storage)
        store = cls(path, db, storage, lock, clock or Clock(), record_check)
        storage.reread = store._reread
        # the clock is read at each write, so a planner left open overnight backs up the new day
        storage.before_write = store._daily_backup
        if lock is not None:
            storage.verify_lock = lock.verify  # a deleted lock file stops our writes (issue 14)
            storage.after_write = store._note_checked
        return store

    def load(self, before_parse: Callable[[], None] | None = None) -> None:
        """Read and check the file (or, for a writer, create it), migrating it forward.

        ``before_parse`` runs between reading the bytes and parsing them (the planner lets its
        first frame reach the terminal there: the parse holds the GIL for ~200 ms).
        """
        path, readonly = self.path, self._readonly
        created = False
        try:
            raw, on_disk = read_data_file(path)
        except FileNotFoundError:
            if readonly:
                raise DataFileUnreadable(f"{path} does not exist; create it with `netplan init`") from None
            tables, migrated, created, on_disk = schema.empty_tables(), True, True, None
            raw = b""
        except IsADirectoryError:
            raise DataFileUnreadable(f"{path} is a folder, not a data file") from None
        except OSError as exc:  # no permission, a name too long, an I/O error
            raise DataFileUnreadable(f"{path} cannot be read: {exc.strerror or exc}") from None
        else:
            if before_parse is not None:
                before_parse()
            newest = backups.newest_backup(path)
            noted = checked_state(path) == on_disk  # checked by a netplan of this version (lock.py)
            # A writer keeps the documents for a session (the planner): compact in memory. A reader
            # of a noted file takes orjson's one pass (the piece checks are what `noted` vouches
            # for); of any other, the pieces (no whole-file dump to compare). Issue 17.
            decode = None if readonly and noted else partial(decode_written, compact=not readonly)
            tables = schema.parse(path, raw, newest_backup=newest, noted=noted, decode_written=decode)
            tables, migrated = schema.migrate(path, tables, newest_backup=newest)
            if self.record_check is not None and not noted:
                schema.refuse_invalid_records(path, self.record_check(tables), newest_backup=newest)
        big = len(raw) >= RELEASE_ABOVE
        if not migrated:  # the file's bytes are not kept (issue 17: 18 MB for ten years)
            raw = b""  # (a migration keeps the old file in backups/ first)
        if big:
            release_free_memory()
        # what this store writes is checked too if what it read was (every write validates)
        self._checked = created or self.record_check is not None
        self._storage.replace_all(tables, on_disk)
        self._reset_tables()
        self.created = created
        self.loaded = True
        self._moved()
        if readonly:
            return
        self._note_checked(on_disk)
        try:
            remove_stale_temp_files(path)  # we hold the lock: no save of ours is in flight
            backups.remove_stale_temp_files(path)
            if migrated and not created:
                backups.backup_before_migration(path, raw, self.clock.today(), schema.SCHEMA_VERSION)
        except OSError as exc:
            raise cannot_write(path, exc) from None
        del raw
        if migrated:
            # Synchronously, even in the planner: if it fails, the planner ends with exit 3
            # instead of going on with data that was never written in the current format.
            send, self._storage.send = self._storage.send, None
            try:
                self._write_now()
            finally:
                self._storage.send = send

    def close(self) -> None:
        """Finish a background write, release the lock; the store refuses to write after this
        (another netplan may own the file). ``flush()`` first to learn whether that write failed."""
        self._stop_writer()
        self._closed = True
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def retire(self) -> None:
        """Close, and make every later write through this store fail (PermissionError).

        For when the data file was replaced under it (restore): its memory holds the old data,
        and a write would silently undo the replacement.
        """
        self.close()
        self._retired = True
        self._storage._readonly = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def readonly(self) -> bool:
        return self._readonly

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def newest_backup(self) -> Path | None:
        return backups.newest_backup(self.path)

    # transactions --------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All changes inside become one durable write; an exception leaves file and memory as before.

        Nested transactions (on the same thread) join the outermost one. A transaction on another
        thread (the import screen applies on a worker) waits for this one, and a failed background
        write is undone between transactions, never in the middle of one.
        """
        if self._storage.in_transaction and self._transaction_thread == threading.get_ident():
            yield
            return
        if self._retired:
            raise PermissionError(f"{self.path} was replaced (restored) under this store; reopen it")
        if self._readonly:
            raise PermissionError(f"{self.path} is open read-only")
        if not self.loaded:
            raise RuntimeError(f"{self.path} is still being read; nothing can be saved before it is")
        if self._closed:
            raise ValueError(f"the store for {self.path} is closed")
        with self._memory_lock:
            self._transaction_thread = threading.get_ident()
            try:
                yield from self._transaction_body()
            finally:
                self._transaction_thread = None

    def _transaction_body(self) -> Iterator[None]:
        self._storage.begin()
        try:
            yield
        except BaseException:
            self._storage.rollback()
            self._reset_tables()
            self._moved()
            raise
        before = self._storage.writes
        try:
            sent = self._storage.commit()
        except OSError as exc:  # disk full, permissions: the file is as before, and so is memory
            self._reset_tables()
            self._moved()
            raise cannot_write(self.path, exc) from exc
        except BaseException:
            self._reset_tables()
            self._moved()
            raise
        if sent is not None:
            self._saves.last = sent
        if self._storage.writes != before:
            self._moved()
            if self._writer is None:
                self._saved()  # with a background writer: when the write lands (_landed)

    def _reset_tables(self) -> None:
        for table in self._db._tables.values():
            table.clear_cache()
            table._next_id = None

    @property
    def revision(self) -> int:
        """Moves with every change of memory: a commit, a rollback, a restore after a failed write, a load."""
        return self._storage.revision

    def state(self) -> StoreState:
        return StoreState(self.revision, self.saving, self.last_saved, self.save_error, self.failed_writes)

    def _moved(self) -> None:
        if self.on_revision is not None:
            self.on_revision()

    def _note_checked(self, state: FileState | None) -> None:
        """Tell the next netplan that the file with this FileState needs no record check (lock.py)."""
        if self._lock is not None:
            self._lock.note_checked(state if self._checked else None)

    def _daily_backup(self) -> None:
        backups.backup_before_first_write(self.path, self.clock.today())

    # kept results ----------------------------------------------------------------------------

    def kept(self, key: str, build: Callable[[], T]) -> T:
        """``build()``, kept until the revision moves. Inside a transaction nothing is kept: what
        is read there may still roll back."""
        if self._storage.in_transaction:
            return build()
        revision = self.revision
        hit = self._kept.get(key)
        if hit is None or hit[0] != revision:
            if self._kept_lock is None:
                hit = self._kept[key] = (revision, build())
            else:
                # The planner's pane workers read one snapshot at once: without the lock each
                # built the same whole-table indexes (stage histories, conversations by person)
                # for itself, 100-300 ms of CPU each on ten years, holding the GIL against the
                # redraw (issue 17). Only snapshots lock: the event loop never waits on a worker.
                with self._kept_lock:
                    hit = self._kept.get(key)
                    if hit is None or hit[0] != revision:
                        hit = self._kept[key] = (revision, build())
        value: T = hit[1]
        return value

    def snapshot(self) -> Store:
        """A read-only Store over the data as it is now, for thread workers.

        The event loop may save while a worker reads; reading this store's own tables then could
        fail mid-way (a dict changed size). The tables are copied, shallow (~2 ms for ten years of
        data): an update edits a stored document in place, but in one C-level ``dict.update``, so
        a reader sees it before or after, never half. One snapshot serves every worker until the
        next save.
        """
        return self.kept("snapshot", self._make_snapshot)

    def _make_snapshot(self) -> Store:
        tables = {name: dict(table) for name, table in self._storage.read().items()}
        storage = AtomicOrjsonStorage(self.path, tables, readonly=True)
        storage.writes = self._storage.writes
        storage.revision = self._storage.revision
        copy = type(self)(self.path, NetplanTinyDB(storage=lambda: storage), storage, None, self.clock)
        copy.last_saved = self.last_saved
        copy.loaded = self.loaded
        copy._kept_lock = threading.RLock()
        return copy

    def _write_now(self) -> None:
        with self.transaction():
            self._storage._dirty = True

    def _saved(self) -> None:
        self.last_saved = self.clock.now()
        if self.on_saved is not None:
            self.on_saved()

    @property
    def writes(self) -> int:
        return self._storage.writes

    @property
    def in_transaction(self) -> bool:
        """True inside ``transaction()``: changes so far may still roll back (caches must not keep them)."""
        return self._storage.in_transaction
