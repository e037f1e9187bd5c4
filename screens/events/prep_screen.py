"""The prep checklist for one event (rules ARRIVE-EARLY, KNOW-THE-ROOM, SPECIFIC-ASK).

The arrive-by time first and large, then the speakers, the people to meet and why, the goals and
the one ask; the coach's findings; the checklist with its progress. Keys: space ticks the selected
item, `a` adds an item of your own, `x` removes one you added, `e` edits the event, `c` captures the
people met after it (rule ACT-AFTER).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, ProgressBar, Static

from netplan.coach.rules import Finding
from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import safe_text
from netplan.events.capture import CaptureResult
from netplan.events.model import Event
from netplan.events.prep import add_custom_item, event_findings, remove_custom_item, toggle_item
from netplan.events.saved import get_event, missing_person, person_names, venue_name
from netplan.store.store import Store
from netplan.targets.model import Goal
from screens.common.help_key import HELP_BINDING
from screens.common.row_list import FullRow, RowList
from screens.common.safe_input import SafeInput
from screens.events.capture_screen import CaptureScreen, capture_summary
from screens.events.event_form import EventForm


class AddItemScreen(ModalScreen[str | None]):
    """One line of text for a checklist item of my own; enter adds, escape cancels."""

    BINDINGS = [HELP_BINDING, Binding("escape", "cancel", "Cancel", id="prep-item-cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text("An item of your own, then enter:"))
            yield SafeInput(placeholder="e.g. Bring business cards", id="prep-item-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def when_line(event: Event) -> str:
    start, end = event.start_at, event.end_at
    until = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%a %d %b %H:%M")
    return f"{start.strftime('%a %d %b %Y, %H:%M')}–{until} ({event.tz})"


def findings_text(findings: list[Finding]) -> Text:
    text = Text()
    for finding in findings:
        if text:
            text.append("\n")
        style = "bold yellow" if finding.severity != "info" else "cyan"
        text.append(f"{finding.rule_id}: ", style=style)
        text.append(safe_text(finding.message))
        if finding.suggestion:
            text.append(f"  {safe_text(finding.suggestion)}", style="dim")
    return text


class PrepScreen(ModalScreen[str | None]):
    """Dismisses with a capture's summary (for the events screen and the status line), or None."""

    # The progress bar takes the row's width, up to a readable length: at its fixed 32 cells it was
    # squeezed on a phone's 60 columns (the percentage fell off the edge) and at 80.
    DEFAULT_CSS = """
    PrepScreen #prep-progress {
        width: 1fr;
        max-width: 72;
    }
    PrepScreen #prep-progress Bar {
        width: 1fr;
    }
    """

    BINDINGS = [
        HELP_BINDING,
        Binding("space", "tick", "Tick", id="prep-toggle", tooltip="Tick or un-tick the selected item"),
        Binding(
            "a", "add_item", "Add item", id="prep-add", show=False, tooltip="Add a checklist item of your own"
        ),
        Binding(
            "x",
            "remove_item",
            "Remove item",
            id="prep-remove",
            show=False,
            tooltip="Remove an item you added",
        ),
        Binding("e", "edit", "Edit event", id="prep-edit", show=False, tooltip="Edit the event"),
        Binding("c", "capture", "Capture", id="prep-capture", tooltip="After it: who you met (ACT-AFTER)"),
        Binding("escape,q", "close", "Close", id="prep-close"),
    ]

    def __init__(self, store: Store, event: Event) -> None:
        super().__init__(classes="help-screen")
        self.store = store
        self.event = event
        self.captured = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="prep"):
            yield Static(id="prep-title")
            yield Static(id="prep-arrive")
            with VerticalScroll(id="prep-about"):
                yield Static(id="prep-details")
                yield Static(id="prep-findings")
            with Horizontal(id="prep-progress-row"):
                yield Static(id="prep-progress-label")
                yield ProgressBar(show_eta=False, id="prep-progress")
            yield RowList(id="prep-checklist", empty=Text("No items.", style="dim"))
            yield FullRow(id="prep-full")
            yield Static("", id="prep-message")
        yield Footer()

    def on_mount(self) -> None:
        self.show_event()
        self.query_one(RowList).focus()

    # showing ----------------------------------------------------------------------------------

    def show_event(self, cursor: int | None = None) -> None:
        event = self.event
        title = Text(safe_text(event.title), style="bold")
        title.append(f"\n{when_line(event)}", style="dim")
        venue = venue_name(self.store, event)
        if venue:
            title.append("  at ", style="dim")
            title.append(safe_text(venue))
        self.query_one("#prep-title", Static).update(title)
        # rule ARRIVE-EARLY: the one thing to see first
        arrive = Text(f"ARRIVE BY {event.arrive_by.strftime('%H:%M')}", style="bold")
        arrive.append(f"   {event.arrive_early_minutes} minutes before the start")
        self.query_one("#prep-arrive", Static).update(arrive)
        self.query_one("#prep-details", Static).update(self.details())
        findings = event_findings(self.store, event)
        self.query_one("#prep-findings", Static).update(findings_text(findings))
        self.query_one("#prep-findings").display = bool(findings)
        self.show_checklist(cursor)

    def details(self) -> Text:
        event = self.event
        names = person_names(self.store)
        text = Text("Speakers\n", style="bold")
        for speaker in event.speakers:
            text.append(f"  {safe_text(speaker.name)}")
            if speaker.topic:
                text.append(f" — {safe_text(speaker.topic)}", style="dim")
            text.append("\n")
        if not event.speakers:
            text.append("  none listed yet\n", style="dim")
        text.append("People to meet\n", style="bold")
        for target in event.targets:
            text.append(f"  {safe_text(names.get(target.person_id, missing_person(target.person_id)))}")
            if target.why:
                text.append(f" — {safe_text(target.why)}", style="dim")
            text.append("\n")
        if not event.targets:
            text.append("  none picked yet\n", style="dim")
        goals = [g.title for goal_id in event.goal_ids if (g := self.store.get(Goal, goal_id)) is not None]
        if goals:
            text.append("Serves ", style="bold")
            text.append(safe_text("; ".join(goals)) + "\n")
        text.append("My ask ", style="bold")
        text.append(
            safe_text(event.ask) if event.ask else "not written yet", style="" if event.ask else "dim"
        )
        return text

    def show_checklist(self, cursor: int | None = None) -> None:
        rows = []
        for item in self.event.checklist:
            row = Text("[x] " if item.done else "[ ] ", style="bold green" if item.done else "bold")
            row.append(safe_text(item.text), style="dim" if item.done else "")
            if item.custom:
                row.append("  (mine)", style="italic cyan")
            rows.append(row)
        row_list = self.query_one(RowList)
        row_list.set_rows(rows, row_list.cursor if cursor is None else cursor)
        done, total = self.event.progress
        self.query_one("#prep-progress-label", Static).update(Text(f"Checklist: {done} of {total} done"))
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        items = self.event.checklist
        if event.index is not None and event.index < len(items):
            self.query_one(FullRow).follow(
                event.row_list, event.index, Text(safe_text(items[event.index].text))
            )

    def say(self, message: str) -> None:
        self.query_one("#prep-message", Static).update(Text(safe_text(message)))

    # actions ----------------------------------------------------------------------------------

    def _reload(self) -> None:
        self.event = get_event(self.store, self.event.id)
        self.show_event()

    def action_tick(self) -> None:
        cursor = self.query_one(RowList).cursor
        if not self.event.checklist:
            return
        self.event = toggle_item(self.store, self.event.id, cursor)
        self.show_checklist(cursor)
        done, total = self.event.progress
        self.say("All done: ready for the event." if done == total else f"{total - done} to go.")

    def action_add_item(self) -> None:
        def added(text: str | None) -> None:
            if text is None:
                return
            try:
                self.event = add_custom_item(self.store, self.event.id, text)
            except ValidationError as error:
                self.say(f"Not added: {error.message}")
                return
            self.show_checklist(len(self.event.checklist) - 1)
            self.say("Added.")

        self.app.push_screen(AddItemScreen(classes="confirm-screen"), added)

    def action_remove_item(self) -> None:
        cursor = self.query_one(RowList).cursor
        try:
            self.event = remove_custom_item(self.store, self.event.id, cursor)
        except ValidationError as error:
            self.say(error.message)
            return
        self.show_checklist(max(cursor - 1, 0))
        self.say("Removed.")

    def action_edit(self) -> None:
        def saved(event: Event | None) -> None:
            if event is not None:
                self.event = event
                self.show_event()
                self.say("Saved the event.")

        self.app.push_screen(EventForm(self.store, self.event), saved)

    def action_capture(self) -> None:
        def captured(result: CaptureResult | None) -> None:
            if result is not None:
                self.event = result.event
                self.show_event()
                self.captured = capture_summary(self.store, result)
                self.say(self.captured)

        self.app.push_screen(CaptureScreen(self.store, self.event), captured)

    def action_close(self) -> None:
        # issue 15: a capture made here, not an older message, is what the status line says after
        self.dismiss(self.captured or None)

    def on_screen_resume(self) -> None:
        try:
            self._reload()
        except NotFoundError:
            self.dismiss(None)
