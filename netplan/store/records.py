"""What a store holds, record by record: insert, update, remove, get, all, the typed queries other
modules ask instead of reading stored documents, and the settings in the meta document.

``Records`` is the reading-and-writing half of netplan.store.store.Store; the other half (opening the
file, the lock, transactions, revisions, background writes) lives there and gives this one its
storage, its TinyDB, ``transaction()`` and ``kept()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from tinydb.table import Document

from netplan.core.errors import NotFoundError
from netplan.core.record import Record
from netplan.store import schema

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from netplan.store.storage import AtomicOrjsonStorage, NetplanTinyDB

R = TypeVar("R", bound=Record)
T = TypeVar("T")


class Records:
    if TYPE_CHECKING:  # given by Store
        _storage: AtomicOrjsonStorage
        _db: NetplanTinyDB

        def transaction(self) -> AbstractContextManager[None]: ...

        def kept(self, key: str, build: Callable[[], T]) -> T: ...

    # records -------------------------------------------------------------------------------

    def insert(self, record: R) -> R:
        """Validate and store a new record; returns it with its id."""
        clean = record.validated()
        with self.transaction():
            doc_id = self._new_id(clean.TABLE)
            self._db.table(clean.TABLE).insert(Document(clean.to_doc(), doc_id=doc_id))
        return type(clean).from_doc(clean.to_doc(), doc_id)

    def _new_id(self, table_name: str) -> int:
        """The next id for a table, never one a removed record had (call inside a transaction).

        TinyDB hands out max(id) + 1, so removing the newest record and reopening the file gave its
        id to the next record, and any reference still holding that id (a conversation, an export's
        UID) silently pointed at someone else. The highest id given is kept per table in the meta
        document instead; it rolls back with the transaction like everything else.
        """
        tables = self._storage.read()
        last_ids = tables[schema.META_TABLE][schema.META_ID].setdefault("last_ids", {})
        table = tables.get(table_name, {})
        last = last_ids.get(table_name)
        if not isinstance(last, int) or isinstance(last, bool) or str(last + 1) in table:
            last = max((int(doc_id) for doc_id in table), default=0)  # an older or hand-edited file
        last_ids[table_name] = last + 1
        return last + 1

    def update(self, record: R) -> R:
        """Validate and replace a stored record (by id)."""
        clean = record.validated()
        table = self._db.table(clean.TABLE)
        if not record.id or not table.contains(doc_id=record.id):
            raise NotFoundError(f"no {clean.TABLE} record with id {record.id}")
        with self.transaction():
            table.upsert(Document(clean.to_doc(), doc_id=record.id))
        return clean

    # Bulk writes for imports and restores: TinyDB copies the whole table on every insert or
    # update, so 10,000 single inserts into 2,000 people took 29 s; one call per batch is linear.

    def insert_many(self, records: list[R]) -> list[R]:
        """Validate and store new records of one kind in one table operation; returns them with ids."""
        if not records:
            return []
        cleans = [record.validated() for record in records]
        kind = type(cleans[0])
        if any(type(clean) is not kind for clean in cleans):
            raise TypeError("insert_many takes records of one kind")
        docs = [clean.to_doc() for clean in cleans]
        with self.transaction():
            # ids as insert gives them: never one a removed record had (TinyDB's own would reuse it)
            doc_ids = [self._new_id(kind.TABLE) for _ in docs]
            self._db.table(kind.TABLE).insert_multiple(
                Document(doc, doc_id=doc_id) for doc, doc_id in zip(docs, doc_ids, strict=True)
            )
        return [kind.from_doc(doc, doc_id) for doc, doc_id in zip(docs, doc_ids, strict=True)]

    def update_many(self, records: list[R]) -> list[R]:
        """Validate and replace stored records of one kind (by id) in one table operation."""
        if not records:
            return []
        cleans = [record.validated() for record in records]
        kind = type(cleans[0])
        if any(type(clean) is not kind for clean in cleans):
            raise TypeError("update_many takes records of one kind")
        table = self._db.table(kind.TABLE)
        new_docs = {clean.id: clean.to_doc() for clean in cleans}
        if len(new_docs) != len(cleans):
            raise ValueError("update_many got the same record twice")
        for record_id in new_docs:
            if not record_id or not table.contains(doc_id=record_id):
                raise NotFoundError(f"no {kind.TABLE} record with id {record_id}")
        # TinyDB hands each stored document to the callable in the order of doc_ids; like
        # update(), fields are replaced and unknown fields (from a newer netplan) are kept.
        pending = iter(new_docs.values())
        with self.transaction():
            updated = table.update(lambda doc: doc.update(next(pending)), doc_ids=list(new_docs))
            if updated != list(new_docs) or next(pending, None) is not None:
                raise RuntimeError("update_many: TinyDB did not update the records in order")
        return cleans

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

    # Goals, people and venues are read by every pane and rule: built once per saved state.
    _KEPT_KINDS = frozenset({"goals", "people", "venues"})

    def all(self, kind: type[R]) -> list[R]:
        """Every record of a kind, in id order (a new list; the records are frozen)."""
        if kind.TABLE in self._KEPT_KINDS:
            return list(self.kept(f"all:{kind.TABLE}", lambda: self._read_all(kind)))
        return self._read_all(kind)

    def _read_all(self, kind: type[R]) -> list[R]:
        table = self._storage.read().get(kind.TABLE, {})
        return [kind.from_doc(doc, int(doc_id)) for doc_id, doc in table.items()]

    # typed queries: other modules ask these instead of reading stored documents -----------------

    def records_of(self, kind: type[R], person_id: int) -> list[R]:
        """The records of ``kind`` about one person (by their ``person_id``), in id order.

        The documents are indexed by person once per revision (``kept``): the Notes pane asks on
        every cursor move, and scanning 20,000 conversations each time stalled the screen (issue 9).
        """

        def index() -> dict[Any, list[tuple[str, dict[str, Any]]]]:
            by_person: dict[Any, list[tuple[str, dict[str, Any]]]] = {}
            for doc_id, doc in self._storage.read().get(kind.TABLE, {}).items():
                by_person.setdefault(doc.get("person_id"), []).append((doc_id, doc))
            return by_person

        docs = self.kept(f"by-person:{kind.TABLE}", index).get(person_id, [])
        return [kind.from_doc(doc, int(doc_id)) for doc_id, doc in docs]

    def records_where(self, kind: type[R], field_name: str, match: Callable[[Any], bool]) -> list[R]:
        """The records of ``kind`` whose stored ``field_name`` (None when absent) passes ``match``,
        in id order. Only those become dataclasses: building every record of a big table
        (thousands of done follow-ups) costs more than the whole query."""
        table = self._storage.read().get(kind.TABLE, {})
        found = ((doc_id, doc) for doc_id, doc in table.items() if match(doc.get(field_name)))
        return [kind.from_doc(doc, int(doc_id)) for doc_id, doc in found]

    def column(self, kind: type[Record], field_name: str) -> dict[int, Any]:
        """One field of every record of ``kind`` as stored (None when absent), by id, in id order:
        for lookups and counts over big tables, where building every dataclass would cost more."""
        table = self._storage.read().get(kind.TABLE, {})
        return {int(doc_id): doc.get(field_name) for doc_id, doc in table.items()}

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
