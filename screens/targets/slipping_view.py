"""The Slipping view: people past their stay-in-touch date, most overdue first (rule GARDEN)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from netplan.core.text import count_of, safe_text
from netplan.targets.cadence import Slipping
from screens.common.row_list import RowList, columns

WIDTHS = (24, 12, 9, 24)  # the company last: a narrow pane cuts only it


class SlippingView(Vertical):
    @dataclass
    class Highlighted(Message):
        """A slipping person was highlighted."""

        person_id: int | None

    def __init__(self) -> None:
        super().__init__(id="slipping-view")
        self.items: list[Slipping] = []
        self._drawn = True

    def compose(self) -> ComposeResult:
        yield Static(Text("Past their stay-in-touch date, most overdue first.", style="dim"))
        labels = ("Name", "Overdue", "Due", "Company")
        yield Static(
            columns(*((Text(label, style="bold"), w) for label, w in zip(labels, WIDTHS, strict=True))),
            classes="column-header",
        )
        yield RowList(id="slipping-table", empty=Text("Nobody is slipping.", style="dim"))

    def load(self, items: list[Slipping], *, draw: bool = True) -> None:
        """Take the list; with ``draw=False`` (the tab is not shown) its rows are built by draw() when
        it is: 2,000 rich-text rows cost 100+ ms on the event loop after every save (issue 9)."""
        self.items = items
        self._drawn = False
        if draw:
            self.draw()

    def draw(self) -> None:
        if self._drawn:
            return
        self._drawn = True
        items = self.items
        cells = [
            (
                Text(safe_text(s.person.name)),
                Text(count_of(s.days_overdue, "day"), style="bold red"),
                Text(s.due.strftime("%-d %b %y")),
                Text(safe_text(s.person.company)),
            )
            for s in items
        ]
        self.query_one(RowList).set_rows([columns(*zip(row, WIDTHS, strict=True)) for row in cells])

    @property
    def selected_id(self) -> int | None:
        cursor = self.query_one(RowList).cursor
        if 0 <= cursor < len(self.items):
            return self.items[cursor].person.id
        return None

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.selected_id))
