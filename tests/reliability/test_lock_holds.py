"""The lock holds and nothing is overwritten blindly (issue 14, items 1 and 2; DESIGN.md, One writer
and Durability).

Item 1: with the planner (or any writer) open, `rm FILE.lock` let a second netplan in, and the
holder's next save silently dropped what the second one wrote. Then the holder refused to write
once its lock file was gone; now the second netplan is not let in at all (the holder also holds a
name nobody can delete, netplan/store/lock.py) and the holder's saves go on landing. Where there is
no such name, the holder still checks at every write that the lock file is the one it locked (by
inode), and every writer that the data file is what it last read or wrote; otherwise it refuses,
keeps its memory and says so. Item 2: a symlinked data file is followed once (writes, temp files,
lock and backups beside the target), a dangling link is an error, and a planted
`FILE.lock -> victim` never has its target written.
"""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from netplan.cli import main
from netplan.core.clock import FixedClock
from netplan.core.errors import DataFileChanged
from netplan.store import lock
from netplan.store.backups import backup_dir
from netplan.store.lock import lock_path
from netplan.store.store import Store
from netplan.targets.model import Goal, Person
from tests.processes import run_netplan
from tests.reliability.terminal import open_tui

CLOCK = FixedClock("2026-11-30T09:00:00", tz="Europe/Berlin")


def names_in(data_file: Path) -> set[str]:
    tables = orjson.loads(data_file.read_bytes())
    return {
        doc.get("name") or doc.get("title") for t in ("people", "goals") for doc in tables.get(t, {}).values()
    }


def assert_refused_as_in_use(data_file: Path, holder_pid: int) -> None:
    """`netplan add person` on the held file: exit 3, one line naming the holder, nothing written."""
    before = data_file.read_bytes()
    second = run_netplan("add", "person", "Xavier", "--db", str(data_file))
    assert second.returncode == 3, second.stderr
    assert second.stderr.count("\n") == 1 and "is in use by another netplan" in second.stderr, second.stderr
    assert f"(process {holder_pid})" in second.stderr, second.stderr
    assert data_file.read_bytes() == before


def test_a_deleted_lock_file_does_not_let_a_second_writer_in(tmp_path: Path) -> None:
    data_file = tmp_path / "netplan.json"
    with Store.open(data_file, clock=CLOCK) as holder:
        holder.insert(Goal(title="Before"))
        lock_path(data_file).unlink()  # what the README used to call harmless
        assert_refused_as_in_use(data_file, os.getpid())
        holder.insert(Goal(title="After"))  # the holder's saves still land ...
        assert names_in(data_file) == {"Before", "After"}
        assert lock_path(data_file).read_text().split()[0] == str(os.getpid())  # ... on a lock file again
        lock_path(data_file).unlink()
        holder.insert(Goal(title="Later"))  # deleted before the holder's next save, not a second writer's
        assert_refused_as_in_use(data_file, os.getpid())
        assert names_in(data_file) == {"Before", "After", "Later"}
    assert names_in(data_file) == {"Before", "After", "Later"}
    assert run_netplan("add", "person", "Next", "--db", str(data_file)).returncode == 0  # free once closed


def test_two_files_in_one_folder_have_a_writer_each(tmp_path: Path) -> None:
    with Store.open(tmp_path / "work.json", clock=CLOCK):
        second = run_netplan("add", "goal", "Personal goal", "--db", str(tmp_path / "personal.json"))
        assert second.returncode == 0, second.stderr
    assert names_in(tmp_path / "personal.json") == {"Personal goal"}


def test_a_held_lock_file_deleted_and_a_new_one_locked_by_another_program(tmp_path: Path) -> None:
    """Someone deletes the lock file and holds a new one: the holder cannot know what happened in
    between, so it refuses to write (memory kept), as it did before it had the name."""
    data_file = tmp_path / "netplan.json"
    with Store.open(data_file, clock=CLOCK) as holder:
        holder.insert(Goal(title="Before"))
        lock_path(data_file).unlink()
        with lock_path(data_file).open("w") as squatter:
            fcntl.flock(squatter, fcntl.LOCK_EX)
            with pytest.raises(DataFileChanged, match="lock.*deleted or replaced"):
                holder.insert(Goal(title="After"))
        assert "After" in {g.title for g in holder.all(Goal)}  # memory kept the change
    assert names_in(data_file) == {"Before"}


