"""The user's goals are on the main screen's first frame; the People and Slipping rows, not on
screen, are read after it (issue 17: data on screen first)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from netplan.core.clock import FixedClock
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person
from screens.app import make_app
from screens.main_screen import MainScreen
from screens.targets import targets_pane
from screens.targets.people_view import PeopleView
from screens.targets.targets_data import TargetsData, TreeData, read_lists
from screens.targets.targets_pane import TargetsTree
from tests.ui.conftest import SIZE


def tree_labels(app: object) -> list[str]:
    tree = app.screen.query_one("#targets-tree")  # type: ignore[attr-defined]
    return [str(tree.get_node_at_line(i).label) for i in range(tree.last_line + 1)]


async def test_the_goal_tree_shows_before_the_people_rows_are_read(
    data_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_file, clock=clock) as store:
        goal = store.insert(Goal(title="Find a climate PM role"))
        store.insert(Person(name="Priya Raman", goals=[GoalLink(goal.id, "runs the team")]))
    gate = threading.Event()

    def held_lists(store: Store, tree: TreeData) -> TargetsData:
        gate.wait(10)
        return read_lists(store, tree)

    monkeypatch.setattr(targets_pane, "read_lists", held_lists)
    store = Store.claim(data_file, clock=clock)
    app = make_app(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            # (no pilot.pause() while the rows are held: it waits for the reading worker)
            for _ in range(200):  # the loading screen, then the main screen
                await asyncio.sleep(0.05)
                trees = list(app.screen.query(TargetsTree)) if isinstance(app.screen, MainScreen) else []
                if trees and trees[0].last_line >= 0:
                    break
            assert isinstance(app.screen, MainScreen)
            # The rows are still being read: the goal and its person are drawn all the same.
            labels = tree_labels(app)
            assert any("Find a climate PM role" in label for label in labels)
            assert any("Priya Raman" in label for label in labels)
            people = app.screen.query_one(PeopleView)
            assert people.rows == []
            gate.set()
            for _ in range(100):
                await pilot.pause()
                if people.rows:
                    break
                await asyncio.sleep(0.05)
            assert [row.person.name for row in people.rows] == ["Priya Raman"]
            await pilot.press("2")  # the People view lists them once read
            await pilot.pause()
            assert people.selected_id is not None
            assert tree_labels(app) == labels  # the tree, already drawn, was not rebuilt differently
            await pilot.press("q")
    finally:
        gate.set()
        store.close()
