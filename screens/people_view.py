"""The People view: a filter box over a virtualised table of people, sorted by due date by default."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input

from netplan.people import SORT_KEYS, PersonRow, sort_rows
from netplan.text import one_line
from screens.people_filter import PeopleFilter

COLUMNS = (("Name", 22), ("Company", 14), ("Stage", 10), ("Last", 9), ("Due", 9))


def _date(value: object) -> Text:
    return Text(value.format("D MMM YY") if value is not None else "—", style="" if value else "dim")  # type: ignore[attr-defined]


def row_cells(row: PersonRow, now_ts: float) -> tuple[Text, ...]:
    name_style = "dim" if row.person.parked else ("cyan" if row.person.is_type else "")
    name = Text(one_line(row.person.name, 22), style=name_style)
    if row.person.parked:
        name.append(" (parked)", style="yellow")
    due = _date(row.due)
    if row.due is not None and row.due.timestamp() < now_ts:
        due.stylize("bold red")
    return (name, Text(one_line(row.person.company, 14)), Text(row.stage), _date(row.last_touch), due)


class PeopleTable(DataTable[Text]):
    BINDINGS = [
        Binding("s", "cycle_sort", "Sort", id="people-sort", tooltip="Sort by due, name or last touch")
    ]

    def action_cycle_sort(self) -> None:
        view = self.parent
        if isinstance(view, PeopleView):
            view.cycle_sort()


class PeopleView(Vertical):
    """Rows come from ``load``; the filter and sort happen here, without touching the store."""

    @dataclass
    class Highlighted(Message):
        """A person row was highlighted."""

        person_id: int | None

    def __init__(self, now_ts: float) -> None:
        super().__init__(id="people-view")
        self.now_ts = now_ts
        self.rows: list[PersonRow] = []
        self.sort_key = SORT_KEYS[0]
        self._filter = PeopleFilter()
        self.shown: list[PersonRow] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: name, company, role, tags  (/)", id="people-filter")
        table = PeopleTable(id="people-table", cursor_type="row", zebra_stripes=True)
        for label, width in COLUMNS:
            table.add_column(label, key=label, width=width)
        yield table

    @property
    def table(self) -> PeopleTable:
        return self.query_one(PeopleTable)

    def load(self, rows: list[PersonRow]) -> None:
        self.rows = sort_rows(rows, self.sort_key)
        self.refilter()

    def cycle_sort(self) -> None:
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self.rows = sort_rows(self.rows, self.sort_key)
        self.refilter()
        self.notify(f"People sorted by {self.sort_key}")

    def refilter(self) -> None:
        query = self.query_one("#people-filter", Input).value
        self.shown = self._filter.apply(self.rows, query)
        self._fill(self.shown)

    def _fill(self, rows: list[PersonRow]) -> None:
        table = self.table
        selected = self.selected_id
        table.clear()
        table.add_rows([row_cells(row, self.now_ts) for row in rows])
        self.border_subtitle = f"{len(rows)} of {len(self.rows)}"
        if selected is not None:
            for index, row in enumerate(rows):
                if row.person.id == selected:
                    table.move_cursor(row=index)
                    break

    @property
    def selected_id(self) -> int | None:
        table = self.table
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row].person.id

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.selected_id))
