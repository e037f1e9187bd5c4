"""Pilot at 80x24 and a phone's 60x30 (issue 16): the three moments by keyboard alone, one pane at a
time below 100 columns, a resize that keeps the selection and what was typed, no horizontal scrolling.
"""

from __future__ import annotations

import re

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from netplan.events.model import Event
from netplan.notes.model import Conversation
from screens.app import NetplanApp
from screens.common.row_list import RowList
from screens.events.prep_screen import PrepScreen
from screens.main_screen import MainScreen
from screens.notes.conversation_form import ConversationForm
from screens.schedule.planning_screen import PlanningScreen
from screens.targets.targets_pane import TargetsPane
from tests.ui.conftest import SIZE, AppFactory

SMALL = [pytest.param((80, 24), id="80x24"), pytest.param((60, 30), id="60x30")]


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def on_screen(app: NetplanApp, widget: Widget) -> bool:
    """Displayed, and inside the terminal: a user sees it."""
    region, screen = widget.region, app.screen.region
    return widget.display and region.area > 0 and screen.contains_region(region)


def scrolls_sideways(app: NetplanApp) -> list[str]:
    """Widgets on the current screen that need a horizontal scrollbar."""
    return [
        repr(w)
        for w in app.screen.query("*")
        # the footer scrolls its keys sideways with a zero-size (invisible) bar: not a user's scrollbar
        if w.display and w.show_horizontal_scrollbar and w.styles.scrollbar_size_horizontal > 0
    ]


def selected_name(app: NetplanApp) -> str | None:
    ref = app.screen.query_one(TargetsPane).selected
    record = app.screen.selected_record() if ref is not None else None  # type: ignore[attr-defined]
    return getattr(record, "name", None)


@pytest.mark.parametrize("size", SMALL)
async def test_prep_ticks_an_item_the_user_can_see(open_app: AppFactory, size: tuple[int, int]) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, "E", "enter")  # Events, then the first event's prep checklist
        assert isinstance(app.screen, PrepScreen)
        checklist = app.screen.query_one("#prep-checklist", RowList)
        assert app.focused is checklist
        assert on_screen(app, checklist) and checklist.size.height >= 3
        await press(pilot, "down", "down", "space")  # the third item, by keyboard
        assert checklist.cursor == 2
        assert checklist.cursor - checklist.scroll_offset.y < checklist.size.height  # its row is in view
        [event] = [e for e in app.store.all(Event) if e.id == app.screen.event.id]
        assert [item.done for item in event.checklist][:3] == [False, False, True]
        assert scrolls_sideways(app) == []


@pytest.mark.parametrize("size", SMALL)
async def test_a_note_is_written_and_saved_by_keyboard(open_app: AppFactory, size: tuple[int, int]) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        before = app.store.count(Conversation)
        await press(pilot, "down", "down")  # Tomás Varga in the goal tree
        assert selected_name(app) == "Tomás Varga"
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, ConversationForm)
        needs = form.query_one("#field-needs", Input)
        assert app.focused is needs and on_screen(app, needs)
        await pilot.press(*"Two pilot customers")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert app.store.count(Conversation) == before + 1
        assert any(c.needs == "Two pilot customers" for c in app.store.all(Conversation))


@pytest.mark.parametrize("size", SMALL)
async def test_the_weekly_planning_opens_by_keyboard(open_app: AppFactory, size: tuple[int, int]) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, "w")
        assert isinstance(app.screen, PlanningScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        slots = app.screen.query_one("#plan-empty-slots")
        assert app.focused is slots and on_screen(app, slots)
        assert scrolls_sideways(app) == []


@pytest.mark.parametrize("size", SMALL)
async def test_one_pane_at_a_time_with_a_switcher_and_notes_in_one_key(
    open_app: AppFactory, size: tuple[int, int]
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        switcher = screen.query_one("#pane-switcher")
        panes = [screen.query_one(f"#{pane}") for pane in ("targets-pane", "week-pane", "notes-pane")]
        assert on_screen(app, switcher)
        assert [pane.display for pane in panes] == [True, False, False]
        assert panes[0].region.width == size[0]  # the one pane has the whole width
        await press(pilot, "down", "down", "N")  # Tomás, then his notes
        assert [pane.display for pane in panes] == [False, False, True]
        assert "Tomás Varga" in str(screen.query_one("#notes-details").render())
        await press(pilot, "l")  # the next pane wraps round to Targets, the selection unchanged
        assert [pane.display for pane in panes] == [True, False, False]
        assert selected_name(app) == "Tomás Varga"
        await press(pilot, "h", "h")  # back twice: the Week
        assert [pane.display for pane in panes] == [False, True, False]
        assert scrolls_sideways(app) == []


async def test_three_panes_side_by_side_when_wide(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#pane-switcher").display
        panes = [screen.query_one(f"#{pane}") for pane in ("targets-pane", "week-pane", "notes-pane")]
        assert all(on_screen(app, pane) for pane in panes)
        assert screen.query_one("#week-pane").region.width >= 22  # an event's time fits on one line


@pytest.mark.parametrize("size", SMALL)
async def test_resizing_keeps_the_selection_and_typed_text(
    open_app: AppFactory, size: tuple[int, int]
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "down", "down")
        assert selected_name(app) == "Tomás Varga"
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert selected_name(app) == "Tomás Varga"
        assert app.focused is not None and app.focused.id == "targets-tree" and on_screen(app, app.focused)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert selected_name(app) == "Tomás Varga"
        await press(pilot, "slash")  # the people filter: type, then shrink and grow the terminal
        await pilot.press(*"Chen")
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.pause()
        box = app.screen.query_one("#people-filter", Input)
        assert box.value == "Chen" and app.focused is box and on_screen(app, box)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert box.value == "Chen" and app.focused is box


@pytest.mark.parametrize("size", SMALL)
@pytest.mark.parametrize(
    "keys",
    [
        ("f",),
        ("E",),
        ("E", "enter"),
        ("E", "c"),
        ("down", "down", "o"),
        ("down", "down", "n"),
        ("2",),
        ("3",),
    ],
    ids=["follow-ups", "events", "prep", "capture", "composer", "note-form", "people", "slipping"],
)
async def test_no_screen_scrolls_sideways(
    open_app: AppFactory, size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, *keys)
        assert not isinstance(app.screen, MainScreen) or keys[0] in "23"
        assert scrolls_sideways(app) == []
        box = app.screen.query_one("#followups, #events, #prep, #capture, #composer, #form, #targets-pane")
        assert box.region.right <= size[0]  # the box's right edge (and border) is on screen


async def test_the_people_view_shows_dates_in_full(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "2")
        table = app.screen.query_one("#people-table", RowList)
        header = str(app.screen.query_one("#people-header").render())
        due_at = header.index("Due")
        assert due_at + len("14 Dec 26") <= table.scrollable_content_region.width  # the column is in view
        cells = [table.row_text(i)[due_at : due_at + 9].strip() for i in range(table.row_count)]
        assert cells and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{2}|—", cell) for cell in cells), cells
