"""An independent reading of an .ics file for the round-trip tests: icalendar parses it, dateutil
expands its RRULEs (RFC 5545 semantics: COUNT before EXDATE, wall-clock time in the TZID's zone).

Also where the tests find the shared fixtures: ``../shared/fixtures`` beside the repo root (the CI
layout), or two levels up from a worktree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from dateutil.rrule import rrulestr
from icalendar import Calendar, vRecur

# (summary, start in UTC, end in UTC)
Instance = tuple[str, datetime, datetime]


def _exdates(event: Any) -> set[datetime]:
    value = event.get("EXDATE")
    if value is None:
        return set()
    lists = value if isinstance(value, list) else [value]
    return {item.dt.astimezone(UTC) for group in lists for item in group.dts}


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """``first`` 00:00 to ``last`` 23:59:59 in UTC."""
    return datetime.combine(first, time(0), UTC), datetime.combine(last, time(23, 59, 59), UTC)


def expand(data: bytes, first: date, last: date) -> set[Instance]:
    """Every instance starting within ``first``..``last`` (UTC days)."""
    low, high = day_bounds(first, last)
    found: set[Instance] = set()
    for event in Calendar.from_ical(data).walk("VEVENT"):
        start: datetime = event.decoded("DTSTART")
        if "DURATION" in event:
            length: timedelta = event.decoded("DURATION")
        else:
            length = event.decoded("DTEND") - start
        if "RRULE" in event:
            text = cast(vRecur, event["RRULE"]).to_ical()
            rule = rrulestr(text.decode() if isinstance(text, bytes) else text, dtstart=start)
            starts = rule.between(low, high, inc=True)
        else:
            starts = [start] if low <= start <= high else []
        excluded = _exdates(event)
        for begin in starts:
            instant = begin.astimezone(UTC)
            if instant not in excluded:
                found.add((str(event["SUMMARY"]), instant, instant + length))
    return found
