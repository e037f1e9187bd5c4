"""A form closed before it was mounted must close quietly (issue 14, item 10).

A long key walk sometimes ended with `NoMatches: '#field-person'` in InboundForm.on_mount: a key
right behind `i` (escape, ctrl+s, or `q` quitting the planner) removed the form while Textual was
still composing it. Textual then mounts the screen without its fields and still sends it Mount, and
the form's on_mount queried a field that was never mounted. The walk's timing made it 1 run in 4;
here the form is closed in the same step that opens it, before its first turn, every time.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date

import pytest

import screens
from netplan.store.store import Store
from screens.app import NetplanApp
from screens.common.record_form import RecordForm
from screens.events.event_form import EventForm
from screens.notes.conversation_form import ConversationForm
from screens.notes.inbound_form import InboundForm
from screens.schedule.intent_form import IntentForm
from screens.schedule.slot_form import SlotForm
from screens.settings_form import SettingsForm
from screens.targets.target_forms import GoalForm, PersonForm, VenueForm
from tests.ui.conftest import SIZE, AppFactory

FORMS: dict[type[RecordForm], Callable[[Store], RecordForm]] = {
    InboundForm: InboundForm,
    ConversationForm: ConversationForm,
    SlotForm: SlotForm,
    GoalForm: GoalForm,
    PersonForm: PersonForm,
    VenueForm: VenueForm,
    EventForm: EventForm,
    SettingsForm: SettingsForm,
    IntentForm: lambda store: IntentForm(store, date(2026, 11, 23)),
}


def close_by_escape(app: NetplanApp) -> None:
    app.screen.dismiss(None)  # what escape runs: RecordForm.action_cancel


def close_by_quitting(app: NetplanApp) -> None:
    app.exit()  # what `q` runs


@pytest.mark.parametrize("close", [close_by_escape, close_by_quitting], ids=["escape", "quit"])
@pytest.mark.parametrize("form", list(FORMS), ids=lambda form: form.__name__)
async def test_a_form_closed_before_it_mounted_raises_nothing(
    form: type[RecordForm], close: Callable[[NetplanApp], None], open_app: AppFactory
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:  # an exception in the app fails the test here
        await pilot.pause()
        app.push_screen(FORMS[form](app.store))
        close(app)  # in the same step: the form has not composed yet
        await pilot.pause()
        await pilot.pause()
    assert app.return_code in (0, None)


def test_every_form_is_in_the_table() -> None:
    for module in pkgutil.walk_packages(screens.__path__, "screens."):
        importlib.import_module(module.name)

    def subclasses(cls: type[RecordForm]) -> set[type[RecordForm]]:
        found = set(cls.__subclasses__())
        return found.union(*(subclasses(sub) for sub in found)) if found else found

    missing = sorted(form.__name__ for form in subclasses(RecordForm) - set(FORMS))
    assert missing == [], f"forms without a case in FORMS: {missing}"
