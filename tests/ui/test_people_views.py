"""Pilot: the People filter, park/un-park with one key, and the cap warning (rules SMALL-LIST, GARDEN)."""

from __future__ import annotations

from textual.widgets import Static

from netplan.model import GoalLink, Person
from screens.people_view import PeopleView
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
