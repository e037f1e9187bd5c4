"""Writes that cannot or must not happen (issue 14, items 5 and 9).

Item 5: a chmod-400 data file was silently replaced by a 0600 one: now every writer refuses it
(exit 3) and leaves it as it is; a killed `restore` left its whole candidate file behind for ever:
now the next writer removes it. Item 9: an OSError anywhere in `restore` or `export ics` (a full
disk, a folder without write permission, a folder as the target, a read-only file system) was a
traceback: now it is one line and exit 3, with no temp file left and nothing half-written; every
temp file is 0600 from its first byte.

The disk errors are raised where the kernel would raise them (mkstemp, the write's fsync, the
rename), in the process: the tests run as any user, where a real full or read-only file system
needs root to mount. The issue's note has the same runs on a real 64 kB tmpfs and a read-only one.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.generate import DataSetSize, generate, write_data_file
from netplan.cli import main
from netplan.core.errors import DataFileUnwritable
from netplan.store import storage
from netplan.store.store import Store
from netplan.targets.model import Goal
from tests.processes import NETPLAN, REPO
from tests.reliability.test_one_writer import WRITES, prepare


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# item 5 ------------------------------------------------------------------------------------------


def test_a_read_only_data_file_is_refused_by_every_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = prepare(tmp_path)
    data_file.chmod(0o400)
    before, names = data_file.read_bytes(), _files(tmp_path)
    for name, argv in WRITES.items():
        code = main([*argv(tmp_path), "--db", str(data_file)])
        err = capsys.readouterr().err
        assert code == 3, f"{name}: exit {code}: {err!r}"
        assert err.count("\n") == 1 and "read-only" in err and str(data_file) in err, f"{name}: {err!r}"
        assert _mode(data_file) == 0o400 and data_file.read_bytes() == before, name
    assert _files(tmp_path) == names
    assert main(["people", "--db", str(data_file)]) == 0  # reading it is fine


def test_a_data_file_made_read_only_while_open_is_not_replaced(tmp_path: Path) -> None:
    data_file = tmp_path / "netplan.json"
    with Store.open(data_file) as store:
        store.insert(Goal(title="Before"))
        data_file.chmod(0o400)
        before = data_file.read_bytes()
        with pytest.raises(DataFileUnwritable, match="read-only"):
            store.insert(Goal(title="After"))
    assert data_file.read_bytes() == before and _mode(data_file) == 0o400


def _backup_for_a_slow_restore(folder: Path) -> Path:
    """A backup big enough that its restore spends a while with its candidate file on disk."""
    source = folder / "source" / "big.json"
    write_data_file(source, generate(size=DataSetSize(people=400, conversations=4_000, events=200)))
    backup = folder / "big-backup.json"
    assert main(["export", "json", str(backup), "--db", str(source)]) == 0
    return backup


def test_a_killed_restore_leaves_nothing_behind_after_the_next_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = tmp_path / "data" / "netplan.json"
    assert main(["add", "goal", "Before", "--db", str(data_file)]) == 0
    backup = _backup_for_a_slow_restore(tmp_path)
    capsys.readouterr()
    before = data_file.read_bytes()
    restore = subprocess.Popen(
        [str(NETPLAN), "restore", str(backup), "--db", str(data_file)], cwd=REPO, stderr=subprocess.DEVNULL
    )
    deadline, leftovers = time.monotonic() + 30, list[Path]()
    while not leftovers and time.monotonic() < deadline and restore.poll() is None:
        leftovers = [p for p in data_file.parent.iterdir() if p.name.endswith(".tmp")]
        time.sleep(0.001)
    restore.send_signal(signal.SIGKILL)
    restore.wait()
    assert leftovers, "the restore ended before its candidate file could be seen"
    assert data_file.read_bytes() == before  # killed before the swap
    assert any(p.exists() for p in leftovers)  # what a killed restore leaves
    assert main(["add", "goal", "After", "--db", str(data_file)]) == 0
    assert not [p.name for p in data_file.parent.iterdir() if p.name.endswith(".tmp")]


def test_an_old_netplans_restore_leftover_is_removed_once_it_is_old(tmp_path: Path) -> None:
    data_file = tmp_path / "netplan.json"
    assert main(["add", "goal", "X", "--db", str(data_file)]) == 0
    old, fresh = tmp_path / ".restore-abc123_x.json.tmp", tmp_path / ".restore-def456.json.tmp"
    for leftover in (old, fresh):
        leftover.write_bytes(data_file.read_bytes())
    long_ago = time.time() - storage.LEGACY_RESTORE_AGE - 60
    os.utime(old, (long_ago, long_ago))
    assert main(["add", "goal", "Y", "--db", str(data_file)]) == 0
    assert not old.exists() and fresh.exists()  # a fresh one may be another file's restore in flight


# item 9 ------------------------------------------------------------------------------------------

Fault = Callable[[pytest.MonkeyPatch, list[int]], None]


def _full_disk(monkeypatch: pytest.MonkeyPatch, modes: list[int]) -> None:
    """The disk fills up: the write is only known to have failed at its fsync (delayed allocation).
    Each temp file's mode is noted on the way."""

    def fsync(fd: int) -> None:
        modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def _no_permission(monkeypatch: pytest.MonkeyPatch, modes: list[int]) -> None:
    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(kwargs.get("dir")))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def _read_only_file_system(monkeypatch: pytest.MonkeyPatch, modes: list[int]) -> None:
    """The file system refuses to put the written file in place (a rename, or the link that puts a
    new export in place without replacing anything)."""

    def replace(source: object, target: object, **kwargs: object) -> None:
        modes.append(_mode(Path(str(source))))
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(target))

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "link", replace)


