"""Pilot: typed work is never lost, and a person is added from where you are (issue 15, findings 3, 4)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from netplan.events.model import Event
from netplan.notes.model import Conversation, InboundRequest
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.app import NetplanApp
from screens.common.confirm import ConfirmScreen
from screens.events.event_form import EventForm
from screens.events.events_screen import EventsScreen
from screens.main_screen import MainScreen
from screens.notes.conversation_form import ConversationForm
from screens.notes.inbound_form import InboundForm
from screens.notes.talk_timer import TalkTimerScreen
from screens.settings_form import SettingsForm
from tests.ui.conftest import SIZE, AppFactory


def named(store: Store, name: str) -> list[Person]:
    return [p for p in store.all(Person) if p.name == name]


def question(app: NetplanApp) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return str(app.screen.query_one("#confirm-question", Static).render())


async def escape_asks_then_keeps(pilot: Pilot[None], app: NetplanApp, form_type: type) -> None:
    """Escape asks; n keeps the form with everything typed; escape again, y discards."""
    form = app.screen
    before = form.values()  # type: ignore[attr-defined]
    await pilot.press("escape")
    await pilot.pause()
    assert "Discard what you typed" in question(app)
    await pilot.press("n")
    await pilot.pause()
    assert app.screen is form and form.values() == before  # type: ignore[attr-defined]
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    assert not isinstance(app.screen, form_type)


async def test_escape_in_the_note_form_asks_before_throwing_the_note_away(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        conversations = app.store.count(Conversation)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConversationForm)
        await pilot.press(*"Ravi Shah", "tab")  # complete: tab moves on to When
        await pilot.press("ctrl+u", *"2026-11-24 08:00")
        await escape_asks_then_keeps(pilot, app, ConversationForm)
        assert isinstance(app.screen, MainScreen) and app.store.count(Conversation) == conversations
        # an untouched form closes at once
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_escape_in_the_event_form_and_the_settings_asks_first(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("E", "n")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        await pilot.press(*"Climate Tech Night")
        await escape_asks_then_keeps(pilot, app, EventForm)
        assert isinstance(app.screen, EventsScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)
        await pilot.press("backspace", "backspace", "9")
        await escape_asks_then_keeps(pilot, app, SettingsForm)


async def test_escape_in_the_talk_timer_asks_once_a_call_is_timed(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    seconds = [0.0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.talk_timer_now = lambda: seconds[0]
        await pilot.press("T")
        await pilot.pause()
        timer = app.screen
        assert isinstance(timer, TalkTimerScreen)
        seconds[0] = 12 * 60 + 5
        await pilot.press("escape")
        await pilot.pause()
        assert "Discard the 12:05 timed on this call?" in question(app)
        await pilot.press("escape")  # escape on the question keeps timing
        await pilot.pause()
        assert app.screen is timer
        await pilot.press("enter")  # and the minutes still reach the note
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConversationForm) and form.values()["duration_minutes"] == "12"


async def test_the_inbound_form_adds_a_new_person_inline(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InboundForm)
        app.screen.query_one("#field-person", Input).value = ""
        app.screen.query_one("#field-person", Input).focus()
        await pilot.press(*"Zoe Park", "tab", *"a reference for a PM role", "enter")
        await pilot.pause()
        text = question(app)
        assert "Nobody called Zoe Park yet. Add them as a new person and save the request?" in text
        assert "netplan add person" not in text
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [zoe] = named(app.store, "Zoe Park")
        [request] = [r for r in app.store.all(InboundRequest) if r.person_id == zoe.id]
        assert request.about == "a reference for a PM role"


async def test_people_to_meet_adds_new_people_with_the_event(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("E", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventForm)
        await pilot.press(*"Grid Night")
        form.query_one("#field-targets", TextArea).text = "Priya — product\nKai Moreno — speaks on storage"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Nobody called Kai Moreno yet. Add them as a new person and save the event?" in question(app)
        await pilot.press("n")  # no: back to the form, nothing saved, nothing lost
        await pilot.pause()
        assert app.screen is form and not named(app.store, "Kai Moreno")
        assert "Kai Moreno" in form.values()["targets"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        [kai] = named(app.store, "Kai Moreno")
        [event] = [e for e in app.store.all(Event) if e.title == "Grid Night"]
        assert [t.person_id for t in event.targets][1] == kai.id


async def test_tab_in_with_accepts_the_completion(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        field = app.screen.query_one("#field-person", Input)
        assert app.focused is field
        await pilot.press(*"rav")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert field.value == "Ravi Shah" and app.focused is field
        await pilot.press("tab")  # nothing more to complete: on to the next field
        assert app.focused is not field
