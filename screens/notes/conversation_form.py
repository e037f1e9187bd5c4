"""The post-coffee note (rules LISTEN-20-10, GIVE-FIRST, FOLLOW-48H, FOLLOW-THROUGH): under a minute.

One key opens it from anywhere, prefilled with the selected person. Saving is one transaction
(netplan.notes.log.log_conversation): the conversation, the person's last touch, a follow-up due 48 hours
later and one task per promise. An unknown name is offered as a new person, created in the same write.
Lists are typed inline: "person: intro to Pat Kim; resource: my deck" (gave) and
"send the deck @YYYY-MM-DD; ..." (promises, an optional due date after @).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.text import Text
from textual.widgets import Input, Select, Static

from netplan.coach.phrasing import NEEDS_PROMPT
from netplan.coach.rules import conversation_findings
from netplan.core import moments
from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import safe_text
from netplan.notes.log import LoggedConversation, log_conversation, match_person, promise_items
from netplan.notes.model import (
    ASK_LEVELS,
    CONVERSATION_KINDS,
    DEFAULT_DURATION,
    Conversation,
    default_split,
    given_value,
    whole_minutes,
)
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.new_people import offer_new_people, person_names
from screens.common.record_form import FormField, RecordForm


def split_items(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]


def _error_field(field: str) -> str:
    """Which form field a validation error belongs to ("gave 2 kind" -> "gave")."""
    if field.startswith("gave"):
        return "gave"
    if field.startswith("promise by me"):
        return "promises_mine"
    if field.startswith("promise by them"):
        return "promises_theirs"
    return field


class ConversationForm(RecordForm):
    """Dismisses with the LoggedConversation, or None when cancelled."""

    def __init__(
        self,
        store: Store,
        person: Person | None = None,
        *,
        kind: str = "coffee",
        minutes: tuple[int, int, int] | None = None,
    ) -> None:
        duration, listen, ask = minutes or (DEFAULT_DURATION, *default_split(DEFAULT_DURATION))
        now = store.clock.now()
        # An example due date the parser takes, in the days ahead (a fixed one went stale): two days
        # out, when the follow-up that carries the promise is due (rule FOLLOW-THROUGH).
        promise_example = (store.clock.today() + timedelta(days=2)).isoformat()
        names = [(name, name) for name in person_names(store)]
        fields = [
            FormField(
                "person",
                "With",
                "name",
                names,
                placeholder="name (tab completes); a new name is offered to create",
            ),
            FormField("when", "When", placeholder="YYYY-MM-DD HH:MM"),
            FormField("kind", "Kind", "choice", [(k, k) for k in CONVERSATION_KINDS]),
            FormField("duration_minutes", "Minutes in all"),
            FormField("listen_minutes", "…on them (listen)", placeholder="20 of 30: rule LISTEN-20-10"),
            FormField("ask_minutes", "…on my ask"),
            FormField("needs", "What they need", placeholder=NEEDS_PROMPT),
            FormField(
                "gave", "What I gave", placeholder="person: intro to Pat; resource: my deck; strategy: …"
            ),
            FormField("asked", "What I asked", placeholder="specific: a named person, company or action"),
            FormField(
                "ask_level", "Ask level", "choice", [("no ask", ""), *((lvl, lvl) for lvl in ASK_LEVELS)]
            ),
            FormField("promises_mine", "I promised", placeholder=f"send the deck @{promise_example}; …"),
            FormField("promises_theirs", "They promised", placeholder="intro to Sally Jones; …"),
            FormField("notes", "Notes"),
        ]
        initial: dict[str, Any] = {
            "person": person.name if person and not person.is_type else "",
            "when": now.format("YYYY-MM-DD HH:mm"),
            "kind": kind,
            "duration_minutes": duration,
            "listen_minutes": listen,
            "ask_minutes": ask,
            "ask_level": "",
        }
        super().__init__(store, "After the conversation", fields, initial)
        # The split follows the duration while it still shows what was filled in automatically.
        self._auto_split: tuple[str, str] | None = None if minutes else (str(listen), str(ask))

    def set_up_fields(self) -> None:
        self.mount(Static("", id="form-findings"), after=self.query_one("#form-error"))

    def focus_initial_field(self) -> None:
        names = self.query_one("#field-person", Input)
        self.query_one("#field-needs" if names.value else "#field-person", Input).focus()

    # live behaviour ---------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "field-duration_minutes" and self._auto_split is not None:
            listen_input = self.query_one("#field-listen_minutes", Input)
            ask_input = self.query_one("#field-ask_minutes", Input)
            # Until the split is edited by hand it follows the duration, two thirds on them.
            if (listen_input.value, ask_input.value) == self._auto_split:
                try:
                    listen, ask = default_split(whole_minutes("duration_minutes", event.value))
                except ValidationError:
                    listen, ask = None, None
                if listen is not None:
                    self._auto_split = (str(listen), str(ask))
                    with self.prevent(Input.Changed):
                        listen_input.value, ask_input.value = self._auto_split
        elif event.input.id == "field-listen_minutes" and (
            self._auto_split is None or event.value != self._auto_split[0]
        ):
            self._ask_follows_listen(event.value)
        self.show_findings()

    def on_select_changed(self, event: Select.Changed) -> None:
        """The ask level (or the kind) chosen: the coach judges the ask again, as typing does."""
        self.show_findings()

    def _ask_follows_listen(self, listen_text: str) -> None:
        """Minutes on them typed by hand: my ask is the rest, so the split adds up (rule LISTEN-20-10)."""
        try:
            typed = self.query_one("#field-duration_minutes", Input).value
            duration = whole_minutes("duration_minutes", typed)
            listen = whole_minutes("listen_minutes", listen_text)
        except ValidationError:
            return
        if listen <= duration:
            with self.prevent(Input.Changed):
                self.query_one("#field-ask_minutes", Input).value = str(duration - listen)
            self._auto_split = None

    def show_findings(self) -> None:
        """The coach's findings for what is typed so far (nothing is saved)."""
        findings_view = self.query("#form-findings")
        if not findings_view:
            return
        try:
            person = match_person(self.store, self.values()["person"])
            conversation = self.build(self.values(), person_id=person.id).validated()
        except (ValidationError, NotFoundError):
            findings_view.first(Static).update("")
            return
        text = Text()
        for finding in conversation_findings(self.store, person, conversation):
            text.append(f"{finding.rule_id}: ", style="bold yellow")
            text.append(safe_text(finding.message) + "\n")
        findings_view.first(Static).update(text)

    # saving -------------------------------------------------------------------------------------

    def build(self, values: dict[str, Any], person_id: int = 0) -> Conversation:
        return Conversation(
            person_id=person_id,
            when=moments.moment("when", values["when"], tz=self.store.clock.tz),
            kind=values["kind"],
            duration_minutes=whole_minutes("duration_minutes", values["duration_minutes"]),
            listen_minutes=whole_minutes("listen_minutes", values["listen_minutes"]),
            ask_minutes=whole_minutes("ask_minutes", values["ask_minutes"]),
            needs=values["needs"],
            gave=[given_value(item) for item in split_items(values["gave"])],
            asked=values["asked"],
            ask_level=values["ask_level"] or "",
            notes=values["notes"],
        )

    def action_save(self) -> None:
        self._clear_error()
        values = self.values()
        name = values["person"].strip()
        try:
            self.build(values, person_id=1).validated_at(self.store.clock.now())  # everything but the person
            person = match_person(self.store, name)
        except NotFoundError:
            self._offer_new_person(name, values)
            return
        except ValidationError as error:
            self.show_error(_error_field(error.field), error.message)
            return
        self._log(person, values)

    def _offer_new_person(self, name: str, values: dict[str, Any]) -> None:
        offer_new_people(
            self,
            [name],
            "the note",
            lambda: self._log(None, values, new_name=name),
            self.query_one("#field-person", Input).focus,
        )

    def _log(self, person: Person | None, values: dict[str, Any], *, new_name: str = "") -> None:
        try:
            with self.store.transaction():
                if person is None:
                    person = self.store.insert(Person(name=new_name))
                logged = log_conversation(
                    self.store,
                    self.build(values, person_id=person.id),
                    promise_items(values["promises_mine"]),
                    promise_items(values["promises_theirs"]),
                )
        except ValidationError as error:
            self.show_error(_error_field(error.field), error.message)
            return
        self.dismiss(logged)


def logged_summary(logged: LoggedConversation) -> str:
    due = moments.parse(logged.follow_up.due).strftime("%a %d %b %H:%M")
    return f"Saved {logged.conversation.kind} with {safe_text(logged.person.name)}; follow up by {due}"
