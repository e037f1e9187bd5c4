"""Events in the store: saving (with the generated prep checklist), finding, and the views others show.

- ``save_event`` / ``delete_event`` / ``get_event`` / ``find_event`` (by id or title, for the CLI);
- ``events_in_range`` for the Week pane, ``event_list`` for the events screen;
- ``agenda_events``: what netplan.agenda shows of a day's events: today's
  events with their arrive-by time (rule ARRIVE-EARLY).

Times shown to the user are in the store clock's zone (where the user is); each event keeps its own
zone for its wall-clock times and the .ics export.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pendulum
from pendulum import DateTime

from netplan.core import moments
from netplan.core.errors import NotFoundError, ValidationError
from netplan.events.model import Event
from netplan.store import schema
from netplan.store.store import Store
from netplan.targets.model import Goal, Person, Venue


@dataclass(frozen=True)
class AgendaEvent:
    """An event on the day (rule ARRIVE-EARLY: with its arrive-by time)."""

    title: str
    start: str  # ISO 8601 with offset
    arrive_by: str
    where: str = ""
    id: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start,
            "arrive_by": self.arrive_by,
            "where": self.where,
            "venue": self.where,  # the events capability's name for it (rule ARRIVE-EARLY)
        }


# saving ----------------------------------------------------------------------------------------


def _check_references(store: Store, event: Event) -> None:
    """Everything the event points at exists (NotFoundError naming it otherwise)."""
    if event.venue_id is not None and store.get(Venue, event.venue_id) is None:
        raise NotFoundError(f"no venue with id {event.venue_id}")
    people = store.column(Person, "name")  # the ids that exist
    wanted = [
        *(s.person_id for s in event.speakers if s.person_id is not None),
        *(t.person_id for t in event.targets),
        *event.met,
    ]
    missing = [person_id for person_id in wanted if person_id not in people]
    if missing:
        raise NotFoundError(f"no person with id {missing[0]}")
    for goal_id in event.goal_ids:
        if store.get(Goal, goal_id) is None:
            raise NotFoundError(f"no goal with id {goal_id}")


def save_event(store: Store, event: Event) -> Event:
    """Add (id 0) or update an event; the prep checklist is (re)generated from the template.

    The generated items say the event's own values (arrive by 18:10, the speakers' names...), so an
    edit rewrites their text; ticks and custom items are kept.
    """
    # the checklist brings in the coach's rules: imported when an event is saved, not by every
    # reader of events (`netplan agenda`, issue 17)
    from netplan.events.prep import generate_checklist

    clean = replace(event, tz=event.tz or store.clock.tz.name).validated()
    _check_references(store, clean)
    clean = replace(clean, checklist=generate_checklist(store, clean))
    if clean.id:
        return store.update(clean)
    return store.insert(clean)


def get_event(store: Store, event_id: int) -> Event:
    event = store.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"no event with id {event_id}")
    return event


def delete_event(store: Store, event_id: int) -> None:
    """Remove the event; the people met and their follow-ups stay."""
    store.remove(Event, event_id)


def find_event(store: Store, query: str) -> Event:
    """The event named by ``query``: its id, else its title (any case), else the one title containing it."""
    wanted = query.strip()
    if not wanted:
        raise ValidationError("event", "is required")
    if schema.is_record_id(wanted) and (by_id := store.get(Event, int(wanted))) is not None:
        return by_id
    events = sorted(store.all(Event), key=lambda e: moments.timestamp(e.start))
    folded = wanted.casefold()
    exact = [e for e in events if e.title.casefold() == folded]
    candidates = exact or [e for e in events if folded in e.title.casefold()]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise NotFoundError(f"no event matching {wanted!r}")
    listed = ", ".join(f"{e.id}: {e.title!r}" for e in candidates[:5])
    raise ValidationError("event", f"{wanted!r} matches several events ({listed}); give the id")


# names -----------------------------------------------------------------------------------------


def person_names(store: Store) -> dict[int, str]:
    return {person_id: str(name or "") for person_id, name in store.column(Person, "name").items()}


def venue_name(store: Store, event: Event) -> str:
    venue = store.get(Venue, event.venue_id) if event.venue_id else None
    return venue.name if venue else ""


def missing_person(person_id: int) -> str:
    return f"(missing person {person_id})"


# views -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventEntry:
    """One event as a calendar shows it: times in the viewer's zone (the Week pane, the events list)."""

    id: int
    title: str
    start: DateTime
    end: DateTime
    arrive_by: DateTime  # rule ARRIVE-EARLY
    venue: str  # the venue's name, or ""
    done: int  # prep checklist items ticked
    items: int  # prep checklist items
    met: int  # people captured after it


def _entry(store: Store, event: Event, venues: dict[int, str]) -> EventEntry:
    tz = store.clock.tz
    done, items = event.progress
    return EventEntry(
        id=event.id,
        title=event.title,
        start=event.start_at.in_timezone(tz),
        end=event.end_at.in_timezone(tz),
        arrive_by=event.arrive_by.in_timezone(tz),
        venue=venues.get(event.venue_id, "") if event.venue_id else "",
        done=done,
        items=items,
        met=len(event.met),
    )


def _venue_names(store: Store) -> dict[int, str]:
    return {venue_id: str(name or "") for venue_id, name in store.column(Venue, "name").items()}


def _day_start(day: date, store: Store) -> DateTime:
    return pendulum.datetime(day.year, day.month, day.day, tz=store.clock.tz)


def events_between(store: Store, start: DateTime, end: DateTime) -> list[Event]:
    """Events starting in [start, end), soonest first."""
    low, high = start.timestamp(), end.timestamp()
    found = [e for e in store.all(Event) if low <= moments.timestamp(e.start) < high]
    return sorted(found, key=lambda e: (moments.timestamp(e.start), e.id))


def events_in_range(store: Store, start: date, end: date) -> list[EventEntry]:
    """The events starting on the days ``start`` to ``end`` inclusive (the user's calendar days).

    For the Week pane: ``events_in_range(store, week_start, week_start + 6 days)``; each entry has
    the title, start, end, arrive-by (in the user's zone) and the venue's name; soonest first.
    """
    venues = _venue_names(store)
    found = events_between(store, _day_start(start, store), _day_start(end + timedelta(days=1), store))
    return [_entry(store, event, venues) for event in found]


def event_list(store: Store, *, past_days: int = 14) -> list[EventEntry]:
    """Upcoming events, and those that ended in the last ``past_days`` days (to capture who you met)."""
    since = store.clock.now().subtract(days=past_days).timestamp()
    venues = _venue_names(store)
    found = [e for e in store.all(Event) if moments.timestamp(e.end) >= since]
    found.sort(key=lambda e: (moments.timestamp(e.start), e.id))
    return [_entry(store, event, venues) for event in found]


def agenda_events(store: Store, day: date) -> list[AgendaEvent]:
    """The agenda's events for ``day``: those starting that day, arrive-by first (rule ARRIVE-EARLY)."""
    venues = _venue_names(store)
    found = events_between(store, _day_start(day, store), _day_start(day + timedelta(days=1), store))
    return [
        AgendaEvent(
            title=event.title,
            start=event.start,
            arrive_by=moments.to_iso(event.arrive_by),
            where=venues.get(event.venue_id, "") if event.venue_id else "",
            id=event.id,
        )
        for event in found
    ]
