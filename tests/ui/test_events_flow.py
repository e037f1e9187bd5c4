"""Pilot: events from the main screen, keyboard only (rules ARRIVE-EARLY, KNOW-THE-ROOM, ACT-AFTER)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Static

from netplan.agenda import agenda_for
from netplan.core.clock import FixedClock
from netplan.events.model import Event, Speaker
from netplan.events.saved import save_event
from netplan.notes.model import FollowUp
from netplan.targets.model import Person
from screens.app import NetplanApp
from screens.common.confirm import ConfirmScreen
from screens.common.row_list import RowList
from screens.events.capture_screen import CaptureScreen
from screens.events.event_form import EventForm
from screens.events.events_screen import EventsScreen
from screens.events.prep_screen import PrepScreen
from screens.main_screen import MainScreen
from screens.notes.followups_screen import FollowUpsScreen
from tests.ui.conftest import SIZE, AppFactory

HOSTILE = "Evil [@click=app.quit]x [/] \x1b]0;pwned\x07\u202e"


def shown(app: NetplanApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def rows(app: NetplanApp) -> list[str]:
    row_list = app.screen.query_one(RowList)
    return [row_list.row_text(i) for i in range(row_list.row_count)]


def the_event(app: NetplanApp) -> Event:
    [event] = app.store.all(Event)
    return event


async def open_prep(pilot: Pilot[None]) -> None:
    await pilot.press("E")  # main screen: Events
    await pilot.pause()
    assert isinstance(pilot.app.screen, EventsScreen)
    await pilot.press("enter")  # the cursor is on the first (the only) event: its prep checklist
    await pilot.pause()
    assert isinstance(pilot.app.screen, PrepScreen)


async def type_row(pilot: Pilot[None], name: str, context: str, next_step: str) -> None:
    """Name ⏎ context ⏎ next step ⏎: the row is added and the name field is ready for the next."""
    for text in (name, context, next_step):
        if text:
            await pilot.press(*text)
        await pilot.press("enter")


async def test_prepare_the_event_and_tick_the_checklist_with_the_keyboard(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_prep(pilot)
        assert "ARRIVE BY 18:10" in shown(app, "#prep-arrive")
        assert shown(app, "#prep-progress-label") == "Checklist: 0 of 6 done"
        await pilot.press("space", "down", "space", "down", "down", "space")
        await pilot.pause()
        assert [item.done for item in the_event(app).checklist] == [True, True, False, True, False, False]
        assert shown(app, "#prep-progress-label") == "Checklist: 3 of 6 done"
        assert rows(app)[0].startswith("[x] Arrive by 18:10")
        await pilot.press("space")  # again: un-tick
        await pilot.pause()
        assert the_event(app).progress == (2, 6)
        await pilot.press("a")
        await pilot.press(*"Bring business cards", "enter")
        await pilot.pause()
        assert rows(app)[-1] == "[ ] Bring business cards  (mine)"
        await pilot.press("space")  # the new item is selected
        await pilot.press("home", "x")  # a template item cannot be removed
        await pilot.pause()
        assert "only items you added" in shown(app, "#prep-message")
        assert the_event(app).progress == (3, 7)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_capture_three_people_quickly(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("E", "c")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        await type_row(pilot, "Dana Ortiz", "Runs grid analytics at Verdant", "Send my write-up")
        await type_row(pilot, "jonas weber", "Promotion case, over drinks", "Book a coffee")
        await type_row(pilot, "Ines Carvalho", "Asked about her talk", "")
        await pilot.pause()
        assert [row.split()[-1] for row in rows(app)] == ["new", "known", "new"]
        assert rows(app)[2].rstrip().endswith("speaker · new")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        assert "Captured 3 people (2 new): follow-ups due" in shown(app, "#events-message")
    event = the_event(app)
    names = {p.id: p.name for p in app.store.all(Person)}
    assert [names[person_id] for person_id in event.met] == ["Dana Ortiz", "Jonas Weber", "Ines Carvalho"]
    assert event.speakers[1].person_id == event.met[2]  # the speaker met is linked to the new person
    assert len(app.store.all(FollowUp)) - 5 == 3  # the demo's five logged coffees, then these three


async def test_a_name_typed_twice_is_offered_as_a_merge_and_no_keeps_every_row(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        people = app.store.count(Person)
        writes = app.store.writes
        await pilot.press("E", "c")
        await type_row(pilot, "Dana Ortiz", "Grid analytics", "Send write-up")
        await type_row(pilot, "DANA ORTIZ", "Hiring a PM", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert len(rows(app)) == 2 and app.store.writes == writes  # nothing lost, nothing written
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        assert "merged Dana Ortiz" in shown(app, "#events-message")
    assert app.store.count(Person) == people + 1


async def test_the_event_form_refuses_bad_input_inline_and_keeps_what_was_typed(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("E", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventForm)
        await pilot.press(*"Climate Tech Night")
        form.query_one("#field-end").value = "17:00"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Ends (HH:MM): " in shown(app, "#form-error") and "not after the start" in shown(
            app, "#form-error"
        )
        assert form.values()["title"] == "Climate Tech Night"
        form.query_one("#field-end").value = "21:00"  # type: ignore[attr-defined]
        form.query_one("#field-arrive_early_minutes").value = "300"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Arrive early (minutes): is 300 minutes; at most 240" in shown(app, "#form-error")
        form.query_one("#field-arrive_early_minutes").value = "15"  # type: ignore[attr-defined]
        form.query_one("#field-speakers").text = "Ada Byron — Engines\n — a topic without a name"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Speakers: line 2 has no name" in shown(app, "#form-error")
        assert app.store.count(Event) == 1
        form.query_one("#field-speakers").text = f"Ada Byron — Engines\n{HOSTILE} — keynote"  # type: ignore[attr-defined]
        form.query_one("#field-targets").text = "priya — runs the product team"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
    saved = [e for e in app.store.all(Event) if e.title == "Climate Tech Night"]
    assert len(saved) == 1
    assert saved[0].start == "2026-11-25T18:30:00+01:00" and saved[0].arrive_by.strftime("%H:%M") == "18:15"
    assert [s.name for s in saved[0].speakers] == ["Ada Byron", HOSTILE]
    priya = next(p for p in app.store.all(Person) if p.name == "Priya Raman")
    assert [(t.person_id, t.why) for t in saved[0].targets] == [(priya.id, "runs the product team")]


async def test_hostile_text_shows_literally_and_delete_asks_first(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("E", "e")  # edit the demo event: a hostile title
        await pilot.pause()
        app.screen.query_one("#field-title").value = HOSTILE  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Evil [@click=app.quit]x [/] ]0;pwned" in rows(app)[0]
        await pilot.press("enter")
        await pilot.pause()
        title = shown(app, "#prep-title")
        assert title.startswith("Evil [@click=app.quit]x [/] ]0;pwned") and "\x1b" not in title
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.store.count(Event) == 1
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.store.count(Event) == 0 and app.is_running
        assert "No events yet" in str(app.screen.query_one(RowList).render_line(0).text)


async def test_acceptance_prepare_tomorrows_event_then_capture_three_and_find_their_follow_ups(
    open_app: AppFactory, clock: FixedClock
) -> None:
    """The issue's acceptance on the demo data, as a user does it with the keyboard."""
    app = open_app(demo=True)  # Tue 24 Nov 2026, 09:30 Berlin; the demo event is tomorrow at 18:30
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_prep(pilot)
        # the arrive-by time, the speakers and the people to meet
        assert shown(app, "#prep-arrive").startswith("ARRIVE BY 18:10")
        assert "Wed 25 Nov 2026, 18:30–21:00" in shown(app, "#prep-title")
        details = shown(app, "#prep-details")
        for name in ("Marcus Oyelaran", "Ines Carvalho", "Jonas Weber", "Daniel Okafor", "Aisha Bello"):
            assert name in details
        # ticks items off
        await pilot.press("space", "down", "space", "down", "space")
        await pilot.pause()
        assert shown(app, "#prep-progress-label") == "Checklist: 3 of 6 done"

        # after the event: that evening at 22:15, capture three people
        clock.moment = clock.moment.add(days=1).set(hour=22, minute=15)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        await type_row(pilot, "Marcus Oyelaran", "Liked my question on calibration", "Send the outline")
        await type_row(
            pilot, "Daniel Okafor", "Reconnected; Northwind is hiring", "Congratulate on the launch"
        )
        await type_row(pilot, "Priyanka Das", "Staff engineer at Kite Labs", "Connect on LinkedIn")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        assert "Captured 3 people (1 new): follow-ups due Fri 27 Nov 21:00" in shown(app, "#prep-message")
        await pilot.press("escape", "escape")
        await pilot.pause()

        # the three follow-ups are on the agenda 48 hours after the event (rule FOLLOW-48H)
        due_day = agenda_for(app.store, date(2026, 11, 27))
        follow_ups = [f for f in due_day.follow_ups if f.due == "2026-11-27T21:00:00+01:00"]
        assert sorted(f.person for f in follow_ups) == ["Daniel Okafor", "Marcus Oyelaran", "Priyanka Das"]
        assert all(f.text.startswith("After Staff+ Engineering Meetup") for f in follow_ups)
        # and on the follow-ups screen the user opens with f
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        listed = [row for row in rows(app) if "Fri 27 Nov" in row and "After Staff+" in row]
        assert len(listed) == 3


async def test_events_is_in_the_command_palette_and_the_help(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert "Events" in commands and "capture who you met" in commands["Events"].help
        commands["Events"].callback()
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert "Events: prep (arrive-by" in " ".join(str(w.render()) for w in app.screen.query(Static))


async def test_hostile_speakers_reasons_and_captured_names_stay_literal(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    event = the_event(app)
    save_event(
        app.store,
        replace(
            event,
            speakers=[Speaker(HOSTILE, HOSTILE)],
            targets=[replace(event.targets[0], why=HOSTILE)],
            ask=HOSTILE,
        ),
    )
    literal = "Evil [@click=app.quit]x [/] ]0;pwned"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_prep(pilot)
        details = shown(app, "#prep-details")
        assert details.count(literal) == 4  # speaker, topic, why, ask
        assert "\x1b" not in details and "\u202e" not in details
        await pilot.press("c")
        await pilot.pause()
        await type_row(pilot, "[@click=app.quit]q [/]", "x [/", "")
        await pilot.pause()
        assert rows(app)[0].startswith("1   [@click=app.quit]q [/]     x [/ ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, PrepScreen)
    assert "[@click=app.quit]q [/]" in {p.name for p in app.store.all(Person)}
