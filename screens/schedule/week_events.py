"""Events in the Week pane (rule ARRIVE-EARLY: each shows its arrive-by time)."""

from __future__ import annotations

from datetime import date

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


def event_entry_lines(store: Store, day: date) -> list[Text | str]:
    """The Week pane's provider: the day's events (called in a worker; reads only)."""
    return [week_line(entry) for entry in events_in_range(store, day, day)]
