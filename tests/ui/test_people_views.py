"""Pilot: the People filter, park/un-park with one key, and the cap warning (rules SMALL-LIST, GARDEN)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import Static

from netplan.targets.model import GoalLink, Person
from screens.common.row_list import RowList
from screens.targets.people_view import PeopleView
from screens.targets.slipping_view import SlippingView
from tests.ui.conftest import SIZE, AppFactory


async def test_filter_narrows_the_people_list_as_you_type(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.press(*"verdant")
        await pilot.pause()
        view = app.screen.query_one(PeopleView)
        names = [row.person.name for row in view.shown]
        assert names[:2] == ["Priya Raman", "Ravi Shah"] or names[:2] == ["Ravi Shah", "Priya Raman"]
        assert "Lena Fischer" not in names
        assert view.table.row_count == len(names)
        await pilot.press(*"xyzq")
        await pilot.pause()
        assert view.shown == []


async def test_park_and_unpark_with_one_key(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"priya", "enter")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        priya = next(p for p in app.store.all(Person) if p.name == "Priya Raman")
        assert priya.parked
        await pilot.press("x")
        await pilot.pause()
        priya = next(p for p in app.store.all(Person) if p.name == "Priya Raman")
        assert not priya.parked


async def test_cap_warning_appears_at_sixteen_active_targets(open_app: AppFactory) -> None:
    app = open_app(demo=True)  # the demo has 14 active targets
    goal_id = app.store.all(Person)[0].goals[0].goal_id
    app.store.insert(Person(name="Fifteenth", needs="x", goals=[GoalLink(goal_id)]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warning = app.screen.query_one("#cap-warning", Static)
        assert not warning.display
        await pilot.press("p", *"Sixteenth", "enter")  # the goal is selected, so she is a target
        await pilot.pause()
        assert warning.display
        assert "16 active targets" in str(warning.render())


async def test_a_large_unaimed_network_stays_out_of_the_goal_tree(open_app: AppFactory) -> None:
    from screens.targets.targets_pane import LOOSE_LIMIT, TargetsTree

    app = open_app(demo=True)
    with app.store.transaction():
        for i in range(300):
            app.store.insert(Person(name=f"Imported {i}", parked=True))
        for i in range(LOOSE_LIMIT + 5):
            app.store.insert(Person(name=f"Unaimed {i}"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(TargetsTree)
        labels = [str(tree.get_node_at_line(i).label) for i in range(tree.last_line + 1)]  # type: ignore[union-attr]
        # the limit holds the demo's unaimed Daniel Okafor and the first LOOSE_LIMIT - 1 generated ones
        assert sum("Unaimed" in label for label in labels) == LOOSE_LIMIT - 1
        assert not any("Imported" in label for label in labels)
        assert any("306 more in your network" in label for label in labels)  # 300 parked + 6 unaimed
        assert "Daniel Okafor" in " ".join(labels)  # the demo's unaimed person is still there


async def test_people_json_matches_what_the_people_view_shows(
    open_app: AppFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import datetime

    import orjson
    import pendulum

    from netplan.cli import main
    from tests.conftest import FIXED_TZ

    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        view = app.screen.query_one(PeopleView)
        shown = [(row.person.name, row.stage, row.due.timestamp() if row.due else None) for row in view.shown]
        lines = [view.table.row_text(i) for i in range(view.table.row_count)]
    app.store.close()
    # the CLI in the test clock's zone: "due in N days" is counted in the user's zone (DST matters)
    pendulum.set_local_timezone(pendulum.timezone(FIXED_TZ))
    try:
        assert main(["people", "--json", "--db", str(app.store.path)]) == 0
    finally:
        pendulum.set_local_timezone()
    people = orjson.loads(capsys.readouterr().out)["people"]
    listed = [
        (p["name"], p["stage"], datetime.fromisoformat(p["due"]).timestamp() if p["due"] else None)
        for p in people
    ]
    assert listed == shown  # same people, same order (due date first), same stage and due date
    assert all(name[:20] in line for (name, _, _), line in zip(listed, lines, strict=True))


async def test_the_slipping_list_is_drawn_when_shown_and_after_a_save_made_elsewhere(
    open_app: AppFactory,
) -> None:
    # issue 9: the Slipping rows are built only when their tab shows; they must never show a stale list.
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlippingView)
        table = view.query_one(RowList)
        slipping_names = [item.person.name for item in view.items]
        assert slipping_names, "the demo has people past their stay-in-touch date"
        await pilot.press("3")
        await pilot.pause()
        assert [table.row_text(i).split("  ")[0].strip() for i in range(table.row_count)] == slipping_names
        first = view.items[0].person
        await pilot.press("1")  # back to the goal tree; a touch logged now takes them off the list
        app.store.update(replace(first, last_touch=app.store.clock.now().isoformat()))
        await pilot.press("3")
        await pilot.pause()
        shown = [table.row_text(i) for i in range(table.row_count)]
        assert len(shown) == len(slipping_names) - 1
        assert not any(first.name in row for row in shown)
