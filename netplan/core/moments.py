"""Moments in time as the notes store them: ISO 8601 strings with a UTC offset.

Stored strings are parsed with the standard library (fast, and a parsed string keeps its fixed
offset, so adding hours is exact). Calendar arithmetic (days, working days) goes through pendulum
in the user's zone, so a due time keeps its wall-clock time across a daylight-saving change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pendulum
from pendulum.tz.timezone import Timezone

from netplan.core.errors import ValidationError
from netplan.core.validate import in_years

WORKING_DAYS = range(0, 5)  # Monday..Friday (date.weekday())


def parse(value: str) -> datetime:
    """A stored moment (already validated) as an aware datetime with its own fixed offset."""
    return datetime.fromisoformat(value)


def timestamp(value: str) -> float:
    """A stored moment as POSIX seconds: the cheap way to sort and compare many of them."""
    return datetime.fromisoformat(value).timestamp()


def day_bounds(day: date, tz: Timezone) -> tuple[float, float]:
    """The user's calendar day as [start, end) timestamps (a DST day is 23 or 25 hours long)."""
    start = pendulum.datetime(day.year, day.month, day.day, tz=tz)
    return start.timestamp(), start.add(days=1).timestamp()


def to_iso(moment: datetime) -> str:
    """ISO 8601 with offset, whole seconds (the one format the notes store and print as JSON)."""
    return moment.replace(microsecond=0).isoformat()


def moment(field: str, value: object, *, tz: Timezone | None = None) -> str:
    """Validate an ISO datetime; without ``tz`` it must carry an offset, with ``tz`` a naive one is local."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if len(text) <= 10:  # a bare date: which time would we pick? Better to ask.
            raise ValidationError(field, f"{text!r} needs a time as well, e.g. {text}T10:00")
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(field, f"{text!r} is not a date and time (ISO 8601)") from None
    else:
        raise ValidationError(field, "must be a date and time (ISO 8601)")
    in_years(field, parsed.date())
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        if tz is None:
            raise ValidationError(field, f"{to_iso(parsed)!r} needs a UTC offset, e.g. +01:00")
        parsed = pendulum.instance(parsed, tz=tz)
    return to_iso(parsed)


def optional_moment(field: str, value: object) -> str | None:
    if value is None or value == "":
        return None
    return moment(field, value)


def local(value: str | datetime, tz: Timezone) -> pendulum.DateTime:
    """A moment in the user's zone (pendulum, for calendar arithmetic)."""
    parsed = parse(value) if isinstance(value, str) else value
    return pendulum.instance(parsed).in_timezone(tz)


def local_date(value: str, tz: Timezone) -> date:
    """The user's calendar day of a stored moment (what the agenda groups by)."""
    parsed = parse(value).astimezone(tz)
    return date(parsed.year, parsed.month, parsed.day)


def add_days(value: str | datetime, days: int, tz: Timezone) -> str:
    """``days`` calendar days later at the same wall-clock time in the user's zone.

    Adding a timedelta to a datetime in a zone (pendulum's Timezone is a ZoneInfo) is wall-clock
    arithmetic, which is what a calendar day means; the offset is the new day's.
    """
    parsed = parse(value) if isinstance(value, str) else value
    return to_iso(parsed.astimezone(tz) + timedelta(days=days))


def add_working_days(value: str | datetime, days: int, tz: Timezone) -> str:
    """``days`` working days (Mon-Fri) later, same wall-clock time; a weekend start counts from Monday."""
    start = local(value, tz)
    day = start.date()
    counted = 0
    while counted < days:
        day = day + timedelta(days=1)
        if day.weekday() in WORKING_DAYS:
            counted += 1
    return to_iso(start.add(days=(day - start.date()).days))


def at_time_on(day: date, hour: int, minute: int, tz: Timezone) -> str:
    """A moment on a calendar day in the user's zone (for date-only due dates)."""
    return to_iso(pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=tz))


def as_date(field: str, value: object) -> date:
    """A calendar day from a date, a datetime or YYYY-MM-DD text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, f"{value!r} is not a date (YYYY-MM-DD)") from None
    raise ValidationError(field, "must be a date (YYYY-MM-DD)")


def hours_later(value: str, hours: int) -> str:
    """Exactly ``hours`` later, in the same offset as ``value`` (absolute time, rule FOLLOW-48H)."""
    return to_iso(parse(value) + timedelta(hours=hours))


def year_if_far(day: date, near: date) -> str:
    """ " 2027" when ``day`` is in another year than ``near`` (today, the week shown), else "": a
    far-off date shows its year ("Tue 1 Sep 2025"), a near one does not (issue 15)."""
    return f" {day.year}" if day.year != near.year else ""
