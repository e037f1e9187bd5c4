"""Hostile text in every form and text box of the UI, typed with Pilot (issue 9, item 4; DESIGN.md,
Security of display and Bad input).

Each string of DESIGN.md goes into every text field of every form: typed key by key where a person
could type it, pasted where it holds control characters. Typing fires no action (no binding, no
markup action), the app keeps running with the expected screens, and saving either stores exactly
what was typed or refuses with an inline error naming the field, keeping the text and writing nothing.

To cover a new form, add one FormCase to FORMS: the keys that open it from the main screen, its
class (a RecordForm), where each text field is saved, which fields may refuse text (formats such as
dates) and, if it needs them, records to seed. A text box outside a form: one InputCase in INPUTS.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from netplan.core.clock import FixedClock
from netplan.core.text import safe_text
from netplan.events.lines import speaker_lines, target_lines
from netplan.events.model import Event
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation, InboundRequest, Promise
from netplan.schedule.slot import SLOT_KINDS, Slot
from netplan.store.store import Store
from netplan.targets.model import Goal, Person, Venue
from screens.app import NetplanApp, make_app
from screens.common.confirm import ConfirmScreen
from screens.common.record_form import RecordForm
from screens.events.event_form import EventForm
from screens.main_screen import MainScreen
from screens.notes.conversation_form import ConversationForm
from screens.notes.inbound_form import InboundForm
from screens.schedule.intent_form import IntentForm, field_name
from screens.schedule.slot_form import SlotForm
from screens.settings_form import SettingsForm
from screens.targets.target_forms import GoalForm, PersonForm, VenueForm
from screens.targets.targets_pane import TargetRef
from tests.reliability.hostile import HOSTILE, typeable

JOINED = " ".join(HOSTILE)  # all six in one text
TYPED = " ".join(text for text in HOSTILE if typeable(text))  # those a person can type

SIZE = (160, 45)
CLOCK = FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")
SEED_GOAL = "Seed goal"  # first in the tree, so new people and venues are aimed at it

ReadBack = Callable[[Store], dict[str, str]]


# what each form saved, by form field ----------------------------------------------------------


def newest(store: Store, kind: type[Any]) -> Any:
    records = store.all(kind)
    assert records, f"nothing saved in {kind.__name__}"
    return max(records, key=lambda record: record.id)


def _goal(store: Store) -> dict[str, str]:
    goal = newest(store, Goal)
    return {"title": goal.title, "why": goal.why}


def _person(store: Store) -> dict[str, str]:
    person = newest(store, Person)
    return {
        "name": person.name,
        "company": person.company,
        "role": person.role,
        "email": person.email,
        "how_met": person.how_met,
        "needs": person.needs,
        "can_help": person.can_help,
        "tags": ", ".join(person.tags),
        "goal_why": person.goals[0].why if person.goals else "",
    }


def _venue(store: Store) -> dict[str, str]:
    venue = newest(store, Venue)
    return {"name": venue.name, "notes": venue.notes, "goal_why": venue.goals[0].why if venue.goals else ""}


def _conversation(store: Store) -> dict[str, str]:
    conversation: Conversation = newest(store, Conversation)
    person = store.get(Person, conversation.person_id)
    assert person is not None
    promises = [p for p in store.all(Promise) if p.conversation_id == conversation.id]
    # "a; b" in a list field is two items (DESIGN of the form): joined back, they are what was typed
    return {
        "person": person.name,
        "needs": conversation.needs,
        "gave": ";".join(given.text for given in conversation.gave),
        "asked": conversation.asked,
        "promises_mine": ";".join(p.text for p in promises if p.by == "me"),
        "promises_theirs": ";".join(p.text for p in promises if p.by == "them"),
        "notes": conversation.notes,
    }


def _inbound(store: Store) -> dict[str, str]:
    request: InboundRequest = newest(store, InboundRequest)
    person = store.get(Person, request.person_id)
    assert person is not None
    return {"person": person.name, "about": request.about}


def _event(store: Store) -> dict[str, str]:
    event: Event = newest(store, Event)
    return {
        "title": event.title,
        "ask": event.ask,
        "speakers": speaker_lines(event),
        "targets": target_lines(store, event),
    }


def _slot(store: Store) -> dict[str, str]:
    slot: Slot = newest(store, Slot)
    person = store.get(Person, slot.person_id) if slot.person_id else None
    return {"title": slot.title, "person": person.name if person else ""}


@dataclass(frozen=True)
class FormCase:
    keys: tuple[str, ...]  # open the form from the main screen (the seed goal selected)
    form: type[RecordForm]
    read_back: ReadBack  # text field -> what the last save stored for it
    # fields with a format (dates, numbers, addresses, the "@due" of a promise): refusing is right
    may_refuse: frozenset[str] = frozenset()
    seed: Callable[[Store], object] | None = None  # more records the form needs, added once
    via: tuple[str, ...] = ()  # screens between the main screen and the form (closed after)
    focus: str | None = None  # a widget to focus on the main screen before the keys


FORMS: dict[str, FormCase] = {
    "event": FormCase(
        ("E", "n"),
        EventForm,
        _event,
        frozenset({"date", "start", "end", "tz", "arrive_early_minutes", "targets"}),
        via=("EventsScreen",),
    ),
    "slot": FormCase(
        ("a",),
        SlotForm,
        _slot,
        frozenset(
            {
                "time",
                "duration_minutes",
                "tz",
                "every_weeks",
                "start_date",
                "end_date",
                "one_off_date",
                "person",
            }
        ),
        focus="#week-pane",
    ),
    "intent": FormCase(
        ("w", "n"),
        IntentForm,
        lambda store: {},
        frozenset(field_name(kind) for kind in SLOT_KINDS),
        via=("PlanningScreen",),
    ),
    "goal": FormCase(("g",), GoalForm, _goal, frozenset({"horizon"})),
    "person": FormCase(("p",), PersonForm, _person, frozenset({"email", "linkedin", "cadence_days"})),
    "venue": FormCase(("v",), VenueForm, _venue, frozenset({"cadence_days"})),
    "settings": FormCase(
        ("comma",),
        SettingsForm,
        lambda store: {},
        # the sync folders must be full paths: hostile text is refused, and shown safely
        frozenset({"target_cap", "dormant_months", "reply_window_days", "sync_calendar", "sync_contacts"}),
    ),
    "conversation": FormCase(
        ("n",),
        ConversationForm,
        _conversation,
        frozenset(
            {"when", "duration_minutes", "listen_minutes", "ask_minutes", "promises_mine", "promises_theirs"}
        ),
    ),
    "inbound": FormCase(("i",), InboundForm, _inbound, frozenset({"received"})),
}


@dataclass(frozen=True)
class InputCase:
    keys: tuple[str, ...]  # from the main screen to a focused text box
    submit: str  # the key that ends the typing
    screens_after: tuple[str, ...]  # the screen stack (above the main screen) after submit


INPUTS: dict[str, InputCase] = {
    "people filter": InputCase(("slash",), "enter", ()),
    "snooze date": InputCase(("f", "s"), "enter", ("FollowUpsScreen",)),
    "command palette": InputCase(("ctrl+p",), "escape", ()),
}


# the app under test ----------------------------------------------------------------------------


def seed(store: Store) -> None:
    store.insert(Goal(title=SEED_GOAL))
    ann = store.insert(Person(name="Ann Example"))
    for text in (*HOSTILE, JOINED, TYPED):  # so "who reached out" and "with" find them by hostile text
        store.insert(Person(name=text, company=text))
    log_conversation(store, Conversation(person_id=ann.id, when="2026-11-23T10:00:00+01:00"))


@asynccontextmanager
async def running_app(
    data_file: Path, more: Callable[[Store], object] | None = None
) -> AsyncIterator[tuple[NetplanApp, Pilot[None], list[str]]]:
    """The app on a seeded file, and the list every action it runs is appended to."""
    store = Store.open(data_file, clock=CLOCK)
    try:
        seed(store)
        if more is not None:
            more(store)
        app = make_app(store)
        actions: list[str] = []
        run_action = app.run_action

        async def recording(action: Any, *args: Any, **kwargs: Any) -> bool:
            actions.append(str(action))
            return await run_action(action, *args, **kwargs)

        app.run_action = recording  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            yield app, pilot, actions
            assert app.is_running, "the app quit"
    finally:
        store.close()


def stack(app: NetplanApp) -> list[str]:
    """The screen stack above Textual's default screen."""
    return [type(screen).__name__ for screen in app.screen_stack[1:]]


