"""The storage's durability mechanics on real files: write order, atomic replace, permissions."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from netplan.core.clock import FixedClock
from netplan.store import store as store_module
from netplan.store.backups import backup_dir
from netplan.store.lock import lock_path
from netplan.store.storage import AtomicOrjsonStorage, FileState, NetplanTinyDB, atomic_write_bytes
from netplan.store.store import Store
from netplan.targets.model import Goal


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A permissive umask, so the modes below prove the code sets them rather than the umask."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


class WriteRecorder:
    """Records fsync (by the path of the fd) and os.replace calls, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, str, str]] = []
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd: int) -> None:
            self.calls.append(("fsync", os.readlink(f"/proc/self/fd/{fd}"), ""))
            real_fsync(fd)

        def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
            self.calls.append(("replace", str(src), str(dst)))
            real_replace(src, dst)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name fsync'd files")
def test_temp_file_is_fsynced_before_replace_and_the_folder_after(
    store: Store, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.insert(Goal(title="first"))  # today's backup already taken; the next write is a plain save
    recorder = WriteRecorder(monkeypatch)
    store.insert(Goal(title="second"))
    calls = [call for call in recorder.calls if "backups" not in call[1]]
    assert [kind for kind, *_ in calls] == ["fsync", "replace", "fsync"], calls
    (_, synced_temp, _), (_, replaced_src, replaced_dst), (_, synced_dir, _) = calls
    assert synced_temp == replaced_src  # the very file that is renamed was fsync'd first
    assert Path(replaced_src).parent == data_file.parent  # same folder: rename is atomic
    assert Path(replaced_dst) == data_file
    assert Path(synced_dir) == data_file.parent  # the rename itself made durable
    assert orjson.loads(data_file.read_bytes())["goals"]["2"]["title"] == "second"


def test_atomic_write_replaces_content_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


def test_atomic_write_failure_keeps_the_old_file_and_removes_the_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.json"
    atomic_write_bytes(target, b"old")

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


def test_new_files_are_0600_and_new_folders_0700(tmp_path: Path, clock: FixedClock, open_umask: None) -> None:
    data_file = tmp_path / "a" / "b" / "c" / "netplan.json"
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="one"))  # first write of the day: makes a backup
        store.insert(Goal(title="two"))
        assert _mode(data_file) == 0o600
        assert _mode(lock_path(data_file)) == 0o600
        for folder in (
            tmp_path / "a",
            tmp_path / "a" / "b",
            tmp_path / "a" / "b" / "c",
            backup_dir(data_file),
        ):
            assert _mode(folder) == 0o700, folder
        backups = list(backup_dir(data_file).iterdir())
        assert backups and all(_mode(b) == 0o600 for b in backups)


def test_an_existing_world_readable_data_file_becomes_0600_on_save(
    data_file: Path, clock: FixedClock, open_umask: None
) -> None:
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="one"))
    data_file.chmod(0o644)
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="two"))
    assert _mode(data_file) == 0o600


def test_an_existing_folder_keeps_its_mode(tmp_path: Path, clock: FixedClock, open_umask: None) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    with Store.open(shared / "netplan.json", clock=clock) as store:
        store.insert(Goal(title="one"))
    assert _mode(shared) == 0o755  # we never change the mode of a folder we did not create


def test_stale_temp_files_from_a_killed_save_are_removed_by_the_next_writer(
    data_file: Path, clock: FixedClock
) -> None:
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="one"))
    # what a save killed between mkstemp and os.replace leaves behind
    stale = data_file.parent / f".{data_file.name}.k2j3h4.tmp"
    stale.write_bytes(b'{"partial')
    unrelated = data_file.parent / ".other.json.abc.tmp"
    unrelated.write_bytes(b"not ours")
    with Store.open(data_file, readonly=True, clock=clock):
        assert stale.exists()  # a reader holds no lock, so it must not touch a writer's temp files
    with Store.open(data_file, clock=clock):
        assert not stale.exists()
    assert unrelated.exists()


