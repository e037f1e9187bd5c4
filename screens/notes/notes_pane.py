"""The Notes pane: the selected person's details and their conversations, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static

from netplan.coach.rules import mutual
from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import count_of, safe_text
from netplan.notes.followups import person_promises
from netplan.notes.log import person_summary
from netplan.notes.model import Promise
from netplan.store.store import Store
from netplan.targets.cadence import due_at
from netplan.targets.model import Goal, Person, Venue
from netplan.targets.stage import stage_for
from screens.notes.conversation_lines import conversation_text, summary_text
from screens.notes.promise_list import CLOSED_DAYS, PromiseList
from screens.targets.targets_pane import TargetRef


def _field(label: str, value: str, *, multiline: bool = False) -> Text:
    line = Text(f"{label}: ", style="dim")
    line.append(safe_text(value, multiline=multiline) if value else "—")
    return line


def person_details(person: Person, goals: dict[int, Goal], stage: str, due: str) -> Text:
    title = Text(safe_text(person.name), style="bold")
    if person.is_type:
        title.append("  (a type of person)", style="cyan")
    if person.parked:
        title.append("  parked", style="yellow")
    title.append(f"  stage: {stage}" + (" (set by hand)" if person.stage_override else ""), style="dim")
    lines = [title]
    work = " · ".join(safe_text(x) for x in (person.role, person.company) if x)
    if work:
        lines.append(Text(work, style="italic"))
    lines += [
        # rule MUTUAL: what they need and how I can help, side by side.
        _field("What they need", person.needs, multiline=True),
        _field("How I can help", person.can_help, multiline=True),
    ]
    for finding in mutual(person):
        lines.append(
            Text(f"⚠ {finding.rule_id}: {finding.message}. ", style="bold yellow") + Text(finding.suggestion)
        )
    every = "the default for the stage"
    if person.cadence_days:
        every = f"every {count_of(person.cadence_days, 'day')}"
    lines += [
        _field("Stay in touch", f"{every}; {due}"),
        _field("How we met", person.how_met, multiline=True),
        _field("Email", person.email),
        _field("LinkedIn", person.linkedin),
        _field("Tags", ", ".join(person.tags)),
    ]
    for link in person.goals:
        goal = goals.get(link.goal_id)
        if goal is not None:
            line = Text("Goal: ", style="dim")
            line.append(safe_text(goal.title))
            if link.why:
                line.append(f" — {safe_text(link.why)}", style="italic")
            lines.append(line)
    return Text("\n").join(lines)


def venue_details(venue: Venue, goals: dict[int, Goal]) -> Text:
    lines = [Text(safe_text(venue.name), style="bold"), Text(venue.kind, style="italic")]
    meets = f"every {count_of(venue.cadence_days, 'day')}" if venue.cadence_days else "—"
    lines.append(_field("Meets", meets))
    lines.append(_field("Notes", venue.notes, multiline=True))
    for link in venue.goals:
        goal = goals.get(link.goal_id)
        if goal is not None:
            lines.append(_field("Goal", f"{goal.title}" + (f" — {link.why}" if link.why else "")))
    return Text("\n").join(lines)


def goal_details(goal: Goal) -> Text:
    lines = [Text(safe_text(goal.title), style="bold")]
    lines.append(_field("Why", goal.why, multiline=True))
    lines.append(_field("Horizon", goal.horizon or ""))
    lines.append(_field("Status", goal.status))
    return Text("\n").join(lines)


@dataclass(frozen=True)
class PersonNotes:
    """What the pane shows for a person, read off the event loop."""

    details: Text
    heading: Text
    conversations: list[Text]
    promises: list[Promise]


def read_person_notes(store: Store, person: Person) -> PersonNotes:
    goals = {g.id: g for g in store.all(Goal)}
    stage = stage_for(store, person)
    due = due_at(person, stage, store.clock.tz)
    due_text = f"next touch due {due.strftime('%a %-d %b')}" if due else "no touch logged yet"
    summary = person_summary(store, person.id)
    details = Text("\n").join([person_details(person, goals, stage, due_text), summary_text(summary)])
    heading = Text(f"Conversations ({len(summary.conversations)}), newest first", style="bold")
    tz = store.clock.tz
    lines = [conversation_text(conversation, tz) for conversation in summary.conversations]
    if not lines:
        lines = [Text("No conversations yet: press n after your next coffee.", style="dim")]
    closed_since = store.clock.now().subtract(days=CLOSED_DAYS)
    return PersonNotes(details, heading, lines, person_promises(store, person.id, closed_since=closed_since))


PROMISES_HEADING = Text.assemble(("Promises", "bold"), ("   d: done · u: undo", "dim"))


PLACEHOLDER = "Select a person in Targets to see their notes."


def read_notes(store: Store, ref: TargetRef) -> PersonNotes | Text:
    """What the pane shows for the selected line: a person's notes, or a goal's or venue's details."""
    record = store.get(ref.kind, ref.record_id)
    if isinstance(record, Person):
        return read_person_notes(store, record)
    if isinstance(record, Venue):
        return venue_details(record, {g.id: g for g in store.all(Goal)})
    if isinstance(record, Goal):
        return goal_details(record)
    return Text(PLACEHOLDER, style="dim")  # deleted meanwhile


