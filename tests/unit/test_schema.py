"""The data file's shape and version: corrupt and newer files are refused untouched; older ones migrate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from netplan.core.clock import FixedClock
from netplan.core.errors import DataFileTooNew, DataFileUnreadable
from netplan.store import backups, schema
from netplan.store.store import Store
from netplan.targets.model import Goal

GOOD = orjson.dumps({"meta": {"1": {"schema_version": 1}}, "goals": {"1": {"title": "A", "why": ""}}})

CORRUPT: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b"  \n\t ",
    "truncated": GOOD[: len(GOOD) // 2],
    "garbage": b"hello, this is not json",
    "garbage appended": GOOD + b"\x00garbage",
    "zero bytes": b"\x00" * 4096,
    "binary": bytes(range(256)) * 8,
    "invalid utf-8": b'{"meta": {"1": {"schema_version": 1, "x": "\xff\xfe"}}}',
    "a list": b"[1, 2, 3]",
    "a string": b'"netplan"',
    "null": b"null",
    "table is a list": b'{"meta": {"1": {"schema_version": 1}}, "goals": []}',
    "document is a string": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"1": "x"}}',
    "document id not a number": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"abc": {}}}',
    "document id zero": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"0": {}}}',
    "document id not canonical": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"01": {}}}',
    "document id in Arabic digits": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"\\u0661": {}}}',
    "document id with a space": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"1 ": {}}}',
    "document id with a newline": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"1\\n": {}}}',
    "document id with a sign": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"+1": {}}}',
    "document id of 16 digits": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"1234567890123456": {}}}',
    "second document is a list": b'{"meta": {"1": {"schema_version": 1}}, "goals": {"1": {}, "2": []}}',
    "no meta": b'{"goals": {}}',
    "meta without version": b'{"meta": {"1": {}}}',
    "version is text": b'{"meta": {"1": {"schema_version": "1"}}}',
    "version is a bool": b'{"meta": {"1": {"schema_version": true}}}',
    "version is negative": b'{"meta": {"1": {"schema_version": -1}}}',
    "version is a float": b'{"meta": {"1": {"schema_version": 1.0}}}',
    "a tinydb file of another app": b'{"_default": {"1": {"name": "x"}}}',
}


def _write(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_a_corrupt_file_put_where_netplan_noted_its_own_is_refused(
    case: str, data_file: Path, clock: FixedClock
) -> None:
    """The lock file notes the file a checking netplan wrote, and a reader trusts that note (issue
    17: the shape checks are skipped then); a file put in its place is not the noted one."""
    Store.open(data_file, clock=clock, record_check=lambda tables: []).close()  # written and noted
    _write(data_file, CORRUPT[case])
    with pytest.raises(DataFileUnreadable):
        Store.open(data_file, readonly=True, clock=clock)
    assert data_file.read_bytes() == CORRUPT[case]


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_corrupt_file_is_refused_by_writer_and_reader_and_left_byte_identical(
    case: str, data_file: Path, clock: FixedClock
) -> None:
    _write(data_file, CORRUPT[case])
    for readonly in (False, True):
        with pytest.raises(DataFileUnreadable) as refused:
            Store.open(data_file, readonly=readonly, clock=clock)
        message = str(refused.value)
        assert str(data_file) in message
        assert "no backup found" in message
        assert "\n" not in message  # one clear line
    assert data_file.read_bytes() == CORRUPT[case]
    assert sorted(p.name for p in data_file.parent.iterdir()) == ["netplan.json", "netplan.json.lock"]


def test_refusal_names_the_newest_backup(data_file: Path, clock: FixedClock) -> None:
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="A"))
        store.insert(Goal(title="B"))
    newest = backups.newest_backup(data_file)
    assert newest is not None
    _write(data_file, b'{"meta": {"1": {"schema_ver')
    with pytest.raises(DataFileUnreadable) as refused:
        Store.open(data_file, clock=clock)
    assert f"newest backup: {newest}" in str(refused.value)


def test_newer_schema_is_refused_and_never_rewritten(data_file: Path, clock: FixedClock) -> None:
    newer = orjson.dumps({"meta": {"1": {"schema_version": schema.SCHEMA_VERSION + 1}}, "goals": {}})
    _write(data_file, newer)
    for readonly in (False, True):
        with pytest.raises(DataFileTooNew) as refused:
            Store.open(data_file, readonly=readonly, clock=clock)
        assert str(data_file) in str(refused.value)
        assert "upgrade netplan" in str(refused.value)
    assert data_file.read_bytes() == newer
    assert not backups.backup_dir(data_file).exists()


def test_unknown_tables_and_fields_from_the_same_version_are_kept(data_file: Path, clock: FixedClock) -> None:
    payload = {"meta": {"1": {"schema_version": 1}}, "goals": {"1": {"title": "A", "extra": 1}}, "later": {}}
    _write(data_file, orjson.dumps(payload))
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="B"))
    saved = orjson.loads(data_file.read_bytes())
    assert saved["later"] == {} and saved["goals"]["1"]["extra"] == 1


# migrations ----------------------------------------------------------------------------------


def _add_priority(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A test migration 1 -> 2: every goal gets a priority."""
    for doc in tables.get("goals", {}).values():
        doc["priority"] = 3
    return tables


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: _add_priority})


