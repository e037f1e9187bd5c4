"""Snapshots of the main screens at a fixed clock and data-file path: the six screens of the three
moments at 160x45, 100x30, 80x24 and a phone's 60x30 (issue 16)."""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from netplan.core.clock import FixedClock
from netplan.demo.load import load_demo
from netplan.store.store import Store
from screens.app import NetplanApp, make_app
from tests.conftest import FIXED_NOW, FIXED_TZ

# The status line shows the data file's path, so snapshots use a fixed one.
SNAPSHOT_DIR = Path("/tmp/netplan-snapshots")
SIZE = (160, 45)


@pytest.fixture
def snapshot_app() -> Iterator[Callable[..., NetplanApp]]:
    # One fixed folder for every checkout on the machine: concurrent runs take turns.
    with open("/tmp/netplan-snapshots.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield from _snapshot_app()


def _snapshot_app() -> Iterator[Callable[..., NetplanApp]]:
    shutil.rmtree(SNAPSHOT_DIR, ignore_errors=True)
    stores: list[Store] = []

    def factory(*, demo: bool) -> NetplanApp:
        store = Store.open(SNAPSHOT_DIR / "netplan.json", clock=FixedClock(FIXED_NOW, tz=FIXED_TZ))
        stores.append(store)
        if demo:
            load_demo(store)
        return make_app(store)

    yield factory
    for store in stores:
        store.close()
    shutil.rmtree(SNAPSHOT_DIR, ignore_errors=True)


def test_first_run_welcome(snap_compare: Any, snapshot_app: Callable[..., NetplanApp]) -> None:
    assert snap_compare(snapshot_app(demo=False), terminal_size=SIZE)


async def settle(pilot: Pilot[None]) -> None:
    """Let the thread workers (the Week pane's week, the planning figures) finish and draw."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_person_form(snap_compare: Any, snapshot_app: Callable[..., NetplanApp]) -> None:
    async def open_form(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "e")
        await pilot.pause()
        for box in pilot.app.screen.query(Input):  # a blinking cursor would make the picture flaky
            box.cursor_blink = False
        await pilot.pause()

    assert snap_compare(snapshot_app(demo=True), terminal_size=SIZE, run_before=open_form)


SIZES = {"160x45": (160, 45), "100x30": (100, 30), "80x24": (80, 24), "60x30": (60, 30)}
# The keys that open each screen from the main screen (down down: Tomás Varga, a named person).
SCREENS = {
    "main": ("down", "down"),
    "note-form": ("down", "down", "n"),
    "prep": ("E", "enter"),
    "planning": ("w",),
    "follow-ups": ("f",),
    "composer": ("down", "down", "o"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_at_size(
    snap_compare: Any, snapshot_app: Callable[..., NetplanApp], screen: str, size: str
) -> None:
    async def open_screen(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in SCREENS[screen]:
            await pilot.press(key)
            await settle(pilot)
        for box in pilot.app.screen.query(Input):  # a blinking cursor would make the picture flaky
            box.cursor_blink = False
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()

    assert snap_compare(snapshot_app(demo=True), terminal_size=SIZES[size], run_before=open_screen)