def test_storage_reads_the_file_once(
    data_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="one"))
    reads: list[Path] = []
    real_read = store_module.read_data_file

    def counting_read(path: Path) -> tuple[bytes, FileState]:
        if path == data_file:
            reads.append(path)
        return real_read(path)

    monkeypatch.setattr(store_module, "read_data_file", counting_read)
    with Store.open(data_file, clock=clock) as store:
        for n in range(5):
            store.insert(Goal(title=f"goal {n}"))
        assert store.count(Goal) == 6
    assert len(reads) == 1


# the in-place TinyDB table -------------------------------------------------------------------


def test_tinydb_query_api_still_works_on_the_in_place_tables(tmp_path: Path) -> None:
    from tinydb import Query

    tables: dict[str, dict[str, Any]] = {"meta": {"1": {"schema_version": 1}}}
    storage = AtomicOrjsonStorage(tmp_path / "db.json", tables)
    db = NetplanTinyDB(storage=lambda: storage)
    things = db.table("things")
    assert things.insert_multiple([{"n": n} for n in range(1, 6)]) == [1, 2, 3, 4, 5]
    item = Query()
    assert things.update({"big": True}, item.n > 3) == [4, 5]
    assert things.remove(item.n == 1) == [1]
    assert things.remove(doc_ids=[2, 99]) == [2]
    assert [doc.doc_id for doc in things.search(item.big == True)] == [4, 5]  # noqa: E712
    assert things.upsert({"n": 9}, item.n == 9) == [6]
    assert len(things) == 4 and things.get(doc_id=3) == {"n": 3}
    saved = orjson.loads((tmp_path / "db.json").read_bytes())
    assert saved["things"] == {
        "3": {"n": 3},
        "4": {"n": 4, "big": True},
        "5": {"n": 5, "big": True},
        "6": {"n": 9},
    }
    things.truncate()
    assert len(things) == 0 and things.insert({"n": 1}) == 1


def test_a_change_does_not_copy_the_whole_table(store: Store) -> None:
    """Stock TinyDB rebuilds a table on every change: O(table) per save (bench/save_bench.py)."""
    store.insert(Goal(title="one"))
    goals_before = store.raw_tables()["goals"]
    with store.transaction():
        store.insert(Goal(title="two"))
        store.update(Goal(title="one, renamed", id=1))
    assert store.raw_tables()["goals"] is goals_before
    assert [doc["title"] for doc in goals_before.values()] == ["one, renamed", "two"]


# rolling back without a copy of the file (issue 17) --------------------------------------------


def test_a_rollback_puts_back_every_kind_of_change_in_order(store: Store) -> None:
    """No copy of the file's bytes is kept: the transaction's journal undoes inserts, in-place
    updates (nested ones too), removals (the order of the table comes back) and the ids given."""
    for n in range(1, 6):
        store.insert(Goal(title=f"goal {n}", why=f"why {n}"))
    before = orjson.loads(orjson.dumps(store.raw_tables()))
    order_before = {name: list(table) for name, table in store.raw_tables().items()}
    goals = store._db.table("goals")
    with pytest.raises(RuntimeError, match="changed my mind"), store.transaction():
        store.update(Goal(title="goal 2, renamed", why="why 2", id=2))
        goals.update(lambda doc: doc.setdefault("tags", []).append("in place"), doc_ids=[3])
        store.remove(Goal, 1)
        store.remove(Goal, 4)
        store.insert(Goal(title="goal 6"))
        store._db.table("scratch").insert({"n": 1})
        store.set_setting("week_start", 0)
        raise RuntimeError("changed my mind")
    assert store.raw_tables() == before
    assert {name: list(table) for name, table in store.raw_tables().items()} == order_before
    assert store.insert(Goal(title="next")).id == 6  # the id given inside was taken back too
    assert orjson.loads(store.path.read_bytes())["goals"] == store.raw_tables()["goals"]


def test_a_rollback_leaves_a_snapshot_taken_before_it_as_it_was(store: Store) -> None:
    store.insert(Goal(title="one"))
    snapshot = store.snapshot()
    with pytest.raises(RuntimeError), store.transaction():
        store.update(Goal(title="one, renamed", id=1))
        raise RuntimeError
    assert [goal.title for goal in snapshot.all(Goal)] == ["one"]
    assert [goal.title for goal in store.all(Goal)] == ["one"]
