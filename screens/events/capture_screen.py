"""After the event: capture the people you met, fast (rules ACT-AFTER, FOLLOW-48H).

One row per person: a name, one line of context, a next step. Enter moves name -> context -> next
step, and Enter on the next step adds the row and starts a new one. ctrl+s saves everyone in one
transaction: people created or matched (known names are marked), linked to the event, and a
follow-up due 48 hours after the meeting for each. A name typed twice is offered as a merge first;
saying no keeps every row so nothing is lost. Speakers are captured the same way (their names are
suggested as you type).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from netplan.core import moments
from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import safe_text
from netplan.events.capture import CaptureEntry, CaptureResult, capture_people, duplicate_names, plan_capture
from netplan.events.model import Event
from netplan.events.saved import person_names
from netplan.store.store import Store
from screens.common.confirm import ConfirmScreen
from screens.common.help_key import HELP_BINDING
from screens.common.row_list import FullRow, RowList, columns
from screens.common.safe_input import SafeInput, SafeSuggestions

WIDTHS = (3, 26, 38, 32, 28)
FIELDS = ("capture-name", "capture-context", "capture-next")


def capture_summary(store: Store, result: CaptureResult) -> str:
    """e.g. 'Captured 3 people (2 new): follow-ups due Fri 27 Nov 21:00'."""
    count = len(result.people)
    new = f" ({len(result.created)} new)" if result.created else ""
    due = moments.local(result.follow_ups[0].due, store.clock.tz).strftime("%a %d %b %H:%M")
    merged = f"; merged {', '.join(result.merged)}" if result.merged else ""
    people = "person" if count == 1 else "people"
    return f"Captured {count} {people}{new}: follow-ups due {due} (48 hours){merged}"


class CaptureScreen(ModalScreen[CaptureResult | None]):
    BINDINGS = [
        HELP_BINDING,
        Binding(
            "ctrl+s",
            "save",
            "Save all",
            id="capture-save",
            tooltip="Save everyone: people, 48-hour follow-ups",
        ),
        Binding("delete", "remove_row", "Remove row", id="capture-remove", tooltip="Remove the selected row"),
        Binding("escape", "cancel", "Cancel", id="capture-cancel", tooltip="Close without saving"),
    ]

    def __init__(self, store: Store, event: Event) -> None:
        super().__init__(classes="help-screen")
        self.store = store
        self.event = event
        self.rows: list[CaptureEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="capture"):
            heading = Text("Who did you meet at ", style="bold")
            heading.append(safe_text(self.event.title), style="bold")
            heading.append("?", style="bold")
            heading.append(
                "\nname ⏎ context ⏎ next step ⏎ adds the row; ctrl+s saves all (a follow-up each, in 48 h)",
                style="dim",
            )
            yield Static(heading, id="capture-heading")
            labels = ("#", "Name", "Context", "Next step", "")
            yield Static(
                columns(*((Text(label, style="bold"), w) for label, w in zip(labels, WIDTHS, strict=True))),
                classes="column-header",
            )
            yield RowList(id="capture-rows", empty=Text("No one yet: type a name below.", style="dim"))
            yield FullRow(id="capture-full")
            with Horizontal(id="capture-inputs"):
                yield SafeInput(placeholder="Name", id="capture-name")
                yield SafeInput(placeholder="One line of context", id="capture-context")
                yield SafeInput(placeholder="Next step (e.g. send the article)", id="capture-next")
            yield Static("", id="capture-message")
        yield Footer()

    def on_mount(self) -> None:
        names = person_names(self.store)
        suggested = [s.name for s in self.event.speakers]
        suggested += [names[t.person_id] for t in self.event.targets if t.person_id in names]
        name = self.query_one("#capture-name", Input)
        name.suggester = SafeSuggestions(list(dict.fromkeys(suggested)))
        name.focus()

    # rows -------------------------------------------------------------------------------------

    def markers(self) -> dict[str, Text]:
        """What saving will do with each name: known person, speaker, new, typed twice."""
        try:
            planned = plan_capture(self.store, self.event, self.rows)
        except (ValidationError, NotFoundError):
            return {}
        marks: dict[str, Text] = {}
        for plan in planned:
            mark = Text()
            if plan.merged > 1:
                mark.append(f"{plan.merged}× merge · ", style="bold yellow")
            if plan.speaker is not None:
                mark.append("speaker · ", style="cyan")
            if plan.already_met:
                mark.append("met here before", style="yellow")
            elif plan.is_new:
                mark.append("new", style="green")
            else:
                mark.append("known", style="dim")
            marks[plan.entry.name.casefold()] = mark
        return marks

    def show_rows(self, cursor: int | None = None) -> None:
        marks = self.markers()
        lines = [
            columns(
                (Text(str(number)), WIDTHS[0]),
                (Text(safe_text(row.name)), WIDTHS[1]),
                (Text(safe_text(row.context)), WIDTHS[2]),
                (Text(safe_text(row.next_step)), WIDTHS[3]),
                (marks.get(row.name.strip().casefold(), Text()), WIDTHS[4]),
            )
            for number, row in enumerate(self.rows, 1)
        ]
        row_list = self.query_one(RowList)
        row_list.set_rows(lines, len(lines) - 1 if cursor is None else cursor)

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        if event.index is not None and event.index < len(self.rows):
            row = self.rows[event.index]
            full = Text(safe_text(row.name), style="bold")
            for part in (row.context, row.next_step):
                if part:
                    full.append(f" · {safe_text(part)}")
            self.query_one(FullRow).follow(event.row_list, event.index, full)

    def say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#capture-message", Static).update(
            Text(safe_text(message), style="bold red" if error else "")
        )

    def take_row(self) -> bool:
        """Add the typed row (if any); False when it cannot be added (no name)."""
        name, context, next_step = (self.query_one(f"#{field}", Input) for field in FIELDS)
        if not (name.value.strip() or context.value.strip() or next_step.value.strip()):
            return True
        if not name.value.strip():
            self.say("Name: is required", error=True)
            name.add_class("invalid")
            name.focus()
            return False
        name.remove_class("invalid")
        self.rows.append(CaptureEntry(name.value.strip(), context.value.strip(), next_step.value.strip()))
        for widget in (name, context, next_step):
            widget.value = ""
        name.focus()
        self.show_rows()
        self.say(f"{len(self.rows)} so far. ctrl+s saves them all.")
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input.id or ""
        if field == "capture-next":
            self.take_row()
        elif field in FIELDS:
            self.query_one(f"#{FIELDS[FIELDS.index(field) + 1]}", Input).focus()

    def action_remove_row(self) -> None:
        row_list = self.query_one(RowList)
        if not self.rows or not row_list.has_focus:
            return
        removed = self.rows.pop(row_list.cursor)
        self.show_rows(max(row_list.cursor - 1, 0))
        self.say(f"Removed {removed.name}.")

    # saving -----------------------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.take_row():
            return
        if not self.rows:
            self.say("Type who you met first.", error=True)
            return
        twice = duplicate_names(self.rows)
        if not twice:
            self.save()
            return
        question = Text("Typed more than once: ")
        question.append(safe_text(", ".join(twice)), style="bold")
        question.append("\nMerge into one person each (their context and next steps joined)?")
        question.append("\nNo keeps every row here, unsaved, to edit.", style="dim")

        def answered(yes: bool | None) -> None:
            if yes:
                self.save()
            else:
                self.say("Not saved: select a row and press delete to remove it.")
                self.query_one(RowList).focus()

        self.app.push_screen(ConfirmScreen(question), answered)

    def save(self) -> None:
        try:
            result = capture_people(self.store, self.event.id, self.rows)
        except (ValidationError, NotFoundError) as error:
            self.say(str(error), error=True)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        if not self.rows:
            self.dismiss(None)
            return
        question = Text(f"Leave without saving the {len(self.rows)} people typed here?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(question), answered)
