"""Snapshots of the main screens at a fixed size, clock and data-file path."""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

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


def test_main_screen_with_demo_data(snap_compare: Any, snapshot_app: Callable[..., NetplanApp]) -> None:
    app = snapshot_app(demo=True)
    assert snap_compare(app, terminal_size=SIZE, press=["down", "down"], run_before=settle)


def test_person_form(snap_compare: Any, snapshot_app: Callable[..., NetplanApp]) -> None:
    async def open_form(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "e")
        await pilot.pause()
        for box in pilot.app.screen.query(Input):  # a blinking cursor would make the picture flaky
            box.cursor_blink = False
        await pilot.pause()

    assert snap_compare(snapshot_app(demo=True), terminal_size=SIZE, run_before=open_form)


def test_planning_screen(snap_compare: Any, snapshot_app: Callable[..., NetplanApp]) -> None:
    async def open_planning(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)

    assert snap_compare(snapshot_app(demo=True), terminal_size=SIZE, run_before=open_planning)
