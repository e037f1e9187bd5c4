"""Pilot: issue 15's acceptance, one journey from an empty data file through the three moments.

A new user, keyboard only, at 160x45 and 100x30: aims a goal at people and a venue, plans the week,
logs a coffee (gives, a specific ask, promises both ways), keeps a promise, prepares an event and
captures three people met there (one already known), then writes the thank-you. Each step checks
what the user sees on screen, and the store where the user would notice the effect.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from netplan.core.clock import FixedClock
from netplan.events.model import Event
from netplan.notes.model import Conversation, FollowUp, Promise
from netplan.schedule.planning import weekly_intent
from netplan.schedule.slot import Slot
from netplan.targets.model import Goal, Person, Venue
from netplan.targets.stage import stage_for
from screens.app import NetplanApp
from screens.coach.composer_screen import ComposerScreen
from screens.common.findings_view import FindingsView
from screens.events.capture_screen import CaptureScreen
from screens.events.event_form import EventForm
from screens.events.events_screen import EventsScreen
from screens.events.prep_screen import PrepScreen
from screens.main_screen import MainScreen
from screens.notes.conversation_form import ConversationForm
from screens.notes.promise_list import PromiseList
from screens.schedule.intent_form import IntentForm
from screens.schedule.slot_form import SlotForm
from screens.welcome import WelcomeScreen
from tests.ui.conftest import AppFactory
from tests.ui.schedule_helpers import day_text, focus_week, settle
from tests.ui.test_closing_the_loop import focus, promise_lines
from tests.ui.test_events_flow import rows, shown, type_row
from tests.ui.test_notes_flow import open_person, person
from tests.ui.test_planning_screen import open_planning, section
from tests.ui.test_targets_flow import tree_lines

SIZES = [pytest.param((160, 45), id="160x45"), pytest.param((100, 30), id="100x30")]


def status(app: NetplanApp) -> str:
    return shown(app, "#status-line")


async def add_targets(pilot: Pilot[None], app: NetplanApp) -> None:
    """Moment zero: a goal, the people and the venue aimed at it (rule BOW-AND-ARROW)."""
    assert isinstance(app.screen, WelcomeScreen)
    await pilot.press("e")  # start empty
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    await pilot.press("g", *"Find a climate PM role", "enter")
    await pilot.pause()
    assert "Saved goal" in status(app)
    for name in ("Priya Raman", "Marcus Oyelaran"):
        await pilot.press("p", *name, "enter")
        await pilot.pause()
    assert "Saved person" in status(app)
    await pilot.press("v", *"Climate Product Circle", "enter")
    await pilot.pause()
    lines = tree_lines(app)
    goal_line = next(i for i, line in enumerate(lines) if "Find a climate PM role" in line)
    under_goal = lines[goal_line + 1 :]
    for name in ("Priya Raman", "Marcus Oyelaran", "Climate Product Circle"):
        assert any(name in line for line in under_goal), (name, lines)
    assert not any("Not aimed at a goal" in line for line in lines)  # issue 15 item 13: the goal is kept
    [goal] = app.store.all(Goal)
    people = [[link.goal_id for link in p.goals] for p in app.store.all(Person)]
    venues = [[link.goal_id for link in v.goals] for v in app.store.all(Venue)]
    assert people == [[goal.id]] * 2 and venues == [[goal.id]]


async def plan_the_week(pilot: Pilot[None], app: NetplanApp) -> None:
    """Moment one: the weekly planning session, this week's intent, and a coffee in the Week pane."""
    screen = await open_planning(pilot)
    assert "the week of 23 Nov – 29 Nov 2026" in section(screen, "planning-title")
    assert "Last week · 16 Nov – 22 Nov 2026" in section(screen, "plan-last-week")
    people = screen.query_one("#plan-people-due")
    due = [people.row_text(i) for i in range(people.row_count)]  # type: ignore[attr-defined]
    # never met yet: named as a first touch, not "Nobody is due a touch" (issue 15 item 13)
    assert sorted(row.split("  ")[0].strip() for row in due) == ["Marcus Oyelaran", "Priya Raman"]
    assert all("first touch" in row for row in due)
    await pilot.press("n")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, IntentForm)
    await pilot.press("ctrl+u", "2", "ctrl+s")  # the first field: coffee
    await settle(pilot)
    assert app.screen is screen
    intent = section(screen, "plan-intent")
    assert "coffee 2" in intent and "fewer planned than intended: coffee 2" in intent
    assert weekly_intent(app.store, screen.view.session.week_start)["coffee"] == 2  # type: ignore[union-attr]
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, MainScreen)

    await focus_week(pilot)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, SlotForm)
    # title -> kind -> weekday -> time -> minutes; the form starts on today's weekday
    await pilot.press(*"Coffee with a climate contact", "tab", "tab", "tab")
    await pilot.press("ctrl+u", *"17:00", "tab", "ctrl+u", *"45", "enter")
    await settle(pilot)
    assert isinstance(app.screen, MainScreen)
    [slot] = app.store.all(Slot)
    assert (slot.kind, slot.time, slot.duration_minutes) == ("coffee", "17:00", 45)
    tuesday = day_text(pilot, 1)
    assert "Tue 24 Nov  today" in tuesday
    assert "17:00–17:45 coffee" in tuesday and "Coffee with a climate contact" in tuesday

    screen = await open_planning(pilot)
    intent = section(screen, "plan-intent")
    assert "planned 1: " in intent and "fewer planned than intended: coffee 1" in intent
    await pilot.press("escape")
    await settle(pilot)


