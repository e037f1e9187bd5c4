"""Help on `?` (or F1 where a text field takes the `?`): the keys that act right now, where they act.

Help is per screen and per pane (issue 15): the keys of the focused pane come first under its name,
then the screen's, then those that work everywhere. A screen key that the focused pane gives another
meaning is listed with the pane's meaning only, and the screen's meaning is named as not available
until the focus moves: a key never means two things where the user cannot see which. Modal screens
list their own keys (Textual does not pass keys through a modal screen to the app).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

ABOUT = (
    "netplan keeps your networking deliberate.\n"
    "Targets: your goals, and the people (named, or a type of person) and venues aimed at each.\n"
    "Week: your standing networking time, Mon..Sun.\n"
    "Notes: the selected person's details, promises and conversations.\n"
    "Everything is saved the moment you confirm it."
)


@dataclass(frozen=True)
class HelpSection:
    """The keys one part of the screen (a pane, the screen, everywhere) gives meaning to."""

    title: str
    keys: list[tuple[str, str]]  # (key as shown, what it does)
    shadowed: list[tuple[str, str]]  # screen keys the focused pane means otherwise


def _described(node: DOMNode) -> list[Binding]:
    """The node's own bindings worth listing: ours all carry an id; Textual's movement keys do not."""
    return [b for b in node.BINDINGS if isinstance(b, Binding) and b.id and b.description]


def _pane_title(node: DOMNode) -> str:
    """The titled pane a widget sits in ("Week"), or its screen's title."""
    for ancestor in node.ancestors_with_self:
        title = getattr(ancestor, "border_title", None)
        if title:
            return f"{title} pane"
    return ""


def _keys(binding: Binding) -> list[str]:
    return [key.strip() for key in binding.key.split(",")]


def help_sections(screen: Screen, app_bindings: list[Binding]) -> list[HelpSection]:
    """What `?` lists for ``screen`` with its current focus, most specific first."""
    taken: dict[str, tuple[str, str]] = {}  # key -> (the section that gave it its meaning, the action)
    sections: list[HelpSection] = []

    def add(title: str, bindings: list[Binding]) -> None:
        keys: list[tuple[str, str]] = []
        shadowed: list[tuple[str, str]] = []
        for binding in bindings:
            names = _keys(binding)
            shown = binding.key_display or names[0]
            description = binding.tooltip or binding.description
            action = binding.action.removeprefix("app.")
            if any(name in taken for name in names):
                where, taken_action = taken[next(name for name in names if name in taken)]
                if taken_action != action:
                    shadowed.append((shown, f"{description} (not while the {where} is focused)"))
                continue
            for name in names:
                taken[name] = (title, action)
            keys.append((shown, description))
        if keys or shadowed:
            sections.append(HelpSection(title, keys, shadowed))

    focused = screen.focused
    pane_bindings: dict[str, list[Binding]] = {}
    if focused is not None:
        for node in focused.ancestors_with_self:
            if node is screen:
                break
            title = _pane_title(node)
            if title:
                pane_bindings.setdefault(title, []).extend(_described(node))
    for title, bindings in pane_bindings.items():
        add(title, bindings)
    screen_title = "This screen" if isinstance(screen, ModalScreen) else "The planner"
    add(screen_title, _described(screen))
    if not isinstance(screen, ModalScreen):
        add("Everywhere", [b for b in app_bindings if b.id and b.description])
    return sections


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help-close")]

    def __init__(self, under: Screen) -> None:
        super().__init__(classes="help-screen")
        self.under = under

    def compose(self) -> ComposeResult:
        app_bindings = [b for b in self.app.BINDINGS if isinstance(b, Binding)]
        sections = help_sections(self.under, app_bindings)
        keys = Text()
        for section in sections:
            keys.append(f"{section.title}\n", style="bold underline")
            for key, description in section.keys:
                keys.append(f"{key:>8}  ", style="bold cyan")
                keys.append(description + "\n")
            for key, description in section.shadowed:
                keys.append(f"{key:>8}  {description}\n", style="dim")
            keys.append("\n")
        keys.append(f"{'ctrl+p':>8}  ", style="bold cyan")
        keys.append("Command palette: every action by name\n")
        keys.append(f"{'tab':>8}  ", style="bold cyan")
        keys.append("Next pane or field\n")
        about = getattr(self.under, "HELP", "") or ("" if isinstance(self.under, ModalScreen) else ABOUT)
        with VerticalScroll(id="help"):
            yield Static(Text("netplan: keys", style="bold"))
            if about:
                yield Static(Text(about))
            yield Static(keys, id="help-keys")
            yield Static(Text("Press escape to close.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
