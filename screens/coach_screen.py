"""The Coach view: what the coach says about the selected person and about your network as a whole.

Every finding shows its rule ID, message and suggestion (screens.findings_view, safe text only).
Opened with `c` from the main screen; escape closes it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from netplan.coach import list_findings, network_findings, person_findings
from netplan.model import Person
from netplan.store import Store
from netplan.text import safe_text
from screens.findings_view import FindingsView, findings_text
from screens.stage_line import stage_text


def network_text(store: Store) -> Text:
    """Each person with findings, their name as a heading (one Text: no widget per person)."""
    blocks = []
    for person, findings in network_findings(store):
        heading = Text(safe_text(person.name), style="bold")
        blocks.append(heading + Text("\n") + findings_text(findings))
    return Text("\n\n").join(blocks) if blocks else Text("Nothing to say about anyone.", style="dim")


class CoachScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,c", "close", "Close", id="coach-close", tooltip="Close the Coach view")]

    def __init__(self, store: Store, person: Person | None = None) -> None:
        super().__init__(classes="coach-screen")
        self.store = store
        self.person = person

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="coach"):
            yield Static(Text("Coach", style="bold"), id="coach-heading")
            if self.person is not None:
                yield Static(Text(safe_text(self.person.name), style="bold underline"), id="coach-person")
                yield Static(stage_text(self.store, self.person), id="coach-stage")
                yield FindingsView("Nothing to add: keep giving, keep in touch.", id="coach-person-findings")
            yield Static(Text("Your list", style="bold underline"), classes="coach-section")
            yield FindingsView("Your target list is a good size.", id="coach-list-findings")
            yield Static(Text("Your network", style="bold underline"), classes="coach-section")
            yield Static(id="coach-network")
            yield Static(Text("escape closes", style="dim"))

    def on_mount(self) -> None:
        if self.person is not None:
            self.query_one("#coach-person-findings", FindingsView).show(
                person_findings(self.store, self.person)
            )
        self.query_one("#coach-list-findings", FindingsView).show(list_findings(self.store))
        self.query_one("#coach-network", Static).update(network_text(self.store))
        self.query_one("#coach").focus()

    def action_close(self) -> None:
        self.dismiss(None)
