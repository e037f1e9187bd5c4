"""`netplan export ics FILE`: the weekly schedule as an iCalendar file (RFC 5545, via icalendar).

What is written, and why:

- one VEVENT per slot; a series is ``RRULE:FREQ=WEEKLY;INTERVAL=N`` from its first occurrence, with
  ``UNTIL`` (never COUNT: calcurse counts COUNT after removing EXDATEs, khal before, so the two
  would disagree) set to the end of the end date in the slot's zone, as UTC as RFC 5545 requires;
  no UNTIL when the series has no end date. The weekday comes from DTSTART (no BYDAY needed);
- skipped occurrences as EXDATE in the slot's zone; a one-off entry has no RRULE;
- DURATION rather than DTEND, so an entry that spans a DST change keeps its length;
- times with TZID and a VTIMEZONE generated from the zone database (UTC slots are written as UTC);
- UIDs from the slot id and the data file's UID seed (setting ``ics_uid_seed``), so re-exporting
  updates the same entries in a calendar instead of duplicating them;
- kind, person, venue and upcoming bookings in DESCRIPTION, the venue in LOCATION; names only,
  never addresses (rule PERSONAL: no export carries several people's addresses).

Per-occurrence bookings are not written as RECURRENCE-ID overrides: calcurse skips those.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from netplan import __version__
from netplan.core.text import safe_text
from netplan.events.model import Event as NetplanEvent
from netplan.schedule.slot import Slot
from netplan.schedule.week import UID_SEED_SETTING
from netplan.store.exports import write_export
from netplan.store.store import Store
from netplan.targets.model import Person, Venue

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


def slot_uid(seed: str, slot_id: int) -> str:
    """A UID unique to this slot of this data file, the same on every export."""
    try:
        namespace = uuid.UUID(seed)
    except ValueError:
        namespace = uuid.uuid5(uuid.NAMESPACE_URL, seed)
    return f"{uuid.uuid5(namespace, f'slot/{slot_id}')}@netplan"


def _tzinfo(name: str) -> tzinfo:
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
    lines.append(f"Schedule: {slot.describe_recurrence()} ({slot.tz})")
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
    return f"{uuid.uuid5(_uid_namespace(seed), f'event/{event_id}')}@netplan"


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


def build_calendar(store: Store) -> Calendar:
    """The schedule as an icalendar Calendar (with the VTIMEZONEs its times need)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "netplan schedule")
    seed = uid_seed(store)
    stamp = store.clock.now().in_timezone("UTC")
    stamp_utc = datetime(
        stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second, tzinfo=UTC
    )
    slots = store.all(Slot)
    for slot in slots:
        calendar.add_component(slot_event(store, slot, seed, stamp_utc))
    events = store.all(NetplanEvent)  # the events capability: one-off entries with the schedule
    for item in events:
        calendar.add_component(event_vevent(store, item, seed, stamp_utc))
    if slots or events:
        starts = [*(slot.first_date for slot in slots), *(item.start_at.date() for item in events)]
        first = min(starts) - timedelta(days=7)
        ends = [slot.end for slot in slots if slot.end is not None]
        ends += [item.end_at.date() for item in events]
        last = max([Timezone.DEFAULT_LAST_DATE, *(end + timedelta(days=366) for end in ends)])
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar


def export_ics(store: Store, path: Path, *, force: bool = False) -> str:
    """Write the schedule to ``path`` (atomically, 0600; an existing file only with ``force``);
    returns a one-line summary."""
    calendar = build_calendar(store)
    write_export(store.path, path, calendar.to_ical(), force=force)
    slots = store.all(Slot)
    recurring = sum(1 for slot in slots if not slot.one_off)
    events = store.count(NetplanEvent)
    also = f" and {events} event{'s' if events != 1 else ''}" if events else ""
    return f"wrote {len(slots)} schedule entries ({recurring} recurring){also} to {path}"
