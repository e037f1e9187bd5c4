"""Events: upcoming ones to prepare for, and the last two weeks' to capture who you met.

Keys: enter or `p` opens the prep checklist (rule KNOW-THE-ROOM), `c` captures the people met
(rule ACT-AFTER), `n` adds an event, `e` edits it, `d` deletes it after asking.
The Week pane shows events through screens/week_events.py.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from netplan.core.text import safe_text
from netplan.events.capture import CaptureResult
from netplan.events.model import Event
from netplan.events.saved import EventEntry, delete_event, event_list, get_event
from netplan.store.store import Store
from screens.common.confirm import ConfirmScreen
from screens.common.help_key import HELP_BINDING
from screens.common.row_list import FullRow, RowList, columns
from screens.events.capture_screen import CaptureScreen, capture_summary
from screens.events.event_form import EventForm
from screens.events.prep_screen import PrepScreen

# The short columns first, the event's title and venue last: on a narrow screen only they are cut
# (with an ellipsis; the highlighted one shows in full below the list).
WIDTHS = (16, 9, 5, 4, 46, 28)


class EventsScreen(ModalScreen[str | None]):
    """Dismisses with the last thing it said (a capture's summary...) for the status line, or None."""

    BINDINGS = [
        HELP_BINDING,
        Binding("enter,p", "prep", "Prep", id="events-prep", tooltip="Open the event's prep checklist"),
        Binding(
            "c", "capture", "Capture", id="events-capture", tooltip="After the event: who you met (ACT-AFTER)"
        ),
        Binding("n", "new", "New", id="events-new", tooltip="Add an event"),
        Binding("e", "edit", "Edit", id="events-edit", show=False, tooltip="Edit the selected event"),
        Binding(
            "d",
            "delete",
            "Delete",
            id="events-delete",
            show=False,
            tooltip="Delete the selected event (asks first)",
        ),
        Binding("escape,q", "close", "Close", id="events-close"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__(classes="help-screen")
        self.store = store
        self.entries: list[EventEntry] = []
        self.said = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="events"):
            yield Static(Text("Events: coming up, and the last two weeks", style="bold"), id="events-title")
            labels = ("When", "Arrive by", "Prep", "Met", "Event", "Venue")
            yield Static(
                columns(*((Text(label, style="bold"), w) for label, w in zip(labels, WIDTHS, strict=True))),
                classes="column-header",
            )
            yield RowList(id="events-list", empty=Text("No events yet: n adds one.", style="dim"))
            yield FullRow(id="events-full")
            yield Static("", id="events-message")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(RowList).focus()

    def reload(self, select: int | None = None) -> None:
        now = self.store.clock.now().timestamp()
        self.entries = event_list(self.store)
        rows = []
        for entry in self.entries:
            past = entry.end.timestamp() < now
            rows.append(
                columns(
                    (
                        Text(entry.start.strftime("%a %d %b %H:%M"), style="dim" if past else "bold"),
                        WIDTHS[0],
                    ),
                    (Text("past" if past else entry.arrive_by.strftime("%H:%M"), style="yellow"), WIDTHS[1]),
                    (Text(f"{entry.done}/{entry.items}"), WIDTHS[2]),
                    (Text(str(entry.met)), WIDTHS[3]),
                    (Text(safe_text(entry.title), style="dim" if past else ""), WIDTHS[4]),
                    (Text(safe_text(entry.venue)), WIDTHS[5]),
                )
            )
        ids = [entry.id for entry in self.entries]
        row_list = self.query_one(RowList)
        cursor = ids.index(select) if select in ids else min(row_list.cursor, max(len(rows) - 1, 0))
        row_list.set_rows(rows, cursor)

    @property
    def selected(self) -> Event | None:
        cursor = self.query_one(RowList).cursor
        if not 0 <= cursor < len(self.entries):
            return None
        return get_event(self.store, self.entries[cursor].id)

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        if event.index is None or event.index >= len(self.entries):
            return
        entry = self.entries[event.index]
        full = Text(safe_text(entry.title))
        if entry.venue:
            full.append(f" @ {safe_text(entry.venue)}", style="dim")
        self.query_one(FullRow).follow(event.row_list, event.index, full)

    def say(self, message: str) -> None:
        self.said = message
        self.query_one("#events-message", Static).update(Text(safe_text(message)))

    def on_screen_resume(self) -> None:
        self.reload()

    def action_prep(self) -> None:
        event = self.selected
        if event is not None:
            self.app.push_screen(PrepScreen(self.store, event), self._prepped)

    def _prepped(self, captured: str | None) -> None:
        if captured:
            self.say(captured)

    def action_capture(self) -> None:
        event = self.selected
        if event is None:
            return

        def captured(result: CaptureResult | None) -> None:
            if result is not None:
                self.reload(result.event.id)
                self.say(capture_summary(self.store, result))

        self.app.push_screen(CaptureScreen(self.store, event), captured)

    def _saved(self, event: Event | None) -> None:
        if event is not None:
            self.reload(event.id)
            self.say(f"Saved {event.title}.")

    def action_new(self) -> None:
        self.app.push_screen(EventForm(self.store), self._saved)

    def action_edit(self) -> None:
        event = self.selected
        if event is not None:
            self.app.push_screen(EventForm(self.store, event), self._saved)

    def action_delete(self) -> None:
        event = self.selected
        if event is None:
            return
        question = Text("Delete the event ")
        question.append(safe_text(event.title), style="bold")
        question.append("?\nThe people met and their follow-ups stay.", style="")

        def answered(yes: bool | None) -> None:
            if yes:
                delete_event(self.store, event.id)
                self.reload()
                self.say(f"Deleted {event.title}.")

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_close(self) -> None:
        # issue 15: the status line said "Saved person" (from before) after a capture
        self.dismiss(self.said or None)
