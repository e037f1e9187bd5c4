"""Pilot: the post-coffee note, follow-ups, inbound requests and the talk timer (issue 5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from netplan.agenda import agenda_for
from netplan.notes.log import conversations_for, promise_items
from netplan.notes.model import Conversation, FollowUp, InboundRequest
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.confirm import ConfirmScreen
from screens.main_screen import MainScreen
from screens.notes.conversation_form import ConversationForm
from screens.notes.followups_screen import FollowUpsScreen
from screens.notes.talk_timer import TalkTally, TalkTimerScreen, share_text
from tests.ui.conftest import SIZE, AppFactory


def person(store: Store, name: str) -> Person:
    return next(p for p in store.all(Person) if p.name == name)


async def open_person(pilot: object, name: str) -> None:
    await pilot.press("slash")  # type: ignore[attr-defined]
    await pilot.press(*name, "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_post_coffee_note_with_the_keyboard_alone_survives_a_restart(
    open_app: AppFactory, data_file: Path
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_person(pilot, "Ravi Shah")
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConversationForm)
        assert form.values()["person"] == "Ravi Shah"  # prefilled with the selected person
        assert isinstance(app.focused, Input) and app.focused.id == "field-needs"
        await pilot.press(*"A reviewer for the load model")
        await pilot.press("tab", *"person: intro to Marcus Oyelaran")
        await pilot.press("tab", *"Would you introduce me to Tomas Varga at GridShift?")
        await pilot.press("tab", "tab", *"send my forecasting notes")
        await pilot.press("tab", *"intro to Tomas Varga")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        status = str(app.screen.query_one("#status-line", Static).render())
        assert "follow up by Thu 26 Nov 09:30" in status
        first = app.screen.query_one("#notes-conversations", OptionList).get_option_at_index(0)
        assert "Tue 24 Nov 2026 09:30" in str(first.prompt)  # shown at once, newest first
        await pilot.press("q")
    app.store.close()

    with Store.open(data_file) as reopened:
        ravi = person(reopened, "Ravi Shah")
        [conversation] = conversations_for(reopened, ravi.id)
        assert (conversation.listen_minutes, conversation.ask_minutes) == (20, 10)
        assert conversation.gave[0].kind == "person"
        # rule FOLLOW-48H: due 48 hours later, on Thursday's agenda, with both promises in it
        thursday = agenda_for(reopened, date(2026, 11, 26))
        [follow_up] = [f for f in thursday.follow_ups if f.person == "Ravi Shah"]
        assert follow_up.due.startswith("2026-11-26T09:30")
        assert "send my forecasting notes" in follow_up.text and "intro to Tomas Varga" in follow_up.text


async def test_listen_plus_ask_over_the_duration_is_refused_inline_keeping_what_was_typed(
    open_app: AppFactory,
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_person(pilot, "Ravi Shah")
        before = app.store.count(Conversation)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConversationForm)
        form.query_one("#field-listen_minutes", Input).value = "25"
        await pilot.pause()
        assert form.values()["ask_minutes"] == "5"  # the ask follows: the split adds up (issue 15)
        form.query_one("#field-ask_minutes", Input).value = "10"
        form.query_one("#field-needs", Input).value = "something typed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "25 + ask 10 = 35" in str(form.query_one("#form-error", Static).render())
        assert form.values()["needs"] == "something typed"
        assert app.store.count(Conversation) == before


async def test_a_conversation_in_the_future_is_refused_inline(open_app: AppFactory) -> None:
    """Issue 15 item 5: a note dated 2027 would keep the person from ever slipping."""
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_person(pilot, "Ravi Shah")
        before = app.store.count(Conversation)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConversationForm)
        form.query_one("#field-when", Input).value = "2027-01-12 10:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "in the future" in str(form.query_one("#form-error", Static).render())
        assert form.values()["when"] == "2027-01-12 10:00"
        assert app.store.count(Conversation) == before


async def test_the_split_follows_the_duration_until_edited(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConversationForm)
        duration = form.query_one("#field-duration_minutes", Input)
        duration.focus()
        await pilot.press("backspace", "backspace", *"45")
        await pilot.pause()
        assert (form.values()["listen_minutes"], form.values()["ask_minutes"]) == ("30", "15")


async def test_an_unknown_name_is_offered_as_a_new_person(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConversationForm)
        form.query_one("#field-person", Input).value = "Dana Ortiz"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        dana = person(app.store, "Dana Ortiz")
        assert len(conversations_for(app.store, dana.id)) == 1
        assert dana.last_touch is not None


async def test_follow_ups_done_and_nudge_again(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        open_before = [f for f in app.store.all(FollowUp) if f.status in ("open", "snoozed")]
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        assert screen.items[0][0] == "OVERDUE" or screen.items[0][0] == "today"
        while screen.selected is not None and screen.selected.kind != "follow_up":
            await pilot.press("down")  # promises are listed too (issue 15): to the first follow-up
        first = screen.selected
        assert first is not None
        await pilot.press("n")  # sent, no answer: nudge 2 planned
        await pilot.pause()
        if first.kind == "follow_up":
            nudged = app.store.get(FollowUp, first.id)
            assert nudged is not None and nudged.nudge == 2
        await pilot.press("d")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):  # it gathered promises: close the follow-up alone
            await pilot.press("n")
            await pilot.pause()
        still_open = [f for f in app.store.all(FollowUp) if f.status in ("open", "snoozed")]
        assert len(still_open) < len(open_before) or any(r.replied_at for r in app.store.all(InboundRequest))
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_someone_reached_out_gets_a_reply_due_in_two_days(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_person(pilot, "Nora Kim")
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"a question about the tech talks", "enter")
        await pilot.pause()
        [request] = [
            r for r in app.store.all(InboundRequest) if r.person_id == person(app.store, "Nora Kim").id
        ]
        assert request.reply_due.startswith("2026-11-26T09:30")


def test_the_talk_tally_counts_who_talks_and_never_exceeds_the_duration() -> None:
    seconds = [0.0]
    tally = TalkTally(now=lambda: seconds[0])
    tally.start()
    seconds[0] = 18 * 60
    tally.toggle()  # after 18 minutes on them, I talk for 8
    seconds[0] = 26 * 60
    assert tally.minutes() == (26, 18, 8)
    seconds[0] = 26 * 60 + 50  # 50 more seconds of me: the minutes still add up
    duration, listen, ask = tally.minutes()
    assert (duration, listen, ask) == (27, 18, 9) and listen + ask == duration


def test_the_timer_share_is_the_share_the_note_gets() -> None:
    """Issue 15 item 7: 50 s on them and 70 s on me showed "42%" while the note said 1 of 2 minutes."""
    seconds = [0.0]
    tally = TalkTally(now=lambda: seconds[0])
    tally.start()
    seconds[0] = 50
    tally.toggle()
    seconds[0] = 120
    assert tally.minutes() == (2, 1, 1)
    assert share_text(tally.minutes()) == "1 of 2 min on them (50%)"
    seconds[0] = 15 * 60  # 50 s on them, 14 min 10 s on me
    duration, listen, ask = tally.minutes()
    assert (duration, listen, ask) == (15, 1, 14)


async def test_stopping_the_talk_timer_opens_the_note_with_the_measured_minutes(open_app: AppFactory) -> None:
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
        seconds[0] = 21 * 60  # 21 minutes on them
        timer.refresh_display()
        assert "a good moment for your ask" in str(timer.query_one("#timer-cue", Static).render())
        await pilot.press("space")  # now I talk
        seconds[0] = 30 * 60
        timer.refresh_display()
        # the share the timer shows is the one the note will get (issue 15 item 7)
        assert "21 of 30 min on them (70%)" in str(timer.query_one("#timer-display", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConversationForm)
        values = form.values()
        assert (values["duration_minutes"], values["listen_minutes"], values["ask_minutes"]) == (
            "30",
            "21",
            "9",
        )
        assert values["kind"] == "call"


def test_promises_take_an_optional_due_date_after_an_at_sign() -> None:
    assert promise_items("send the deck @2026-11-27; call Bo") == [
        ("send the deck", "2026-11-27"),
        ("call Bo", None),
    ]