def test_a_held_lock_file_replaced_by_a_link_is_not_followed(tmp_path: Path) -> None:
    data_file = tmp_path / "netplan.json"
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    with Store.open(data_file, clock=CLOCK) as holder:
        holder.insert(Goal(title="Before"))
        lock_path(data_file).unlink()
        lock_path(data_file).symlink_to(victim)
        with pytest.raises(DataFileChanged, match="lock.*deleted or replaced"):
            holder.insert(Goal(title="After"))
    assert victim.read_text() == "precious\n" and names_in(data_file) == {"Before"}


def test_without_the_name_the_holder_refuses_to_write_after_its_lock_file_is_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no name can be held (outside Linux, or another user took ours): the lock file alone
    guards, so a second netplan gets in once it is deleted, and nothing it wrote is lost."""
    monkeypatch.setattr(lock, "writer_name", lambda lock_file: None)  # this process holds no name
    data_file = tmp_path / "netplan.json"
    with Store.open(data_file, clock=CLOCK) as holder:
        holder.insert(Goal(title="Before"))
        lock_path(data_file).unlink()
        second = run_netplan("add", "person", "Xavier", "--db", str(data_file))
        assert second.returncode == 0, second.stderr  # it took a new lock file: it may write
        written = data_file.read_bytes()
        with pytest.raises(DataFileChanged, match="lock.*deleted or replaced"):
            holder.insert(Goal(title="After"))
        assert data_file.read_bytes() == written  # Xavier is still there
        assert "After" in {g.title for g in holder.all(Goal)}  # memory kept the change
        with pytest.raises(DataFileChanged):  # and every later write is refused too
            holder.insert(Goal(title="Later"))
    assert names_in(data_file) == {"Before", "Xavier"}


def test_a_name_held_by_something_else_does_not_lock_the_user_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Abstract names have no owner: a socket bound but not listening, or one of another user,
    is not a netplan of ours; the file opens (and the flock still guards it)."""
    data_file = tmp_path / "netplan.json"
    assert main(["add", "goal", "First", "--db", str(data_file)]) == 0
    name = lock.writer_name(lock_path(data_file))
    assert name is not None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as squatter:
        squatter.bind(name)
        assert main(["add", "goal", "Not listening", "--db", str(data_file)]) == 0
        squatter.listen()
        real_uid = os.getuid()
        with monkeypatch.context() as patched:
            patched.setattr(os, "getuid", lambda: real_uid + 1)  # the listener is "another user"
            assert main(["add", "goal", "Another user's", "--db", str(data_file)]) == 0
        assert main(["add", "goal", "Mine", "--db", str(data_file)]) == 3  # ours: a netplan's
        assert "is in use by another netplan" in capsys.readouterr().err
    assert names_in(data_file) == {"First", "Not listening", "Another user's"}


def test_a_file_changed_by_another_program_is_not_overwritten(tmp_path: Path) -> None:
    """No lock involved: an editor or a sync tool rewrote the file under a running netplan."""
    data_file = tmp_path / "netplan.json"
    with Store.open(data_file, clock=CLOCK) as store:
        store.insert(Goal(title="Mine"))
        edited = data_file.read_bytes().replace(b'"Mine"', b'"Edited elsewhere"')
        data_file.write_bytes(edited)  # in place: same inode, new size
        with pytest.raises(DataFileChanged, match="changed by another program"):
            store.insert(Person(name="Lost?"))
        assert data_file.read_bytes() == edited
        other = tmp_path / "other.json"
        other.write_bytes(edited)
        os.replace(other, data_file)  # replaced atomically: a new inode, same size
        with pytest.raises(DataFileChanged):
            store.insert(Person(name="Lost?"))
        assert data_file.read_bytes() == edited


def test_the_cli_says_so_in_one_line_with_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_file = tmp_path / "netplan.json"
    assert main(["add", "goal", "First", "--db", str(data_file)]) == 0
    capsys.readouterr()
    real_load = Store.load

    def edited_while_running(store: Store, before_parse: Callable[[], None] | None = None) -> None:
        real_load(store, before_parse)
        data_file.write_bytes(data_file.read_bytes().replace(b"First", b"Other"))  # someone else

    monkeypatch.setattr(Store, "load", edited_while_running)
    code = main(["add", "goal", "Second", "--db", str(data_file)])
    err = capsys.readouterr().err
    assert code == 3 and err.count("\n") == 1 and "changed by another program" in err, err
    assert names_in(data_file) == {"Other"}


