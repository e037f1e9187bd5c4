"""Shared fixtures: a fixed clock, a temporary data file, and the developer's own data kept out."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from netplan.core.clock import FixedClock
from netplan.core.errors import DataFileUnwritable
from netplan.store.store import Store

# Tuesday 2026-11-24 09:30 in Berlin: every test that needs "now" uses this.
FIXED_NOW = "2026-11-24T09:30:00"
FIXED_TZ = "Europe/Berlin"


@pytest.fixture(autouse=True)
def _pilot_waits_until_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """``pilot.pause()`` (and so ``press`` and ``click``) also waits for thread workers (the panes
    read the store off the event loop) and for background saves to land, then for what they post
    to be drawn: a test then looks at the screen a user would see once the planner is idle."""
    original = Pilot.pause

    async def pause(self: Pilot[object], delay: float | None = None) -> None:
        await original(self, delay)
        app = self.app
        store = getattr(app, "store", None)
        for _ in range(5):
            saving = isinstance(store, Store) and store.saving
            if not saving and not any(worker.is_running for worker in app.workers):
                return
            await app.workers.wait_for_complete()
            if saving:
                with contextlib.suppress(DataFileUnwritable):  # a test of a failing disk looks itself
                    await asyncio.to_thread(store.flush)  # type: ignore[union-attr]
            await original(self)

    monkeypatch.setattr(Pilot, "pause", pause)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's real data file: $NETPLAN_DB and XDG point into tmp_path."""
    monkeypatch.setenv("NETPLAN_DB", str(tmp_path / "default" / "netplan.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@contextlib.contextmanager
def clock_at(store: Store, moment: str) -> Iterator[Store]:
    """The store's clock reads ``moment`` for a while: a test logs a conversation once it has happened
    (a conversation in the future is refused: issue 15), then goes on at the fixed clock's time."""
    reading, store.clock = store.clock, FixedClock(moment, tz=FIXED_TZ)
    try:
        yield store
    finally:
        store.clock = reading


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FIXED_NOW, tz=FIXED_TZ)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "netplan.json"


@pytest.fixture
def store(data_file: Path, clock: FixedClock) -> Iterator[Store]:
    opened = Store.open(data_file, clock=clock)
    yield opened
    opened.close()