async def log_a_coffee(pilot: Pilot[None], app: NetplanApp) -> None:
    """Moment three: the post-coffee note, keyboard only, for the coffee held at 08:30 this morning."""
    await pilot.press("1")  # back to the goal tree from the Week pane
    await open_person(pilot, "Priya Raman")
    await pilot.press("n")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ConversationForm)
    assert form.values()["person"] == "Priya Raman"
    # the coffee was this morning at 08:30, before the clock's 09:30 (a future one is refused: item 5)
    await pilot.press(*["shift+tab"] * 5)  # from "What they need", where the cursor starts
    assert app.focused is form.query_one("#field-when")
    await pilot.press("end", *["backspace"] * 5, *"08:30", *["tab"] * 5)
    assert app.focused is form.query_one("#field-needs")
    await pilot.press(*"two pilot customers")
    await pilot.press("tab", *"resource: my notes; person: intro to Marcus")
    await pilot.press("tab", *"Could you introduce me to Verdant's product lead?")
    await pilot.press("tab", "tab", *"send my notes @2026-11-26")
    await pilot.press("tab", *"intro to Verdant's lead")
    await pilot.pause()
    findings = shown(app, "#form-findings")  # the coach, as the note is typed
    # rule NO-COLD-ASKS: this coffee is itself the contact, so no cold ask; rule ASK-LADDER: an
    # introduction is more than a new contact allows
    assert "NO-COLD-ASKS" not in findings and "ASK-LADDER" in findings
    assert "SPECIFIC-ASK" not in findings  # a named company and an action: a specific ask
    assert "MUTUAL" not in findings  # what they need is in the note (it said "you know neither...")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen), shown(app, "#form-error")
    assert "Saved coffee with Priya Raman; follow up by Thu 26 Nov 08:30" in status(app)
    conversations = app.screen.query_one("#notes-conversations", OptionList)
    first = str(conversations.get_option_at_index(0).prompt)
    assert "Tue 24 Nov 2026 08:30" in first
    lines = promise_lines(app)
    assert any(line.startswith("☐ I promised") and "send my notes" in line for line in lines)
    assert any(line.startswith("☐ They promised") and "Verdant's lead" in line for line in lines)
    priya = person(app.store, "Priya Raman")
    assert priya.needs == "two pilot customers"  # issue 15 item 6: the note updates her
    [conversation] = app.store.all(Conversation)
    assert [g.kind for g in conversation.gave] == ["resource", "person"]
    assert (conversation.listen_minutes, conversation.ask_minutes) == (20, 10)


async def keep_a_promise(pilot: Pilot[None], app: NetplanApp) -> None:
    """Rule FOLLOW-THROUGH: the promise I made is marked kept where it is listed."""
    await focus(pilot, app, PromiseList)
    for _ in range(app.screen.query_one(PromiseList).option_count):
        highlighted = app.screen.query_one(PromiseList).highlighted or 0
        if "send my notes" in promise_lines(app)[highlighted]:
            break
        await pilot.press("down")
    await pilot.press("d")
    await pilot.pause()
    assert "Done: send my notes" in status(app)
    assert any(line.startswith("☑ I promised") for line in promise_lines(app))
    mine, theirs = sorted(app.store.all(Promise), key=lambda p: p.by != "me")
    assert not mine.is_open and theirs.is_open
    # the follow-ups screen still lists their promise and the follow-up, no longer mine
    await pilot.press("f")
    await pilot.pause()
    promises = [row for row in rows(app) if "promise   " in row]
    assert len(promises) == 1 and "They promised: intro to Verdant's lead" in promises[0]
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)


