"""Pilot: the Week pane on the demo week (fixed clock Tue 2026-11-24 09:30 Berlin), rule ALWAYS-ON.

Navigation, overlaps, skipping one occurrence without touching the series, deleting a series, and
`e`/`d` meaning the series when the Week pane has focus but the target when Targets has it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from netplan.events.model import Event
from netplan.events.saved import save_event
from netplan.schedule.slot import Slot
from netplan.schedule.week import add_slot, week_view
from netplan.targets.model import Person
from screens.common.confirm import ConfirmScreen
from screens.schedule.slot_form import SlotForm
from screens.schedule.week_pane import WeekPane
from screens.targets.target_forms import GoalForm, PersonForm
from tests.ui.conftest import SIZE, AppFactory
from tests.ui.schedule_helpers import (
    HOSTILE,
    HOSTILE_SHOWN,
    day_text,
    focus_week,
    select_entry,
    settle,
    slot_titled,
    week_text,
)


async def test_the_demo_week_shows_each_entry_at_its_time_and_moves_by_weeks(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(WeekPane)
        assert pane.border_subtitle == "23 Nov – 29 Nov 2026"
        assert "Tue 24 Nov  today" in day_text(pilot, 1)
        tuesday = day_text(pilot, 1)
        assert "08:30–09:15 coffee" in tuesday and "Coffee with a climate contact" in tuesday
        assert "with Priya Raman" in tuesday and "at Café Lumen" in tuesday
        thursday = day_text(pilot, 3)
        assert "18:30–20:00 group meeting" in thursday and "Climate Product Circle" in thursday
        # The fortnightly research lunch is this week, with nobody booked yet.
        assert "12:30–13:30 lunch" in day_text(pilot, 2) and "nobody yet" in day_text(pilot, 2)
        assert "—" in day_text(pilot, 5) and "—" in day_text(pilot, 6)

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert pane.border_subtitle == "30 Nov – 6 Dec 2026"
        assert "today" not in week_text(pilot)
        assert "lunch" not in week_text(pilot)  # every two weeks
        assert "Climate Product Circle" in day_text(pilot, 3)

        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert pane.border_subtitle == "16 Nov – 22 Nov 2026"
        await pilot.press("t")
        await settle(pilot)
        assert pane.border_subtitle == "23 Nov – 29 Nov 2026"
        assert "Tue 24 Nov  today" in day_text(pilot, 1)


async def test_the_week_starts_on_the_configured_day(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    app.store.set_setting("week_start", 6)  # Sunday
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one(WeekPane).border_subtitle == "22 Nov – 28 Nov 2026"
        assert day_text(pilot, 0).startswith("Sun 22 Nov")
        assert "Tue 24 Nov  today" in day_text(pilot, 2)


async def test_the_cursor_starts_on_the_next_entry_and_moves_with_the_keys(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        pane = await focus_week(pilot)
        # Tuesday 09:30: Monday's outreach and this morning's coffee are over; the lunch is next.
        assert pane.selected is not None and pane.selected.slot.title == "Research lunch"
        assert "▸ 12:30–13:30 lunch" in day_text(pilot, 2)
        await pilot.press("down")
        assert pane.selected is not None and pane.selected.slot.title == "Climate Product Circle"
        assert "▸ 18:30" in day_text(pilot, 3) and "▸" not in day_text(pilot, 2)
        await pilot.press("up", "up", "up", "up", "up")
        assert pane.selected is not None and pane.selected.slot.kind == "outreach block"


async def test_overlapping_entries_are_flagged(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    add_slot(
        app.store,
        Slot(
            kind="event",
            title="Grid talk",
            weekday=3,
            time="19:00",
            duration_minutes=60,
            start_date="2026-11-26",
            one_off=True,
        ),
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        thursday = day_text(pilot, 3)
        assert thursday.count("⚠ overlaps another entry") == 2
        assert "⚠ overlap" not in day_text(pilot, 1)


async def test_skip_marks_one_occurrence_and_leaves_the_series(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        before = slot_titled(app.store, "Coffee with a climate contact")
        pane = await select_entry(pilot, "Coffee with a climate contact")
        await pilot.press("s")
        await settle(pilot)
        after = slot_titled(app.store, "Coffee with a climate contact")
        assert after.skipped_dates == [*before.skipped_dates, "2026-11-24"]
        assert replace(after, skipped_dates=before.skipped_dates) == before  # nothing else changed
        assert "08:30–09:15 coffee\n  skipped · s restores it" in day_text(pilot, 1)
        assert pane.selected is not None and pane.selected.skipped  # the cursor stayed on it
        # Next week's occurrence is still there.
        next_week = week_view(app.store, date(2026, 11, 30))
        assert any(o.slot.id == after.id and not o.skipped for o in next_week)
        await pilot.press("s")
        await settle(pilot)
        assert slot_titled(app.store, "Coffee with a climate contact") == before
        assert "skipped" not in day_text(pilot, 1)


async def test_the_skipped_demo_circle_shows_struck_in_its_week(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*["left_square_bracket"] * 9)  # the demo skipped the circle nine weeks ago
        await settle(pilot)
        assert "18:30–20:00 group meeting\n  skipped" in day_text(pilot, 3)
        pane = app.screen.query_one(WeekPane)
        circle = next(occ for occ in pane.entries if occ.slot.title == "Climate Product Circle")
        assert pane.data is not None
        struck = [span for span in pane.data.lines[circle.key].spans if "strike" in str(span.style)]
        assert struck, "a skipped occurrence is struck through"


async def test_delete_series_asks_then_removes_every_occurrence(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await select_entry(pilot, "Research lunch")
        count = app.store.count(Slot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.store.count(Slot) == count
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.store.count(Slot) == count - 1
        assert "Research lunch" not in week_text(pilot)


async def test_e_and_d_act_on_the_focused_pane(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")  # Targets has focus: the goal under the cursor
        await pilot.pause()
        assert isinstance(app.screen, GoalForm)
        await pilot.press("escape")
        await pilot.press("down", "e")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await pilot.press("escape")
        await select_entry(pilot, "Climate Product Circle")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SlotForm)
        assert app.screen.original is not None and app.screen.original.title == "Climate Product Circle"
        await pilot.press("escape")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Climate Product Circle" in str(app.screen.question)
        await pilot.press("n")
        app.screen.query_one("#targets-tree").focus()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete person" in str(app.screen.question)
        await pilot.press("n")


async def test_hostile_titles_and_names_show_as_literal_text(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    person = app.store.insert(Person(name=HOSTILE))
    slot = add_slot(
        app.store,
        Slot(
            kind="coffee",
            title=HOSTILE,
            weekday=5,
            time="10:00",
            start_date="2026-11-28",
            person_id=person.id,
        ),
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        saturday = day_text(pilot, 5)
        assert saturday.count(HOSTILE_SHOWN) == 2  # the title and the person
        assert "\x1b" not in saturday and "\u202e" not in saturday
        assert app.is_running
        assert slot.id


async def test_a_days_events_show_under_it_with_their_arrive_by_time(open_app: AppFactory) -> None:
    """rule ARRIVE-EARLY: an event is listed under its day in the Week pane, its title made safe."""
    app = open_app(demo=True)
    [event] = app.store.all(Event)
    start, end = "2026-11-26T19:00:00+01:00", "2026-11-26T21:00:00+01:00"
    save_event(app.store, replace(event, title=f"Grid talk {HOSTILE}", start=start, end=end, tz=""))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        thursday = day_text(pilot, 3)
        assert f"19:00 Grid talk {HOSTILE_SHOWN}" in thursday
        assert "arrive 18:40" in thursday and "Climate Product Circle" in thursday
        assert "Grid talk" not in day_text(pilot, 2)
        assert app.is_running


async def test_h_says_an_occurrence_took_place_and_the_planning_counts_it(open_app: AppFactory) -> None:
    """Issue 15 item 8: held is what happened; `h` confirms (or takes back) a past occurrence, and a
    future one cannot be held yet."""
    from netplan.schedule.planning import week_figures

    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        week = date(2026, 11, 23)
        await select_entry(
            pilot, "Coffee with a climate contact"
        )  # this morning, 08:30, confirmed by the demo
        assert "✓ 08:30–09:15 coffee" in day_text(pilot, 1) or "▸ 08:30–09:15 coffee" in day_text(pilot, 1)
        held_before = week_figures(app.store, week).held.get("coffee", 0)
        await pilot.press("H")
        await settle(pilot)
        assert "2026-11-24" not in slot_titled(app.store, "Coffee with a climate contact").held_dates
        assert week_figures(app.store, week).held.get("coffee", 0) <= held_before
        await pilot.press("H")
        await settle(pilot)
        assert "2026-11-24" in slot_titled(app.store, "Coffee with a climate contact").held_dates
        assert week_figures(app.store, week).held.get("coffee", 0) == held_before
        await select_entry(pilot, "Research lunch")  # 12:30 today: not yet
        await pilot.press("H")
        await settle(pilot)
        assert "2026-11-24" not in slot_titled(app.store, "Research lunch").held_dates
