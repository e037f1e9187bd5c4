"""The Week pane: the shown week's standing networking time, day by day (rule ALWAYS-ON).

Seven DayBoxes (the week start comes from the settings) list each occurrence at its time, with
overlaps flagged and skipped occurrences struck through. When the pane has focus, up/down move a
cursor over the week's entries and the pane's own keys act on the highlighted one: `a` add an
entry, `e` edit its series, `d` delete the series, `s` skip or restore this one occurrence, `i` who
to invite to an empty coffee or lunch. `e` and `d` are also the main screen's keys for targets:
Textual asks the focused widget first, so they mean the series here and the target elsewhere.
`[`, `]` and `t` (MainScreen) move weeks.

The week is read once per store revision and week shown (the main screen's ``revision`` reactive,
issue 13), in a thread worker from a snapshot (200 slots take ~10 ms to expand), and posted back;
a result for a revision or week no longer asked for is dropped. Each day also lists its events
(screens/schedule/week_events.py), with their arrive-by time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import safe_text
from netplan.schedule.slot import Slot
from netplan.schedule.week import (
    Occurrence,
    delete_slot,
    mark_held,
    restore_occurrence,
    skip_occurrence,
    slot_summary,
    week_containing,
    week_start_weekday,
)
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.confirm import ConfirmScreen
from screens.schedule.week_entries import WeekData, entry_lines, load_week, shown_day


def week_label(start: date) -> str:
    end = start + timedelta(days=6)
    return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"


class DayBox(Static):
    """One day: its heading, its entries, and any extra lines."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown: Text | None = None

    def show(self, text: Text) -> None:
        """Draw ``text`` unless the box shows it already: a save that leaves the week as it was
        (a note, a person added) redraws no day, and asks Textual for no layout (issue 17)."""
        if text != self.shown:
            self.shown = text
            self.update(text)