def test_the_planner_keeps_its_change_on_screen_says_not_saved_and_exits_3(tmp_path: Path) -> None:
    data_file = tmp_path / "netplan.json"
    assert main(["add", "goal", "Find a climate PM role", "--db", str(data_file)]) == 0
    with open_tui(data_file) as tui:
        tui.wait_for_first_frame()
        tui.wait_for("Find a climate PM role")
        edited = data_file.read_bytes().replace(b"Find a climate", b"Find an energy")
        data_file.write_bytes(edited)  # an editor, a sync tool: another program
        start = len(tui.output)
        tui.send("g")
        tui.wait_for("New goal", since=start)
        tui.type_slowly("Typed in the planner")
        tui.send("\r")
        tui.wait_for("Not saved", since=start, timeout=15)
        assert "Typed in the planner" in tui.screen_text(since=start)  # memory kept it
        tui.send("q")
        code = tui.wait_exit(timeout=15)
        assert code == 3, tui.screen_text()[-500:]
    assert data_file.read_bytes() == edited


def test_the_planner_holds_its_file_when_its_lock_file_is_deleted(tmp_path: Path) -> None:
    data_file = tmp_path / "netplan.json"
    assert main(["add", "goal", "Find a climate PM role", "--db", str(data_file)]) == 0
    with open_tui(data_file) as tui:
        tui.wait_for_first_frame()
        tui.wait_for("Find a climate PM role")
        lock_path(data_file).unlink()
        assert_refused_as_in_use(data_file, tui.process.pid)
        start = len(tui.output)
        tui.send("g")
        tui.wait_for("New goal", since=start)
        tui.type_slowly("Typed in the planner")
        tui.send("\r")
        tui.wait_for("saved ", since=start, timeout=15)  # the status line: "saved HH:MM:SS", on disk
        assert names_in(data_file) == {"Find a climate PM role", "Typed in the planner"}
        assert_refused_as_in_use(data_file, tui.process.pid)  # still, with its lock file back
        tui.send("q")
        assert tui.wait_exit(timeout=15) == 0, tui.screen_text()[-500:]
    assert names_in(data_file) == {"Find a climate PM role", "Typed in the planner"}


# item 2: symbolic links ----------------------------------------------------------------------


def test_a_symlinked_data_file_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real" / "np.json"
    assert main(["add", "goal", "On the target", "--db", str(real)]) == 0
    link = tmp_path / "link.json"
    link.symlink_to(Path("real") / "np.json")
    assert main(["add", "goal", "Through the link", "--db", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "np.json")
    assert names_in(real) == {"On the target", "Through the link"}
    assert not lock_path(link).exists() and lock_path(real).exists()  # one lock, beside the target
    assert not backup_dir(link).exists() or not any(backup_dir(link).iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real"]
    # the same lock: a writer through the link is refused while one holds the target
    with Store.open(real, clock=CLOCK):
        refused = run_netplan("add", "goal", "Refused", "--db", str(link))
    assert refused.returncode == 3 and "in use" in refused.stderr, refused.stderr
    assert "Refused" not in names_in(real)


def test_a_dangling_link_is_an_error_not_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "np.json"
    link.symlink_to(tmp_path / "gone" / "np.json")
    for command in (["add", "goal", "X"], ["init"], ["agenda"], ["restore", str(tmp_path / "b.json")]):
        code = main([*command, "--db", str(link)])
        err = capsys.readouterr().err
        assert code == 3 and err.count("\n") == 1 and "does not exist" in err, (command, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["np.json"] and link.is_symlink()


def test_a_planted_lock_link_never_has_its_target_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = tmp_path / "data" / "np.json"
    assert main(["add", "goal", "X", "--db", str(data_file)]) == 0
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    lock_path(data_file).unlink()
    lock_path(data_file).symlink_to(victim)
    before = data_file.read_bytes()
    for command in (["add", "goal", "Y"], ["restore", str(tmp_path / "missing.json")]):
        code = main([*command, "--db", str(data_file)])
        err = capsys.readouterr().err
        assert code in (1, 3) and err.count("\n") == 1, err
    assert main(["add", "goal", "Y", "--db", str(data_file)]) == 3
    assert "symbolic link" in capsys.readouterr().err
    assert victim.read_text() == "precious\n" and data_file.read_bytes() == before
