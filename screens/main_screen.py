"""The main screen: Targets, Week and Notes side by side, a status line and the footer.

How a change reaches the panes (issue 13): an action saves through the store, whose revision
moves; the app turns that into its ``store_state`` reactive; this screen passes the revision on
to its own ``revision`` reactive while it is the current screen (once it is current again after a
modal, the revision the modal left); each pane watches ``revision`` (and the Notes pane
``selection`` too) and reads what it shows once per revision, in a thread worker, from a snapshot.
No action reloads a pane by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Header

from netplan.core.record import Record
from netplan.core.text import safe_text
from netplan.store.store import Store, StoreState
from netplan.targets.model import Goal, Person, Venue
from screens.common.help_key import HELP_BINDING
from screens.notes.notes_pane import NotesPane
from screens.notes.promise_list import PromiseList
from screens.pane_layout import PaneLayout, PaneSwitcher
from screens.schedule.week_pane import WeekPane
from screens.status_line import StatusLine
from screens.steady_footer import SteadyFooter
from screens.targets.targets_data import TreeData
from screens.targets.targets_pane import TargetRef, TargetsPane

if TYPE_CHECKING:
    from netplan.notes.log import LoggedConversation

# The forms and modal screens are imported when first opened, not at start-up: together they
# (and the demo data) were ~200 ms of the time to the first frame (issue 9, bench/first_frame.py).


class MainScreen(PaneLayout):
    # Focused as the screen is composed: focusing another widget first, then the tree, restyled the
    # screen twice (issue 17: Textual restyles on every focus change).
    AUTO_FOCUS = "#targets-tree"
    talk_timer_now: Callable[[], float] = staticmethod(time.monotonic)  # tests give a fake clock
    # The footer shows the few keys of the three moments (note, prep via events, the week) and the
    # way around; every other key is hidden there but listed by `?` and the command palette, so the
    # footer still ends with `? Help` at 60 columns (issue 16).
    BINDINGS = [
        HELP_BINDING,
        Binding(
            "h", "pane(-1)", "Panes", id="pane-prev", key_display="h/l", tooltip="The previous pane (narrow)"
        ),
        Binding("l", "pane(1)", "Next pane", id="pane-next", show=False, tooltip="The next pane (narrow)"),
        Binding("N", "notes", "Notes", id="notes", tooltip="The selected person's notes"),
        Binding("n", "note", "Note+", id="note", tooltip="Note a conversation (after a coffee, a call...)"),
        Binding(
            "E",
            "events",
            "Events",
            id="events",
            tooltip="Events: prep (arrive-by, speakers, people to meet, the ask) and capture who you met",
        ),
        Binding(
            "w", "plan_week", "Plan week", id="plan-week", tooltip="The weekly planning session (ALWAYS-ON)"
        ),
        Binding(
            "f", "follow_ups", "Follow-ups", id="follow-ups", tooltip="Follow-ups and replies: overdue, today"
        ),
        Binding("g", "add_goal", "Goal+", id="add-goal", show=False, tooltip="Add a networking goal"),
        Binding(
            "p",
            "add_person",
            "Person+",
            id="add-person",
            show=False,
            tooltip="Add a person or a type of person",
        ),
        Binding("v", "add_venue", "Venue+", id="add-venue", show=False, tooltip="Add a venue"),
        Binding(
            "e", "edit", "Edit", id="edit", show=False, tooltip="Edit the selected goal, person or venue"
        ),
        Binding(
            "d", "delete", "Delete", id="delete", show=False, tooltip="Delete the selected item (asks first)"
        ),
        Binding("left_square_bracket", "week(-1)", "Prev week", id="week-prev", key_display="[", show=False),
        Binding("right_square_bracket", "week(1)", "Next week", id="week-next", key_display="]", show=False),
        Binding("t", "this_week", "This week", id="week-this", show=False, tooltip="Show this week"),
        Binding(
            "i",
            "inbound",
            "Reached out",
            id="inbound",
            show=False,
            tooltip="Log that someone reached out: a reply is due in 2 days",
        ),
        Binding(
            "T",
            "talk_timer",
            "Talk timer",
            id="talk-timer",
            show=False,
            tooltip="Time a call: who talks, the 20/10 split; stop to note it",
        ),
        # Not in the footer (it is full at 160 columns); listed by ? and the command palette.
        Binding(
            "c",
            "coach",
            "Coach",
            id="coach",
            show=False,
            tooltip="Coach: findings for the selected person and your network",
        ),
        Binding(
            "o",
            "outreach",
            "Outreach",
            id="outreach",
            show=False,
            tooltip="Outreach: write to the selected person (one person at a time)",
        ),
        Binding(
            "x",
            "park",
            "Park",
            id="park",
            show=False,
            tooltip="Park or un-park the selected person (rule SMALL-LIST)",
        ),
        Binding(
            "1", "view('goals-tab')", "Goals", id="view-goals", show=False, tooltip="Targets: the goal tree"
        ),
        Binding(
            "2", "view('people-tab')", "People", id="view-people", show=False, tooltip="Targets: all people"
        ),
        Binding(
            "3",
            "view('slipping-tab')",
            "Slipping",
            id="view-slipping",
            show=False,
            tooltip="Targets: people past their stay-in-touch date",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="filter",
            key_display="/",
            show=False,
            tooltip="Filter people by name, company, role or tags",
        ),
        Binding(
            "comma",
            "settings",
            "Settings",
            id="settings",
            key_display=",",
            show=False,
            tooltip="Settings: target cap, week start, dormancy",
        ),
        Binding(
            "I",
            "import_contacts",
            "Import",
            id="import-contacts",
            show=False,
            tooltip="Import contacts: LinkedIn Connections.csv or vCard (dry run first; rule SMALL-LIST)",
        ),
    ]

    revision: reactive[int] = reactive(-1, init=False)
    """The store revision the panes show (-1: none yet); follows the store while this screen is current."""

    selection: reactive[TargetRef | None] = reactive(None, init=False)
    """What is selected in Targets (the Notes pane shows it): set when the Targets cursor moves."""

    targets_drawn: reactive[bool] = reactive(False, init=False)
    """The goal tree has been drawn once. The Week pane's first read waits for it (issue 17: the
    readers share one interpreter lock, so the week read at the same time delayed the user's goals
    by its whole ~200 ms on the ten years)."""

    def __init__(self, first: tuple[int, TreeData] | None = None) -> None:
        super().__init__()
        self.first = first  # the goal tree read before the screen was built: drawn in its first frame

    @property
    def store(self) -> Store:
        store: Store = self.app.store  # type: ignore[attr-defined]
        return store

    def compose(self) -> ComposeResult:
        yield Header()
        yield PaneSwitcher()
        with Horizontal(id="panes"):
            yield TargetsPane(self.store, self.first)
            yield WeekPane(self.store, self.store.clock.today())
            yield NotesPane(self.store)
        yield StatusLine(self.store)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "store_state", self._store_moved)
        if self.store.created and self._is_empty():
            from screens.welcome import WelcomeScreen

            self.app.push_screen(WelcomeScreen(), self._after_welcome)

    def _store_moved(self, state: StoreState | None) -> None:
        if state is not None and self.is_current:
            self.revision = state.revision

    def on_screen_resume(self) -> None:
        # After the callback of the modal that just closed (it may move the selection): the panes
        # then read once for the new revision and the new selection together.
        self.call_next(self._catch_up)

    def _catch_up(self) -> None:
        self._store_moved(self.app.store_state)  # type: ignore[attr-defined]

    def _is_empty(self) -> bool:
        return not any(self.store.count(kind) for kind in (Goal, Person, Venue))

    def _after_welcome(self, demo: bool | None) -> None:
        if demo:
            from netplan.demo.load import load_demo

            load_demo(self.store)
            self.status("Demo data loaded")

    # panes ------------------------------------------------------------------------------------

    @property
    def targets(self) -> TargetsPane:
        return self.query_one(TargetsPane)

    def select(self, ref: TargetRef) -> None:
        """Move the Targets selection to ``ref`` (once the pane shows the newest revision)."""
        self.targets.select(ref)
        self.selection = ref

    def status(self, message: str) -> None:
        self.query_one(StatusLine).show(message)

    def selected_record(self) -> Goal | Person | Venue | None:
        ref = self.targets.selected
        if ref is None:
            return None
        return self.store.get(ref.kind, ref.record_id)

    def on_targets_pane_selected(self, event: TargetsPane.Selected) -> None:
        self.selection = event.ref
        if not self.targets_drawn:
            self.call_after_refresh(self._targets_were_drawn)

    def _targets_were_drawn(self) -> None:
        self.targets_drawn = True

    # actions ----------------------------------------------------------------------------------

    def _selected_goal_id(self) -> int | None:
        return self.targets.current_goal_id

    def _after_save(self, saved: Record | None) -> None:
        if saved is None:
            return
        kind = type(saved)
        assert kind is Goal or kind is Person or kind is Venue
        self.select(TargetRef(kind, saved.id))
        self.status(f"Saved {kind.__name__.lower()}")

    def action_add_goal(self) -> None:
        from screens.targets.target_forms import GoalForm

        self.app.push_screen(GoalForm(self.store), self._after_save)

    def action_add_person(self) -> None:
        from screens.targets.target_forms import PersonForm

        self.app.push_screen(PersonForm(self.store, goal_id=self._selected_goal_id()), self._after_save)

    def action_add_venue(self) -> None:
        from screens.targets.target_forms import VenueForm

        self.app.push_screen(VenueForm(self.store, goal_id=self._selected_goal_id()), self._after_save)

    def action_edit(self) -> None:
        from screens.targets.target_forms import GoalForm, PersonForm, VenueForm

        record = self.selected_record()
        if isinstance(record, Goal):
            self.app.push_screen(GoalForm(self.store, record), self._after_save)
        elif isinstance(record, Person):
            self.app.push_screen(PersonForm(self.store, record), self._after_save)
        elif isinstance(record, Venue):
            self.app.push_screen(VenueForm(self.store, record), self._after_save)
        else:
            self.notify("Select a goal, person or venue to edit.", severity="warning")

    def action_delete(self) -> None:
        from netplan.deletion import delete, fallout
        from screens.common.confirm import ConfirmScreen

        record = self.selected_record()
        if record is None:
            self.notify("Select a goal, person or venue to delete.", severity="warning")
            return
        name = record.title if isinstance(record, Goal) else record.name
        question = Text(f"Delete {type(record).__name__.lower()} ")
        question.append(safe_text(name), style="bold")
        question.append("?")
        for line in fallout(self.store, record):
            question.append(f"\n{line}", style="dim")
        if isinstance(record, Person):
            question.append("\nTo set them aside and keep the history, park them (x) instead.", style="dim")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            delete(self.store, record)
            self.status(f"Deleted {type(record).__name__.lower()}")

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_park(self) -> None:
        record = self.selected_record()
        if not isinstance(record, Person):
            self.notify("Select a person to park or un-park.", severity="warning")
            return
        saved = self.store.update(replace(record, parked=not record.parked))
        self.select(TargetRef(Person, saved.id))
        self.status(f"{'Parked' if saved.parked else 'Un-parked'} {safe_text(saved.name)}")

    def _selected_person(self) -> Person | None:
        record = self.selected_record()
        return record if isinstance(record, Person) else None

    def _after_note(self, logged: LoggedConversation | None) -> None:
        from screens.notes.conversation_form import logged_summary

        if logged is not None:
            self.select(TargetRef(Person, logged.person.id))
            self.status(logged_summary(logged))

    def action_note(self, minutes: tuple[int, int, int] | None = None, kind: str = "coffee") -> None:
        from screens.notes.conversation_form import ConversationForm

        form = ConversationForm(self.store, self._selected_person(), kind=kind, minutes=minutes)
        self.app.push_screen(form, self._after_note)

    def action_follow_ups(self) -> None:
        from screens.notes.followups_screen import FollowUpsScreen

        def closed(person_id: int | None) -> None:
            # enter on an item opens its person here (issue 15); escape keeps the selection
            if person_id is not None:
                self.select(TargetRef(Person, person_id))

        self.app.push_screen(FollowUpsScreen(self.store), closed)

    def action_inbound(self) -> None:
        from screens.notes.inbound_form import InboundForm

        def saved(request: object) -> None:
            if request is not None:
                self.status("Logged: reply due in 2 days (on the follow-ups)")

        self.app.push_screen(InboundForm(self.store, self._selected_person()), saved)

    def action_talk_timer(self) -> None:
        from screens.notes.talk_timer import TalkTimerScreen

        def stopped(minutes: tuple[int, int, int] | None) -> None:
            if minutes is not None:
                self.action_note(minutes, kind="call")

        self.app.push_screen(TalkTimerScreen(self.talk_timer_now), stopped)

    def action_coach(self) -> None:
        from screens.coach.coach_screen import CoachScreen

        self.app.push_screen(CoachScreen(self.store, self._selected_person()))

    def action_outreach(self) -> None:
        from screens.coach.composer_screen import ComposerScreen

        person = self._selected_person()
        if person is None or person.is_type:
            self.notify("Select a named person to write to: one person at a time.", severity="warning")
            return
        self.app.push_screen(ComposerScreen(self.store, person))

    def action_view(self, tab_id: str) -> None:
        self.targets.show_view(tab_id)

    def action_filter(self) -> None:
        self.targets.show_view("people-tab")
        self.query_one("#people-filter").focus()

    def action_settings(self) -> None:
        from screens.settings_form import SettingsForm

        def saved(settings: object) -> None:
            if settings is not None:
                self.query_one(WeekPane).show_this_week()  # the week may start on another day now
                self.status("Settings saved")

        self.app.push_screen(SettingsForm(self.store), saved)

    def action_week(self, weeks: int) -> None:
        self.query_one(WeekPane).move_weeks(weeks)

    def action_this_week(self) -> None:
        self.query_one(WeekPane).show_this_week()

    def action_events(self) -> None:
        from screens.events.events_screen import EventsScreen  # imported on first use: start-up stays lean

        def closed(said: str | None) -> None:
            self.status(said or "")  # what was done there (a capture), never an older message

        self.app.push_screen(EventsScreen(self.store), closed)

    def action_plan_week(self) -> None:
        from screens.schedule.planning_screen import PlanningScreen

        self.app.push_screen(PlanningScreen(self.store))

    def on_week_pane_changed(self, event: WeekPane.Changed) -> None:
        self.status(event.description)

    def on_promise_list_changed(self, event: PromiseList.Changed) -> None:
        self.status(event.description)

    def action_import_contacts(self) -> None:
        from netplan.interchange.merge import ImportSummary
        from screens.importing.import_screen import ImportScreen  # imported on first use: start-up stays lean

        def closed(summary: ImportSummary | None) -> None:
            if summary is not None:  # something was written
                self.status(summary.line())

        self.app.push_screen(ImportScreen(self.store), closed)
