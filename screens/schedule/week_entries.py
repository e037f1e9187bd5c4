"""What the Week pane shows for one week, loaded off the event loop, and how one entry reads.

``load_week`` is a pure read of the store (it runs in a thread worker: at 200 slots a week takes
~10 ms to expand, too long for the event loop); ``entry_text`` turns one occurrence into rich Text
built from safe text, so names and titles never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.text import Text

from netplan.core.text import safe_text
from netplan.schedule.week import Occurrence, OccurrenceKey, week_view
from netplan.store.store import Store
from screens.schedule.week_events import week_event_lines

# Each day's extra lines are its events (week_events.py), read once for the week in the worker;
# a Text there must already be built from safe text (netplan.core.text.safe_text).

KIND_STYLES = {
    "coffee": "green",
    "lunch": "cyan",
    "group meeting": "magenta",
    "event": "blue",
    "outreach block": "yellow",
}


@dataclass(frozen=True)
class WeekData:
    """One week's occurrences (sorted by start, overlaps flagged), each one's drawn lines, and each
    day's events (with their arrive-by time). Drawing is done here, in the worker: at 200 slots a
    week has ~130 entries, and building their Text on every cursor move would cost ~20 ms on the
    event loop."""

    week_start: date
    entries: list[Occurrence]
    lines: dict[OccurrenceKey, Text] = field(default_factory=dict)  # unselected, indented
    by_day: dict[date, list[Occurrence]] = field(default_factory=dict)  # by the viewer's day
    extra: dict[date, list[Text]] = field(default_factory=dict)
    error: str = ""  # set when the week could not be read (e.g. a malformed slot: netplan check)

    def entries_on(self, day: date) -> list[Occurrence]:
        return self.by_day.get(day, [])


def shown_day(occ: Occurrence) -> date:
    """The viewer's calendar day the occurrence starts on (its series date may differ by zone)."""
    return date(occ.start.year, occ.start.month, occ.start.day)


def _as_text(line: Text | str) -> Text:
    """A provider's line, indented like the entries (a str is made safe; a Text is taken as is)."""
    return Text("  ").append_text(line if isinstance(line, Text) else Text(safe_text(line)))


def load_week(store: Store, week_start: date) -> WeekData:
    """The week starting ``week_start``: skipped occurrences included so they can be restored."""
    entries = week_view(store, week_start, include_skipped=True)
    zone_name = store.clock.tz.name
    drawn = {occ.key: entry_lines(occ, zone_name) for occ in entries}
    by_day: dict[date, list[Occurrence]] = {}
    for occ in entries:
        by_day.setdefault(shown_day(occ), []).append(occ)
    extra = {  # rule ARRIVE-EARLY
        day: [_as_text(line) for line in lines] for day, lines in week_event_lines(store, week_start).items()
    }
    return WeekData(week_start, entries, drawn, by_day, extra)


def who_and_where(occ: Occurrence) -> list[Text]:
    """'with Priya Raman' (or the invitation for an empty coffee or lunch), then 'at Café Lumen'."""
    lines = []
    who = occ.booked_person_name or occ.person_name
    if who:
        lines.append(Text("with ").append(safe_text(who), style="bold"))
    elif occ.is_empty:
        lines.append(Text("nobody yet: i to invite", style="italic yellow"))
    if occ.venue_name:
        lines.append(Text(f"at {safe_text(occ.venue_name)}"))
    return lines


def entry_text(occ: Occurrence, viewer_zone: str) -> Text:
    """One entry, a line each: time and kind (with flags), title, who, where; skipped ones struck.

    The pane does not wrap (a long title ends in an ellipsis), so an entry's height is its lines.
    """
    head = Text(f"{occ.start:%H:%M}–{occ.end:%H:%M} ", style="bold")
    head.append(occ.slot.kind, style=KIND_STYLES.get(occ.slot.kind, ""))
    title = Text(safe_text(occ.slot.title))
    lines = [head, title]
    if occ.slot.tz != viewer_zone:
        # Shown in the viewer's zone; the series keeps its own wall-clock time.
        lines.append(Text(f"{occ.slot.time} {occ.slot.tz}", style="dim"))
    lines += who_and_where(occ)
    # The flags get a line of their own: the pane is narrow and cuts long lines short.
    if occ.skipped:
        for line in lines:
            line.stylize("dim strike")
        lines.insert(1, Text("skipped · s restores it", style="italic"))
    elif occ.overlaps:
        lines.insert(1, Text("⚠ overlaps another entry", style="bold yellow"))
    return Text("\n").join(lines)


def entry_lines(occ: Occurrence, viewer_zone: str, *, selected: bool = False) -> Text:
    """The entry indented under its day; the highlighted one is marked with ▸."""
    lines = entry_text(occ, viewer_zone).split("\n")
    # ✓: the user said it took place (`H`; the planning counts it as held). On the first line's
    # margin, so a held entry takes no more room in the narrow pane.
    held = not occ.skipped and occ.date.isoformat() in occ.slot.held_dates
    first = Text("▸ ") if selected else Text("✓ ", style="green") if held else Text("  ")
    return Text("\n").join(
        (first if index == 0 else Text("  ")).append_text(line) for index, line in enumerate(lines)
    )
