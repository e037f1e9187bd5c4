"""The store's revision (issue 13): it moves with every change of memory, and only then; and the
typed queries other modules ask instead of reading stored documents."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest

from netplan.core.clock import FixedClock
from netplan.core.errors import DataFileUnwritable, ValidationError
from netplan.notes.model import Conversation, FollowUp
from netplan.store.store import Store
from netplan.targets.model import Goal, Person
from tests.unit.test_background_writes import Loop, fail_the_next_write


def test_a_save_moves_the_revision_and_a_snapshot_keeps_it(store: Store) -> None:
    before = store.revision
    goal = store.insert(Goal(title="Find a mentor"))
    assert store.revision == before + 1
    snapshot = store.snapshot()
    assert snapshot.revision == store.revision
    store.update(Goal(title="Find two mentors", id=goal.id))
    assert store.revision == before + 2 and snapshot.revision == before + 1


def test_reading_and_a_transaction_that_changes_nothing_leave_the_revision(store: Store) -> None:
    store.insert(Goal(title="Find a mentor"))
    before = store.revision
    store.all(Goal)
    store.snapshot()
    with store.transaction():
        store.all(Goal)
    assert store.revision == before


def test_a_rollback_moves_the_revision(store: Store) -> None:
    # What was read inside the transaction (a worker's snapshot) is no longer the data.
    before = store.revision
    with pytest.raises(ValidationError), store.transaction():
        store.insert(Goal(title="Kept in memory for a moment"))
        store.insert(Goal(title=""))
    assert store.all(Goal) == []
    assert store.revision > before


def test_memory_put_back_after_a_failed_write_moves_the_revision(data_file: Path, clock: FixedClock) -> None:
    store = Store.open(data_file, clock=clock)
    loop = Loop()
    fail_the_next_write(store, OSError(errno.ENOSPC, "No space left on device"))
    store.write_in_background(loop.deliver)
    store.insert(Goal(title="Lost to a full disk"))
    with pytest.raises(DataFileUnwritable):
        store.flush()
    after_save = store.revision
    loop.run()  # the loop puts memory back to the file
    assert store.revision == after_save + 1 and store.all(Goal) == []
    assert store.state().failed_writes == 1 and store.state().save_error is not None
    store.close()


def test_on_revision_runs_on_the_thread_that_saved(store: Store) -> None:
    heard: list[tuple[int, str]] = []
    store.on_revision = lambda: heard.append((store.revision, threading.current_thread().name))
    worker = threading.Thread(target=lambda: store.insert(Goal(title="From a worker")), name="importer")
    worker.start()
    worker.join(5)
    store.insert(Goal(title="From the loop"))
    assert heard == [(store.revision - 1, "importer"), (store.revision, threading.current_thread().name)]


def test_each_save_is_answered_even_when_a_newer_one_carried_it(data_file: Path, clock: FixedClock) -> None:
    # Two savers on two threads; the writer is held so the second payload replaces the first in
    # the queue: both hear "on disk" from the one write that carried both.
    store = Store.open(data_file, clock=clock)
    gate = threading.Event()
    write = store._storage.write_file
    written: list[bytes] = []

    def held_write(payload: bytes) -> None:
        gate.wait(5)
        write(payload)
        written.append(payload)

    store._storage.write_file = held_write  # type: ignore[method-assign]
    store.write_in_background(Loop().deliver)
    store.insert(Goal(title="Holds the writer"))
    outcomes: list[str] = []

    def saver(title: str) -> None:
        store.insert(Goal(title=title))
        store.flush()
        outcomes.append(title)

    threads = [threading.Thread(target=saver, args=(title,)) for title in ("First", "Second")]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join(5)
    assert sorted(outcomes) == ["First", "Second"]
    assert len(written) <= 3
    store.close()
    with Store.open(data_file, clock=clock) as again:
        assert [goal.title for goal in again.all(Goal)] == ["Holds the writer", "First", "Second"]


def test_typed_queries(store: Store) -> None:
    ann = store.insert(Person(name="Ann Example", company="Brightline"))
    bob = store.insert(Person(name="Bob Example"))
    talk = store.insert(Conversation(person_id=ann.id, when="2026-11-20T10:00:00+01:00"))
    store.insert(Conversation(person_id=bob.id, when="2026-11-21T10:00:00+01:00"))
    store.insert(
        FollowUp(person_id=ann.id, due="2026-11-22T10:00:00+01:00", text="Thank Ann", conversation_id=talk.id)
    )
    assert [c.id for c in store.records_of(Conversation, ann.id)] == [talk.id]
    assert store.records_of(FollowUp, bob.id) == []
    assert [
        p.name for p in store.records_where(Person, "company", lambda company: company == "Brightline")
    ] == ["Ann Example"]
    assert store.column(Person, "name") == {ann.id: "Ann Example", bob.id: "Bob Example"}
    store.remove(Conversation, talk.id)  # the per-person index follows the next revision
    assert store.records_of(Conversation, ann.id) == []
