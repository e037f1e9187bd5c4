"""Slots: the standing networking time of the weekly schedule (rules ALWAYS-ON, FORMAL-AND-INFORMAL).

A slot is a recurring entry (every N weeks on a weekday at a wall-clock time in an IANA time zone,
from a start date to an optional end date, minus skipped dates) or a one-off dated entry. The time
is wall-clock time in the slot's zone: across a DST change a 18:30 group stays at 18:30.

``bookings`` holds per-occurrence people (``{"2026-11-26": person_id}``): filling one coffee slot
with one person leaves the series alone. Expansion into dated occurrences lives in schedule.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any, ClassVar, Self

import pendulum
from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime
from pendulum.tz.timezone import Timezone

from netplan.core import validate as v
from netplan.core.clock import Clock
from netplan.core.errors import ValidationError
from netplan.core.record import Record

# rule FORMAL-AND-INFORMAL: informal one-on-ones (coffee, lunch) beside formal groups and events.
SLOT_KINDS = ("coffee", "lunch", "group meeting", "event", "outreach block")
# Kinds that are about meeting one person: an occurrence of these wants someone booked.
ONE_ON_ONE_KINDS = ("coffee", "lunch")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_DURATION_MINUTES = 24 * 60
MAX_EVERY_WEEKS = 52
# A monthly series falls on the Nth weekday of each month ("the first Tuesday"): 1..4, or -1 for the
# last one. "Every 4 weeks" is not the same: it drifts through the month (issue 15).
MONTH_WEEKS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


@lru_cache(maxsize=64)
def zone(name: str) -> Timezone:
    """The pendulum time zone for an IANA name (cached: expansion asks for it per occurrence)."""
    tz = pendulum.timezone(name)
    assert isinstance(tz, Timezone)
    return tz


def as_pendulum(moment: datetime) -> pendulum.DateTime:
    """A zone-aware stdlib datetime as a pendulum DateTime (the cheap way: no re-normalising)."""
    return pendulum.DateTime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=moment.tzinfo,
        fold=moment.fold,
    )


def wall_clock_utc(day: date, hour: int, minute: int, tz_name: str) -> datetime:
    """The instant (UTC) of ``day`` at ``hour:minute`` wall-clock time in the zone, as RFC 5545 reads it.

    An ambiguous time (the repeated hour when clocks go back) is its first occurrence, and a time
    in a DST gap is read with the offset before the gap (so 02:30 becomes 03:30 summer time), which
    is what calendar programs do with the exported file too (RFC 5545 section 3.3.5). Python's
    fold=0 reading of a local time is exactly that rule.
    """
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone(tz_name)).astimezone(UTC)


def wall_clock(day: date, hour: int, minute: int, tz_name: str) -> pendulum.DateTime:
    """``day`` at ``hour:minute`` in the zone (see wall_clock_utc), as a pendulum DateTime there."""
    return as_pendulum(wall_clock_utc(day, hour, minute, tz_name).astimezone(zone(tz_name)))


def parse_time(field_name: str, value: object) -> tuple[int, int]:
    """``HH:MM`` (24-hour) as (hour, minute), or ValidationError naming the field."""
    text = v.required(field_name, value, max_len=5)
    parts = text.split(":")
    if (
        len(parts) != 2
        or not all(p.isascii() and p.isdigit() for p in parts)
        or len(parts[1]) != 2
        or len(parts[0]) not in (1, 2)
    ):
        raise ValidationError(field_name, f"{text!r} is not a time as HH:MM")
    hour, minute = int(parts[0]), int(parts[1])
    if hour > 23 or minute > 59:
        raise ValidationError(field_name, f"{text!r} is not a time of day (00:00 to 23:59)")
    return hour, minute


def _whole_number(field_name: str, value: object, low: int, high: int, unit: str) -> int:
    if isinstance(value, bool):
        raise ValidationError(field_name, f"must be a whole number of {unit}")
    try:
        number = int(value) if isinstance(value, str) else value
    except ValueError:
        raise ValidationError(field_name, f"{value!r} is not a whole number of {unit}") from None
    if not isinstance(number, int):
        raise ValidationError(field_name, f"must be a whole number of {unit}")
    if number < low:
        raise ValidationError(field_name, f"must be at least {low} {unit}")
    if number > high:
        raise ValidationError(field_name, f"must be at most {high} {unit}")
    return number


def _time_zone(field_name: str, value: object) -> str:
    name = v.required(field_name, value, max_len=64)
    try:
        zone(name)
    except ValueError:  # pendulum's InvalidTimezone, and zoneinfo's malformed-key error
        raise ValidationError(field_name, f"{name!r} is not a known time zone (e.g. Europe/Berlin)") from None
    return name


def _month_week(value: object) -> int | None:
    if value is None or value == "" or value == 0:
        return None
    if isinstance(value, bool) or str(value).strip() not in {str(n) for n in MONTH_WEEKS}:
        names = ", ".join(f"{n} ({name})" for n, name in MONTH_WEEKS.items())
        raise ValidationError("month_week", f"must be one of {names}, or empty for a weekly series")
    return int(str(value).strip())


def _optional_id(field_name: str, value: object) -> int | None:
    if value is None or value == "" or value == 0:
        return None
    return _whole_number(field_name, value, 1, 2**53, "(an id)")


def _dates(field_name: str, value: object) -> list[str]:
    if not value:
        return []
    if not isinstance(value, list | tuple):
        raise ValidationError(field_name, "must be a list of dates")
    return sorted({v.iso_date(field_name, item) or "" for item in value} - {""})


def _bookings(value: object) -> dict[str, int]:
    if not value:
        return {}
    if not isinstance(value, dict):
        raise ValidationError("bookings", "must map dates to people")
    clean: dict[str, int] = {}
    for day, person_id in value.items():
        iso = v.iso_date("bookings", day)
        pid = _optional_id("bookings", person_id)
        if iso and pid:
            clean[iso] = pid
    return dict(sorted(clean.items()))


@dataclass(frozen=True)
class Slot(Record):
    """A standing schedule entry: recurring every ``every_weeks`` weeks, or one dated ``one_off``."""

    TABLE: ClassVar[str] = "slots"
    kind: str
    title: str
    weekday: int = 0  # 0 = Monday .. 6 = Sunday; a one-off takes its start date's weekday
    time: str = "08:00"  # HH:MM wall-clock time in ``tz``
    duration_minutes: int = 30
    tz: str = ""  # IANA zone; empty means the local zone (schedule.add_slot fills the store clock's)
    every_weeks: int = 1
    start_date: str = ""  # ISO date: a one-off's date, or the day a series starts (inclusive)
    end_date: str | None = None  # ISO date: the last day a series may fall on (inclusive)
    skipped_dates: list[str] = field(default_factory=list)  # occurrences cancelled, series kept
    person_id: int | None = None  # a standing one-on-one with one person
    venue_id: int | None = None  # where it happens (a formal group, an informal spot...)
    one_off: bool = False
    bookings: dict[str, int] = field(default_factory=dict)  # ISO date -> person booked for that one
    month_week: int | None = None  # set: monthly, on the Nth weekday (MONTH_WEEKS); every_weeks unused
    # Occurrences the user said took place (the planning's "held"): a booked time passing proves nothing.
    held_dates: list[str] = field(default_factory=list)
    id: int = 0

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int) -> Self:
        known = {name: doc[name] for name in cls.__dataclass_fields__ if name in doc}
        # Copy the containers; anything malformed is left for validated() to name (netplan check).
        skipped, bookings = known.get("skipped_dates") or [], known.get("bookings") or {}
        known["skipped_dates"] = list(skipped) if isinstance(skipped, list) else skipped
        known["bookings"] = dict(bookings) if isinstance(bookings, dict) else bookings
        held = known.get("held_dates") or []
        known["held_dates"] = list(held) if isinstance(held, list) else held
        known["id"] = doc_id
        return cls(**known)

    # derived -------------------------------------------------------------------------------

    @property
    def hour_minute(self) -> tuple[int, int]:
        return parse_time("time", self.time)

    @property
    def start(self) -> date:
        return date.fromisoformat(self.start_date)

    @property
    def end(self) -> date | None:
        if self.one_off:
            return self.start
        return date.fromisoformat(self.end_date) if self.end_date else None

    @property
    def first_date(self) -> date:
        """The date of the first occurrence: the start date, or the first ``weekday`` after it (for a
        monthly series, the first one that is the month's Nth ``weekday``)."""
        start = self.start
        if self.one_off:
            return start
        day = start + timedelta(days=(self.weekday - start.weekday()) % 7)
        if self.month_week is None:
            return day
        while not self.is_month_week(day):
            day += timedelta(days=7)
        return day

    def is_month_week(self, day: date) -> bool:
        """``day`` is the month's Nth weekday of this monthly series ("the first Tuesday")."""
        if self.month_week == -1:
            return (day + timedelta(days=7)).month != day.month
        return (day.day - 1) // 7 + 1 == self.month_week

    @property
    def is_one_on_one(self) -> bool:
        return self.kind in ONE_ON_ONE_KINDS

    def falls_on(self, day: date) -> bool:
        """Whether the series (skips aside) has an occurrence on ``day``."""
        first = self.first_date
        if day < first or (self.end is not None and day > self.end):
            return False
        if self.one_off:
            return day == first
        if self.month_week is not None:
            return day.weekday() == self.weekday and self.is_month_week(day)
        return (day - first).days % (7 * self.every_weeks) == 0

    def describe_recurrence(self) -> str:
        """e.g. 'every Thursday 18:30' or 'every 2 weeks on Tuesday 08:30' or 'once on 2026-11-27 12:00'."""
        if self.one_off:
            return f"once on {self.start_date} {self.time}"
        until = f" until {self.end_date}" if self.end_date else ""
        if self.month_week is not None:
            ordinal = MONTH_WEEKS.get(self.month_week, "")
            return f"the {ordinal} {WEEKDAYS[self.weekday]} of the month {self.time}{until}"
        every = "every" if self.every_weeks == 1 else f"every {self.every_weeks} weeks on"
        return f"{every} {WEEKDAYS[self.weekday]} {self.time}{until}"

    # validation ----------------------------------------------------------------------------

    def validated(self) -> Slot:
        kind = v.choice("kind", self.kind, SLOT_KINDS)
        title = v.required("title", self.title)
        hour, minute = parse_time("time", self.time)
        duration = _whole_number(
            "duration_minutes", self.duration_minutes, 1, MAX_DURATION_MINUTES, "minutes"
        )
        tz = _time_zone("tz", self.tz or local_zone_name())
        start_date = v.iso_date("start_date", self.start_date)
        if start_date is None:
            raise ValidationError("start_date", "is required")
        one_off = bool(self.one_off)
        if one_off:
            weekday, every_weeks, end_date = date.fromisoformat(start_date).weekday(), 1, None
        else:
            weekday = _whole_number("weekday", self.weekday, 0, 6, "(0 = Monday .. 6 = Sunday)")
            every_weeks = _whole_number("every_weeks", self.every_weeks, 1, MAX_EVERY_WEEKS, "weeks")
            end_date = v.iso_date("end_date", self.end_date)
        month_week = None if one_off else _month_week(self.month_week)
        clean = replace(
            self,
            kind=kind,
            title=title,
            weekday=weekday,
            time=f"{hour:02d}:{minute:02d}",
            duration_minutes=duration,
            tz=tz,
            every_weeks=every_weeks,
            start_date=start_date,
            end_date=end_date,
            skipped_dates=_dates("skipped_dates", self.skipped_dates),
            held_dates=_dates("held_dates", self.held_dates),
            month_week=month_week,
            person_id=_optional_id("person_id", self.person_id),
            venue_id=_optional_id("venue_id", self.venue_id),
            one_off=one_off,
            bookings=_bookings(self.bookings),
        )
        if end_date is not None and end_date < start_date:
            raise ValidationError("end_date", f"{end_date} is before the start date {start_date}")
        first = clean.first_date
        if clean.end is not None and first > clean.end:
            raise ValidationError(
                "end_date", f"the series has no {WEEKDAYS[weekday]} between {start_date} and {end_date}"
            )
        # A time that does not exist on the first occurrence's day (clocks jump forward) is refused
        # rather than silently moved; later occurrences that hit a gap are read as RFC 5545 does.
        try:
            pendulum.datetime(
                first.year, first.month, first.day, hour, minute, tz=zone(tz), raise_on_unknown_times=True
            )
        except AmbiguousTime:
            pass  # the repeated hour when clocks go back: read as its first occurrence
        except NonExistingTime:
            raise ValidationError(
                "time", f"{clean.time} does not exist on {first.isoformat()} in {tz} (clocks go forward)"
            ) from None
        return clean


def local_zone_name() -> str:
    """The IANA name of this machine's zone (UTC when it has none)."""
    return Clock().tz.name