class NotesPane(VerticalScroll):
    """Details of what is selected in Targets, and (for a person) their conversations.

    It watches the main screen's ``revision`` and ``selection`` and reads once per pair, in a
    thread worker from a store snapshot (a person's conversations, promises and stage come from
    tables of ten years): the event loop only draws (issue 9). An answer for a pair no longer
    wanted is dropped.
    """

    @dataclass
    class Read(Message):
        """The worker read ``ref`` at store revision ``revision``."""

        revision: int
        ref: TargetRef
        notes: PersonNotes | Text | str  # str: why they could not be read

    def __init__(self, store: Store) -> None:
        super().__init__(id="notes-pane", classes="pane")
        self.store = store
        self.border_title = "Notes"
        self._asked: tuple[int, TargetRef | None] | None = None  # last read (or being read)
        self._shown: tuple[Text, list[Text] | None, list[Promise] | None] | None = None  # drawn now

    def compose(self) -> ComposeResult:
        yield Static(Text(PLACEHOLDER, style="dim"), id="notes-details")
        yield Static(PROMISES_HEADING, id="notes-promises-heading")
        yield PromiseList(self.store)
        yield Static(Text("Conversations", style="bold"), id="notes-heading")
        yield OptionList(id="notes-conversations")

    def on_mount(self) -> None:
        self.watch(self.screen, "revision", self._moved)
        self.watch(self.screen, "selection", self._moved)

    def _moved(self) -> None:
        revision: int = self.screen.revision  # type: ignore[attr-defined]
        ref: TargetRef | None = self.screen.selection  # type: ignore[attr-defined]
        if revision < 0 or (self.store.revision, ref) == self._asked:
            return
        if ref is None:
            self._asked = (self.store.revision, None)
            self._show_text(Text(PLACEHOLDER, style="dim"))
            return
        snapshot = self.store.snapshot()
        self._asked = (snapshot.revision, ref)
        self._read(snapshot, ref)

    def _show_promises(self, promises: list[Promise] | None) -> None:
        """The promise list, hidden when a goal or venue is shown or the person has none."""
        promise_list = self.query_one(PromiseList)
        heading = self.query_one("#notes-promises-heading", Static)
        heading.display = promise_list.display = bool(promises)
        promise_list.show(promises or [])

    @work(thread=True, exclusive=True, group="notes-pane")
    def _read(self, store: Store, ref: TargetRef) -> None:
        try:
            notes: PersonNotes | Text | str = read_notes(store, ref)
        except (NotFoundError, ValidationError) as error:
            notes = f"{error} (run `netplan check`)"
        self.post_message(self.Read(store.revision, ref, notes))

    def on_notes_pane_read(self, event: Read) -> None:
        event.stop()
        if (event.revision, event.ref) != self._asked:
            return  # the selection (or the data) moved on
        notes = event.notes
        if isinstance(notes, str):
            self._show_text(Text(f"Could not read these notes: {safe_text(notes)}", style="red"))
        elif isinstance(notes, Text):
            self._show_text(notes)
        else:
            heading = self.query_one("#notes-heading", Static)
            if heading.content != notes.heading:
                heading.update(notes.heading)
            self._show_text(notes.details, notes.conversations, notes.promises)

    def _show_text(
        self, details: Text, conversations: list[Text] | None = None, promises: list[Promise] | None = None
    ) -> None:
        """``details``, and under them (a person's) promises and ``conversations`` with their headings.

        What the pane shows already is not drawn again: every update asks Textual to lay the whole
        screen out, and a save that changed one person's notes left the rest as it was (issue 17).
        """
        shown = (details, conversations, promises)
        before, self._shown = self._shown, shown
        if before is None or before[0] != details:
            self.query_one("#notes-details", Static).update(details)
        if before is None or before[2] != promises:
            self._show_promises(promises)
        if before is not None and before[1] == conversations:
            return
        listing = self.query_one("#notes-conversations", OptionList)
        listing.clear_options()
        self.query_one("#notes-heading", Static).display = listing.display = conversations is not None
        if conversations is not None:
            listing.add_options(conversations)
