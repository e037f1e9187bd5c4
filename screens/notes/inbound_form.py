"""Log that someone reached out (rule ALWAYS-RESPOND): a reply is due in 2 days, on the follow-ups."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from netplan.core import moments
from netplan.notes.followups import log_inbound
from netplan.notes.log import match_person
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.record_form import FormField, RecordForm
from screens.common.safe_input import SafeSuggestions


class InboundForm(RecordForm):
    def __init__(self, store: Store, person: Person | None = None) -> None:
        fields = [
            FormField("person", "Who reached out", placeholder="name (tab completes)"),
            FormField("about", "About", placeholder="what they asked for"),
            FormField("received", "When", placeholder="YYYY-MM-DD HH:MM"),
        ]
        initial = {
            "person": person.name if person and not person.is_type else "",
            "received": store.clock.now().format("YYYY-MM-DD HH:mm"),
        }
        self._names = sorted({p.name for p in store.all(Person) if not p.is_type}, key=str.casefold)
        super().__init__(store, "Someone reached out", fields, initial)

    def set_up_fields(self) -> None:
        self.query_one("#field-person", Input).suggester = SafeSuggestions(self._names)

    def focus_initial_field(self) -> None:
        names = self.query_one("#field-person", Input)
        self.query_one("#field-about" if names.value else "#field-person", Input).focus()

    def build(self, values: dict[str, Any]) -> dict[str, Any]:
        return values

    def persist(self, record: Any) -> Any:
        person = match_person(self.store, record["person"])
        received = moments.moment("received", record["received"], tz=self.store.clock.tz)
        return log_inbound(self.store, person.id, record["about"], received)
