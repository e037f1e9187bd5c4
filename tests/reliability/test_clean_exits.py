"""Clean exits (issue 9, item 5): SIGTERM, SIGHUP, SIGINT, a closed terminal and ctrl+c while the
real TUI is open under a pseudo-terminal, right after a save made with the keyboard.

Each time: the saved change is in the file, the process ends within 5 seconds, the terminal is
given back (the alternate screen left, echo and line editing on again), and the next start is not
blocked by a stale lock. ctrl+c is Textual's: it does not quit, it tells how to (ctrl+q), in a text
box it copies; the user quits with ctrl+q (or q) and nothing saved is lost.
"""

from __future__ import annotations

import random
import signal
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from netplan.cli import main
from netplan.store.storage import temp_prefix
from netplan.store.store import Store
from netplan.targets.model import Goal
from tests.reliability.terminal import Terminal, open_tui

EXIT_WITHIN = 5.0  # seconds
SAVED_TITLE = "Saved before the exit"


def quit_with_ctrl_c(tui: Terminal) -> None:
    start = len(tui.output)
    tui.send("\x03")
    tui.wait_for("to quit", since=start)  # Textual's notice: "Press ctrl+q to quit the app"
    time.sleep(0.3)
    assert tui.process.poll() is None, "ctrl+c alone quit"
    tui.send("\x11")  # ctrl+q


def quit_with_ctrl_c_in_a_form(tui: Terminal) -> None:
    start = len(tui.output)
    tui.send("g")
    tui.wait_for("New goal", since=start)
    tui.type_slowly("Never saved")
    tui.send("\x03")  # in a text box: copy
    time.sleep(0.3)
    assert tui.process.poll() is None, "ctrl+c in a form quit"
    tui.send("\x11")  # ctrl+q quits from anywhere; the unsaved form is gone, as with q


@dataclass(frozen=True)
class Ending:
    end: Callable[[Terminal], None]
    code: int  # the exit status: 128 + the signal for a signal, as shells report it
    terminal_left: bool = True  # False when there is no terminal left to give back


ENDINGS: dict[str, Ending] = {
    "SIGTERM": Ending(lambda tui: tui.signal(signal.SIGTERM), 128 + signal.SIGTERM),
    "SIGHUP": Ending(lambda tui: tui.signal(signal.SIGHUP), 128 + signal.SIGHUP),
    "SIGINT": Ending(lambda tui: tui.signal(signal.SIGINT), 128 + signal.SIGINT),
    "terminal closed": Ending(Terminal.hang_up, 128 + signal.SIGHUP, terminal_left=False),
    "ctrl+c then ctrl+q": Ending(quit_with_ctrl_c, 0),
    "ctrl+c in a form": Ending(quit_with_ctrl_c_in_a_form, 0),
}


def prepare(folder: Path) -> Path:
    data_file = folder / "netplan.json"
    with Store.open(data_file) as store:
        store.insert(Goal(title="Find a climate PM role"))
    return data_file


def save_a_goal(tui: Terminal, title: str) -> None:
    start = len(tui.output)
    tui.send("g")
    tui.wait_for("New goal", since=start)
    tui.type_slowly(title)
    tui.send("\r")
    tui.wait_for("Saved goal", since=start)  # the form saved; the writer thread writes it ...
    tui.wait_for("saved ", since=start)  # ... and the status line says "saved HH:MM:SS": on disk


def assert_next_start_is_free(data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data_file):  # a writer, as the next start opens it
        pass
    assert main(["check", "--db", str(data_file)]) == 0, capsys.readouterr().err
    leftovers = [p.name for p in data_file.parent.iterdir() if p.name.startswith(temp_prefix(data_file))]
    assert leftovers == []


def saved_titles(data_file: Path) -> set[str]:
    with Store.open(data_file, readonly=True) as store:
        return {goal.title for goal in store.all(Goal)}


@pytest.mark.parametrize("name", list(ENDINGS))
def test_the_tui_exits_cleanly_and_keeps_what_it_saved(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ending = ENDINGS[name]
    data_file = prepare(tmp_path)
    with open_tui(data_file) as tui:
        tui.wait_for_first_frame()
        save_a_goal(tui, SAVED_TITLE)
        ending.end(tui)
        started = time.monotonic()
        code = tui.wait_exit(timeout=EXIT_WITHIN)
        assert time.monotonic() - started < EXIT_WITHIN
        assert code == ending.code, f"exit status {code}: {tui.screen_text()[-500:]!r}"
        if ending.terminal_left:
            assert tui.left_alternate_screen(), "the terminal was left in the alternate screen"
            local_modes = tui.terminal_attributes()[3]
            assert isinstance(local_modes, int)
            assert local_modes & termios.ECHO and local_modes & termios.ICANON, "still in raw mode"
    assert saved_titles(data_file) == {"Find a climate PM role", SAVED_TITLE}
    assert_next_start_is_free(data_file, capsys)


@pytest.mark.long
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_at_a_random_moment_of_a_save(
    signum: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The signal lands while a save is typed, sent or written: what the status line reported as
    saved is in the file, the file is whole, and the next start is free."""
    rng = random.Random()
    data_file = prepare(tmp_path)
    expected = {"Find a climate PM role"}
    for attempt in range(8):
        title = f"Goal {attempt}"
        with open_tui(data_file) as tui:
            tui.wait_for_first_frame()
            start = len(tui.output)
            tui.send("g")
            tui.wait_for("New goal", since=start)
            tui.send(title + "\r")
            time.sleep(rng.uniform(0, 0.2))
            tui.signal(signum)
            assert tui.wait_exit(timeout=EXIT_WITHIN) == 128 + signum
            reported = "Saved goal" in tui.screen_text(start)
        titles = saved_titles(data_file)
        if reported:
            assert title in titles, f"attempt {attempt}: reported saved, not in the file"
        assert titles - {title} == expected, f"attempt {attempt}: {titles}"
        expected = titles
        assert_next_start_is_free(data_file, capsys)
