"""The Coach view: what the coach says about the selected person, your list, the LinkedIn invitations
you sent (rule PERSONAL), and your network as a whole.

Every finding shows its rule ID, message and suggestion (screens.common.findings_view, safe text only).
Opened with `c` from the main screen; escape closes it. The findings are read in a thread worker
(the whole network takes a while at thousands of people) and shown when ready.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from netplan.coach.invitations import invitation_findings
from netplan.coach.rules import Finding, list_findings, network_findings, person_findings
from netplan.core.text import safe_text
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.findings_view import FindingsView, findings_text
from screens.common.help_key import HELP_BINDING
from screens.targets.stage_line import stage_text


def network_text(store: Store) -> Text:
    """Each person with findings, their name as a heading (one Text: no widget per person)."""
    blocks = []
    for person, findings in network_findings(store):
        heading = Text(safe_text(person.name), style="bold")
        blocks.append(heading + Text("\n") + findings_text(findings))
    return Text("\n\n").join(blocks) if blocks else Text("Nothing to say about anyone.", style="dim")


@dataclass(frozen=True)
class CoachReading:
    """What the worker read: the person's findings, the list's, and the network as one Text."""

    person: list[Finding]
    list: list[Finding]
    invitations: Sequence[Finding]  # rule PERSONAL on the LinkedIn invitations you sent
    network: Text


class CoachScreen(ModalScreen[None]):
    BINDINGS = [
        HELP_BINDING,
        Binding("escape,q,c", "close", "Close", id="coach-close", tooltip="Close the Coach view"),
    ]

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
            yield Static(Text("Your LinkedIn invitations", style="bold underline"), classes="coach-section")
            yield FindingsView(
                "Nothing to say about the invitations you sent on LinkedIn.", id="coach-invitation-findings"
            )
            yield Static(Text("Your network", style="bold underline"), classes="coach-section")
            yield Static(id="coach-network")
            yield Static(Text("escape closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#coach").focus()
        self.query_one("#coach-network", Static).update(Text("Reading your network…", style="dim"))
        self.run_worker(self.read_findings, thread=True, exclusive=True, name="coach-findings")

    def read_findings(self) -> CoachReading:
        """In a thread: nothing here touches a widget."""
        mine = person_findings(self.store, self.person) if self.person is not None else []
        return CoachReading(
            mine, list_findings(self.store), invitation_findings(self.store), network_text(self.store)
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        reading = event.worker.result
        if event.state != WorkerState.SUCCESS or not isinstance(reading, CoachReading):
            return
        if self.person is not None:
            self.query_one("#coach-person-findings", FindingsView).show(reading.person)
        self.query_one("#coach-list-findings", FindingsView).show(reading.list)
        self.query_one("#coach-invitation-findings", FindingsView).show(reading.invitations)
        self.query_one("#coach-network", Static).update(reading.network)

    def action_close(self) -> None:
        self.dismiss(None)
