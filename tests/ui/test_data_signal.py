"""Pilot: one data-change signal (issue 13). A save reaches every pane that shows the data, each
pane reads once per revision it shows, and a screen that changed nothing makes nobody read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from netplan.targets.model import Goal, Person
from screens.notes import notes_pane
from screens.schedule import week_pane
from screens.status_line import StatusLine
from screens.targets import targets_pane
from tests.ui.conftest import SIZE, AppFactory
from tests.ui.schedule_helpers import select_entry, settle
from tests.ui.test_targets_flow import tree_lines

GOAL = "Move into climate-tech product roles"


def goal_line(app: object) -> str:
    return next(line for line in tree_lines(app) if line.startswith(GOAL))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each pane read the store (its worker's read function, counted)."""
    counted: Counter[str] = Counter()

    def counting(pane: str, read: Callable[..., Any]) -> Callable[..., Any]:
        def read_and_count(*args: Any, **kwargs: Any) -> Any:
            counted[pane] += 1
            return read(*args, **kwargs)

        return read_and_count

    monkeypatch.setattr(targets_pane, "read_targets", counting("targets", targets_pane.read_targets))
    monkeypatch.setattr(notes_pane, "read_person_notes", counting("notes", notes_pane.read_person_notes))
    monkeypatch.setattr(week_pane, "load_week", counting("week", week_pane.load_week))
    return counted


async def select_person(pilot: Pilot[None], name: str) -> None:
    tree = pilot.app.screen.query_one(targets_pane.TargetsTree)
    tree.focus()
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        if node is not None and node.data is not None and node.data.kind is Person:
            person = pilot.app.store.get(Person, node.data.record_id)  # type: ignore[attr-defined]
            if person is not None and person.name == name:
                tree.move_cursor(node)
                await settle(pilot)
                return
    raise AssertionError(f"{name} is not in the goal tree")


async def test_skipping_an_occurrence_in_the_week_moves_the_goal_lines_next_step(
    open_app: AppFactory,
) -> None:
    # The goal's next step is the Climate Product Circle on Thursday; skipping that occurrence in
    # the Week pane must move the Targets pane's "next ..." too (it stayed on Thursday).
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "next Thu 26 Nov 18:30 Climate Product Circle" in goal_line(app)
        await select_entry(pilot, "Climate Product Circle")
        await pilot.press("s")
        await settle(pilot)
        line = goal_line(app)
        assert "Thu 26 Nov" not in line
        assert "next Thu 3 Dec 18:30 Climate Product Circle" in line
        await pilot.press("s")  # restored: the step is back on Thursday
        await settle(pilot)
        assert "next Thu 26 Nov 18:30 Climate Product Circle" in goal_line(app)


async def test_one_save_reads_each_pane_once(open_app: AppFactory, reads: Counter[str]) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_person(pilot, "Tomás Varga")
        reads.clear()
        await pilot.press("x")  # park: one save, from the main screen
        await settle(pilot)
        assert app.store.get(Person, pick(app, "Tomás Varga")).parked  # type: ignore[union-attr]
        assert reads == {"targets": 1, "notes": 1, "week": 1}
        reads.clear()
        await pilot.press("e")  # edit the person in the form: one save, from a form
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert reads == {"targets": 1, "notes": 1, "week": 1}


async def test_opening_and_closing_follow_ups_with_no_change_reads_nothing(
    open_app: AppFactory, reads: Counter[str]
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_person(pilot, "Priya Raman")
        reads.clear()
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert reads == {}


async def test_a_change_made_outside_the_panes_reaches_them(open_app: AppFactory) -> None:
    # No pane asked for it (a goal renamed through the store, as a worker would): the revision
    # moves and the Targets pane shows the new title.
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        goal = next(g for g in app.store.all(Goal) if g.title == GOAL)
        app.store.update(replace(goal, title="Renamed goal"))
        await settle(pilot)
        assert any(line.startswith("Renamed goal") for line in tree_lines(app))


async def test_a_failed_save_puts_the_panes_back_to_what_the_file_holds(
    open_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Memory goes back to the file after a failed write: a new revision, so every pane reads again.
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_person(pilot, "Tomás Varga")

        def disk_full(target: Path, payload: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("netplan.store.storage.atomic_write_bytes", disk_full)
        await pilot.press("x")  # park: the write fails
        await settle(pilot)
        assert not app.store.get(Person, pick(app, "Tomás Varga")).parked  # type: ignore[union-attr]
        line = next(line for line in tree_lines(app) if "Tomás Varga" in line)
        assert "parked" not in line
        assert "Your last change was undone" in str(app.screen.query_one(StatusLine).render())


def pick(app: object, name: str) -> int:
    return next(p.id for p in app.store.all(Person) if p.name == name)  # type: ignore[attr-defined]
