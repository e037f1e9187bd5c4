"""NetplanApp: the Textual application. ``make_app(store, clock=...)`` lets tests inject both."""

from __future__ import annotations

import asyncio
import signal
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

    # SIGTERM (kill, a shutdown), SIGHUP (the terminal window closed) and SIGINT (kill -INT; the
    # ctrl+c key itself is Textual's "press ctrl+q to quit" hint) end the planner the way `q` does:
    # Textual restores the terminal and the caller closes the store. Every save is already on disk
    # when the UI says so; without this SIGTERM and SIGHUP killed the process in the alternate
    # screen, leaving the user's terminal in raw mode with mouse reporting on.
    EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

    def __init__(self, store: Store, *, clock: Clock | None = None, exit_on_signals: bool = False) -> None:
        super().__init__()
        self.store = store
        self.clock = clock or store.clock
        self.exit_on_signals = exit_on_signals  # the real terminal run only, not Pilot tests

    def on_mount(self) -> None:
        # Saves are written off the event loop; their news comes back to it (issue 9).
        self.store.write_in_background(asyncio.get_running_loop().call_soon_threadsafe)
        if self.exit_on_signals:
            loop = asyncio.get_running_loop()  # asyncio.run() removes these handlers when it ends
            for signum in self.EXIT_SIGNALS:
                loop.add_signal_handler(signum, self.exit_on_signal, signum)
        self.push_screen(MainScreen())

    def exit_on_signal(self, signum: int) -> None:
        """Quit cleanly; the process then exits 128 + the signal number, as shells expect."""
        self.exit(return_code=128 + signum)

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


def make_app(store: Store, *, clock: Clock | None = None, exit_on_signals: bool = False) -> NetplanApp:
    return NetplanApp(store, clock=clock, exit_on_signals=exit_on_signals)
