"""The selected person's promises in the Notes pane: `d` marks one done, `u` undoes it (rule FOLLOW-THROUGH).

Open promises come first, soonest due first; the ones closed in the last CLOSED_DAYS days stay listed
(ticked) so a slip of the finger can be undone. Saying it is done takes it off the agenda.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from netplan.core import moments
from netplan.core.errors import NotFoundError
from netplan.core.text import safe_text
from netplan.notes.followups import promise_done, promise_reopen
from netplan.notes.model import Promise
from netplan.store.store import Store

CLOSED_DAYS = 14  # closed promises listed this long, to be undone


def promise_option(promise: Promise, store: Store) -> Option:
    """One line: a box, whose promise it is, when it is (or was) due or done, and the text."""
    tz = store.clock.tz
    whose = "I promised" if promise.by == "me" else "They promised"
    if promise.is_open:
        due = moments.local(promise.due, tz)
        late = due < store.clock.now()
        line = Text("☐ ", style="bold")
        line.append(f"{whose}, due {due.strftime('%a %-d %b')}: ", style="bold red" if late else "dim")
        line.append(safe_text(promise.text))
    else:
        done = moments.local(promise.done_at or promise.due, tz)
        line = Text("☑ ", style="green")
        line.append(f"{whose}, done {done.strftime('%a %-d %b')}: ", style="dim")
        line.append(safe_text(promise.text), style="dim strike")
    return Option(line, id=str(promise.id))


class PromiseList(OptionList):
    """The person's promises; the pane re-reads them after every change."""

    BINDINGS = [
        Binding("d", "done", "Promise done", id="promise-done", tooltip="Mark the highlighted promise kept"),
        Binding("u", "undo", "Undo done", id="promise-undo", tooltip="Reopen the highlighted promise"),
    ]

    @dataclass
    class Changed(Message):
        """A promise was closed or reopened; ``description`` is for the status line."""

        description: str

    def __init__(self, store: Store) -> None:
        super().__init__(id="notes-promises")
        self.store = store

    def show(self, promises: list[Promise]) -> None:
        """Replace the lines, keeping the highlight on the same promise when it is still listed."""
        highlighted = self.highlighted_promise_id
        self.clear_options()
        self.add_options([promise_option(promise, self.store) for promise in promises])
        ids = [str(promise.id) for promise in promises]
        if highlighted is not None and str(highlighted) in ids:
            self.highlighted = ids.index(str(highlighted))
        elif promises:
            self.highlighted = 0

    @property
    def highlighted_promise_id(self) -> int | None:
        if self.highlighted is None or not 0 <= self.highlighted < self.option_count:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return int(option_id) if option_id else None

    def _act(self, done: bool) -> None:
        promise_id = self.highlighted_promise_id
        if promise_id is None:
            return
        try:
            saved = (promise_done if done else promise_reopen)(self.store, promise_id)
        except NotFoundError as error:
            self.post_message(self.Changed(str(error)))
            return
        verb = "Done" if done else "Reopened"
        self.post_message(self.Changed(f"{verb}: {safe_text(saved.text)}"))

    def action_done(self) -> None:
        self._act(True)

    def action_undo(self) -> None:
        self._act(False)
