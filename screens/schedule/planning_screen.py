"""The weekly planning session (rule ALWAYS-ON), its own screen: `w` on the main screen opens it.

Left: last week (planned vs. held per kind, listen share, follow-ups closed vs. opened), this
week's intent (`n` changes it), and the consistency record with a 12-week chart. Right: the people
due a touch this week, the empty coffee and lunch slots (enter: who should I invite?), and the
8-week coaching numbers (issue 5: listen share, give/get, conversations under two thirds).

Everything is read in one thread worker (~50 ms at 2,000 people) and posted back; a result from an
older read is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import safe_text
from netplan.schedule.slot import Slot
from netplan.schedule.week import Occurrence
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.help_key import HELP_BINDING
from screens.common.row_list import RowList
from screens.schedule.intent_form import IntentForm
from screens.schedule.invite_screen import InviteScreen
from screens.schedule.planning_view import PlanningTexts, PlanningView, load_planning, planning_texts


def option_key(occ: Occurrence) -> str:
    """An empty slot's option id: the occurrence's slot and series date."""
    return f"{occ.slot.id}:{occ.date.isoformat()}"


class PlanningScreen(Screen[None]):
    BINDINGS = [
        HELP_BINDING,
        Binding("escape", "close", "Back", id="planning-close", tooltip="Back to the main screen"),
        Binding("n", "intent", "Intent", id="planning-intent", tooltip="Change this week's intent"),
        Binding("i", "invite", "Invite", id="planning-invite", tooltip="Who should I invite to this slot?"),
    ]

    @dataclass
    class Loaded(Message):
        """The worker's read at store revision ``revision``; None and an error when the data could
        not be read."""

        revision: int
        view: PlanningView | None
        texts: PlanningTexts | None = None
        error: str = ""

    def __init__(self, store: Store) -> None:
        super().__init__(id="planning-screen")
        self.store = store
        self.view: PlanningView | None = None
        self._asked = -1  # the store revision last read (or being read)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Weekly planning", style="bold"), id="planning-title")
        with Horizontal(id="planning-columns"):
            left = VerticalScroll(id="planning-left", classes="planning-column")
            left.border_title = "Last week · this week · consistency"
            with left:
                yield Static(Text("Reading the last 12 weeks…", style="dim"), id="plan-last-week")
                yield Static("", id="plan-intent")
                yield Static("", id="plan-consistency")
            right = Vertical(id="planning-right", classes="planning-column")
            right.border_title = "Who and when"
            with right:
                yield Static(
                    Text("People due a touch this week (rule GARDEN), and targets not met yet", style="bold")
                )
                nobody = Text("Nobody is due a touch this week, and every target has been met.", style="dim")
                yield RowList(empty=nobody, id="plan-people-due")
                yield Static(
                    Text.assemble(("Empty slots to fill", "bold"), ("   enter: who should I invite?", "dim"))
                )
                yield OptionList(id="plan-empty-slots")
                yield Static("", id="plan-coaching")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#plan-empty-slots").focus()
        # Once per store revision (issue 13): a slot booked or an intent saved here, or anywhere.
        self.watch(self.app, "store_state", self._read_if_new)

    def _read_if_new(self) -> None:
        if self.store.revision == self._asked:
            return
        snapshot = self.store.snapshot()
        self._asked = snapshot.revision
        self._load(snapshot)

    @work(thread=True, exclusive=True, group="planning")
    def _load(self, store: Store) -> None:
        # Reads a snapshot; the figures are posted back (a worker never touches widgets).
        try:
            view = load_planning(store)
            texts = planning_texts(view)
        except (ValidationError, NotFoundError) as problem:
            self.post_message(self.Loaded(store.revision, None, None, f"{problem} (run `netplan check`)"))
            return
        self.post_message(self.Loaded(store.revision, view, texts))

    def on_planning_screen_loaded(self, event: PlanningScreen.Loaded) -> None:
        if event.revision != self._asked:
            return  # an answer for a revision since superseded
        if event.view is None or event.texts is None:
            message = Text(f"⚠ Cannot read the weeks: {safe_text(event.error)}", style="bold red")
            self.query_one("#plan-last-week", Static).update(message)
            return
        self.view, texts = event.view, event.texts
        # One section per event-loop turn: at 200 slots and 2,000 people the whole screen takes
        # ~10 ms to lay out (Text to Content, option heights), so key presses get in between.
        statics = [
            ("#planning-title", texts.title),
            ("#plan-last-week", texts.last_week),
            ("#plan-intent", texts.intent),
            ("#plan-consistency", texts.consistency),
            ("#plan-coaching", texts.coaching),
        ]
        self._show_empty_slots(event.revision, texts)
        for widget_id, text in statics:
            self.call_later(self._show_section, event.revision, widget_id, text)
        self.call_later(self._show_people_due, event.revision, texts)
        self.call_later(self._focused_in_view)

    def _focused_in_view(self) -> None:
        """Narrow, the columns stack and scroll as one: the sections just drawn may have pushed the
        focused list (the empty slots) below the fold (issue 16)."""
        if self.focused is not None:
            self.call_after_refresh(self.focused.scroll_visible, animate=False)

    def _show_section(self, revision: int, widget_id: str, text: Text) -> None:
        if revision == self._asked:
            self.query_one(widget_id, Static).update(text)

    def _show_people_due(self, revision: int, texts: PlanningTexts) -> None:
        if revision == self._asked:
            self.query_one(RowList).set_rows(texts.people_due)

    def _show_empty_slots(self, revision: int, texts: PlanningTexts) -> None:
        if revision != self._asked or self.view is None:
            return
        slots = self.query_one("#plan-empty-slots", OptionList)
        highlighted = slots.highlighted
        slots.clear_options()
        empty = self.view.session.empty_slots
        if empty:
            prompts = zip(empty, texts.empty_slots, strict=True)
            slots.add_options(Option(prompt, id=option_key(occ)) for occ, prompt in prompts)
            slots.highlighted = min(highlighted or 0, len(empty) - 1)
        else:
            nothing = Text("No empty coffee or lunch left this week.", style="dim")
            slots.add_option(Option(nothing, disabled=True))

    # actions ----------------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def action_intent(self) -> None:
        week = self.view.session.week_start if self.view else None
        if week is None:
            self.notify("Still reading the weeks; try again in a moment.", severity="warning")
            return

        def saved(intent: dict[str, int] | None) -> None:
            if intent is not None:
                kinds = ", ".join(f"{k} {n}" for k, n in intent.items()) or "none"
                self.notify(f"Intent saved: {kinds}", markup=False)

        self.app.push_screen(IntentForm(self.store, week), saved)

    def action_invite(self) -> None:
        slots = self.query_one("#plan-empty-slots", OptionList)
        if slots.highlighted is None:
            self.notify("Choose an empty slot first.", severity="warning")
            return
        self._invite(slots.get_option_at_index(slots.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "plan-empty-slots":
            event.stop()
            self._invite(event.option.id)

    def _invite(self, option_id: str | None) -> None:
        if self.view is None or option_id is None:
            return
        occurrence = next((o for o in self.view.session.empty_slots if option_key(o) == option_id), None)
        if occurrence is None:
            return

        def booked(slot: Slot | None) -> None:
            if slot is not None:
                person = self.store.get(Person, slot.bookings.get(occurrence.date.isoformat(), 0))
                name = safe_text(person.name) if person else "someone"
                when = occurrence.date.isoformat()
                self.notify(f"Booked {name} for the {slot.kind} on {when}", markup=False)

        self.app.push_screen(InviteScreen(self.store, occurrence), booked)
