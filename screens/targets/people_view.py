"""The People view: a filter box over a virtualised list of people, sorted by due date by default."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from netplan.core.text import safe_text
from netplan.targets.people import SORT_KEYS, PersonRow, sort_rows
from screens.common.row_list import LazyRows, RowList, columns
from screens.common.safe_input import SafeInput
from screens.targets.people_filter import PeopleFilter

# Due (the sort) beside the name, dates in full ("14 Dec 26"), the company last: a narrow pane cuts
# only the company (issue 16: at 160 columns the Due column used to lose its last letters).
LABELS = ("Name", "Due", "Last", "Stage", "Company")
WIDTHS = (24, 9, 9, 10, 24)
HEADER = columns(*((Text(label, style="bold"), width) for label, width in zip(LABELS, WIDTHS, strict=True)))


def _date(value: datetime | None) -> Text:
    return Text(value.strftime("%-d %b %y"), style="") if value is not None else Text("—", style="dim")


def row_text(row: PersonRow, now_ts: float) -> Text:
    """One person's line; names and companies are made safe here, once per load."""
    name_style = "dim" if row.person.parked else ("cyan" if row.person.is_type else "")
    name = Text(safe_text(row.person.name), style=name_style)
    if row.person.parked:
        name = Text("(parked) ", style="yellow") + name
    due = _date(row.due)
    if row.due is not None and row.due.timestamp() < now_ts:
        due.stylize("bold red")
    cells = (name, due, _date(row.last_touch), Text(row.stage), Text(safe_text(row.person.company)))
    return columns(*zip(cells, WIDTHS, strict=True))


class PeopleTable(RowList):
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
        self._texts: dict[int, Text] = {}  # rendered once per load, by person id
        self._ids_of: list[PersonRow] | None = None  # the rows whose person ids _ids holds
        self._ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield SafeInput(placeholder="filter: name, company, role, tags  (/)", id="people-filter")
        yield Static(HEADER, id="people-header", classes="column-header")
        yield PeopleTable(id="people-table", empty=Text("No people match.", style="dim"))

    @property
    def table(self) -> PeopleTable:
        return self.query_one(PeopleTable)

    def load(self, rows: list[PersonRow], sorted_by: str = "") -> None:
        """Take the rows; ``sorted_by`` says they come sorted already (people_rows sorts by due
        date). A row's line is built when it is first drawn (screens/row_list.py, LazyRows)."""
        self.rows = rows if sorted_by == self.sort_key else sort_rows(rows, self.sort_key)
        self._texts = {}
        self.table.invalidate()
        self.refilter()

    def cycle_sort(self) -> None:
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self.rows = sort_rows(self.rows, self.sort_key)
        self.refilter()
        self.notify(f"People sorted by {self.sort_key}", markup=False)

    def refilter(self) -> None:
        query = self.query_one("#people-filter", Input).value
        rows = self.rows
        selected = self.selected_id  # read before the rows change under the cursor (a save re-sorts)
        positions = self._filter.positions(rows, query)
        self.shown = [rows[position] for position in positions]
        if self._ids_of is not rows:  # once per list of rows (a load or a sort), not per keystroke
            self._ids_of, self._ids = rows, [row.person.id for row in rows]
        ids = self._ids
        keys = [ids[position] for position in positions]
        cursor = keys.index(selected) if selected in keys else 0
        self.table.set_rows(LazyRows(self.shown, self._text), cursor, keys)

    def _text(self, row: PersonRow) -> Text:
        text = self._texts.get(row.person.id)
        if text is None:
            text = self._texts[row.person.id] = row_text(row, self.now_ts)
        return text

    @property
    def selected_id(self) -> int | None:
        cursor = self.table.cursor
        if not self.shown or not 0 <= cursor < len(self.shown):
            return None
        return self.shown[cursor].person.id

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.selected_id))
