"""The Week pane: Mon..Sun of the shown week, today highlighted (rule ALWAYS-ON: standing time).

Entries come from the schedule; `[` and `]` move weeks and `t` returns to this week (MainScreen).
"""

from __future__ import annotations

from pendulum import Date
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from netplan.store import Store


def week_start_for(day: Date, first_weekday: int = 0) -> Date:
    """The first day (Mon=0 .. Sun=6) of the week that holds ``day``."""
    return day.subtract(days=(day.weekday() - first_weekday) % 7)


class DayBox(Static):
    """One day: its heading and its entries."""


class WeekPane(VerticalScroll):
    """Seven DayBoxes for the week starting at ``week_start``."""

    week_start: reactive[Date | None] = reactive(None)

    def __init__(self, store: Store, today: Date) -> None:
        super().__init__(id="week-pane", classes="pane")
        self.store = store
        self.today = today
        self.border_title = "Week"
        self.can_focus = True

    def compose(self) -> ComposeResult:
        for index in range(7):
            yield DayBox(id=f"day-{index}", classes="day")

    def on_mount(self) -> None:
        self.show_this_week()

    @property
    def first_weekday(self) -> int:
        return int(self.store.setting("week_start", 0))

    def show_this_week(self) -> None:
        self.week_start = week_start_for(self.today, self.first_weekday)

    def move_weeks(self, weeks: int) -> None:
        start = self.week_start or week_start_for(self.today, self.first_weekday)
        self.week_start = start.add(weeks=weeks)

    def watch_week_start(self, start: Date | None) -> None:
        if start is None:
            return
        end = start.add(days=6)
        self.border_subtitle = f"{start.format('D MMM')} – {end.format('D MMM YYYY')}"
        self.render_days()

    def entries_for(self, day: Date) -> list[Text]:
        """The lines to show under a day (the schedule fills this in)."""
        return []

    def render_days(self) -> None:
        start = self.week_start
        if start is None:
            return
        for index in range(7):
            day = start.add(days=index)
            box = self.query_one(f"#day-{index}", DayBox)
            is_today = day == self.today
            box.set_class(is_today, "today")
            heading = Text(day.format("ddd D MMM"), style="bold")
            if is_today:
                heading.append("  today", style="bold reverse")
            lines = [heading, *self.entries_for(day)]
            if len(lines) == 1:
                lines.append(Text("  —", style="dim"))
            box.update(Text("\n").join(lines))
