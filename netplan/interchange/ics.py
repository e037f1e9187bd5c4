"""`netplan export ics FILE`: the schedule and what needs doing as an iCalendar file (RFC 5545).

What is written, and why:

- one VEVENT per slot; a series is ``RRULE:FREQ=WEEKLY;INTERVAL=N`` from its first occurrence, with
  ``UNTIL`` (never COUNT: calcurse counts COUNT after removing EXDATEs, khal before, so the two
  would disagree) set to the end of the end date in the slot's zone, as UTC as RFC 5545 requires;
  no UNTIL when the series has no end date. The weekday comes from DTSTART (no BYDAY needed); a
  monthly series ("the first Tuesday of the month") is ``RRULE:FREQ=MONTHLY;BYDAY=1TU``;
- skipped occurrences as EXDATE in the slot's zone; a one-off entry has no RRULE;
- DURATION rather than DTEND, so an entry that spans a DST change keeps its length;
- times with TZID and a VTIMEZONE generated from the zone database (UTC slots are written as UTC);
- UIDs from the slot id and the data file's UID seed (setting ``ics_uid_seed``), so re-exporting
  updates the same entries in a calendar instead of duplicating them;
- kind, person, venue and upcoming bookings in DESCRIPTION, the venue in LOCATION; names only,
  never addresses (rule PERSONAL: no export carries several people's addresses).

- each event with a VALARM at its arrive-by time (rule ARRIVE-EARLY);
- each open follow-up, promise and reply due as a VTODO with DUE and an alarm (todos.py); a done
  one COMPLETED for a while, then gone.

``calendar_entries`` gives the components one by one: `netplan sync` writes each to its own file.

Per-occurrence bookings are not written as RECURRENCE-ID overrides: calcurse skips those.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Component, Event, Timezone, Todo

from netplan import __version__
from netplan.core.text import safe_text
from netplan.events.model import Event as NetplanEvent
from netplan.interchange.todos import CalendarTodo, calendar_todos, vtodo
from netplan.schedule.slot import Slot, local_zone_name
from netplan.schedule.week import UID_SEED_SETTING
from netplan.store.exports import write_export
from netplan.store.store import Store
from netplan.targets.model import Person, Venue

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 weekdays, Monday first

PRODID = f"-//netplan//netplan {__version__}//EN"
# Zones that are UTC under another name: written with Z and no VTIMEZONE.
UTC_NAMES = frozenset(
    {
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "Etc/Universal",
        "Universal",
        "Etc/Zulu",
        "Zulu",
        "GMT",
        "Etc/GMT",
        "Etc/GMT0",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "GMT0",
        "GMT+0",
        "GMT-0",
        "Etc/Greenwich",
        "Greenwich",
    }
)


def uid_seed(store: Store) -> str:
    """The data file's UID seed; a file from before seeds existed gets one derived from its path."""
    seed = store.setting(UID_SEED_SETTING)
    if isinstance(seed, str) and seed:
        return seed
    return str(uuid.uuid5(uuid.NAMESPACE_URL, store.path.as_uri()))


def item_uid(seed: str, key: str) -> str:
    """A UID unique to one item (``slot/3``, ``event/2``, ``promise/7``) of this data file, the same
    on every export: a calendar updates the entry instead of adding a second one."""
    return f"{uuid.uuid5(_uid_namespace(seed), key)}@netplan"


def slot_uid(seed: str, slot_id: int) -> str:
    """A UID unique to this slot of this data file, the same on every export."""
    return item_uid(seed, f"slot/{slot_id}")


def _zone_name(name: str) -> str:
    """A stored zone name, or this machine's zone for an empty one (the models' "local")."""
    return name or local_zone_name()


def _tzinfo(name: str) -> tzinfo:
    name = _zone_name(name)
    return UTC if name in UTC_NAMES else ZoneInfo(name)


def _local(day: date, slot: Slot) -> datetime:
    hour, minute = slot.hour_minute
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=_tzinfo(slot.tz))


def _description(slot: Slot, person: str | None, venue: str | None, bookings: list[str]) -> str:
    lines = [f"Kind: {slot.kind}"]
    if person:
        lines.append(f"With: {safe_text(person)}")
    if venue:
        lines.append(f"Venue: {safe_text(venue)}")
    lines.extend(bookings)
    lines.append(f"Schedule: {slot.describe_recurrence()} ({_zone_name(slot.tz)})")
    return "\n".join(lines)


