"""The planner's saves: serialized on the event loop, written on a thread (issue 9: no stall over
50 ms), acknowledged only when on disk, and memory back to the file when a write fails."""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from netplan.core.clock import FixedClock
from netplan.core.errors import DataFileUnwritable
from netplan.store.store import Store
from netplan.targets.model import Goal


class Loop:
    """Stands in for the event loop: callbacks the writer delivers wait here until ``run``."""

    def __init__(self) -> None:
        self.waiting: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def deliver(self, callback: Callable[[], None]) -> None:
        with self._lock:
            self.waiting.append(callback)

    def run(self) -> int:
        with self._lock:
            callbacks, self.waiting = self.waiting, []
        for callback in callbacks:
            callback()
        return len(callbacks)


def titles_on_disk(path: Path) -> list[str]:
    return [doc["title"] for doc in orjson.loads(path.read_bytes()).get("goals", {}).values()]


def fail_the_next_write(store: Store, error: OSError) -> None:
    """The next file write raises ``error`` (a full disk, a failing device); later ones work."""
    write = store._storage.write_file
    failures = [error]

    def failing_write(payload: bytes) -> None:
        if failures:
            raise failures.pop()
        write(payload)

    store._storage.write_file = failing_write  # type: ignore[method-assign]


@pytest.fixture
def store(data_file: Path, clock: FixedClock) -> Store:
    Store.open(data_file, clock=clock).close()  # an existing file: nothing saved in this session yet
    return Store.open(data_file, clock=clock)


def test_a_save_is_acknowledged_only_when_it_is_on_disk(store: Store, data_file: Path) -> None:
    loop = Loop()
    heard: list[bool] = []
    store.on_saved = lambda: heard.append(store.saving)
    store.write_in_background(loop.deliver)
    store.insert(Goal(title="Move into platform engineering"))
    assert store.last_saved is None and heard == []  # nothing said before the write lands
    store.flush()
    assert titles_on_disk(data_file) == ["Move into platform engineering"]
    assert loop.run() == 1
    assert store.last_saved is not None and heard == [False]
    store.close()


def test_saves_faster_than_the_disk_write_the_newest_whole_file(store: Store, data_file: Path) -> None:
    gate = threading.Event()
    written: list[bytes] = []
    write = store._storage.write_file

    def slow_write(payload: bytes) -> None:
        gate.wait(5)
        write(payload)
        written.append(payload)

    store._storage.write_file = slow_write  # type: ignore[method-assign]
    store.write_in_background(Loop().deliver)
    for title in ("First", "Second", "Third", "Fourth"):
        store.insert(Goal(title=title))
    assert store.saving and titles_on_disk(data_file) == []
    gate.set()
    store.flush()
    assert titles_on_disk(data_file) == ["First", "Second", "Third", "Fourth"]
    assert 1 <= len(written) < 4  # the ones that waited were folded into the newest
    assert written[-1] == data_file.read_bytes()
    assert not store.saving
    store.close()


def test_a_failed_write_puts_memory_back_to_the_file_and_says_so(store: Store, data_file: Path) -> None:
    store.insert(Goal(title="Kept"))
    loop = Loop()
    heard: list[str | None] = []
    store.on_saved = lambda: heard.append(store.save_error)
    fail_the_next_write(store, OSError(errno.ENOSPC, "No space left on device"))
    store.write_in_background(loop.deliver)
    store.insert(Goal(title="Lost to a full disk"))
    with pytest.raises(DataFileUnwritable, match="No space left on device"):
        store.flush()
    loop.run()
    assert [goal.title for goal in store.all(Goal)] == ["Kept"]  # memory matches the file again
    assert titles_on_disk(data_file) == ["Kept"]
    assert heard and heard[-1] is not None and "Your last change was undone" in heard[-1]
    store.insert(Goal(title="After the disk was freed"))  # the next save tries again
    store.flush()
    loop.run()
    assert titles_on_disk(data_file) == ["Kept", "After the disk was freed"]
    assert store.save_error is None
    store.close()


