""" "Who should I invite?" for an empty coffee or lunch occurrence.

The candidates come from netplan.schedule.invite (overdue follow-ups first when that source is registered,
then people slipping past their cadence, rule GARDEN, then targets of goals with no step this week,
rule BOW-AND-ARROW), each with its reason and rule. Choosing one books this occurrence only for
that person; the series is untouched. Finding them reads every person (~30 ms at 2,000 people),
so it runs in a thread worker and posts the list back.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import safe_text
from netplan.schedule.invite import InviteCandidate, invite_candidates
from netplan.schedule.slot import Slot
from netplan.schedule.week import Occurrence, book_occurrence
from netplan.store.store import Store
from screens.common.help_key import HELP_BINDING


def occurrence_heading(occ: Occurrence) -> Text:
    """'Who should I invite? coffee, Wed 25 Nov 12:30–13:30: Research lunch'."""
    text = Text("Who should I invite?\n", style="bold")
    text.append(f"{occ.slot.kind}, {occ.start:%a} {occ.start.day} {occ.start:%b %H:%M}–{occ.end:%H:%M}: ")
    text.append(safe_text(occ.slot.title), style="italic")
    if occ.venue_name:
        text.append(f" at {safe_text(occ.venue_name)}")
    return text


def candidate_prompt(candidate: InviteCandidate) -> Text:
    """Name (and company), then why, citing the rule."""
    # The reason starts with its source ("slipping: ...", "target of ..."), so the source is not repeated.
    person = candidate.person
    prompt = Text(safe_text(person.name), style="bold")
    if person.company:
        prompt.append(f"  {safe_text(person.company)}", style="dim")
    prompt.append("\n  ")
    prompt.append(safe_text(candidate.reason))  # it says which source proposed them
    prompt.append(f"  · rule {candidate.rule_id}", style="dim")
    return prompt


class InviteScreen(ModalScreen[Slot | None]):
    """Returns the slot with the booking, or None when closed without choosing."""

    BINDINGS = [
        HELP_BINDING,
        Binding("escape", "cancel", "Cancel", id="invite-cancel", tooltip="Close without booking"),
    ]

    @dataclass
    class Found(Message):
        """The worker's candidates."""

        candidates: list[InviteCandidate]

    def __init__(self, store: Store, occurrence: Occurrence) -> None:
        super().__init__(classes="invite-screen")
        self.store = store
        self.occurrence = occurrence
        self.candidates: list[InviteCandidate] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="invite"):
            yield Static(occurrence_heading(self.occurrence), id="invite-heading")
            yield Static(Text("Finding people…", style="dim"), id="invite-status")
            yield OptionList(id="invite-candidates")
            yield Static(Text("enter: book this one only · escape: close", style="dim"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._find()

    @work(thread=True, exclusive=True)
    def _find(self) -> None:
        # Reads only; the list is posted back (a worker never touches widgets).
        self.post_message(self.Found(invite_candidates(self.store, self.occurrence)))

    def on_invite_screen_found(self, event: InviteScreen.Found) -> None:
        self.candidates = event.candidates
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(candidate_prompt(candidate), id=str(candidate.person.id)) for candidate in event.candidates
        )
        status = self.query_one("#invite-status", Static)
        if event.candidates:
            status.update(Text(f"{len(event.candidates)} proposed, most pressing first:", style="dim"))
            options.highlighted = 0
        else:
            nobody = "Nobody to propose: no one slipping, and every goal target has a step this week."
            status.update(Text(nobody, style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        occ = self.occurrence
        try:
            saved = book_occurrence(self.store, occ.slot.id, occ.date, int(event.option.id))
        except (ValidationError, NotFoundError) as error:
            self.query_one("#invite-status", Static).update(Text(f"⚠ {safe_text(error)}", style="bold red"))
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