def _version_1_file(data_file: Path, clock: FixedClock) -> bytes:
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="Old"))
    return data_file.read_bytes()


def test_forward_migration_writes_the_migrated_file_and_keeps_a_backup_of_the_old(
    data_file: Path, clock: FixedClock, request: pytest.FixtureRequest
) -> None:
    old = _version_1_file(data_file, clock)
    request.getfixturevalue("version_2")
    with Store.open(data_file, clock=clock) as store:
        assert store.schema_version == 2
        assert store.get(Goal, 1) == Goal(title="Old", id=1)
    migrated = orjson.loads(data_file.read_bytes())
    assert migrated["meta"]["1"]["schema_version"] == 2
    assert migrated["goals"]["1"]["priority"] == 3
    assert old in [b.read_bytes() for b in backups.backup_dir(data_file).iterdir()]
    after_first_open = data_file.read_bytes()
    with Store.open(data_file, clock=clock):
        pass
    assert data_file.read_bytes() == after_first_open  # migrated once, not on every open


def test_migration_keeps_the_old_file_even_when_today_already_has_a_backup(
    data_file: Path, clock: FixedClock, request: pytest.FixtureRequest
) -> None:
    _version_1_file(data_file, clock)
    with Store.open(data_file, clock=clock) as store:  # today's backup is taken on this write
        store.insert(Goal(title="Later today"))
    old = data_file.read_bytes()
    request.getfixturevalue("version_2")
    with Store.open(data_file, clock=clock):
        pass
    assert old in [b.read_bytes() for b in backups.backup_dir(data_file).iterdir()]


def test_a_reader_migrates_in_memory_only(
    data_file: Path, clock: FixedClock, request: pytest.FixtureRequest
) -> None:
    old = _version_1_file(data_file, clock)
    request.getfixturevalue("version_2")
    with Store.open(data_file, readonly=True, clock=clock) as reader:
        assert reader.schema_version == 2
        assert reader.raw_tables()["goals"]["1"]["priority"] == 3
    assert data_file.read_bytes() == old


def test_a_missing_migration_step_refuses_the_file_untouched(
    data_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _version_1_file(data_file, clock)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: _add_priority})
    with pytest.raises(DataFileUnreadable, match="no migration from schema version 2"):
        Store.open(data_file, clock=clock)
    assert data_file.read_bytes() == old


def test_a_failing_migration_refuses_the_file_untouched(
    data_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _version_1_file(data_file, clock)

    def broken(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        raise KeyError("people")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: broken})
    with pytest.raises(DataFileUnreadable) as refused:
        Store.open(data_file, clock=clock)
    assert str(data_file) in str(refused.value) and "version 1" in str(refused.value)
    assert data_file.read_bytes() == old
    monkeypatch.undo()
    with Store.open(data_file, clock=clock) as store:  # no lock is left behind
        assert store.count(Goal) == 1
