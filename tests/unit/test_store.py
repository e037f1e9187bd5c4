"""The Store against real files: records, transactions (all or nothing), one write per transaction,
the writer lock across processes, and the guarantee that nothing is written on refusal."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from netplan.core.clock import FixedClock
from netplan.core.errors import DataFileLocked, DataFileUnwritable, NotFoundError, ValidationError
from netplan.store.lock import lock_path
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person, Venue
from tests.processes import kill_hard, lock_held


def _spy_replace(monkeypatch: pytest.MonkeyPatch, data_file: Path) -> list[str]:
    """Record every os.replace onto the data file: each is one real file write."""
    calls: list[str] = []
    real_replace = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == data_file:
            calls.append(str(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    return calls


# records -------------------------------------------------------------------------------------


def test_insert_gives_ids_and_the_records_come_back_after_reopen(data_file: Path, clock: FixedClock) -> None:
    with Store.open(data_file, clock=clock) as store:
        goal = store.insert(Goal(title="  Climate roles  ", why="energy data"))
        ann = store.insert(Person(name="Ann", tags=["a", "a", "b"], goals=[GoalLink(goal.id, "hires")]))
        venue = store.insert(Venue(name="Guild", kind="informal spot"))
    assert (goal.id, ann.id, venue.id) == (1, 1, 1)
    assert goal.title == "Climate roles"  # validated() cleans before storing
    with Store.open(data_file, clock=clock) as again:
        assert again.all(Goal) == [goal]
        assert again.get(Person, ann.id) == ann
        assert again.get(Person, ann.id).tags == ["a", "b"]  # type: ignore[union-attr]
        assert again.all(Venue) == [venue]
        assert again.count(Person) == 1


def test_update_and_remove_change_only_their_record(store: Store) -> None:
    first = store.insert(Goal(title="One"))
    second = store.insert(Goal(title="Two"))
    store.update(replace(first, status="achieved"))
    store.remove(Goal, second.id)
    assert store.all(Goal) == [replace(first, status="achieved")]
    assert store.get(Goal, second.id) is None


def test_update_or_remove_of_a_missing_record_is_not_found_and_writes_nothing(store: Store) -> None:
    writes = store.writes
    with pytest.raises(NotFoundError):
        store.update(Goal(title="ghost", id=42))
    with pytest.raises(NotFoundError):
        store.remove(Goal, 42)
    assert store.writes == writes


def test_invalid_record_is_refused_naming_the_field_and_nothing_is_written(
    store: Store, data_file: Path
) -> None:
    before = data_file.read_bytes()
    with pytest.raises(ValidationError) as refused:
        store.insert(Person(name="Ann", email="not an email"))
    assert refused.value.field == "email"
    assert data_file.read_bytes() == before
    assert store.all(Person) == []


def test_ids_of_removed_records_are_never_given_again_even_after_reopen(
    data_file: Path, clock: FixedClock
) -> None:
    with Store.open(data_file, clock=clock) as store:
        store.insert(Person(name="Ann"))
        bob = store.insert(Person(name="Bob"))
        store.remove(Person, bob.id)  # the newest record
    with Store.open(data_file, clock=clock) as store:
        carl = store.insert(Person(name="Carl"))
    assert carl.id == 3  # not 2: a stale reference to Bob must not find Carl


def test_a_file_without_id_bookkeeping_continues_after_its_highest_id(
    data_file: Path, clock: FixedClock
) -> None:
    data_file.parent.mkdir(parents=True)
    older = {"meta": {"1": {"schema_version": 1}}, "goals": {"3": {"title": "C"}, "7": {"title": "G"}}}
    data_file.write_bytes(orjson.dumps(older))
    with Store.open(data_file, clock=clock) as store:
        assert store.insert(Goal(title="next")).id == 8


def test_text_that_is_not_valid_utf8_is_refused_before_anything_is_written(
    store: Store, data_file: Path
) -> None:
    before = data_file.read_bytes()
    title_from_a_latin1_terminal = b"Caf\xe9".decode("utf-8", "surrogateescape")
    with pytest.raises(ValidationError) as refused:
        store.insert(Goal(title=title_from_a_latin1_terminal))
    assert refused.value.field == "title"
    assert data_file.read_bytes() == before
    assert store.insert(Goal(title="Café")).title == "Café"


def test_records_returned_by_the_store_do_not_alias_stored_documents(store: Store) -> None:
    ann = store.insert(Person(name="Ann", tags=["x"]))
    ann.tags.append("mutated by a caller")
    fetched = store.get(Person, ann.id)
    assert fetched is not None
    fetched.tags.append("mutated too")
    assert store.get(Person, ann.id).tags == ["x"]  # type: ignore[union-attr]


def test_settings_are_stored_in_the_file(data_file: Path, clock: FixedClock) -> None:
    with Store.open(data_file, clock=clock) as store:
        assert store.setting("week_start", "monday") == "monday"
        store.set_setting("week_start", "sunday")
    with Store.open(data_file, clock=clock) as again:
        assert again.setting("week_start") == "sunday"


# transactions --------------------------------------------------------------------------------


def test_exception_inside_a_transaction_leaves_file_and_memory_as_before(
    store: Store, data_file: Path
) -> None:
    goal = store.insert(Goal(title="Keep"))
    ann = store.insert(Person(name="Ann"))
    before = data_file.read_bytes()
    writes = store.writes
    with pytest.raises(RuntimeError, match="boom"), store.transaction():
        store.insert(Goal(title="Lost"))
        store.insert(Venue(name="Lost venue"))
        store.update(replace(ann, company="Changed"))
        store.remove(Goal, goal.id)
        store.set_setting("theme", "dark")
        raise RuntimeError("boom")
    assert data_file.read_bytes() == before
    assert store.writes == writes
    assert store.all(Goal) == [goal]
    assert store.get(Goal, goal.id) == goal
    assert store.get(Person, ann.id) == ann
    assert store.all(Venue) == [] and store.count(Venue) == 0
    assert store.setting("theme") is None
    # the rolled-back insert's id is free again: the next insert takes it, in memory and on disk
    assert store.insert(Goal(title="Next")).id == 2
    assert store.insert(Venue(name="First venue")).id == 1
    reopened_tables = orjson.loads(data_file.read_bytes())
    assert sorted(reopened_tables["goals"]) == ["1", "2"]


def test_validation_error_midway_rolls_back_the_earlier_changes(store: Store, data_file: Path) -> None:
    before = data_file.read_bytes()
    with pytest.raises(ValidationError), store.transaction():
        store.insert(Goal(title="Fine"))
        store.insert(Goal(title=""))
    assert data_file.read_bytes() == before
    assert store.all(Goal) == []


def test_several_changes_in_a_transaction_are_exactly_one_file_write(
    store: Store, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ann = store.insert(Person(name="Ann"))
    replaced = _spy_replace(monkeypatch, data_file)
    with store.transaction():
        goal = store.insert(Goal(title="One"))
        store.insert(Venue(name="Guild", goals=[GoalLink(goal.id)]))
        store.update(replace(ann, goals=[GoalLink(goal.id, "hires")]))
        store.set_setting("last_review", "2026-11-24")
        assert replaced == []  # nothing reaches the file before the transaction ends
    assert len(replaced) == 1
    saved = orjson.loads(data_file.read_bytes())
    assert saved["goals"]["1"]["title"] == "One"
    assert saved["venues"]["1"]["name"] == "Guild"
    assert saved["people"]["1"]["goals"] == [{"goal_id": 1, "why": "hires"}]


def test_nested_transactions_join_the_outer_one(
    store: Store, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replaced = _spy_replace(monkeypatch, data_file)
    with store.transaction():
        store.insert(Goal(title="Outer"))
        with store.transaction():
            store.insert(Goal(title="Inner"))
        assert replaced == []
    assert len(replaced) == 1
    before = data_file.read_bytes()
    with pytest.raises(KeyError), store.transaction():
        store.insert(Goal(title="Outer 2"))
        with store.transaction():
            store.insert(Goal(title="Inner 2"))
            raise KeyError("inner failure")
    assert data_file.read_bytes() == before
    assert [g.title for g in store.all(Goal)] == ["Outer", "Inner"]


def test_a_transaction_without_changes_writes_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    replaced = _spy_replace(monkeypatch, store.path)
    with store.transaction():
        store.all(Goal)
    assert replaced == []


def test_failed_file_write_rolls_back_memory_and_leaves_the_file(
    store: Store, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.insert(Goal(title="Saved"))
    before = data_file.read_bytes()

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(DataFileUnwritable, match="No space left") as failed:
        store.insert(Goal(title="Not saved"))
    assert str(data_file) in str(failed.value)  # a DataFileError: the CLI exits 3 with this line
    monkeypatch.undo()
    assert data_file.read_bytes() == before
    assert [g.title for g in store.all(Goal)] == ["Saved"]
    assert not [p for p in data_file.parent.iterdir() if p.name.endswith(".tmp")]  # temp file removed
    assert store.insert(Goal(title="Retry")).id == 2


def test_failed_first_write_of_a_new_file_creates_nothing_and_holds_no_lock(
    data_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only_disk(fd: int) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "fsync", read_only_disk)
    with pytest.raises(DataFileUnwritable, match="Read-only file system"):
        Store.open(data_file, clock=clock)
    monkeypatch.undo()
    assert not data_file.exists()
    with Store.open(data_file, clock=clock) as store:
        assert store.created


def test_on_saved_hears_about_each_durable_write(store: Store) -> None:
    heard: list[int] = []
    store.on_saved = lambda: heard.append(store.writes)
    with store.transaction():
        store.insert(Goal(title="A"))
        store.insert(Goal(title="B"))
    with pytest.raises(RuntimeError), store.transaction():
        store.insert(Goal(title="C"))
        raise RuntimeError
    assert heard == [store.writes]
    assert store.last_saved == store.clock.now()


def test_a_closed_store_refuses_to_write(data_file: Path, clock: FixedClock) -> None:
    store = Store.open(data_file, clock=clock)
    store.close()
    before = data_file.read_bytes()
    with pytest.raises(ValueError, match="closed"):
        store.insert(Goal(title="after close"))
    assert data_file.read_bytes() == before


# the writer lock across processes ------------------------------------------------------------


def test_second_writer_in_another_process_is_refused_naming_the_file(
    data_file: Path, clock: FixedClock
) -> None:
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="Mine"))
    before = data_file.read_bytes()
    with lock_held(data_file):
        with pytest.raises(DataFileLocked) as refused:
            Store.open(data_file, clock=clock)
        assert str(data_file) in str(refused.value)
        assert "\n" not in str(refused.value)
        # a reader takes no lock: check/agenda/people keep working while the planner is open
        with Store.open(data_file, readonly=True, clock=clock) as reader:
            assert [g.title for g in reader.all(Goal)] == ["Mine"]
    assert data_file.read_bytes() == before
    with Store.open(data_file, clock=clock) as after:  # released when the holder closed
        assert after.count(Goal) == 1


def test_second_writer_in_the_same_process_is_refused(store: Store, data_file: Path) -> None:
    with pytest.raises(DataFileLocked):
        Store.open(data_file)


def test_lock_is_released_when_the_holder_is_killed_with_sigkill(data_file: Path, clock: FixedClock) -> None:
    with lock_held(data_file) as holder:
        with pytest.raises(DataFileLocked):
            Store.open(data_file, clock=clock)
        kill_hard(holder)
        assert lock_path(data_file).exists()  # the file may stay; the kernel dropped the flock
        with Store.open(data_file, clock=clock) as store:
            store.insert(Goal(title="After the crash"))
    assert Store.open(data_file, readonly=True).count(Goal) == 1


def test_refused_open_leaves_no_lock_behind(data_file: Path, clock: FixedClock) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(b"{not json")
    for _ in range(2):
        with pytest.raises(Exception, match="cannot be read"):
            Store.open(data_file, clock=clock)
    data_file.unlink()
    with Store.open(data_file, clock=clock) as store:  # not blocked by the refused opens
        assert store.created
