"""Stay in touch (rule GARDEN): each person's cadence, due date and the Slipping list.

The due date restarts from the last logged touch of any kind (a conversation, an event meeting, a
follow-up done), never from the last reminder. A person never touched has no due date: they are
someone to reach, not someone slipping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from netplan.targets.model import Person

# Default cadence by relationship stage: building a new contact, rapport, the wider network.
BUILDING_DAYS = 14
RAPPORT_DAYS = 30
WIDER_NETWORK_DAYS = 90
_BUILDING_STAGES = ("stranger", "new", "acquainted")
_RAPPORT_STAGES = ("rapport", "trusted")


def is_active_target(person: Person) -> bool:
    """A target aimed at a goal and not parked (rule SMALL-LIST counts these)."""
    return bool(person.goals) and not person.parked


def cadence_days(person: Person, stage: str) -> int:
    """The person's own cadence, else the default for their stage; non-targets are wider network."""
    if person.cadence_days:
        return person.cadence_days
    if not is_active_target(person):
        return WIDER_NETWORK_DAYS
    if stage in _RAPPORT_STAGES:
        return RAPPORT_DAYS
    return BUILDING_DAYS


def parse_moment(value: str | None, tz: tzinfo | None = None) -> datetime | None:
    """An ISO 8601 moment, in ``tz`` when given (so calendar maths follow that zone's DST).

    Standard-library datetimes: this runs for every person on every redraw of the people list, and
    building pendulum objects cost ten times as much (bench/people_bench.py).
    """
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=tz) if tz is not None else parsed
    return parsed.astimezone(tz) if tz is not None else parsed


def due_at(person: Person, stage: str, tz: tzinfo | None = None) -> datetime | None:
    """When the next touch is due: last touch + cadence days, counted in the user's zone ``tz``.

    A stored moment has a fixed UTC offset; adding days to it across a DST change would drift an
    hour, so the days are added to the wall-clock time in the user's zone (an aware datetime in a
    ZoneInfo zone keeps its wall time and takes the new offset). None if never touched.
    """
    last = parse_moment(person.last_touch, tz)
    if last is None:
        return None
    return last + timedelta(days=cadence_days(person, stage))


def may_slip(person: Person) -> bool:
    """Only real, active relationships slip: not a type of person, not parked, touched at least once."""
    return bool(person.last_touch) and not person.is_type and not person.parked


def due_day(person: Person, stage: str) -> date | None:
    """The calendar day the next touch is due (last touch's own date + cadence); None if never touched.

    The cheap, day-level form of due_at for lists that run over everyone (invite, planning).
    """
    if not person.last_touch:
        return None
    try:
        touched = datetime.fromisoformat(person.last_touch)
    except ValueError:
        return None
    return touched.date() + timedelta(days=cadence_days(person, stage))


@dataclass(frozen=True, slots=True)
class Slipping:
    person: Person
    due: datetime
    days_overdue: int


def slipping(people: list[Person], stages: dict[int, str], now: datetime) -> list[Slipping]:
    """People past their due date, most overdue first (ties by name)."""
    # Plain datetime arithmetic: with a pendulum ``now`` each comparison and subtraction built an
    # Interval, 10x slower; 2,000 people cost ~100 ms on every save (issue 9, bench/save_stall.py).
    now = datetime.fromtimestamp(now.timestamp(), tz=now.tzinfo)
    found = []
    for person in people:
        if not may_slip(person):
            continue
        due = due_at(person, stages.get(person.id, "stranger"), now.tzinfo)
        if due is not None and due < now:
            found.append(Slipping(person, due, (now - due).days))
    return sorted(found, key=lambda s: (s.due, s.person.name.casefold()))
