"""Pilot: adding and editing a schedule entry with the keyboard; bad input is named and nothing saved.

Issue 4, "Bad input": end before start, duration 0, Feb 30, a time in a DST gap, every 0 weeks, an
unknown time zone.
"""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from netplan.schedule.slot import Slot
from netplan.targets.model import Person
from screens.schedule.slot_form import SlotForm
from tests.ui.conftest import SIZE, AppFactory
from tests.ui.schedule_helpers import day_text, focus_week, select_entry, settle, slot_titled


def fill(form: SlotForm, values: dict[str, str | int]) -> None:
    """Type into the text fields; choose in the Selects (weekday 0 = Monday)."""
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input) and isinstance(value, str)
            widget.value = value


async def test_add_a_slot_with_the_keyboard(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await focus_week(pilot)
        count = app.store.count(Slot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SlotForm)
        await pilot.press(*"Breakfast with the guild")
        # Title -> kind -> weekday -> time -> duration: tab through, typing where it is text.
        await pilot.press("tab", "tab", "tab")
        await pilot.press("ctrl+u", *"07:15", "tab", "ctrl+u", *"45")
        await pilot.press("enter")
        await settle(pilot)
        assert app.store.count(Slot) == count + 1
        added = slot_titled(app.store, "Breakfast with the guild")
        # The form starts on the highlighted entry's day: Wednesday's lunch, weekly, local zone.
        assert (added.kind, added.weekday, added.time, added.duration_minutes) == ("coffee", 2, "07:15", 45)
        assert (added.every_weeks, added.start_date, added.tz) == (1, "2026-11-25", "Europe/Berlin")
        assert not added.one_off
        wednesday = day_text(pilot, 2)
        assert "▸ 07:15–08:00 coffee" in wednesday and "Breakfast with the guild" in wednesday


async def test_the_person_is_typed_and_completed_by_name(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await focus_week(pilot)
        await pilot.press("a")
        await settle(pilot)  # the names to complete from are read in a worker
        form = app.screen
        assert isinstance(form, SlotForm)
        fill(form, {"title": "Mentoring coffee"})
        form.query_one("#field-person", Input).focus()
        await pilot.press(*"marc")
        await settle(pilot)
        await pilot.press("right")  # accept the suggestion
        assert form.query_one("#field-person", Input).value == "Marcus Oyelaran"
        await pilot.press("enter")
        await settle(pilot)
        marcus = next(p for p in app.store.all(Person) if p.name == "Marcus Oyelaran")
        assert slot_titled(app.store, "Mentoring coffee").person_id == marcus.id
        assert "with Marcus Oyelaran" in day_text(pilot, 2)


async def test_a_one_off_entry_falls_on_its_date_only(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await focus_week(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SlotForm)
        fill(form, {"title": "Grid talk", "time": "19:00", "one_off_date": "2026-11-28"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        talk = slot_titled(app.store, "Grid talk")
        assert talk.one_off and talk.start_date == "2026-11-28" and talk.weekday == 5
        assert "19:00–19:30 coffee" in day_text(pilot, 5)


TEXT_FIELDS = (
    "time",
    "duration_minutes",
    "tz",
    "every_weeks",
    "start_date",
    "end_date",
    "one_off_date",
    "person",
)
BAD_INPUT: list[tuple[dict[str, str], str, str, str]] = [
    ({"end_date": "2026-11-01"}, "Ends (YYYY-MM-DD)", "before the start date", "end_date"),
    ({"duration_minutes": "0"}, "Duration (minutes)", "at least 1", "duration_minutes"),
    ({"start_date": "2027-02-30"}, "Starts (YYYY-MM-DD)", "not a date", "start_date"),
    ({"one_off_date": "2027-02-30"}, "One-off date", "not a date", "one_off_date"),
    # Berlin skips 02:00-03:00 on Sunday 2027-03-28.
    ({"start_date": "2027-03-28", "time": "02:30"}, "Time (HH:MM)", "does not exist", "time"),
    ({"every_weeks": "0"}, "Every N weeks", "at least 1", "every_weeks"),
    ({"tz": "Mars/Olympus_Mons"}, "Time zone", "not a known time zone", "tz"),
    ({"time": "25:00"}, "Time (HH:MM)", "not a time of day", "time"),
    ({"person": "Nobody Atall"}, "With", "no person named 'Nobody Atall'", "person"),
]


async def test_bad_input_is_named_inline_and_nothing_is_saved(open_app: AppFactory) -> None:
    # One form, one bad value after another (one app for all cases: Pilot apps are slow to start).
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await focus_week(pilot)
        before = app.store.all(Slot)
        writes = app.store.writes
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SlotForm)
        good = {name: form.query_one(f"#field-{name}", Input).value for name in TEXT_FIELDS}
        for values, label, words, field in BAD_INPUT:
            fill(form, {**good, "title": "Sunday walk", "weekday": 6, **values})
            await pilot.press("ctrl+s")
            await pilot.pause()
            case = f"{values}: "
            assert app.screen is form, case + "the form closed"
            error = str(form.query_one("#form-error", Static).render())
            assert error.startswith(f"⚠ {label}: ") and words in error, case + error
            assert form.query_one(f"#field-{field}").has_class("invalid"), case + "field not marked"
            assert form.query_one("#field-title", Input).value == "Sunday walk", case + "typed text lost"
            for name, value in values.items():
                assert form.query_one(f"#field-{name}", Input).value == value, case + "typed text lost"
            assert app.store.all(Slot) == before and app.store.writes == writes, case + "something was saved"


async def test_edit_the_series_keeps_its_skips_and_bookings(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        before = slot_titled(app.store, "Coffee with a climate contact")
        await select_entry(pilot, "Coffee with a climate contact")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SlotForm)
        assert form.query_one("#field-time", Input).value == "08:30"
        fill(form, {"duration_minutes": "60"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = slot_titled(app.store, "Coffee with a climate contact")
        assert after.duration_minutes == 60 and after.id == before.id
        assert after.bookings == before.bookings and after.skipped_dates == before.skipped_dates
        assert "08:30–09:30 coffee" in day_text(pilot, 1)


async def test_a_monthly_entry_falls_on_the_first_tuesday_of_each_month(open_app: AppFactory) -> None:
    """Issue 15 item 8: "the first Tuesday of the month" is its own repeat; "every 4 weeks" drifts."""
    from datetime import date

    from netplan.schedule.week import occurrence_dates

    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await focus_week(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SlotForm)
        fill(form, {"title": "BNI chapter", "kind": "group meeting", "weekday": 1, "time": "07:00",
                    "start_date": "2026-11-01", "month_week": 1})  # fmt: skip
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = slot_titled(app.store, "BNI chapter")
        assert added.month_week == 1
        assert added.describe_recurrence() == "the first Tuesday of the month 07:00"
        days = occurrence_dates(added, date(2026, 11, 1), date(2027, 3, 31))
        assert [d.isoformat() for d in days] == [
            "2026-11-03", "2026-12-01", "2027-01-05", "2027-02-02", "2027-03-02",
        ]  # fmt: skip
