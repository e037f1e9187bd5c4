"""NetplanApp: the Textual application. ``make_app(store, clock=...)`` lets tests inject both."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from netplan.clock import Clock
from netplan.store import Store
from screens.main_screen import MainScreen


class NetplanApp(App[None]):
    """The planner: one main screen with the Targets, Week and Notes panes."""

    CSS_PATH = "netplan.tcss"
    TITLE = "netplan"
    SUB_TITLE = "deliberate networking"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit netplan (everything is already saved)"),
        Binding("question_mark", "help", "Help", id="help", key_display="?", tooltip="Keys and panes"),
    ]

    def __init__(self, store: Store, *, clock: Clock | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock or store.clock

    def on_mount(self) -> None:
        self.push_screen(MainScreen())

    def action_help(self) -> None:
        from screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every visible binding of the current screen is also a palette command."""
        yield from super().get_system_commands(screen)
        seen: set[str] = {"quit"}
        for binding in [*screen.BINDINGS, *self.BINDINGS]:
            if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            action = binding.action
            yield SystemCommand(
                binding.description,
                binding.tooltip or binding.description,
                lambda action=action: self.call_later(screen.run_action, action),
            )


def make_app(store: Store, *, clock: Clock | None = None) -> NetplanApp:
    return NetplanApp(store, clock=clock)
