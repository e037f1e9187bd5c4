"""Pilot: what a newcomer's walkthrough tripped over in the note form and the Notes pane.

- rule NO-COLD-ASKS: the coffee being logged is itself the contact; the coach must not call the person
  a stranger "you have never spoken" with while the user notes the first coffee with them.
- The promises' example due date is one the parser takes and is not in the past.
- rule FOLLOW-THROUGH: a promise marked kept in the Notes pane leaves the next follow-up's text.
- A form shows its own keys in the footer, not those of the screen under it.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Input, Select, Static

from netplan.core.clock import FixedClock
from netplan.notes.log import promise_items
from netplan.notes.model import Promise
from netplan.targets.model import Person
from screens.app import NetplanApp
from screens.main_screen import MainScreen
from screens.notes.conversation_form import ConversationForm
from screens.notes.promise_list import PromiseList
from tests.conftest import FIXED_TZ
from tests.ui.conftest import SIZE, AppFactory


async def open_note_for(pilot: Pilot[None], app: NetplanApp, name: str) -> ConversationForm:
    await pilot.press("slash", *name, "enter")
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ConversationForm)
    assert form.values()["person"] == name
    return form


def shown(app: NetplanApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_first_coffee_is_not_a_cold_ask(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_note_for(pilot, app, "Tomás Varga")  # never spoken with until this coffee
        form.query_one("#field-ask_level", Select).value = "advice"
        await pilot.click("#field-asked")
        await pilot.press(*"How did you hire your first PM at GridShift?")
        await pilot.pause()
        findings = shown(app, "#form-findings")
        assert "never spoken" not in findings and "NO-COLD-ASKS" not in findings
        # a referral is still more than one coffee allows (rule ASK-LADDER): choosing it updates the coach
        form.query_one("#field-ask_level", Select).value = "referral"
        await pilot.pause()
        findings = shown(app, "#form-findings")
        assert "ASK-LADDER" in findings and "more than a new relationship allows" in findings
        assert "never spoken" not in findings


async def test_the_promise_example_is_a_date_ahead_that_the_form_takes(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    # months after the demo's week: an example written into the code would be long gone by then
    app.store.clock = FixedClock("2027-03-10T09:30:00", tz=FIXED_TZ)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_note_for(pilot, app, "Tomás Varga")
        example = form.query_one("#field-promises_mine", Input).placeholder
        [(text, due)] = promise_items(example.replace("; …", ""))
        assert text == "send the deck" and due is not None
        assert date.fromisoformat(due) > app.store.clock.today()  # not a date already gone
        # typed as the example shows it, it saves with that due date
        await pilot.click("#field-promises_mine")
        await pilot.press(*example.replace("; …", ""))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        tomas = next(p for p in app.store.all(Person) if p.name == "Tomás Varga")
        [promise] = [p for p in app.store.all(Promise) if p.person_id == tomas.id]
        assert promise.text == "send the deck" and promise.due.startswith(due)


async def test_a_promise_kept_leaves_the_next_follow_up(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Priya Raman", "enter")
        await pilot.pause()
        details = shown(app, "#notes-details")
        assert "Send what I promised: Send the demand-forecasting write-up" in details
        for _ in range(8):  # tab, as a user would, to the promise list
            if isinstance(app.focused, PromiseList):
                break
            await pilot.press("tab")
            await pilot.pause()
        assert isinstance(app.focused, PromiseList)
        await pilot.press("d")  # her first line: my promise, the write-up
        await pilot.pause()
        next_step = shown(app, "#notes-details").split("Next follow-up", 1)[1]
        assert "Send what I promised" not in next_step and "write-up" not in next_step
        assert next_step.strip().splitlines()[1].strip().startswith("Thank them for")


def footer_keys(app: NetplanApp) -> str:
    footer = app.screen.query_one(Footer)
    return " ".join(str(key.render()) for key in footer.query("FooterKey"))


@pytest.mark.parametrize("size", [SIZE, (80, 24), (60, 30)], ids=["160x45", "80x24", "60x30"])
async def test_a_form_shows_its_own_keys_not_the_main_screens(
    open_app: AppFactory, size: tuple[int, int]
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("g")  # a short form: at 80x24 the main screen showed round it
        await pilot.pause()
        form = app.screen
        assert not isinstance(form, MainScreen)
        footer = form.query_one(Footer)
        assert footer.region.bottom == size[1]  # the bottom line, over the main screen's footer
        keys = footer_keys(app)
        assert "Save" in keys and "Cancel" in keys
        assert "Note+" not in keys and "Plan week" not in keys
        if size != SIZE:  # small: the dialog fills what the footer leaves
            box = form.query_one("#form")
            assert box.region.y == 0 and box.region.bottom == footer.region.y
