"""The screens a newcomer looked at in tmux, a real terminal emulator, at 160x45, 80x24 and a phone's
60x30, with hostile text in the data (DESIGN.md, Sizes and Security of display): what tmux shows is
what a user sees, including what Textual's partial redraws leave behind.

- The composer's draft reads back whole: no column of "▊" marks down the text area's left edge
  (Textual's "tall" border), no word repeated where a line wraps (stale lines after a rewrap).
- The prep screen's progress bar fits, its percentage on screen.
- A form's footer shows the form's keys, not the main screen's.
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from netplan.coach.outreach import compose, suggested_template
from netplan.events.model import Event, EventTarget, Speaker
from netplan.events.saved import save_event
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person
from tests.processes import NETPLAN, REPO
from tests.reliability.terminal import tui_environment

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (.ci/run installs it)")

SIZES = [
    pytest.param((160, 45), id="160x45"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((60, 30), id="60x30"),
]
SMALL = SIZES[1:]
EVE = "Eve \x1b]0;pwned\x07 [/]"  # the OSC would retitle the terminal
COMPANY = "Acme \x9b31m\u202e"


class Tmux:
    """One tmux server of our own (its own socket) running netplan in a window of one size."""

    def __init__(self, data_file: Path, size: tuple[int, int]) -> None:
        self.socket = f"np-test-{secrets.token_hex(4)}"
        columns, rows = size
        env = tui_environment()
        command = f"{NETPLAN} --db {data_file}"
        subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-x", str(columns),
             "-y", str(rows), "-s", "np", command],
            check=True, env=env, cwd=REPO,
        )  # fmt: skip

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "np")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def settle(self, quiet: float = 1.0, timeout: float = 15.0) -> str:
        """The screen once it has not changed for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        shown = self.screen()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.screen()
            if now == shown:
                return now
            shown = now
        return shown

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "np", key)
            time.sleep(0.3)

    def title(self) -> str:
        return self.tmux("display", "-p", "-t", "np", "#{pane_title}")

    def close(self) -> None:
        self.tmux("kill-server")  # our own server only: the socket is ours


@contextmanager
def netplan_in_tmux(data_file: Path, size: tuple[int, int]) -> Iterator[Tmux]:
    terminal = Tmux(data_file, size)
    try:
        terminal.wait_for("Targets")
        yield terminal
    finally:
        terminal.close()


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    """One goal with Eve, whose name and company are hostile, and an event she is to be met at."""
    path = tmp_path / "netplan.json"
    with Store.open(path) as store, store.transaction():
        goal = store.insert(Goal(title="Move into climate-tech product roles"))
        eve = store.insert(
            Person(name=EVE, company=COMPANY, goals=[GoalLink(goal.id, "Runs the team")], needs="a PM")
        )
        start = store.clock.now().start_of("day").add(days=1, hours=18, minutes=30)
        save_event(
            store,
            Event(
                title="Staff+ Meetup",
                start=start.isoformat(),
                end=start.add(hours=2).isoformat(),
                tz=store.clock.tz.name,
                speakers=[Speaker(name=EVE, topic="[bold]x\x1b[2J")],
                targets=[EventTarget(eve.id, "Eve \x1b]0;pwned\x07 why")],
            ),
        )
    return path


def text_area_words(screen: str) -> str:
    """The words inside the composer's text area, in order: the rows of the first frame drawn below
    the composer's heading, cut to its columns (at 160x45 the main screen shows on either side)."""
    lines = screen.splitlines()
    heading = next(i for i, line in enumerate(lines) if "one person, one message" in line)
    top = next(i for i in range(heading, len(lines)) if "╭" in lines[i])
    left, right = lines[top].index("╭"), lines[top].index("╮")
    rows = []
    for line in lines[top + 1 :]:
        if line[left : left + 1] == "╰":
            break
        rows.append(line[left + 1 : right])
    return re.sub(r"\s+", " ", " ".join(rows)).strip()


@pytest.mark.parametrize("size", SIZES)
def test_the_composer_shows_the_draft_whole(hostile_file: Path, size: tuple[int, int]) -> None:
    with Store.open(hostile_file) as store:
        [eve] = store.all(Person)
        draft = compose(store, eve, suggested_template(store, eve))
    with netplan_in_tmux(hostile_file, size) as terminal:
        terminal.keys("Down", "o")
        terminal.wait_for("one person, one message")
        shown = terminal.settle()
        assert "▊" not in shown  # the text area's left edge: a frame, not a column of marks
        words = re.sub(r"\s+", " ", draft).strip()
        assert text_area_words(shown) == words, shown  # every word once, in order, across the wraps
        assert "pwned" not in terminal.title()


@pytest.mark.parametrize("size", SMALL)
def test_the_prep_progress_bar_fits(hostile_file: Path, size: tuple[int, int]) -> None:
    with netplan_in_tmux(hostile_file, size) as terminal:
        terminal.keys("E")
        terminal.wait_for("Events: coming up")
        terminal.keys("Enter")
        terminal.wait_for("ARRIVE BY")
        terminal.keys("space")
        shown = terminal.settle()
        [progress] = [line for line in shown.splitlines() if "Checklist:" in line]
        assert re.search(r"\b\d+%$", progress.rstrip()), progress  # the percentage is on screen
        assert progress.count("━") + progress.count("╸") + progress.count("╺") >= 15, progress
        assert "pwned" not in terminal.title()


@pytest.mark.parametrize("size", SIZES)
def test_a_form_footer_shows_the_forms_keys(hostile_file: Path, size: tuple[int, int]) -> None:
    with netplan_in_tmux(hostile_file, size) as terminal:
        terminal.keys("Down", "n")
        terminal.wait_for("After the conversation")
        bottom = terminal.settle().rstrip("\n").splitlines()[-1]
        assert "Save" in bottom and "Cancel" in bottom, bottom
        assert "Note+" not in bottom and "Events" not in bottom, bottom
