"""The Slipping view: people past their stay-in-touch date, most overdue first (rule GARDEN)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from netplan.cadence import Slipping
from netplan.text import one_line


class SlippingView(Vertical):
    @dataclass
    class Highlighted(Message):
        """A slipping person was highlighted."""

        person_id: int | None

    def __init__(self) -> None:
        super().__init__(id="slipping-view")
        self.items: list[Slipping] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Past their stay-in-touch date, most overdue first.", style="dim"))
        table: DataTable[Text] = DataTable(id="slipping-table", cursor_type="row", zebra_stripes=True)
        for label, width in (("Name", 22), ("Company", 14), ("Due", 9), ("Overdue", 10)):
            table.add_column(label, key=label, width=width)
        yield table

    def load(self, items: list[Slipping]) -> None:
        self.items = items
        table = self.query_one("#slipping-table", DataTable)
        table.clear()
        table.add_rows(
            [
                (
                    Text(one_line(s.person.name, 22)),
                    Text(one_line(s.person.company, 14)),
                    Text(s.due.format("D MMM YY")),
                    Text(f"{s.days_overdue} days", style="bold red"),
                )
                for s in items
            ]
        )
        if not items:
            table.add_row(Text("Nobody is slipping.", style="dim"), Text(""), Text(""), Text(""))

    @property
    def selected_id(self) -> int | None:
        table = self.query_one("#slipping-table", DataTable)
        if 0 <= table.cursor_row < len(self.items):
            return self.items[table.cursor_row].person.id
        return None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.selected_id))
