"""Events in the Week pane (rule ARRIVE-EARLY: each shows its arrive-by time)."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text

from netplan.core.text import safe_text
from netplan.events.saved import EventEntry, events_in_range
from netplan.store.store import Store


def week_line(entry: EventEntry) -> Text:
    """``18:30 Title @ Venue`` with ``arrive 18:10``, from safe text."""
    line = Text(entry.start.strftime("%H:%M "), style="bold")
    line.append(safe_text(entry.title))
    if entry.venue:
        line.append(f" @ {safe_text(entry.venue)}", style="dim")
    line.append(f"  arrive {entry.arrive_by.strftime('%H:%M')}", style="yellow")
    return line


def week_event_lines(store: Store, week_start: date) -> dict[date, list[Text]]:
    """The Week pane's events, by the user's calendar day (called in a worker; reads only).

    One read for the week: read day by day, the 1,000 events of ten years were parsed seven
    times, three quarters of the week's ~140 ms read after every save (issue 17)."""
    by_day: dict[date, list[Text]] = {}
    for entry in events_in_range(store, week_start, week_start + timedelta(days=6)):
        day = date(entry.start.year, entry.start.month, entry.start.day)
        by_day.setdefault(day, []).append(week_line(entry))
    return by_day
