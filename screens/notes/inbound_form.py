"""Log that someone reached out (rule ALWAYS-RESPOND): a reply is due in 2 days, on the follow-ups."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from netplan.core import moments
from netplan.core.errors import NotFoundError, ValidationError
from netplan.notes.followups import log_inbound
from netplan.notes.log import match_person
from netplan.notes.model import InboundRequest
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.new_people import offer_new_people, person_names
from screens.common.record_form import FormField, RecordForm


class InboundForm(RecordForm):
    """Dismisses with the logged InboundRequest; a name nobody has is offered as a new person."""

    def __init__(self, store: Store, person: Person | None = None) -> None:
        names = [(name, name) for name in person_names(store)]
        fields = [
            FormField(
                "person", "Who reached out", "name", names, placeholder="name (tab completes); or a new name"
            ),
            FormField("about", "About", placeholder="what they asked for"),
            FormField("received", "When", placeholder="YYYY-MM-DD HH:MM"),
        ]
        initial = {
            "person": person.name if person and not person.is_type else "",
            "received": store.clock.now().format("YYYY-MM-DD HH:mm"),
        }
        super().__init__(store, "Someone reached out", fields, initial)

    def focus_initial_field(self) -> None:
        names = self.query_one("#field-person", Input)
        self.query_one("#field-about" if names.value else "#field-person", Input).focus()

    def build(self, values: dict[str, Any]) -> dict[str, Any]:
        return values

    def persist(self, record: Any) -> Any:
        return self._log(match_person(self.store, record["person"]), record)

    def _log(self, person: Person | None, values: dict[str, Any]) -> InboundRequest:
        """One write: the new person (when ``person`` is None) and the request."""
        received = moments.moment("received", values["received"], tz=self.store.clock.tz)
        if not values["about"].strip():
            raise ValidationError("about", "is required")
        with self.store.transaction():
            if person is None:
                person = self.store.insert(Person(name=values["person"].strip()))
            return log_inbound(self.store, person.id, values["about"], received)

    def action_save(self) -> None:
        values = self.values()
        try:
            match_person(self.store, values["person"])
        except NotFoundError:
            name = values["person"].strip()

            def save() -> None:
                self._clear_error()
                try:
                    self.dismiss(self._log(None, values))
                except ValidationError as error:
                    self.show_error(error.field, error.message)

            offer_new_people(self, [name], "the request", save, self.query_one("#field-person", Input).focus)
            return
        except ValidationError:
            pass  # several match, or none typed: the save says which, inline
        super().action_save()