def set_text(box: Input | TextArea, text: str) -> None:
    if isinstance(box, TextArea):
        box.load_text(text)
    else:
        box.value = text


async def enter_text(app: NetplanApp, pilot: Pilot[None], box: Input | TextArea, text: str) -> None:
    """Replace what ``box`` holds by ``text``: typed key by key where a person could type it, else
    (escape, BEL and bidi controls cannot be typed: such text arrives in a paste) as one paste.
    A multi-line TextArea (the event form's line fields) is filled directly."""
    if isinstance(box, TextArea):
        box.load_text(text)
        return
    set_text(box, "")
    if typeable(text):
        box.focus()
        await pilot.pause()
        for char in text:  # to the app, as the terminal driver sends keys: bindings come first
            app.post_message(events.Key(_character_to_key(char), char))
    else:
        box.post_message(events.Paste(text))


# forms -----------------------------------------------------------------------------------------


def rounds(fields: list[str], *, full: bool) -> list[dict[str, str]]:
    """What to type in each field, save by save. The default run saves once: the first field gets
    the typeable strings, typed key by key, every other field all six strings at once (pasted). The
    full run gives each string on its own to every field (field i gets string i + k in round k),
    then all six to every field."""
    if not full:
        return [{name: TYPED if index == 0 else JOINED for index, name in enumerate(fields)}]
    count = len(HOSTILE)
    shifted = [{f: HOSTILE[(i + k) % count] for i, f in enumerate(fields)} for k in range(count)]
    return [*shifted, dict.fromkeys(fields, JOINED)]