def _full_disk_while_copying(monkeypatch: pytest.MonkeyPatch, modes: list[int]) -> None:
    """Full in the middle of a copy (restore keeps the replaced file in backups/ first)."""

    def copyfileobj(source: object, target: object, length: int = 0) -> None:
        target.write(b"half of it")  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copyfileobj", copyfileobj)


FAULTS: dict[str, Fault] = {
    "a full disk": _full_disk,
    "a folder without write permission": _no_permission,
    "a read-only file system": _read_only_file_system,
    "a disk full while copying": _full_disk_while_copying,
}


def _assert_failed_cleanly(code: int, err: str, what: str, modes: list[int]) -> None:
    assert code == 3, f"{what}: exit {code}: {err!r}"
    assert err.count("\n") == 1 and err.startswith("netplan: ") and "Traceback" not in err, f"{what}: {err!r}"
    assert all(mode == 0o600 for mode in modes), f"{what}: temp files with modes {[oct(m) for m in modes]}"


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_restore_fails_in_one_line_leaving_nothing_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    data_file = prepare(tmp_path)
    assert main(["add", "goal", "Not in the backup", "--db", str(data_file)]) == 0
    capsys.readouterr()
    before, names = data_file.read_bytes(), _files(tmp_path)
    modes: list[int] = []
    with monkeypatch.context() as patched:
        FAULTS[fault](patched, modes)
        code = main(["restore", str(tmp_path / "backup.json"), "--db", str(data_file)])
    _assert_failed_cleanly(code, capsys.readouterr().err, fault, modes)
    assert data_file.read_bytes() == before
    created = [n for n in sorted(set(_files(tmp_path)) - set(names)) if (tmp_path / n).is_file()]
    assert created == [], f"{fault}: left {created}"  # no temp file, no half-written copy
    assert main(["restore", str(tmp_path / "backup.json"), "--db", str(data_file)]) == 0  # and then it works


def test_restore_onto_a_folder_fails_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prepare(tmp_path)
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    code = main(["restore", str(tmp_path / "backup.json"), "--db", str(folder)])
    _assert_failed_cleanly(code, capsys.readouterr().err, "a folder as the data file", [])
    assert folder.is_dir() and not any(folder.iterdir())


@pytest.mark.parametrize("fault", sorted(set(FAULTS) - {"a disk full while copying"}))
def test_export_ics_fails_in_one_line_leaving_nothing_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    data_file = tmp_path / "netplan.json"
    assert main(["init", "--demo", "--db", str(data_file)]) == 0
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    modes: list[int] = []
    with monkeypatch.context() as patched:
        FAULTS[fault](patched, modes)
        code = main(["export", "ics", str(out / "new.ics"), "--db", str(data_file)])
    _assert_failed_cleanly(code, capsys.readouterr().err, fault, modes)
    assert not any(out.iterdir())  # no temp file, nothing half-written


def test_export_ics_onto_a_folder_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = tmp_path / "netplan.json"
    assert main(["init", "--demo", "--db", str(data_file)]) == 0
    capsys.readouterr()
    code = main(["export", "ics", str(tmp_path), "--db", str(data_file)])
    _assert_failed_cleanly(code, capsys.readouterr().err, "a folder as the target", [])
    assert not [p for p in tmp_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