def slot_event(store: Store, slot: Slot, seed: str, stamp: datetime) -> Event:
    """The VEVENT for one slot."""
    event = Event()
    event.add("uid", slot_uid(seed, slot.id))
    event.add("dtstamp", stamp)
    event.add("summary", safe_text(slot.title))
    event.add("dtstart", _local(slot.first_date, slot))
    event.add("duration", timedelta(minutes=slot.duration_minutes))
    if not slot.one_off:
        rule: dict[str, object] = {"freq": "weekly", "interval": slot.every_weeks}
        if slot.month_week is not None:  # "the first Tuesday of the month": BYDAY=1TU (RFC 5545 3.3.10)
            rule = {"freq": "monthly", "byday": f"{slot.month_week}{WEEKDAY_CODES[slot.weekday]}"}
        if slot.end is not None:
            end_of_day = datetime(
                slot.end.year, slot.end.month, slot.end.day, 23, 59, 59, tzinfo=_tzinfo(slot.tz)
            )
            rule["until"] = end_of_day.astimezone(UTC)
        event.add("rrule", rule)
        skipped = [
            _local(date.fromisoformat(day), slot)
            for day in slot.skipped_dates
            if slot.falls_on(date.fromisoformat(day))
        ]
        if skipped:
            event.add("exdate", skipped)
    person = store.get(Person, slot.person_id) if slot.person_id else None
    venue = store.get(Venue, slot.venue_id) if slot.venue_id else None
    today = store.clock.today().isoformat()
    bookings = []
    for day, person_id in slot.bookings.items():
        booked = store.get(Person, person_id)
        if day >= today and booked is not None and day not in slot.skipped_dates:
            bookings.append(f"Booked {day}: {safe_text(booked.name)}")
    event.add(
        "description",
        _description(slot, person.name if person else None, venue.name if venue else None, bookings),
    )
    if venue is not None:
        event.add("location", safe_text(venue.name))
    event.add("categories", [slot.kind])
    return event


def event_uid(seed: str, event_id: int) -> str:
    """A UID unique to this event of this data file, the same on every export."""
    return item_uid(seed, f"event/{event_id}")


def _uid_namespace(seed: str) -> uuid.UUID:
    try:
        return uuid.UUID(seed)
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, seed)


def _event_description(event: NetplanEvent, speakers: list[str], targets: list[str]) -> str:
    """rule ARRIVE-EARLY: the arrive-by time first; then the ask (SPECIFIC-ASK) and who (KNOW-THE-ROOM)."""
    lines = [f"Arrive by {event.arrive_by.strftime('%H:%M')} ({event.arrive_early_minutes} minutes early)"]
    if event.ask:
        lines.append(f"My ask: {safe_text(event.ask)}")
    lines.extend(f"Speaker: {line}" for line in speakers)
    lines.extend(f"To meet: {line}" for line in targets)
    return "\n".join(lines)


def event_vevent(store: Store, event: NetplanEvent, seed: str, stamp: datetime) -> Event:
    """The one-off VEVENT for an event: its zone's TZID, the venue as LOCATION; names only (PERSONAL)."""
    vevent = Event()
    vevent.add("uid", event_uid(seed, event.id))
    vevent.add("dtstamp", stamp)
    vevent.add("summary", safe_text(event.title))
    zone_info = _tzinfo(event.tz)
    # stdlib datetimes in the zone: icalendar writes their TZID (fold kept for a repeated hour)
    vevent.add("dtstart", datetime.fromisoformat(event.start).astimezone(zone_info))
    vevent.add("dtend", datetime.fromisoformat(event.end).astimezone(zone_info))
    venue = store.get(Venue, event.venue_id) if event.venue_id else None
    if venue is not None:
        vevent.add("location", safe_text(venue.name))
    speakers = [safe_text(f"{s.name} ({s.topic})" if s.topic else s.name) for s in event.speakers]
    targets = []
    for target in event.targets:
        person = store.get(Person, target.person_id)
        if person is not None:
            targets.append(safe_text(f"{person.name} ({target.why})" if target.why else person.name))
    vevent.add("description", _event_description(event, speakers, targets))
    vevent.add("categories", ["event"])
    return vevent


