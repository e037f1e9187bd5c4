"""Help on `?`: what the panes are for and every key of the screen below."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

ABOUT = (
    "netplan keeps your networking deliberate.\n"
    "Targets: your goals, and the people (named, or a type of person) and venues aimed at each.\n"
    "Week: your standing networking time, Mon..Sun.\n"
    "Notes: the selected person's details and conversations.\n"
    "Everything is saved the moment you confirm it."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help-close")]

    def __init__(self, under: Screen) -> None:
        super().__init__(classes="help-screen")
        self.under = under

    def compose(self) -> ComposeResult:
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for binding in [*self.under.BINDINGS, *self.app.BINDINGS]:
            if not isinstance(binding, Binding) or not binding.description or binding.key in seen:
                continue
            seen.add(binding.key)
            rows.append((binding.key_display or binding.key, binding.tooltip or binding.description))
        rows += [("ctrl+p", "Command palette: every action by name"), ("tab", "Next pane")]
        keys = Text()
        for key, description in rows:
            keys.append(f"{key:>8}  ", style="bold cyan")
            keys.append(description + "\n")
        with VerticalScroll(id="help"):
            yield Static(Text("netplan: keys", style="bold"))
            yield Static(Text(ABOUT))
            yield Static(keys)
            yield Static(Text("Press escape to close.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
