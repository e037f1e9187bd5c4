"""The planner draws before it reads the data file (issue 9: first frame), and nothing can change
the data until it has been read; a bad file still ends the planner with exit 3, untouched."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from netplan.core.clock import FixedClock
from netplan.core.errors import DataFileUnreadable
from netplan.store.store import Store
from netplan.targets.model import Goal
from screens.app import make_app
from screens.loading_screen import LoadingScreen
from screens.main_screen import MainScreen
from tests.ui.conftest import SIZE


def tree_labels(app: object) -> list[str]:
    tree = app.screen.query_one("#targets-tree")  # type: ignore[attr-defined]
    return [str(tree.get_node_at_line(i).label) for i in range(tree.last_line + 1)]


async def test_the_planner_draws_first_and_reads_the_file_behind_it(
    data_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="Find a climate PM role"))
    store = Store.claim(data_file, clock=clock)
    gate = threading.Event()
    real_load = store.load

    def slow_load(**options: Any) -> None:
        gate.wait(10)
        real_load(**options)

    monkeypatch.setattr(store, "load", slow_load)
    app = make_app(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await asyncio.sleep(0.3)
            assert isinstance(app.screen, LoadingScreen)
            shown = str(app.screen.query_one("#loading-message").render())
            assert shown.startswith("Opening ") and str(data_file) in shown
            with pytest.raises(RuntimeError, match="still being read"):
                store.insert(Goal(title="Typed before the file was read"))
            threading.Timer(0.3, gate.set).start()
            await pilot.press("g")  # a goal form would write over what is not read yet: nothing opens
            for _ in range(100):  # the main screen replaces the loading screen once the file is read
                await pilot.pause()
                if isinstance(app.screen, MainScreen):
                    break
                await asyncio.sleep(0.05)
            assert isinstance(app.screen, MainScreen)
            assert any("Find a climate PM role" in label for label in tree_labels(app))
            await pilot.press("q")
    finally:
        store.close()


async def test_a_bad_file_ends_the_planner_with_exit_3_untouched(data_file: Path, clock: FixedClock) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(b'{"meta": {"1": {"schema_version": 1}}, "goals": ')
    store = Store.claim(data_file, clock=clock)
    app = make_app(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for _ in range(50):
                if app.load_error is not None:
                    break
                await asyncio.sleep(0.05)
    finally:
        store.close()
    assert isinstance(app.load_error, DataFileUnreadable)
    assert "not valid JSON" in str(app.load_error)
    assert app.return_code == 3
    assert data_file.read_bytes() == b'{"meta": {"1": {"schema_version": 1}}, "goals": '
