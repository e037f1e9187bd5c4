"""The weekly schedule: week math, expanding slots into dated occurrences, and the Week pane's view.

Everything here is a pure function of the store (or of a slot) returning dataclasses, cheap enough
to call on every week change: expansion walks only the weeks asked for (no scan from the start
date), and names are looked up by id.

Times: a slot's occurrences are computed in the slot's own zone (wall-clock time stays across DST
changes), then shown in the viewer's zone (``store.clock.tz``); an occurrence's ``date`` is always
the series date in the slot's zone, the key for skipping and booking it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pendulum import DateTime
from pendulum.tz.timezone import Timezone

from netplan.core.errors import NotFoundError, ValidationError
from netplan.schedule.slot import Slot, as_pendulum, wall_clock_utc, zone
from netplan.store.store import Store
from netplan.targets.model import Person, Venue

WEEK_START_SETTING = "week_start"  # 0 = Monday .. 6 = Sunday
UID_SEED_SETTING = "ics_uid_seed"  # per data file: makes exported UIDs stable and unique

OccurrenceKey = tuple[int, str]  # (slot id, ISO series date)


# weeks ---------------------------------------------------------------------------------------


def week_start_weekday(store: Store) -> int:
    """The configured first day of the week (setting ``week_start``, 0 = Monday; default Monday)."""
    value = store.setting(WEEK_START_SETTING, 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6 else 0


def week_containing(day: date, week_start: int = 0) -> date:
    """The first day of the week holding ``day``, for weeks starting on weekday ``week_start``."""
    return _as_date(day) - timedelta(days=(day.weekday() - week_start) % 7)


def this_week(store: Store) -> date:
    """The first day of the current week (the Week pane's `t`)."""
    return week_containing(store.clock.today(), week_start_weekday(store))


def shift_week(week_start_date: date, weeks: int) -> date:
    """The week ``weeks`` after (negative: before) the one starting on ``week_start_date`` (`[` / `]`)."""
    return _as_date(week_start_date) + timedelta(weeks=weeks)


def week_days(week_start_date: date) -> list[date]:
    """The seven days of the week starting on ``week_start_date``."""
    first = _as_date(week_start_date)
    return [first + timedelta(days=i) for i in range(7)]


def _as_date(day: date) -> date:
    # pendulum.Date is a datetime.date; normalise so results compare and hash alike.
    return date(day.year, day.month, day.day)


# expansion -----------------------------------------------------------------------------------


def occurrence_dates(slot: Slot, first: date, last: date, *, include_skipped: bool = False) -> list[date]:
    """The series dates of ``slot`` from ``first`` to ``last`` inclusive, skipped dates left out.

    Works from the week arithmetic, so asking for one week of a years-old series costs one step.
    """
    first, last = _as_date(first), _as_date(last)
    start = slot.first_date
    end = slot.end
    if end is not None:
        last = min(last, end)
    if last < start or last < first:
        return []
    if slot.one_off:
        days = [start] if first <= start <= last else []
    elif slot.month_week is not None:
        days = _monthly_dates(slot, max(first, start), last)
    else:
        step = 7 * slot.every_weeks
        steps_before = max(0, -(-(first - start).days // step))  # ceiling division
        day = start + timedelta(days=steps_before * step)
        days = []
        while day <= last:
            days.append(day)
            day += timedelta(days=step)
    if include_skipped or not slot.skipped_dates:
        return days
    skipped = set(slot.skipped_dates)
    return [day for day in days if day.isoformat() not in skipped]


def _monthly_dates(slot: Slot, first: date, last: date) -> list[date]:
    """The month's Nth weekday of each month from ``first`` to ``last`` (one step per month)."""
    days = []
    month = date(first.year, first.month, 1)
    while month <= last:
        day = month + timedelta(days=(slot.weekday - month.weekday()) % 7)
        while day.month == month.month and not slot.is_month_week(day):
            day += timedelta(days=7)
        if day.month == month.month and first <= day <= last:
            days.append(day)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return days


def occurrence_times(slot: Slot, day: date, tz: Timezone | None = None) -> tuple[DateTime, DateTime]:
    """Start and end of the occurrence on ``day``, in ``tz`` (default: the slot's zone).

    The duration is real elapsed time, so an entry spanning a DST change keeps its length.
    """
    hour, minute = slot.hour_minute
    start = wall_clock_utc(day, hour, minute, slot.tz)
    end = start + timedelta(minutes=slot.duration_minutes)
    shown = tz or zone(slot.tz)
    return as_pendulum(start.astimezone(shown)), as_pendulum(end.astimezone(shown))


@dataclass(frozen=True)
class Occurrence:
    """One dated instance of a slot, with the names the Week pane shows."""

    slot: Slot
    date: date  # the series date in the slot's zone: the key for skip and book
    start: DateTime  # in the viewer's zone
    end: DateTime
    skipped: bool = False
    person_name: str | None = None  # the slot's standing person, if any
    venue_name: str | None = None
    booked_person_id: int | None = None  # booked for this occurrence only
    booked_person_name: str | None = None
    overlaps_with: tuple[OccurrenceKey, ...] = ()  # other occurrences whose time intersects

    @property
    def key(self) -> OccurrenceKey:
        return (self.slot.id, self.date.isoformat())

    @property
    def person_id(self) -> int | None:
        """Who this occurrence is with: the booking, else the slot's standing person."""
        return self.booked_person_id or self.slot.person_id

    @property
    def overlaps(self) -> bool:
        return bool(self.overlaps_with)

    @property
    def is_empty(self) -> bool:
        """A coffee or lunch with nobody booked: the Week pane offers "who should I invite?"."""
        return self.slot.is_one_on_one and not self.skipped and self.person_id is None


class _Names:
    """Person and venue names by id, looked up once per call."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.people: dict[int, str | None] = {}
        self.venues: dict[int, str | None] = {}

    def person(self, person_id: int | None) -> str | None:
        if person_id is None:
            return None
        if person_id not in self.people:
            found = self.store.get(Person, person_id)
            self.people[person_id] = found.name if found else None
        return self.people[person_id]

    def venue(self, venue_id: int | None) -> str | None:
        if venue_id is None:
            return None
        if venue_id not in self.venues:
            found = self.store.get(Venue, venue_id)
            self.venues[venue_id] = found.name if found else None
        return self.venues[venue_id]


def occurrences(
    store: Store,
    first: date,
    last: date,
    *,
    include_skipped: bool = False,
    tz: Timezone | None = None,
    slots: list[Slot] | None = None,
) -> list[Occurrence]:
    """Every occurrence whose start falls on ``first``..``last`` in the viewer's zone, by start time."""
    view_tz = tz or store.clock.tz
    first, last = _as_date(first), _as_date(last)
    names = _Names(store)
    found: list[Occurrence] = []
    for slot in store.all(Slot) if slots is None else slots:
        skipped = set(slot.skipped_dates)
        # A slot in another zone can land on another day in ours (up to 26 hours apart): look wider.
        for day in occurrence_dates(
            slot, first - timedelta(days=2), last + timedelta(days=2), include_skipped=include_skipped
        ):
            start, end = occurrence_times(slot, day, view_tz)
            if not first <= _as_date(start.date()) <= last:
                continue
            booked = slot.bookings.get(day.isoformat())
            found.append(
                Occurrence(
                    slot=slot,
                    date=day,
                    start=start,
                    end=end,
                    skipped=day.isoformat() in skipped,
                    person_name=names.person(slot.person_id),
                    venue_name=names.venue(slot.venue_id),
                    booked_person_id=booked,
                    booked_person_name=names.person(booked),
                )
            )
    found.sort(key=lambda occ: (occ.start, occ.end, occ.slot.id))
    return found


def flag_overlaps(found: list[Occurrence]) -> list[Occurrence]:
    """The same occurrences (sorted by start), each carrying the keys of those it overlaps.

    Skipped occurrences overlap nothing; touching ends (10:00-10:30 then 10:30) do not overlap.
    """
    ordered = sorted(found, key=lambda occ: (occ.start, occ.end, occ.slot.id))
    clashes: dict[OccurrenceKey, list[OccurrenceKey]] = {occ.key: [] for occ in ordered}
    active = [occ for occ in ordered if not occ.skipped]
    for i, occ in enumerate(active):
        for other in active[i + 1 :]:
            if other.start >= occ.end:
                break  # sorted by start: nothing later can overlap ``occ``
            clashes[occ.key].append(other.key)
            clashes[other.key].append(occ.key)
    return [replace(occ, overlaps_with=tuple(clashes[occ.key])) for occ in ordered]


def week_view(store: Store, week_start_date: date, *, include_skipped: bool = True) -> list[Occurrence]:
    """The occurrences of the week starting on ``week_start_date`` (7 days), overlaps flagged.

    Skipped occurrences are included (``skipped=True``) so the pane can show and restore them.
    """
    first = _as_date(week_start_date)
    found = occurrences(store, first, first + timedelta(days=6), include_skipped=include_skipped)
    return flag_overlaps(found)


# changing slots and occurrences ----------------------------------------------------------------


def ensure_uid_seed(store: Store) -> str:
    """The data file's UID seed for .ics export, created on first use (stable thereafter)."""
    seed = store.setting(UID_SEED_SETTING)
    if not isinstance(seed, str) or not seed:
        seed = str(uuid.uuid4())
        store.set_setting(UID_SEED_SETTING, seed)
    return seed


def add_slot(store: Store, slot: Slot) -> Slot:
    """Store a new slot (validated); an empty ``tz`` becomes the store clock's zone."""
    if not slot.tz:
        slot = replace(slot, tz=store.clock.tz.name)
    with store.transaction():
        ensure_uid_seed(store)
        return store.insert(slot)


def update_slot(store: Store, slot: Slot) -> Slot:
    """Save an edited slot; skips and bookings on dates the edited series no longer has are dropped."""
    clean = slot.validated()
    kept = replace(
        clean,
        skipped_dates=[d for d in clean.skipped_dates if clean.falls_on(date.fromisoformat(d))],
        bookings={d: p for d, p in clean.bookings.items() if clean.falls_on(date.fromisoformat(d))},
    )
    return store.update(kept)


def delete_slot(store: Store, slot_id: int) -> None:
    """Delete a slot and every occurrence of it (NotFoundError if it does not exist)."""
    store.remove(Slot, slot_id)


def get_slot(store: Store, slot_id: int) -> Slot:
    slot = store.get(Slot, slot_id)
    if slot is None:
        raise NotFoundError(f"no slot with id {slot_id}")
    return slot


def _occurring(slot: Slot, day: date) -> str:
    day = _as_date(day)
    if not slot.falls_on(day):
        raise ValidationError("date", f"{slot.title!r} has no occurrence on {day.isoformat()}")
    return day.isoformat()


def skip_occurrence(store: Store, slot_id: int, day: date) -> Slot:
    """Skip one occurrence (added to ``skipped_dates``); the series and its other dates stay."""
    slot = get_slot(store, slot_id)
    iso = _occurring(slot, day)
    if iso in slot.skipped_dates:
        return slot
    return store.update(replace(slot, skipped_dates=[*slot.skipped_dates, iso]))


def restore_occurrence(store: Store, slot_id: int, day: date) -> Slot:
    """Undo a skip."""
    slot = get_slot(store, slot_id)
    iso = _as_date(day).isoformat()
    return store.update(replace(slot, skipped_dates=[d for d in slot.skipped_dates if d != iso]))


def book_occurrence(store: Store, slot_id: int, day: date, person_id: int) -> Slot:
    """Book ``person_id`` for the occurrence on ``day`` only (fill a coffee or lunch slot)."""
    slot = get_slot(store, slot_id)
    iso = _occurring(slot, day)
    if iso in slot.skipped_dates:
        raise ValidationError("date", f"{slot.title!r} on {iso} is skipped; restore it before booking")
    if store.get(Person, person_id) is None:
        raise NotFoundError(f"no person with id {person_id}")
    return store.update(replace(slot, bookings={**slot.bookings, iso: person_id}))


def mark_held(store: Store, slot_id: int, day: date, *, held: bool = True) -> Slot:
    """Say the occurrence on ``day`` took place (or, ``held=False``, that it did not): the weekly
    planning counts it as held (netplan.schedule.planning). Only an occurrence that has started."""
    slot = get_slot(store, slot_id)
    iso = _occurring(slot, day)
    if held and iso in slot.skipped_dates:
        raise ValidationError("date", f"{slot.title!r} on {iso} is skipped; restore it first")
    start, _ = occurrence_times(slot, _as_date(day), store.clock.tz)
    if held and start > store.clock.now():
        raise ValidationError("date", f"{slot.title!r} on {iso} has not started yet")
    dates = [d for d in slot.held_dates if d != iso] + ([iso] if held else [])
    return store.update(replace(slot, held_dates=sorted(dates)))


def unbook_occurrence(store: Store, slot_id: int, day: date) -> Slot:
    slot = get_slot(store, slot_id)
    iso = _as_date(day).isoformat()
    return store.update(replace(slot, bookings={d: p for d, p in slot.bookings.items() if d != iso}))


def slot_summary(slot: Slot) -> str:
    """One line for lists and the CLI: 'coffee: Coffee with Marcus, every Tuesday 08:30 (45 min)'."""
    return f"{slot.kind}: {slot.title}, {slot.describe_recurrence()} ({slot.duration_minutes} min)"