async def fill_and_save(
    app: NetplanApp, pilot: Pilot[None], actions: list[str], case: FormCase, round_no: int, *, full: bool
) -> None:
    main = app.screen
    assert isinstance(main, MainScreen)
    # the seed goal selected, as after start: new people and venues are aimed at it (the why is kept)
    main.select(TargetRef(Goal, next(g.id for g in app.store.all(Goal) if g.title == SEED_GOAL)))
    if case.focus:
        main.query_one(case.focus).focus()
        await pilot.pause()
    await pilot.press(*case.keys)
    await pilot.pause()
    form = app.screen
    assert isinstance(form, case.form), stack(app)
    opened = stack(app)
    assert opened == ["MainScreen", *case.via, case.form.__name__]
    baseline = form.values()
    fields = [spec.name for spec in form.fields if spec.kind in ("text", "name")]  # name: a text box too
    typed = rounds(fields, full=full)[round_no]
    actions.clear()
    for name, text in typed.items():
        await enter_text(app, pilot, form.query_one(f"#field-{name}"), text)  # type: ignore[arg-type]
    await pilot.pause()
    held = form.values()
    assert {f: held[f] for f in fields if held[f] != typed[f]} == {}, "a text box does not hold the text"
    if round_no == 0:  # clicking on the text (were it markup, a link would run its action)
        for name in fields:
            await pilot.click(f"#field-{name}", offset=(3, 0))
    assert actions == [], f"typing or clicking ran {actions}"
    assert stack(app) == opened

    refused: list[str] = []
    writes = app.store.writes
    for _ in range(len(fields) + 1):
        await pilot.press("ctrl+s")
        await pilot.pause()
        if not isinstance(app.screen, RecordForm):
            break
        assert app.screen is form, stack(app)
        invalid = [widget.id for widget in form.query(".invalid")]
        error = str(form.query_one("#form-error", Static).render())
        assert len(invalid) == 1, f"the form stayed open without naming a field: {error!r}"
        name = str(invalid[0]).removeprefix("field-")
        label = next(spec.label for spec in form.fields if spec.name == name)
        assert name in case.may_refuse, f"{name} refused {typed[name]!r}: {error!r}"
        assert label in error and "\x1b" not in error, error
        assert app.store.writes == writes, f"{name} refused {typed[name]!r} but something was written"
        kept = form.values()
        assert all(kept[f] == typed[f] for f in fields if f not in refused), "the form lost what was typed"
        refused.append(name)
        set_text(form.query_one(f"#field-{name}"), str(baseline[name]))  # type: ignore[arg-type]
    if isinstance(app.screen, ConfirmScreen):  # a name nobody has yet (the conversation form)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert safe_text(typed.get("person", "")) in question, question
        await pilot.press("y")
        await pilot.pause()
    assert stack(app) == ["MainScreen", *case.via], f"{stack(app)} after saving {typed}"
    assert actions and set(actions) <= {"save", "answer(True)"}, actions
    for _ in case.via:  # back to the main screen for the next round
        app.pop_screen()
        await pilot.pause()

    saved = case.read_back(app.store)
    for name in fields:
        if name in refused:
            continue
        assert name in saved, f"{name} accepted {typed[name]!r}: FORMS must say where it is saved"
        assert saved[name] == typed[name].strip(), f"{name}: typed {typed[name]!r}, saved {saved[name]!r}"


