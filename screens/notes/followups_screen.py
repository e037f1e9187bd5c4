"""Follow-ups (rules FOLLOW-48H, FOLLOW-THROUGH, ALWAYS-RESPOND): overdue, due today, upcoming.

Follow-ups and replies owed to people who reached out, in one list, overdue first. Keys: `d` done
(sent / replied), `s` snooze to a date, `n` nudge again (the note went unanswered: the next gentle
nudge is planned 5 working days on, then 10 more, then the item is parked).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from netplan.agenda import AgendaItem, follow_up_board
from netplan.core import moments
from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import safe_text
from netplan.notes.followups import follow_up_done, mark_replied, nudge_again, snooze
from netplan.store.store import Store
from screens.common.row_list import RowList, columns
from screens.common.safe_input import SafeInput

WIDTHS = (10, 12, 20, 70)


class SnoozeScreen(ModalScreen[str | None]):
    """Ask for the date to snooze to (YYYY-MM-DD); dismisses with the text or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="snooze-cancel")]

    def __init__(self, suggested: str) -> None:
        super().__init__(classes="confirm-screen")
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text("Snooze until (YYYY-MM-DD), then enter:"))
            yield SafeInput(value=self.suggested, id="snooze-date")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class FollowUpsScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("d", "done", "Done", id="followup-done", tooltip="Sent it (or replied): close the item"),
        Binding("s", "snooze", "Snooze", id="followup-snooze", tooltip="Move it to a later date"),
        Binding(
            "n",
            "nudge",
            "Nudge again",
            id="followup-nudge",
            tooltip="Sent, no answer: plan the next gentle nudge (then park)",
        ),
        Binding("escape,q", "close", "Close", id="followup-close"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__(classes="help-screen")
        self.store = store
        self.items: list[tuple[str, AgendaItem]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="followups"):
            yield Static(Text("Follow-ups and replies", style="bold"), id="followups-title")
            labels = ("When", "Due", "Person", "What")
            yield Static(
                columns(*((Text(label, style="bold"), w) for label, w in zip(labels, WIDTHS, strict=True)))
            )
            yield RowList(id="followups-list", empty=Text("Nothing to follow up. Well kept!", style="dim"))
            yield Static("", id="followups-message")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(RowList).focus()

    def reload(self, keep: int | None = None) -> None:
        board = follow_up_board(self.store)
        self.items = [
            *(("OVERDUE", item) for item in board.overdue),
            *(("today", item) for item in board.due_today),
            *(("upcoming", item) for item in board.upcoming),
        ]
        rows = []
        for when, item in self.items:
            due = moments.local(item.due, self.store.clock.tz).strftime("%a %d %b %H:%M")
            label = Text(
                when, style="bold red" if when == "OVERDUE" else ("bold" if when == "today" else "dim")
            )
            what = Text("reply: " if item.kind == "reply" else "", style="cyan") + Text(safe_text(item.text))
            rows.append(
                columns(
                    (label, WIDTHS[0]),
                    (Text(due), WIDTHS[1]),
                    (Text(safe_text(item.person)), WIDTHS[2]),
                    (what, WIDTHS[3]),
                )
            )
        self.query_one(RowList).set_rows(rows, keep or 0)

    @property
    def selected(self) -> AgendaItem | None:
        cursor = self.query_one(RowList).cursor
        return self.items[cursor][1] if 0 <= cursor < len(self.items) else None

    def _say(self, message: str) -> None:
        self.query_one("#followups-message", Static).update(Text(message))

    def action_done(self) -> None:
        item = self.selected
        if item is None:
            return
        if item.kind == "reply":
            mark_replied(self.store, item.id)
        else:
            follow_up_done(self.store, item.id)
        self._say(f"Done: {safe_text(item.person)}. That counts as a touch.")
        self.reload(self.query_one(RowList).cursor)

    def action_nudge(self) -> None:
        item = self.selected
        if item is None or item.kind != "follow_up":
            self._say("Only a follow-up can be nudged.")
            return
        try:
            saved = nudge_again(self.store, item.id)
        except (ValidationError, NotFoundError) as error:
            self._say(str(error))
            return
        if saved.status == "parked":
            self._say(f"Three notes without an answer: parked the follow-up with {safe_text(item.person)}.")
        else:
            due = moments.local(saved.due, self.store.clock.tz).strftime("%a %d %b")
            self._say(f"Nudge {saved.nudge} of 3 planned for {due}.")
        self.reload(self.query_one(RowList).cursor)

    def action_snooze(self) -> None:
        item = self.selected
        if item is None or item.kind != "follow_up":
            self._say("Only a follow-up can be snoozed.")
            return
        suggested = self.store.clock.today().add(days=2).isoformat()

        def chosen(day: str | None) -> None:
            if not day:
                return
            try:
                snooze(self.store, item.id, day)
            except ValidationError as error:
                self._say(f"Not snoozed: {safe_text(error.message)}")
                return
            self._say(f"Snoozed until {safe_text(day)}.")
            self.reload(self.query_one(RowList).cursor)

        self.app.push_screen(SnoozeScreen(suggested), chosen)

    def action_close(self) -> None:
        self.dismiss(None)
