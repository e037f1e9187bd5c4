"""The JSON backup: exact round trip, full validation before a restore, a copy of what it replaces."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import orjson
import pytest

from netplan.core.clock import FixedClock
from netplan.core.errors import DataFileLocked
from netplan.interchange.backup import (
    BackupFileError,
    export_json,
    read_backup,
    restore_and_reopen,
    restore_backup,
)
from netplan.store import backups, schema
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person, Venue


def fill(store: Store) -> None:
    goal = store.insert(Goal(title="Move into climate tech", why="the work matters", horizon="2027-06-30"))
    store.insert(Goal(title="Find a mentor"))
    for i in range(12):  # ids past 9, so numeric order differs from text order
        store.insert(
            Person(
                name=f"Person {i} 최유림 [/]",
                company="Northwind",
                email=f"p{i}@example.com",
                emails=[f"p{i}@home.example"],
                tags=["climate", "berlin"],
                goals=[GoalLink(goal.id, "works at a climate fund")] if i % 2 else [],
                parked=i > 8,
            )
        )
    store.insert(Venue(name="Climate Drinks Berlin", kind="conference/meetup", goals=[GoalLink(goal.id)]))
    store.set_setting("active_target_cap", 12)


def test_export_round_trip_is_exact_bytes(store: Store, tmp_path: Path, clock: FixedClock) -> None:
    fill(store)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    export_json(store, first)
    target = tmp_path / "restored" / "netplan.json"
    restore_backup(target, first, clock=clock)
    with Store.open(target, readonly=True, clock=clock) as restored:
        export_json(restored, second)
        assert restored.setting("active_target_cap") == 12
        assert [p.name for p in restored.all(Person)] == [p.name for p in store.all(Person)]
    assert first.read_bytes() == second.read_bytes()


def test_export_layout_is_deterministic_and_documented(store: Store, tmp_path: Path) -> None:
    fill(store)
    path = tmp_path / "backup.json"
    summary = export_json(store, path)
    assert summary.endswith("2 goals, 12 people, 1 venues")
    raw = path.read_bytes()
    assert raw.endswith(b"}\n") and raw.startswith(b'{\n  "netplan_backup": 1,\n  "schema_version": 1,\n')
    document = orjson.loads(raw)
    assert list(document["tables"]) == ["goals", "meta", "people", "venues"]
    assert list(document["tables"]["people"]) == [str(i) for i in range(1, 13)]  # numeric order
    record = document["tables"]["people"]["1"]
    assert list(record) == sorted(record)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "최유림".encode() in raw  # UTF-8 as is


def test_unknown_tables_are_kept_exactly(store: Store, tmp_path: Path, clock: FixedClock) -> None:
    fill(store)
    path = tmp_path / "backup.json"
    export_json(store, path)
    document = orjson.loads(path.read_bytes())
    conversation = {"person_id": 1, "notes": "coffee", "nested": {"b": 1, "a": [2]}}
    document["tables"]["from_a_newer_feature"] = {"3": conversation}
    path.write_bytes(orjson.dumps(document))
    target = tmp_path / "restored.json"
    restore_backup(target, path, clock=clock)
    restored = orjson.loads(target.read_bytes())["from_a_newer_feature"]
    assert restored == document["tables"]["from_a_newer_feature"]


def test_restore_keeps_a_copy_of_the_file_it_replaces(tmp_path: Path, clock: FixedClock) -> None:
    source = Store.open(tmp_path / "a.json", clock=clock)
    fill(source)
    export_json(source, tmp_path / "backup.json")
    source.close()
    target = tmp_path / "b" / "netplan.json"
    with Store.open(target, clock=clock) as current:
        current.insert(Person(name="Only in the current file"))
    replaced = target.read_bytes()
    summary = restore_backup(target, tmp_path / "backup.json", clock=clock)
    assert summary.kept_copy is not None
    assert summary.kept_copy.parent == backups.backup_dir(target)
    assert summary.kept_copy.name == "netplan-2026-11-24-before-restore-093000.json"
    assert summary.kept_copy.read_bytes() == replaced
    assert stat.S_IMODE(summary.kept_copy.stat().st_mode) == 0o600
    assert "12 people" in summary.line() and str(summary.kept_copy) in summary.line()
    again = restore_backup(target, tmp_path / "backup.json", clock=clock)  # same second: a new name
    assert again.kept_copy is not None and again.kept_copy.name.endswith("-093000-2.json")


def test_restore_replaces_a_corrupt_data_file_and_keeps_it(
    store: Store, tmp_path: Path, clock: FixedClock
) -> None:
    fill(store)
    export_json(store, tmp_path / "backup.json")
    target = tmp_path / "broken" / "netplan.json"
    target.parent.mkdir()
    half_written = b'{"people": {"1": {"name": "half a fi'
    target.write_bytes(half_written)
    summary = restore_backup(target, tmp_path / "backup.json", clock=clock)
    assert summary.kept_copy is not None and summary.kept_copy.read_bytes() == half_written
    with Store.open(target, readonly=True) as restored:
        assert restored.count(Person) == 12


def test_restore_accepts_a_daily_backup_copy_of_a_data_file(
    store: Store, tmp_path: Path, clock: FixedClock
) -> None:
    fill(store)
    target = tmp_path / "other.json"
    restore_backup(target, store.path, clock=clock)  # the data file's own layout
    with Store.open(target, readonly=True) as restored:
        assert restored.count(Person) == 12 and restored.count(Goal) == 2


# refusals: nothing changes ------------------------------------------------------------------------


def backup_document(store: Store, tmp_path: Path) -> dict[str, Any]:
    fill(store)
    export_json(store, tmp_path / "good.json")
    document: dict[str, Any] = orjson.loads((tmp_path / "good.json").read_bytes())
    return document


def refused(tmp_path: Path, content: bytes, clock: FixedClock) -> str:
    target = tmp_path / "target" / "netplan.json"
    with Store.open(target, clock=clock) as current:
        current.insert(Person(name="Keep me"))
    before = target.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(BackupFileError) as caught:
        restore_backup(target, bad, clock=clock)
    assert target.read_bytes() == before
    assert not backups.backup_dir(target).exists() or not any(
        "before-restore" in p.name for p in backups.backup_dir(target).iterdir()
    )
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".restore-")] == []
    message = str(caught.value)
    assert "\n" not in message and str(bad) in message
    return message


def test_refuses_a_newer_schema(store: Store, tmp_path: Path, clock: FixedClock) -> None:
    document = backup_document(store, tmp_path)
    newer = schema.SCHEMA_VERSION + 1
    document["schema_version"] = newer
    document["tables"]["meta"]["1"]["schema_version"] = newer
    assert "newer than this netplan" in refused(tmp_path, orjson.dumps(document), clock)


def test_refuses_a_newer_backup_format(store: Store, tmp_path: Path, clock: FixedClock) -> None:
    document = backup_document(store, tmp_path)
    document["netplan_backup"] = 2
    assert "backup format 2 is newer" in refused(tmp_path, orjson.dumps(document), clock)


def test_refuses_a_schema_version_that_disagrees_with_meta(
    store: Store, tmp_path: Path, clock: FixedClock
) -> None:
    document = backup_document(store, tmp_path)
    document["schema_version"] = 0
    assert "does not match" in refused(tmp_path, orjson.dumps(document), clock)


def test_refuses_an_invalid_record(store: Store, tmp_path: Path, clock: FixedClock) -> None:
    document = backup_document(store, tmp_path)
    document["tables"]["people"]["3"]["email"] = "not an address"
    message = refused(tmp_path, orjson.dumps(document), clock)
    assert "people 3: email" in message


def test_refuses_a_broken_reference(store: Store, tmp_path: Path, clock: FixedClock) -> None:
    document = backup_document(store, tmp_path)
    del document["tables"]["goals"]["1"]
    message = refused(tmp_path, orjson.dumps(document), clock)
    assert "links to missing goal 1" in message and "more" in message


WITH_META = b'{"netplan_backup": 1, "tables": {"meta": {"1": {"schema_version": 1}}, '


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not valid JSON"),
        (b'{"netplan_backup": 1, "schema_version": 1, "tables": {"people": {"1": {"na', "not valid JSON"),
        (b"[1, 2]", "top level is not an object"),
        (b'{"hello": 1}', "not a netplan backup"),
        (b'{"netplan_backup": 1, "schema_version": 1, "tables": []}', "no 'tables' object"),
        (WITH_META + b'"people": []}}', "'people'"),
        (WITH_META + b'"people": {"01": {}}}}', "'01'"),
        (WITH_META + b'"people": {"1": 5}}}', "record 1"),
        (b'{"netplan_backup": 1, "tables": {"people": {}}}', "no valid schema_version"),
        (b'{"netplan_backup": "1", "tables": {}}', "not a format version"),
        (WITH_META + b'"people": {"1": {}}}}', "name"),
        (WITH_META + b'"people": {"1": {"name": "Ann", "goals": ["x"]}}}}', "people 1"),
    ],
)
def test_refuses_malformed_files(tmp_path: Path, clock: FixedClock, content: bytes, reason: str) -> None:
    assert reason in refused(tmp_path, content, clock)


def test_refuses_a_missing_file(tmp_path: Path, clock: FixedClock) -> None:
    with pytest.raises(BackupFileError, match="no such file"):
        read_backup(tmp_path / "absent.json")


def test_restore_takes_the_writer_lock(store: Store, tmp_path: Path, clock: FixedClock) -> None:
    fill(store)
    export_json(store, tmp_path / "backup.json")
    before = store.path.read_bytes()
    with pytest.raises(DataFileLocked, match="in use"):
        restore_backup(store.path, tmp_path / "backup.json", clock=clock)  # `store` holds the lock
    assert store.path.read_bytes() == before


# from inside the running program -----------------------------------------------------------------


def test_restore_and_reopen_returns_a_fresh_store_and_retires_the_old(
    store: Store, tmp_path: Path, clock: FixedClock
) -> None:
    fill(store)
    export_json(store, tmp_path / "backup.json")
    store.insert(Person(name="Added after the backup"))
    fresh, summary = restore_and_reopen(store, tmp_path / "backup.json")
    try:
        assert fresh is not store and not fresh.readonly
        assert "Added after the backup" not in {p.name for p in fresh.all(Person)}
        assert summary.kept_copy is not None
        with pytest.raises(PermissionError):
            store.insert(Person(name="Through the stale store"))
        assert "Through the stale store" not in store.path.read_text(encoding="utf-8")
    finally:
        fresh.close()


def test_restore_and_reopen_with_a_bad_backup_leaves_the_store_open(store: Store, tmp_path: Path) -> None:
    fill(store)
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"netplan_backup": 1, "tables": {"people": {}}}')
    with pytest.raises(BackupFileError):
        restore_and_reopen(store, bad)
    store.insert(Person(name="Still writable"))
    assert store.count(Person) == 13