@dataclass(frozen=True)
class CalendarEntry:
    """One component of the calendar (a VEVENT or VTODO) and the dates its VTIMEZONE must cover."""

    uid: str
    component: Component
    first: date | None = None  # None: written in UTC, no VTIMEZONE needed
    last: date | None = None


def _window(first: date, end: date | None) -> tuple[date, date]:
    """A zone's transitions from a week before the first date to a year past the end (or the
    library's default horizon), so every occurrence a program expands has its offset."""
    last = Timezone.DEFAULT_LAST_DATE
    if end is not None:
        last = max(last, end + timedelta(days=366))
    return first - timedelta(days=7), last


def _arrive_by_alarm(event: NetplanEvent) -> Alarm:
    """rule ARRIVE-EARLY: the alarm rings at the arrive-by time (the start minus the minutes early)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    text = f"Arrive by {event.arrive_by.strftime('%H:%M')}: {event.title}"
    alarm.add("description", safe_text(text))
    alarm.add("trigger", timedelta(minutes=-event.arrive_early_minutes))  # before DTSTART
    return alarm


def calendar_entries(
    store: Store, stamp: datetime, todos: list[CalendarTodo] | None = None
) -> list[CalendarEntry]:
    """Every slot and event (VEVENT, an event with its arrive-by alarm) and every to-do (VTODO).

    ``todos`` defaults to ``calendar_todos(store)``; sync passes the list with what it closes.
    """
    seed = uid_seed(store)
    entries = []
    for slot in store.all(Slot):
        first, last = _window(slot.first_date, slot.end)
        entries.append(
            CalendarEntry(slot_uid(seed, slot.id), slot_event(store, slot, seed, stamp), first, last)
        )
    for item in store.all(NetplanEvent):  # the events capability: one-off entries with the schedule
        vevent = event_vevent(store, item, seed, stamp)
        vevent.add_component(_arrive_by_alarm(item))
        first, last = _window(item.start_at.date(), item.end_at.date())
        entries.append(CalendarEntry(event_uid(seed, item.id), vevent, first, last))
    for todo in calendar_todos(store) if todos is None else todos:
        uid = item_uid(seed, todo.ref.key)
        entries.append(CalendarEntry(uid, vtodo(todo, uid, stamp)))
    return entries


def new_calendar(name: str = "netplan") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def calendar_of(entries: list[CalendarEntry], name: str = "netplan") -> Calendar:
    """A VCALENDAR holding ``entries`` and the VTIMEZONEs their times need."""
    calendar = new_calendar(name)
    for entry in entries:
        calendar.add_component(entry.component)
    firsts = [entry.first for entry in entries if entry.first is not None]
    lasts = [entry.last for entry in entries if entry.last is not None]
    if firsts and lasts:
        calendar.add_missing_timezones(first_date=min(firsts), last_date=max(lasts))
    return calendar


def utc_stamp(store: Store) -> datetime:
    """Now, in UTC to the second (DTSTAMP)."""
    stamp = store.clock.now().in_timezone("UTC")
    return datetime(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second, tzinfo=UTC)


def build_calendar(store: Store) -> Calendar:
    """The schedule and the to-dos as an icalendar Calendar (with the VTIMEZONEs its times need)."""
    return calendar_of(calendar_entries(store, utc_stamp(store)), "netplan schedule")


def export_ics(store: Store, path: Path, *, force: bool = False) -> str:
    """Write the schedule and to-dos to ``path`` (atomically, 0600; an existing file only with
    ``force``); returns a one-line summary."""
    entries = calendar_entries(store, utc_stamp(store))
    write_export(store.path, path, calendar_of(entries, "netplan schedule").to_ical(), force=force)
    slots = store.all(Slot)
    recurring = sum(1 for slot in slots if not slot.one_off)
    events = store.count(NetplanEvent)
    todos = sum(1 for entry in entries if isinstance(entry.component, Todo))
    parts = [f"{len(slots)} schedule entries ({recurring} recurring)"]
    if events:
        parts.append(f"{events} event{'s' if events != 1 else ''}")
    if todos:
        parts.append(f"{todos} to-do{'s' if todos != 1 else ''}")
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"wrote {listed} to {path}"