class WeekPane(VerticalScroll):
    """Seven DayBoxes for the week starting at ``week_start``, with a cursor over its entries."""

    COMPONENT_CLASSES = {"week-pane--cursor"}
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("a", "add_entry", "Entry+", id="week-add", tooltip="Add a schedule entry (coffee, lunch...)"),
        Binding("e", "edit_series", "Edit series", id="week-edit", tooltip="Edit the highlighted series"),
        Binding("d", "delete_series", "Delete series", id="week-delete", tooltip="Delete the series (asks)"),
        Binding("s", "skip", "Skip/restore", id="week-skip", tooltip="Skip or restore this occurrence only"),
        Binding("i", "invite", "Invite", id="week-invite", tooltip="Who should I invite to this one?"),
        Binding(
            "H",  # shift: a narrow screen's h is the previous pane
            "held",
            "Held",
            id="week-held",
            tooltip="Say this occurrence took place (or did not): the weekly planning counts it as held",
        ),
    ]

    week_start: reactive[date | None] = reactive(None)
    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Loaded(Message):
        """A worker read the week at store revision ``revision``."""

        revision: int
        data: WeekData

    @dataclass
    class Changed(Message):
        """The schedule was changed from the pane; ``description`` is for the status line."""

        description: str

    def __init__(self, store: Store, today: date) -> None:
        super().__init__(id="week-pane", classes="pane")
        self.store = store
        self.today = date(today.year, today.month, today.day)
        self.border_title = "Week"
        self.can_focus = True
        self.data: WeekData | None = None
        self._drawn: WeekData | None = None  # the data every day was last drawn from
        self._asked: tuple[int, date] | None = None  # the revision and week last read (or being read)
        self._select_key: tuple[int, str] | None = None  # keep the cursor here after a reload
        self._select_slot: int | None = None  # or move it to this slot's entry (after an add)

    def compose(self) -> ComposeResult:
        for index in range(7):
            yield DayBox(id=f"day-{index}", classes="day")

    def on_mount(self) -> None:
        self.show_this_week()
        self.watch(self.screen, "revision", self._read_if_new)
        self.watch(self.screen, "targets_drawn", self._read_if_new)

    # weeks ------------------------------------------------------------------------------------

    @property
    def first_weekday(self) -> int:
        return week_start_weekday(self.store)

    def show_this_week(self) -> None:
        self.week_start = week_containing(self.today, self.first_weekday)

    def move_weeks(self, weeks: int) -> None:
        start = self.week_start or week_containing(self.today, self.first_weekday)
        self.week_start = start + timedelta(weeks=weeks)

    def watch_week_start(self, start: date | None) -> None:
        if start is not None:
            self._select_key = None
            self._read_if_new()

    def _read_if_new(self) -> None:
        """Read the shown week (off the event loop) unless this revision of it is read already;
        the cursor stays on its entry."""
        start = self.week_start
        revision: int = self.screen.revision  # type: ignore[attr-defined]
        if start is None or revision < 0 or (self.store.revision, start) == self._asked:
            return
        if self.data is None and not self.screen.targets_drawn:  # type: ignore[attr-defined]
            return  # the first read waits for the goal tree (issue 17; MainScreen.targets_drawn)
        if self.data is not None and self.data.week_start == start and self.selected:
            self._select_key = self._select_key or self.selected.key
        snapshot = self.store.snapshot()
        self._asked = (snapshot.revision, start)
        self._load(snapshot, start)

    @work(thread=True, exclusive=True, group="week-pane")
    def _load(self, store: Store, start: date) -> None:
        # A worker never touches widgets: it reads the snapshot and posts the result back.
        try:
            data = load_week(store, start)
        except (ValidationError, NotFoundError) as error:
            data = WeekData(start, [], error=f"{error} (run `netplan check`)")
        self.post_message(self.Loaded(store.revision, data))

    def on_week_pane_loaded(self, event: WeekPane.Loaded) -> None:
        event.stop()
        if (event.revision, event.data.week_start) != self._asked:
            return  # an answer for a revision or a week no longer shown
        self.data = event.data
        self.border_subtitle = week_label(event.data.week_start)
        self.cursor = self._initial_cursor(event.data)

    def _initial_cursor(self, data: WeekData) -> int:
        entries = data.entries
        key, slot_id = self._select_key, self._select_slot
        self._select_key = self._select_slot = None
        for wanted in (lambda occ: occ.slot.id == slot_id, lambda occ: occ.key == key):
            found = next((i for i, occ in enumerate(entries) if wanted(occ)), None)
            if found is not None:
                return found
        if key is not None and entries:
            return min(self.cursor, len(entries) - 1)
        # A fresh week: the next entry still to come (or the first).
        now = self.store.clock.now()
        return next((i for i, occ in enumerate(entries) if occ.end > now), 0)

    # the cursor -------------------------------------------------------------------------------

    @property
    def entries(self) -> list[Occurrence]:
        return self.data.entries if self.data is not None else []

    @property
    def selected(self) -> Occurrence | None:
        entries = self.entries
        return entries[self.cursor] if 0 <= self.cursor < len(entries) else None

    def watch_cursor(self, old: int, new: int) -> None:
        data, entries = self.data, self.entries
        if data is not None and self._drawn is data:
            # Same week, cursor moved: redraw only the days it left and reached.
            moved = [entries[i] for i in (old, new) if 0 <= i < len(entries)]
            self.render_days({(shown_day(occ) - data.week_start).days for occ in moved})
        else:
            self.render_days()
            self._drawn = data
        self.call_after_refresh(self._scroll_to_cursor)

    def action_move(self, delta: int) -> None:
        if self.entries:
            self.cursor = max(0, min(self.cursor + delta, len(self.entries) - 1))

    def _redraw_selected_day(self) -> None:
        if self.data is not None and self.selected is not None:
            self.render_days({(shown_day(self.selected) - self.data.week_start).days})

    def on_focus(self) -> None:
        self._redraw_selected_day()

    def on_blur(self) -> None:
        self._redraw_selected_day()

    # drawing ----------------------------------------------------------------------------------

    def render_days(self, indexes: set[int] | None = None) -> None:
        """Draw the days (all, or only ``indexes``) from the lines the worker built.

        Drawing a whole week of a big schedule (~140 entries) costs ~5-10 ms, mostly Textual turning
        Text into Content; so the cursor's day is drawn now and the others one per event-loop turn,
        letting key presses in between.
        """
        data = self.data
        if data is None:
            return
        if indexes is not None:
            for index in sorted(indexes):
                self._render_day(data, index)
            return
        selected = self.selected
        first = (shown_day(selected) - data.week_start).days if selected is not None else 0
        self._render_day(data, first)
        for index in range(7):
            if index != first:
                self.call_later(self._render_day, data, index)

    def _render_day(self, data: WeekData, index: int) -> None:
        if data is not self.data:
            return  # a later week (or a reload) has replaced this one
        selected = self.selected
        day = data.week_start + timedelta(days=index)
        box = self.query_one(f"#day-{index}", DayBox)
        is_today = day == self.today
        box.set_class(is_today, "today")
        heading = Text(f"{day:%a} {day.day} {day:%b}", style="bold")
        if is_today:
            heading.append("  today", style="bold reverse")
        lines = [heading]
        if index == 0 and data.error:
            lines.append(Text(f"⚠ {safe_text(data.error)}", style="bold red"))
        for occ in data.entries_on(day):
            lines.append(self._selected_lines(occ) if occ is selected else data.lines[occ.key])
        lines += data.extra.get(day, [])
        if len(lines) == 1:
            lines.append(Text("  —", style="dim"))
        box.show(Text("\n").join(lines))

    def _selected_lines(self, occ: Occurrence) -> Text:
        text = entry_lines(occ, self.store.clock.tz.name, selected=True)
        focused = self.get_component_rich_style("week-pane--cursor")
        text.stylize(focused if self.has_focus else Style(underline=True))
        return text

    def _scroll_to_cursor(self) -> None:
        data, selected = self.data, self.selected
        if data is None or selected is None:
            return
        day = shown_day(selected)
        box = self.query_one(f"#day-{(day - data.week_start).days}", DayBox)
        above = 1  # the day's heading; lines do not wrap (netplan.tcss), so heights are line counts
        for occ in data.entries_on(day):
            height = len(data.lines[occ.key].split("\n"))
            if occ is selected:
                region = box.virtual_region
                self.scroll_to_region(Region(0, region.y + above, region.width, height), animate=False)
                return
            above += height

    # actions ----------------------------------------------------------------------------------

    def _changed(self, description: str) -> None:
        self.post_message(self.Changed(description))  # the new revision re-reads every pane

    def _need_selection(self, what: str) -> Occurrence | None:
        selected = self.selected
        if selected is None:
            message = f"No entry this week to {what}: press a to add one."
            self.notify(message, markup=False, severity="warning")
        return selected

    def action_add_entry(self) -> None:
        from screens.schedule.slot_form import SlotForm

        selected = self.selected
        start = self.week_start or self.today
        in_week = start <= self.today < start + timedelta(days=7)
        day = selected.date if selected else (self.today if in_week else start)

        def saved(slot: Slot | None) -> None:
            if slot is not None:
                self._select_slot = slot.id
                self._changed(f"Added {slot_summary(slot)}")

        self.app.push_screen(SlotForm(self.store, day=day), saved)

    def action_edit_series(self) -> None:
        from screens.schedule.slot_form import SlotForm

        selected = self._need_selection("edit")
        if selected is None:
            return

        def saved(slot: Slot | None) -> None:
            if slot is not None:
                self._select_slot = slot.id
                self._changed(f"Saved {slot_summary(slot)}")

        self.app.push_screen(SlotForm(self.store, selected.slot), saved)

    def action_delete_series(self) -> None:
        selected = self._need_selection("delete")
        if selected is None:
            return
        slot = selected.slot
        question = Text("Delete the whole series ")
        question.append(safe_text(slot.title), style="bold")
        question.append(f"?\n{slot.describe_recurrence()}; every occurrence goes.", style="")
        question.append("\nTo cancel only this one, press s (skip) instead.", style="dim")

        def answered(yes: bool | None) -> None:
            if yes:
                try:
                    delete_slot(self.store, slot.id)
                except NotFoundError as error:
                    self.notify(str(error), severity="error", markup=False)
                self._changed(f"Deleted {slot.kind} series")

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_skip(self) -> None:
        selected = self._need_selection("skip")
        if selected is None:
            return
        slot_id, day = selected.slot.id, selected.date
        self._select_key = selected.key
        try:
            if selected.skipped:
                restore_occurrence(self.store, slot_id, day)
                message = f"Restored {selected.slot.kind} on {day.isoformat()}"
            else:
                skip_occurrence(self.store, slot_id, day)
                message = f"Skipped {selected.slot.kind} on {day.isoformat()} (the series stays)"
        except (ValidationError, NotFoundError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._changed(message)

    def action_held(self) -> None:
        """The planning counts what happened: the user says a past occurrence took place (issue 15)."""
        selected = self._need_selection("mark as held")
        if selected is None:
            return
        self._select_key = selected.key
        held = selected.date.isoformat() not in selected.slot.held_dates
        try:
            mark_held(self.store, selected.slot.id, selected.date, held=held)
        except (ValidationError, NotFoundError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        state = "held" if held else "not held"
        self._changed(f"Marked {selected.slot.kind} on {selected.date.isoformat()} as {state}")

    def action_invite(self) -> None:
        from screens.schedule.invite_screen import InviteScreen

        selected = self._need_selection("invite to")
        if selected is None:
            return
        if not selected.is_empty:
            self.notify("Invite fills an empty coffee or lunch; this one is not.", severity="warning")
            return
        self._select_key = selected.key

        def booked(slot: Slot | None) -> None:
            if slot is not None:
                person = self.store.get(Person, slot.bookings.get(selected.date.isoformat(), 0))
                who = person.name if person else "someone"
                self._changed(f"Booked {who} for the {slot.kind} on {selected.date.isoformat()}")

        self.app.push_screen(InviteScreen(self.store, selected), booked)