async def prep_an_event(pilot: Pilot[None], app: NetplanApp) -> None:
    """Moment two, before: a new event, who to meet and the ask, then its prep checklist."""
    await pilot.press("E")
    await pilot.pause()
    assert isinstance(app.screen, EventsScreen)
    assert "No events yet" in str(app.screen.query_one("#events-list").render_line(0).text)
    await pilot.press("n")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, EventForm)
    await pilot.press(*"Climate Tech Night", *["tab"] * 8)  # past venue, date, times, zone, speakers
    assert app.focused is form.query_one("#field-targets")
    await pilot.press(*"Marcus Oyelaran - hiring track", "tab", "tab")
    assert app.focused is form.query_one("#field-ask")
    await pilot.press(*"Ask Marcus for an intro to Verdant's lead", "ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, EventsScreen), shown(app, "#form-error")
    assert "Saved Climate Tech Night." in shown(app, "#events-message")
    assert "Climate Tech Night" in rows(app)[0]
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PrepScreen)
    assert shown(app, "#prep-arrive").startswith("ARRIVE BY 18:10")  # 18:30 less 20 (rule ARRIVE-EARLY)
    assert "Wed 25 Nov 2026, 18:30–20:30" in shown(app, "#prep-title")
    assert "Marcus Oyelaran" in shown(app, "#prep-details")
    total = len(rows(app))
    assert shown(app, "#prep-progress-label") == f"Checklist: 0 of {total} done"
    await pilot.press("space")
    await pilot.pause()
    assert shown(app, "#prep-progress-label") == f"Checklist: 1 of {total} done"
    assert rows(app)[0].startswith("[x] Arrive by 18:10")
    [event] = app.store.all(Event)
    assert event.progress == (1, total)


async def capture_three(pilot: Pilot[None], app: NetplanApp, clock: FixedClock) -> None:
    """Moment two, after: that evening, three people met, one of them already known."""
    clock.moment = clock.moment.add(days=1).set(hour=21, minute=15)  # Wed 25 Nov, after the event
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, CaptureScreen)
    await type_row(pilot, "marcus oyelaran", "Offered the intro", "Send my one-pager")
    await type_row(pilot, "Dana Ortiz", "Analytics at Verdant", "Coffee")
    await type_row(pilot, "Jonas Weber", "Hiring a PM", "")
    await pilot.pause()
    assert [row.split()[-1] for row in rows(app)] == ["known", "new", "new"]
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, PrepScreen)
    assert "Captured 3 people (2 new): follow-ups due Fri 27 Nov 20:30" in shown(app, "#prep-message")
    names = [p.name for p in app.store.all(Person)]
    assert sorted(names) == ["Dana Ortiz", "Jonas Weber", "Marcus Oyelaran", "Priya Raman"]
    [event] = app.store.all(Event)
    assert [person(app.store, n).id for n in ("Marcus Oyelaran", "Dana Ortiz", "Jonas Weber")] == event.met
    for name in ("Dana Ortiz", "Jonas Weber"):  # met at the event: no longer strangers (issue 15 item 9)
        assert stage_for(app.store, person(app.store, name)) == "new"
    assert len(app.store.all(FollowUp)) == 4  # Priya's coffee, then the three met
    # what was done last is what the events screen and then the status line say (issue 15 item 13)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, EventsScreen)
    assert "Captured 3 people (2 new)" in shown(app, "#events-message")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    assert "Captured 3 people (2 new)" in status(app)


async def write_the_thank_you(pilot: Pilot[None], app: NetplanApp) -> None:
    """After the coffee: the thank-you to Priya, with both sides' promises (rule PERSONAL)."""
    await pilot.press("1")
    await open_person(pilot, "Priya Raman")
    await pilot.press("o")
    await pilot.pause()
    composer = app.screen
    assert isinstance(composer, ComposerScreen)
    assert composer.template_id == "thank-you"
    heading = str(composer.query_one("#composer-heading").render())
    assert "Outreach to Priya Raman" in heading
    text = composer.text
    assert text.startswith("Hi Priya")
    assert "two pilot customers" in text  # what she needs, from the note (issue 15 item 6)
    assert "Verdant's lead" in text  # what she promised, quoted back (rule FOLLOW-THROUGH)
    view = composer.query_one("#composer-findings", FindingsView)
    said = str(view.render())
    # "good to send" only when the coach finds nothing (issue 15 items 10 and 11)
    assert ("good to send" in said) == (view.rule_ids == [])
    assert view.rule_ids == [], said
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "Draft saved on Priya Raman" in shown(app, "#composer-status")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_a_new_user_goes_through_the_three_moments_by_keyboard(
    open_app: AppFactory, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = open_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await add_targets(pilot, app)
        await plan_the_week(pilot, app)
        await log_a_coffee(pilot, app)
        await keep_a_promise(pilot, app)
        await prep_an_event(pilot, app)
        await capture_three(pilot, app, clock)
        await write_the_thank_you(pilot, app)
