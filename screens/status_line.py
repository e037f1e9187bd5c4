"""The status line: which data file is open and when it was last saved."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from netplan.store import Store
from netplan.text import safe_text


class StatusLine(Static):
    """One line under the panes; refreshed by the store after every durable write."""

    def __init__(self, store: Store) -> None:
        super().__init__(id="status-line")
        self._store = store

    def on_mount(self) -> None:
        self._store.listeners.append(self._on_saved)
        self.show()

    def on_unmount(self) -> None:
        if self._on_saved in self._store.listeners:
            self._store.listeners.remove(self._on_saved)

    def _on_saved(self) -> None:
        self.show()

    def show(self, message: str = "") -> None:
        saved = self._store.last_saved
        when = f"saved {saved.format('HH:mm:ss')}" if saved else "no changes yet"
        line = Text.assemble(("data ", "dim"), safe_text(self._store.path), ("  ·  ", "dim"), when)
        if message:
            line.append("  ·  ", "dim")
            line.append(safe_text(message), "bold")
        self.update(line)
