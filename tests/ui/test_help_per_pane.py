"""Pilot: help per screen and per pane, always reachable (issue 15, finding 12)."""

from __future__ import annotations

import pytest
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from screens.app import NetplanApp
from screens.help_screen import HelpScreen
from screens.main_screen import MainScreen
from screens.schedule.week_pane import WeekPane
from tests.ui.conftest import SIZE, AppFactory


def help_text(app: NetplanApp) -> str:
    assert isinstance(app.screen, HelpScreen)
    return str(app.screen.query_one("#help-keys", Static).render())


async def test_at_160_columns_with_targets_focused_the_footer_shows_help(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "targets-tree"
        for _ in range(20):  # the footer composes its keys once the bindings settle
            help_keys = [key for key in app.screen.query(FooterKey) if key.key == "question_mark"]
            if help_keys and help_keys[0].region.width:
                break
            await pilot.pause(0.05)
        [help_key] = help_keys
        assert help_key.region.width > 0 and help_key.region.right <= SIZE[0]
        assert "Help" in str(help_key.render())


async def test_question_mark_with_the_week_focused_lists_the_week_keys(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        assert isinstance(app.focused, WeekPane)
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        week, planner = text.split("The planner")
        assert week.startswith("Week pane")
        assert "e  Edit the highlighted series" in week and "i  Who should I invite to this one?" in week
        # the planner's e, d and i are named, with the pane that takes them: never two meanings unseen
        assert "e  Edit the selected goal, person or venue (not while the Week pane is focused)" in planner
        assert "i  Log that someone reached out" in planner and "(not while the Week pane" in planner
        await pilot.press("escape")
        await pilot.press("shift+tab")  # back to Targets: its e is Edit, and no Week section
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        assert "Week pane" not in text and "e  Edit the selected goal, person or venue\n" in text


async def test_the_notes_promise_keys_are_listed_under_the_notes_pane(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Priya", "enter")
        await pilot.pause()
        for _ in range(6):
            if app.focused is not None and app.focused.id == "notes-promises":
                break
            await pilot.press("tab")
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        assert text.startswith("Notes pane") and "d  Mark the highlighted promise kept" in text
        assert "d  Delete the selected item (asks first) (not while the Notes pane is focused)" in text


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("f",), "Sent it, replied or kept: close the item"),
        (("E",), "Open the event's prep checklist"),
        (("c",), "Close the Coach view"),
        (("w",), "Back to the main screen"),
        (("n", "f1"), "Validate and save"),  # a form: ? is typed into the field, F1 is help
        (("T",), "Switch between them and me"),
    ],
)
async def test_help_opens_on_every_screen(
    open_app: AppFactory, keys: tuple[str, ...], expected: str
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(keys[0])
        await pilot.pause()
        under = app.screen
        assert not isinstance(under, MainScreen)
        await pilot.press(keys[1] if len(keys) > 1 else "question_mark")
        await pilot.pause()
        text = help_text(app)
        assert text.startswith("This screen") or text.startswith("The planner") or "pane" in text
        assert expected in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is under