def test_closing_writes_what_is_still_waiting(data_file: Path, clock: FixedClock) -> None:
    store = Store.open(data_file, clock=clock)
    store.write_in_background(Loop().deliver)
    store.insert(Goal(title="Saved just before quitting"))
    store.close()
    assert titles_on_disk(data_file) == ["Saved just before quitting"]
    with Store.open(data_file, clock=clock) as again:  # and the lock is free
        assert [goal.title for goal in again.all(Goal)] == ["Saved just before quitting"]


def test_a_snapshot_does_not_change_when_the_store_saves(store: Store) -> None:
    store.insert(Goal(title="Before"))
    snapshot = store.snapshot()
    assert store.snapshot() is snapshot  # one snapshot until the next save
    store.insert(Goal(title="After"))
    assert [goal.title for goal in snapshot.all(Goal)] == ["Before"]
    assert [goal.title for goal in store.snapshot().all(Goal)] == ["Before", "After"]
    with pytest.raises(PermissionError):
        snapshot.insert(Goal(title="Workers only read"))
    store.close()


def test_a_save_made_before_the_failure_is_undone_fails_instead_of_vanishing(
    store: Store, data_file: Path
) -> None:
    store.insert(Goal(title="Kept"))
    loop = Loop()
    fail_the_next_write(store, OSError(errno.EIO, "Input/output error"))
    store.write_in_background(loop.deliver)
    store.insert(Goal(title="Lost to the disk"))
    with pytest.raises(DataFileUnwritable):
        store.flush()
    # The loop has not undone the failed state yet: the next save is refused, not dropped silently.
    with pytest.raises(DataFileUnwritable, match="an earlier save could not be written"):
        store.insert(Goal(title="Typed meanwhile"))
    loop.run()
    assert [goal.title for goal in store.all(Goal)] == ["Kept"]
    with pytest.raises(DataFileUnwritable):  # nothing waits now, and this thread's save is not on disk
        store.flush()
    assert store.save_error is not None  # the failure is still there to report at exit
    store.close()
    assert titles_on_disk(data_file) == ["Kept"]


def test_a_worker_learns_its_save_failed_even_after_the_loop_recovered(store: Store) -> None:
    # An import applies on a worker thread and says "imported" only once its save is on disk.
    # The loop may undo the failed write (and accept saves again) before the worker asks: the
    # worker must still hear that its save failed.
    loop = Loop()
    fail_the_next_write(store, OSError(errno.ENOSPC, "No space left on device"))
    store.write_in_background(loop.deliver)
    saved = threading.Event()
    asked = threading.Event()
    outcome: list[str] = []

    def worker() -> None:
        store.insert(Goal(title="Imported on a worker"))
        saved.set()
        asked.wait(5)
        try:
            store.flush()
            outcome.append("on disk")
        except DataFileUnwritable as error:
            outcome.append(str(error))

    thread = threading.Thread(target=worker)
    thread.start()
    assert saved.wait(5)
    with pytest.raises(DataFileUnwritable):  # the test's thread waits for the write to fail ...
        store.flush()
    while not loop.run():
        pass  # ... and the loop undoes it: memory back to the file, saves accepted again
    assert store.all(Goal) == []
    asked.set()
    thread.join(5)
    assert len(outcome) == 1 and "No space left on device" in outcome[0]
    store.close()


def test_a_failed_write_after_the_file_changed_keeps_the_changes_unsaved(
    store: Store, data_file: Path
) -> None:
    """Memory is put back by reading the file again (no copy of it is kept: issue 17); a file
    changed since is not ours to read back, so memory keeps every change, shown as unsaved."""
    store.insert(Goal(title="Kept"))
    loop = Loop()
    failures = [OSError(errno.EIO, "Input/output error")]
    write = store._storage.write_file

    def changed_then_failing(payload: bytes) -> None:
        if not failures:
            write(payload)
            return
        data_file.write_bytes(data_file.read_bytes() + b" ")  # another program, mid-save
        raise failures.pop()

    store._storage.write_file = changed_then_failing  # type: ignore[method-assign]
    store.write_in_background(loop.deliver)
    store.insert(Goal(title="Not saved"))
    with pytest.raises(DataFileUnwritable, match="Input/output error"):
        store.flush()
    loop.run()
    assert [goal.title for goal in store.all(Goal)] == ["Kept", "Not saved"]
    assert store.save_error is not None and "NOT saved" in store.save_error
    store.close()
