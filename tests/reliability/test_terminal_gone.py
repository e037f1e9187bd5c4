"""The terminal goes away under a planner that gets no SIGHUP (DESIGN.md, Durability and One writer).

Found by hand: `make run` in tmux, then `tmux kill-server`. The kernel sends SIGHUP only to the
session leader (make); netplan, its child, just finds its terminal hung up. Textual's input thread
then read end-of-file in a tight loop (100% CPU for 19 minutes) and the planner held the writer
lock, so the user could not open the file again. Now a hung-up terminal ends the planner as SIGHUP
does: the last save on disk, the lock released, exit 128 + SIGHUP within seconds, no spinning.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import time
from pathlib import Path

import pytest

from tests.processes import NETPLAN
from tests.reliability.terminal import SIZE, Terminal, tui_environment
from tests.reliability.test_clean_exits import (
    EXIT_WITHIN,
    SAVED_TITLE,
    assert_next_start_is_free,
    prepare,
    save_a_goal,
    saved_titles,
)

CPU_AFTER_HANG_UP = 1.0  # CPU seconds to shut down (about 0.15 measured); a spin burns about one a second
TICKS = os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return [int(word) for word in listing.read().split()]


def cpu_and_state(pid: int) -> tuple[float, str] | None:
    """(user + system CPU seconds, state letter) of a process, None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS, fields[0]


def wait_gone(pid: int, timeout: float) -> tuple[float, float]:
    """Wait until ``pid`` has exited (gone, or a zombie nobody reaped yet): (seconds waited, the
    CPU seconds it used meanwhile, from its last sample alive)."""
    started = time.monotonic()
    sample = cpu_and_state(pid)
    first = sample[0] if sample else 0.0
    last = first
    while sample is not None and sample[1] != "Z":
        last = sample[0]
        if time.monotonic() - started > timeout:
            raise AssertionError(f"netplan {pid} still running {timeout} s after its terminal closed")
        time.sleep(0.05)
        sample = cpu_and_state(pid)
    return time.monotonic() - started, last - first


def test_a_closed_terminal_ends_a_planner_that_is_not_the_session_leader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = prepare(tmp_path)
    # as `make run` does: the session leader (the only process the kernel sends SIGHUP to) runs
    # netplan as its child and, on SIGHUP, waits for it before it ends (make reaps its children
    # first; this shell runs its trap once netplan has exited), so netplan's process group gets
    # no SIGHUP from the leader's exit either
    status_file = tmp_path / "status"
    netplan = f"{shlex.quote(str(NETPLAN))} --db {shlex.quote(str(data_file))}"
    command = f"trap : HUP; {netplan}; echo $? > {shlex.quote(str(status_file))}"
    tui = Terminal(["sh", "-c", command], SIZE, tui_environment())
    try:
        tui.wait_for_first_frame()
        planner = children(tui.process.pid)
        assert len(planner) == 1, planner
        save_a_goal(tui, SAVED_TITLE)
        tui.hang_up()
        waited, cpu = wait_gone(planner[0], timeout=EXIT_WITHIN)
        assert cpu < CPU_AFTER_HANG_UP, f"{cpu:.2f} s of CPU in the {waited:.2f} s before it exited"
        tui.process.wait(timeout=EXIT_WITHIN)  # the parent writes netplan's exit status, then ends
        assert status_file.read_text().strip() == str(128 + signal.SIGHUP)  # as SIGHUP ends it
    finally:
        with contextlib.suppress(ProcessLookupError):  # a planner left running, even orphaned
            os.killpg(tui.process.pid, signal.SIGKILL)  # its group: the one the shell leads
        tui.close()
    assert saved_titles(data_file) == {"Find a climate PM role", SAVED_TITLE}
    assert_next_start_is_free(data_file, capsys)
