"""The Store: the one place that touches TinyDB. Everything else gets and gives dataclasses.

``Store.open(path)`` takes the writer lock, reads and checks the file (refusing a corrupt or newer
file without touching it), migrates it forward, and wraps it in TinyDB over AtomicOrjsonStorage.
``with store.transaction():`` makes several changes one file write, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pendulum import DateTime
from tinydb import TinyDB
from tinydb.table import Document

from netplan import backups, schema
from netplan.clock import Clock
from netplan.errors import DataFileUnreadable, NotFoundError
from netplan.lock import WriterLock
from netplan.model import Record
from netplan.storage import AtomicOrjsonStorage, ensure_private_dir

R = TypeVar("R", bound=Record)


def _daily_backup(path: Path, clock: Clock) -> None:
    backups.backup_before_first_write(path, clock.today())


class Store:
    def __init__(
        self, path: Path, db: TinyDB, storage: AtomicOrjsonStorage, lock: WriterLock | None, clock: Clock
    ) -> None:
        self.path = path
        self.clock = clock
        self._db = db
        self._storage = storage
        self._lock = lock
        self.created = False  # True when open() made a new file
        self.last_saved: DateTime | None = None
        self.listeners: list[Callable[[], None]] = []  # called after every durable write

    # opening and closing -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, clock: Clock | None = None) -> Store:
        """Open (or, for a writer, create) the data file.

        Raises DataFileLocked, DataFileUnreadable or DataFileTooNew (exit 3); nothing is written then.
        A read-only store takes no lock, so `agenda`, `people` and `check` work while the TUI runs.
        """
        path = Path(path).expanduser().absolute()
        clock = clock or Clock()
        lock: WriterLock | None = None
        if not readonly:
            ensure_private_dir(path.parent)
            lock = WriterLock(path)
            lock.acquire()
        try:
            created = False
            if path.exists():
                try:
                    raw = path.read_bytes()
                except OSError as exc:
                    raise DataFileUnreadable(f"{path} cannot be read: {exc.strerror}") from None
                tables = schema.parse(path, raw, newest_backup=backups.newest_backup(path))
                tables, migrated = schema.migrate(path, tables)
            elif readonly:
                raise DataFileUnreadable(f"{path} does not exist; create it with `netplan init`")
            else:
                tables, migrated, raw, created = schema.empty_tables(), True, b"", True

            storage = AtomicOrjsonStorage(
                path,
                tables,
                raw,
                before_write=lambda: _daily_backup(path, clock),
                readonly=readonly,
            )
            db = TinyDB(storage=lambda: storage)
            store = cls(path, db, storage, lock, clock)
            store.created = created
            if migrated and not readonly:
                store._write_now()
            return store
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def readonly(self) -> bool:
        return self._lock is None

    @property
    def newest_backup(self) -> Path | None:
        return backups.newest_backup(self.path)

    # transactions --------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All changes inside become one durable write; an exception leaves file and memory as before.

        Nested transactions join the outermost one.
        """
        if self._storage.in_transaction:
            yield
            return
        self._storage.begin()
        try:
            yield
        except BaseException:
            self._storage.rollback()
            self._reset_tables()
            raise
        before = self._storage.writes
        try:
            self._storage.commit()
        except BaseException:
            self._reset_tables()
            raise
        if self._storage.writes != before:
            self._saved()

    def _reset_tables(self) -> None:
        for table in self._db._tables.values():
            table.clear_cache()
            table._next_id = None

    def _write_now(self) -> None:
        with self.transaction():
            self._storage._dirty = True

    def _saved(self) -> None:
        self.last_saved = self.clock.now()
        for listener in list(self.listeners):
            listener()

    @property
    def writes(self) -> int:
        return self._storage.writes

    @property
    def in_transaction(self) -> bool:
        """True inside ``transaction()``: changes so far may still roll back (caches must not keep them)."""
        return self._storage.in_transaction

    # records -------------------------------------------------------------------------------

    def insert(self, record: R) -> R:
        """Validate and store a new record; returns it with its id."""
        clean = record.validated()
        with self.transaction():
            doc_id = self._db.table(clean.TABLE).insert(clean.to_doc())
        return type(clean).from_doc(clean.to_doc(), doc_id)

    def update(self, record: R) -> R:
        """Validate and replace a stored record (by id)."""
        clean = record.validated()
        table = self._db.table(clean.TABLE)
        if not record.id or not table.contains(doc_id=record.id):
            raise NotFoundError(f"no {clean.TABLE} record with id {record.id}")
        with self.transaction():
            table.upsert(Document(clean.to_doc(), doc_id=record.id))
        return clean

    def remove(self, kind: type[Record], record_id: int) -> None:
        table = self._db.table(kind.TABLE)
        if not table.contains(doc_id=record_id):
            raise NotFoundError(f"no {kind.TABLE} record with id {record_id}")
        with self.transaction():
            table.remove(doc_ids=[record_id])

    def get(self, kind: type[R], record_id: int) -> R | None:
        doc = self._db.table(kind.TABLE).get(doc_id=record_id)
        if doc is None or isinstance(doc, list):
            return None
        return kind.from_doc(doc, doc.doc_id)

    def all(self, kind: type[R]) -> list[R]:
        """Every record of a kind, in id order."""
        table = self._storage.read().get(kind.TABLE, {})
        return [kind.from_doc(doc, int(doc_id)) for doc_id, doc in table.items()]

    def count(self, kind: type[Record]) -> int:
        return len(self._storage.read().get(kind.TABLE, {}))

    def table_names(self) -> list[str]:
        return sorted(self._storage.read())

    # settings (stored in the data file's meta document) -------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        meta = self._storage.read()[schema.META_TABLE][schema.META_ID]
        return meta.get("settings", {}).get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        meta_table = self._db.table(schema.META_TABLE)
        meta = dict(self._storage.read()[schema.META_TABLE][schema.META_ID])
        settings = dict(meta.get("settings", {}))
        settings[key] = value
        with self.transaction():
            meta_table.update({"settings": settings}, doc_ids=[int(schema.META_ID)])

    @property
    def schema_version(self) -> int:
        return schema.schema_version(self._storage.read())

    def raw_tables(self) -> dict[str, dict[str, Any]]:
        """The tables as stored (read-only use: export, check)."""
        return self._storage.read()