async def run_form_case(data_file: Path, case: FormCase, *, full: bool) -> None:
    async with running_app(data_file, case.seed) as (app, pilot, actions):
        for round_no in range(len(HOSTILE) + 1 if full else 1):
            await fill_and_save(app, pilot, actions, case, round_no, full=full)


@pytest.mark.parametrize("name", sorted(FORMS))
async def test_hostile_text_in_every_field_of_a_form(name: str, data_file: Path) -> None:
    await run_form_case(data_file, FORMS[name], full=False)


@pytest.mark.long
@pytest.mark.parametrize("name", sorted(FORMS))
async def test_each_hostile_string_typed_in_every_field_of_a_form(name: str, data_file: Path) -> None:
    await run_form_case(data_file, FORMS[name], full=True)


@pytest.mark.parametrize(
    ("key", "label"), [("p", "Why they serve the goal"), ("v", "Why it serves the goal")]
)
async def test_a_why_typed_with_no_goal_chosen_is_refused_not_dropped(
    key: str, label: str, data_file: Path
) -> None:
    """Found by the table above: with no goal chosen, the form saved and silently dropped the why."""
    async with running_app(data_file) as (app, pilot, actions):
        main = app.screen
        assert isinstance(main, MainScreen)
        ann = next(p for p in app.store.all(Person) if p.name == "Ann Example")
        main.select(TargetRef(Person, ann.id))  # a person selected: the new record aims at no goal
        await pilot.press(key)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        writes = app.store.writes
        await enter_text(app, pilot, form.query_one("#field-name", Input), "Priya Raman")
        await enter_text(app, pilot, form.query_one("#field-goal_why", Input), TYPED)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and app.store.writes == writes
        assert label in str(form.query_one("#form-error", Static).render())
        assert form.values()["goal_why"] == TYPED


def test_every_form_module_is_in_the_table() -> None:
    """A new screens/*form*.py must join FORMS (or this test says which one is missing)."""
    screens = Path(__file__).resolve().parents[2] / "screens"
    modules = {path.stem for path in screens.rglob("*form*.py")} - {"record_form"}
    covered = {case.form.__module__.split(".")[-1] for case in FORMS.values()}
    assert modules <= covered, f"forms without a hostile-text case: {sorted(modules - covered)}"


# text boxes outside forms ----------------------------------------------------------------------


async def open_text_box(app: NetplanApp, pilot: Pilot[None], case: InputCase) -> Input:
    await pilot.press(*case.keys)
    await pilot.pause()
    box = app.focused
    assert isinstance(box, Input), f"{case.keys} focused {box!r}"
    return box


async def check_typing(
    app: NetplanApp, pilot: Pilot[None], actions: list[str], box: Input, text: str
) -> None:
    opened = stack(app)
    actions.clear()
    await enter_text(app, pilot, box, text)
    await pilot.pause()
    assert box.value == text, f"typed {text!r}, the box holds {box.value!r}"
    assert actions == [] and stack(app) == opened, (actions, stack(app))


async def submit(app: NetplanApp, pilot: Pilot[None], case: InputCase) -> None:
    await pilot.press(case.submit)
    await pilot.pause()
    assert stack(app) == ["MainScreen", *case.screens_after], stack(app)
    for _ in case.screens_after:
        await pilot.press("escape")
        await pilot.pause()
    assert stack(app) == ["MainScreen"]


@pytest.mark.parametrize("name", sorted(INPUTS))
async def test_hostile_text_in_a_text_box(name: str, data_file: Path) -> None:
    """Each string typed in turn, then all of them at once, submitted."""
    case = INPUTS[name]
    async with running_app(data_file) as (app, pilot, actions):
        box = await open_text_box(app, pilot, case)
        for text in (*HOSTILE, JOINED):
            await check_typing(app, pilot, actions, box, text)
        await submit(app, pilot, case)


@pytest.mark.long
@pytest.mark.parametrize("name", sorted(INPUTS))
async def test_each_hostile_string_submitted_in_a_text_box(name: str, data_file: Path) -> None:
    case = INPUTS[name]
    async with running_app(data_file) as (app, pilot, actions):
        for text in HOSTILE:
            box = await open_text_box(app, pilot, case)
            await check_typing(app, pilot, actions, box, text)
            await submit(app, pilot, case)
