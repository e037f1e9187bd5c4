"""The first frame on a big data file: the planner's frame and what it is opening (issue 9).

The planner draws this before it reads the data file; a thread reads the file (and imports the
panes) meanwhile, then the main screen takes its place. Only q (quit) and ? (help) work here:
nothing can be changed before the file is read.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from netplan.core.text import safe_text


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return "a new file"
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


class LoadingScreen(Screen[None]):
    def __init__(self, path: Path, classes: str = "") -> None:
        super().__init__(id="loading-screen", classes=classes)
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        message = Text("Opening ", style="bold")
        message.append(safe_text(self.path))
        message.append(f"  ({_size(self.path)}) …", style="dim")
        yield Static(message, id="loading-message")
        yield Footer()
