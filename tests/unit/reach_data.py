"""A small week for the sync and remind tests: a coffee with a promise each way and its follow-up,
a message waiting for a reply, and an event with an arrive-by time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from icalendar import Calendar

from netplan.events.model import Event
from netplan.events.saved import save_event
from netplan.notes.followups import log_inbound
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation
from netplan.store.store import Store
from netplan.targets.model import Person, Venue


@dataclass(frozen=True)
class ReachWeek:
    marcus: int
    follow_up: int
    my_promise: int
    their_promise: int
    reply: int
    event: int


def reach_week(store: Store) -> ReachWeek:
    """With the tests' clock at Tue 24 Nov 2026 09:30 Berlin: everything due this week."""
    marcus = store.insert(Person(name="Marcus Oyelaran", company="Fernwood", email="marcus@example.org"))
    lena = store.insert(Person(name="Lena Fischer"))
    logged = log_conversation(
        store,
        Conversation(person_id=marcus.id, when="2026-11-23T08:30:00+01:00"),
        promises_mine=[("Send the deck", "2026-11-24T17:00:00+01:00")],
        promises_theirs=[("Intro to Sally Jones", "2026-11-27T12:00:00+01:00")],
    )
    request = log_inbound(store, lena.id, "a job at GridShift", received="2026-11-23T11:00:00+01:00")
    venue = store.insert(Venue(name="Kulturbrauerei", kind="conference/meetup"))
    event = save_event(
        store,
        Event(
            title="Staff+ Meetup",
            start="2026-11-24T18:30:00+01:00",
            end="2026-11-24T21:00:00+01:00",
            venue_id=venue.id,
        ),
    )
    mine, theirs = logged.promises
    return ReachWeek(marcus.id, logged.follow_up.id, mine.id, theirs.id, request.id, event.id)


def todo_file(folder: Path, text: str) -> Path:
    """The one .ics file in ``folder`` whose VTODO summary contains ``text``."""
    found = [path for path in folder.glob("*.ics") if text in summaries(path)]
    assert len(found) == 1, (text, [summaries(p) for p in folder.glob("*.ics")])
    return found[0]


def summaries(path: Path) -> str:
    calendar = Calendar.from_ical(path.read_bytes())
    return " | ".join(str(c.get("summary", "")) for c in calendar.walk() if c.name in ("VTODO", "VEVENT"))


def complete(data: bytes, uid: str, at: datetime) -> bytes:
    """``data`` (an iCalendar file) with the VTODO ``uid`` ticked, as todoman or a phone writes it."""
    calendar = Calendar.from_ical(data)
    for todo in calendar.walk("VTODO"):
        if str(todo["uid"]) == uid:
            todo["status"] = "COMPLETED"
            todo.add("completed", at)
            todo["percent-complete"] = 100
    out: bytes = calendar.to_ical()
    return out


def uid_of(path: Path) -> str:
    calendar = Calendar.from_ical(path.read_bytes())
    return next(str(c["uid"]) for c in calendar.walk() if c.name in ("VTODO", "VEVENT"))
