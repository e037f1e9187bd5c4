"""The status line: which data file is open and when it was last saved."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from netplan.core.text import safe_text
from netplan.store.store import Store, StoreState


class StatusLine(Static):
    """One line under the panes; it watches the store's state (``NetplanApp.store_state``).

    A save is written off the event loop (netplan/store/writer.py): until it lands the line says
    "saving…", and "saved HH:MM:SS" only once the bytes are on disk. The last message stays while
    the save state changes under it.
    """

    def __init__(self, store: Store) -> None:
        super().__init__(id="status-line")
        self._store = store
        self._message = ""

    def on_mount(self) -> None:
        self.watch(self.app, "store_state", self._store_moved, init=False)
        self.show()

    def _store_moved(self, old: StoreState | None, new: StoreState | None) -> None:
        failed = new is not None and new.failed_writes != (old.failed_writes if old else 0)
        if failed and new is not None and new.save_error:
            error = safe_text(new.save_error)
            self.app.notify(error, title="Not saved", severity="error", timeout=30, markup=False)
            self._message = ""
        self.show(self._message)

    def show(self, message: str = "") -> None:
        self._message = message
        store = self._store
        saved = store.last_saved
        if store.save_error:
            when = Text(safe_text(store.save_error), style="bold red")
        elif store.saving:
            when = Text("saving…", style="yellow")
        else:
            when = Text(f"saved {saved.format('HH:mm:ss')}" if saved else "no changes yet")
        line = Text.assemble(("data ", "dim"), safe_text(store.path), ("  ·  ", "dim"), when)
        if message:
            line.append("  ·  ", "dim")
            line.append(safe_text(message), "bold")
        self.update(line, layout=False)  # one line high (netplan.tcss): no layout of the screen
