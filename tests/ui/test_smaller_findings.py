"""Pilot: the smaller findings of issue 15 (finding 13), each as the user meets it."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static
from textual.widgets._select import SelectOverlay

from netplan.targets.model import Goal, GoalLink, Person, Venue
from screens.app import NetplanApp
from screens.common.row_list import RowList
from screens.events.capture_screen import CaptureScreen
from screens.events.events_screen import EventsScreen
from screens.main_screen import MainScreen
from screens.schedule.planning_screen import PlanningScreen
from screens.settings_form import SettingsForm
from screens.targets.people_view import PeopleView
from screens.targets.target_forms import PersonForm, VenueForm
from tests.ui.conftest import SIZE, AppFactory


def goal_id(app: NetplanApp, title_start: str) -> int:
    return next(g.id for g in app.store.all(Goal) if g.title.startswith(title_start))


def status(app: NetplanApp) -> str:
    return str(app.screen.query_one("#status-line", Static).render())


async def test_a_person_or_venue_added_under_a_goal_keeps_that_goal(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")  # Priya Raman, under the climate goal (not the goal row itself)
        await pilot.pause()
        climate = goal_id(app, "Move into climate-tech")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        assert app.screen.values()["goals"] == [climate]
        await pilot.press(*"Kai Moreno", "ctrl+s")
        await pilot.pause()
        [kai] = [p for p in app.store.all(Person) if p.name == "Kai Moreno"]
        assert [link.goal_id for link in kai.goals] == [climate]
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VenueForm)
        await pilot.press(*"Grid Night", "ctrl+s")
        await pilot.pause()
        [venue] = [v for v in app.store.all(Venue) if v.name == "Grid Night"]
        assert [link.goal_id for link in venue.goals] == [climate]


async def test_the_person_edit_form_shows_the_stored_why_and_keeps_it(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "e")  # edit Priya Raman
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        why = "Runs the product team I most want to join"
        assert app.screen.values()["goal_why"] == why
        await pilot.press("ctrl+s")  # saved untouched: the why stays
        await pilot.pause()
        priya = next(p for p in app.store.all(Person) if p.name == "Priya Raman")
        assert [link.why for link in priya.goals] == [why]
        # Aisha serves two goals with two whys: the field is empty and both whys are kept
        aisha = next(p for p in app.store.all(Person) if p.name == "Aisha Bello")
        form = PersonForm(app.store, aisha)
        app.push_screen(form)
        await pilot.pause()
        assert form.values()["goal_why"] == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        after = next(p for p in app.store.all(Person) if p.name == "Aisha Bello")
        assert after.goals == aisha.goals


async def test_the_people_filter_tom_lists_tomas_not_priya(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"tom")
        await pilot.pause()
        names = [row.person.name for row in app.screen.query_one(PeopleView).shown]
        assert names == ["Tomás Varga"]
        app.screen.query_one("#people-filter", Input).value = ""
        await pilot.press(*"tomas varg")  # accents folded; two words, each inside one word
        await pilot.pause()
        assert [row.person.name for row in app.screen.query_one(PeopleView).shown] == ["Tomás Varga"]
        app.screen.query_one("#people-filter", Input).value = ""
        await pilot.press(*"prm")  # p, r and m are in order only across words of hers: not a match
        await pilot.pause()
        assert "Priya Raman" not in [row.person.name for row in app.screen.query_one(PeopleView).shown]


async def type_row(pilot: Pilot[None], name: str, context: str) -> None:
    await pilot.press(*name, "enter", *context, "enter", "enter")


async def test_after_a_capture_the_status_line_says_so(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p", *"Kai Moreno", "ctrl+s")
        await pilot.pause()
        assert "Saved person" in status(app)
        await pilot.press("E", "c")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        await type_row(pilot, "Dana Ortiz", "Runs grid analytics")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Captured 1 person (1 new)" in status(app) and "Saved person" not in status(app)


async def test_the_settings_dropdown_stays_inside_the_dialog(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)
        await pilot.press("tab", "enter")  # open "Weeks start on"
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#field-week_start", Select).expanded
        overlay = app.screen.query_one(SelectOverlay)
        dialog = app.screen.query_one("#form")
        assert overlay.region.bottom <= dialog.region.bottom - 1  # above the dialog's bottom border
        await pilot.press("down", "enter")  # and it still chooses
        await pilot.pause()
        assert app.screen.query_one("#field-week_start", Select).value == 1


async def test_planning_names_the_targets_the_invite_list_proposes(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    climate = next(g.id for g in app.store.all(Goal) if g.title.startswith("Move into climate-tech"))
    app.store.insert(Person(name="Kai Moreno", goals=[GoalLink(climate, "Builds storage software")]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)
        for _ in range(20):
            rows = app.screen.query_one("#plan-people-due", RowList)
            if rows.row_count:
                break
            await pilot.pause(0.05)
        texts = [rows.row_text(i) for i in range(rows.row_count)]
        assert any("Kai Moreno" in text and "first touch" in text for text in texts)
