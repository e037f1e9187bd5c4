"""Follow-ups (rules FOLLOW-48H, FOLLOW-THROUGH, ALWAYS-RESPOND): overdue, due today, upcoming.

Follow-ups, replies owed to people who reached out, and promises both ways, in one list, overdue
first. Keys: `d` done (sent / replied / kept; closing a follow-up offers to close the promises it
gathered), `u` undo a done, `s` snooze to a date, `n` nudge again (the note went unanswered: the next
gentle nudge is planned 5 working days on, then 10 more, then the item is parked), `enter` opens the
person in the planner. The cursor stays on the item it was on when the list re-sorts (issue 15: the
next `d` closed the wrong item), and the highlighted item's full text shows under the list.
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
from netplan.core.text import count_of, safe_text
from netplan.notes.followups import (
    follow_up_done,
    follow_up_reopen,
    gathered_promises,
    mark_replied,
    nudge_again,
    promise_done,
    promise_reopen,
    reply_reopen,
    snooze,
)
from netplan.notes.model import FollowUp
from netplan.store.store import Store
from screens.common.confirm import ConfirmScreen
from screens.common.help_key import HELP_BINDING
from screens.common.row_list import RowList, columns
from screens.common.safe_input import SafeInput

WIDTHS = (8, 16, 18, 9, 100)
KIND_LABELS = {"follow_up": "follow-up", "reply": "reply", "promise": "promise"}
Key = tuple[str, int]  # (kind, id): an item's identity across re-sorts


class SnoozeScreen(ModalScreen[str | None]):
    """Ask for the date to snooze to (YYYY-MM-DD); dismisses with the text or None."""

    BINDINGS = [HELP_BINDING, Binding("escape", "cancel", "Cancel", id="snooze-cancel")]

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


def _key(item: AgendaItem) -> Key:
    return item.kind, item.id


class FollowUpsScreen(ModalScreen[int | None]):
    """Dismisses with the id of the person to show in the planner (enter), or None."""

    BINDINGS = [
        HELP_BINDING,
        Binding("d", "done", "Done", id="followup-done", tooltip="Sent it, replied or kept: close the item"),
        Binding("u", "undo", "Undo", id="followup-undo", tooltip="Reopen an item closed here"),
        Binding("s", "snooze", "Snooze", id="followup-snooze", tooltip="Move a follow-up to a later date"),
        Binding(
            "n",
            "nudge",
            "Nudge",
            id="followup-nudge",
            tooltip="Sent, no answer: plan the next gentle nudge (then park)",
        ),
        Binding("enter", "open", "Open", id="followup-open", tooltip="Show the person in the planner"),
        Binding("escape,q", "close", "Close", id="followup-close"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__(classes="help-screen")
        self.store = store
        self.items: list[tuple[str, AgendaItem]] = []
        # Closed here, with the section they were in: listed (ticked) until the screen closes, so `u`
        # can reopen them.
        self.closed: dict[Key, tuple[str, AgendaItem]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="followups"):
            yield Static(Text("Follow-ups, replies and promises", style="bold"), id="followups-title")
            labels = ("When", "Due", "Person", "Kind", "What")
            yield Static(
                columns(*((Text(label, style="bold"), w) for label, w in zip(labels, WIDTHS, strict=True))),
                classes="column-header",
            )
            yield RowList(id="followups-list", empty=Text("Nothing to follow up. Well kept!", style="dim"))
            yield Static("", id="followups-detail")
            yield Static("", id="followups-message")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(RowList).focus()

    def reload(self, keep: Key | None = None) -> None:
        """Re-read the board; the cursor follows ``keep`` (default: the highlighted item) if listed."""
        row_list = self.query_one(RowList)
        if keep is None and self.selected is not None:
            keep = _key(self.selected)
        old_cursor = row_list.cursor
        board = follow_up_board(self.store)
        listed = [
            *(("OVERDUE", item) for item in board.overdue),
            *(("today", item) for item in board.due_today),
            *(("upcoming", item) for item in board.upcoming),
        ]
        keys = {_key(item) for _, item in listed}
        closed = [entry for key, entry in self.closed.items() if key not in keys]
        order = {"OVERDUE": 0, "today": 1, "upcoming": 2}
        self.items = sorted(
            [*listed, *closed],
            key=lambda entry: (order[entry[0]], moments.timestamp(entry[1].due), entry[1].id),
        )
        rows = [self._row(when, item, _key(item) in self.closed) for when, item in self.items]
        positions = [_key(item) for _, item in self.items]
        cursor = positions.index(keep) if keep in positions else min(old_cursor, len(rows) - 1)
        row_list.set_rows(rows, max(cursor, 0))
        self._show_detail()

    def _row(self, when: str, item: AgendaItem, done: bool) -> Text:
        due = moments.local(item.due, self.store.clock.tz).strftime("%a %d %b %H:%M")
        styles = {"OVERDUE": "bold red", "today": "bold", "upcoming": "dim"}
        label = Text("✓ done", style="green") if done else Text(when, style=styles[when])
        what = Text(safe_text(item.text), style="dim strike" if done else "")
        return columns(
            (label, WIDTHS[0]),
            (Text(due), WIDTHS[1]),
            (Text(safe_text(item.person)), WIDTHS[2]),
            (Text(KIND_LABELS.get(item.kind, item.kind), style="cyan"), WIDTHS[3]),
            (what, WIDTHS[4]),
        )

    def _show_detail(self) -> None:
        """The highlighted item in full, wrapped: the What column is cut at any width."""
        item = self.selected
        detail = Text()
        if item is not None:
            kind = KIND_LABELS.get(item.kind, item.kind)
            detail.append(f"{safe_text(item.person)} · {kind}: ", style="bold")
            detail.append(safe_text(item.text))
        self.query_one("#followups-detail", Static).update(detail)

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        self._show_detail()

    @property
    def selected(self) -> AgendaItem | None:
        entry = self.selected_entry
        return entry[1] if entry else None

    @property
    def selected_entry(self) -> tuple[str, AgendaItem] | None:
        rows = self.query(RowList)
        if not rows:
            return None
        cursor = rows.first().cursor
        return self.items[cursor] if 0 <= cursor < len(self.items) else None

    def _say(self, message: str) -> None:
        self.query_one("#followups-message", Static).update(Text(message))

    # closing and reopening ---------------------------------------------------------------------

    def action_done(self) -> None:
        entry = self.selected_entry
        if entry is None:
            return
        when, item = entry
        if _key(item) in self.closed:
            self._say("Already done: u reopens it.")
            return
        if item.kind == "follow_up":
            follow_up = self.store.get(FollowUp, item.id)
            promises = gathered_promises(self.store, follow_up) if follow_up else []
            if promises:
                self._offer_promises(entry, [p.text for p in promises])
                return
        self._close(entry)

    def _offer_promises(self, entry: tuple[str, AgendaItem], texts: list[str]) -> None:
        """rule FOLLOW-THROUGH: the note sent what I promised and reminded them of theirs."""
        question = Text(f"Also mark the {count_of(len(texts), 'promise')} it gathered done?")
        for text in texts:
            question.append("\n  • " + safe_text(text), style="dim")
        question.append("\n(n: close the follow-up only)", style="dim")

        def answered(yes: bool | None) -> None:
            self._close(entry, with_promises=bool(yes))

        self.app.push_screen(ConfirmScreen(question), answered)

    def _close(self, entry: tuple[str, AgendaItem], *, with_promises: bool = False) -> None:
        when, item = entry
        try:
            if item.kind == "reply":
                mark_replied(self.store, item.id)
            elif item.kind == "promise":
                promise_done(self.store, item.id)
            else:
                follow_up_done(self.store, item.id, with_promises=with_promises)
        except NotFoundError as error:
            self._say(str(error))
            self.reload()
            return
        self.closed[_key(item)] = (when, item)
        touch = "" if item.kind == "promise" else " That counts as a touch."
        also = " and the promises it gathered" if with_promises else ""
        self._say(f"Done: {safe_text(item.person)}{also}.{touch} (u undoes)")
        self.reload(_key(item))

    def action_undo(self) -> None:
        entry = self.selected_entry
        if entry is None or _key(entry[1]) not in self.closed:
            self._say("Nothing to undo here: u reopens an item marked done on this screen.")
            return
        item = entry[1]
        reopen = {"reply": reply_reopen, "promise": promise_reopen, "follow_up": follow_up_reopen}[item.kind]
        reopen(self.store, item.id)
        del self.closed[_key(item)]
        self._say(f"Reopened: {safe_text(item.person)}.")
        self.reload(_key(item))

    # follow-ups only ---------------------------------------------------------------------------

    def _open_follow_up(self, verb: str) -> AgendaItem | None:
        entry = self.selected_entry
        if entry is None or entry[1].kind != "follow_up" or _key(entry[1]) in self.closed:
            self._say(f"Only an open follow-up can be {verb}.")
            return None
        return entry[1]

    def action_nudge(self) -> None:
        item = self._open_follow_up("nudged")
        if item is None:
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
        self.reload(_key(item))

    def action_snooze(self) -> None:
        item = self._open_follow_up("snoozed")
        if item is None:
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
            self.reload(_key(item))

        self.app.push_screen(SnoozeScreen(suggested), chosen)

    def action_open(self) -> None:
        item = self.selected
        if item is not None:
            self.dismiss(item.person_id)

    def action_close(self) -> None:
        self.dismiss(None)
