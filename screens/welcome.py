"""The first-run welcome on a new, empty data file: what the panes are, and an offer of demo data."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.common.help_key import HELP_BINDING

WELCOME = (
    "Welcome to netplan: a planner for networking on purpose, not only when you need a job.\n\n"
    "Targets (left): your networking goals, and for each the people and venues that serve it.\n"
    "Keep the list small and chosen.\n\n"
    "Week (middle): your standing networking time: coffees, lunches, groups, events.\n\n"
    "Notes (right): what you learn after every conversation, and what you promised.\n\n"
    "Load the demo data to look around (fictional people), or start with an empty planner."
)


class WelcomeScreen(ModalScreen[bool]):
    """Dismisses True when the user wants the demo data."""

    BINDINGS = [
        HELP_BINDING,
        Binding("d", "choose(True)", "Load demo", id="welcome-demo"),
        Binding("escape,e", "choose(False)", "Start empty", id="welcome-empty"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(Text("netplan", style="bold"), id="welcome-title")
            yield Static(Text(WELCOME))
            with Horizontal(id="welcome-buttons"):
                yield Button("Load demo data (d)", variant="primary", id="welcome-demo-button")
                yield Button("Start empty (e)", id="welcome-empty-button")

    def action_choose(self, demo: bool) -> None:
        self.dismiss(demo)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "welcome-demo-button")
