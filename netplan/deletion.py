"""Deleting a goal, person or venue leaves nothing pointing at it: `netplan check` stays clean.

A delete is one write. A person takes their own history with them (conversations, promises,
follow-ups, requests, drafts); records that only mention them (a slot, an event) lose the mention
and stay. ``fallout`` says all of it in words before the user confirms (the planner asks first).
Parking a person (rule SMALL-LIST) is the way to set someone aside and keep their history.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from netplan.coach.draft import Draft
from netplan.core.record import Record
from netplan.events.model import Event
from netplan.notes.invitation import SentInvitation
from netplan.notes.model import Conversation, FollowUp, InboundRequest, Promise
from netplan.schedule.slot import Slot
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person, Venue

# A person's own records, as the confirmation names them (singular, plural).
OWN: list[tuple[type[Record], str, str]] = [
    (Conversation, "conversation", "conversations"),
    (Promise, "promise", "promises"),
    (FollowUp, "follow-up", "follow-ups"),
    (InboundRequest, "request to you", "requests to you"),
    (SentInvitation, "LinkedIn invitation", "LinkedIn invitations"),
    (Draft, "draft", "drafts"),
]


def delete(store: Store, record: Goal | Person | Venue) -> None:
    """Delete the record and every reference to it, in one transaction (one write)."""
    owned = [(kind, own.id) for kind, _, _ in OWN for own in _owned(store, kind, record)]
    changed = _without_mentions(store, record)
    with store.transaction():
        for kind, own_id in owned:
            store.remove(kind, own_id)
        for item in changed:
            store.update(item)
        store.remove(type(record), record.id)


def fallout(store: Store, record: Goal | Person | Venue) -> list[str]:
    """What else the delete changes, one line each, e.g. "3 conversations and 1 promise go with them"."""
    lines = []
    owned = [_count(len(_owned(store, kind, record)), one, many) for kind, one, many in OWN]
    if gone := [text for text in owned if text]:
        verb = "goes" if _one(gone) else "go"
        lines.append(f"{_joined(gone)} {verb} with them.")
    mentions = Counter(type(item) for item in _without_mentions(store, record))
    names = {
        Slot: ("slot", "slots"),
        Event: ("event", "events"),
        Person: ("person", "people"),
        Venue: ("venue", "venues"),
    }
    if kept := [_count(mentions[kind], *names[kind]) for kind in names if mentions[kind]]:
        verbs = "stays and loses" if _one(kept) else "stay and lose"
        lines.append(f"{_joined(kept)} {verbs} the mention.")
    return lines


def _without_mentions(store: Store, record: Record) -> list[Record]:
    """The slots, events, people and venues that mention ``record``, each without the mention."""
    linked: list[Person | Venue] = [*store.all(Person), *store.all(Venue)]
    changed: list[Record | None] = [
        *(_without_in_slot(slot, record) for slot in store.all(Slot)),
        *(_without_in_event(event, record) for event in store.all(Event)),
        *(_without_in_links(item, record) for item in linked),
    ]
    return [item for item in changed if item is not None]


def _owned(store: Store, kind: type[Record], record: Record) -> list[Record]:
    """A person's own records of ``kind`` (indexed per saved state: fast on ten years of notes)."""
    return store.records_of(kind, record.id) if isinstance(record, Person) else []


def _without_in_slot(slot: Slot, record: Record) -> Slot | None:
    if isinstance(record, Person):
        bookings = {day: pid for day, pid in slot.bookings.items() if pid != record.id}
        person_id = None if slot.person_id == record.id else slot.person_id
        changed = replace(slot, person_id=person_id, bookings=bookings)
    elif isinstance(record, Venue):
        changed = replace(slot, venue_id=None if slot.venue_id == record.id else slot.venue_id)
    else:
        return None
    return changed if changed != slot else None


def _without_in_event(event: Event, record: Record) -> Event | None:
    if isinstance(record, Person):
        # a speaker stays by name (they still speak); the people to meet and met lose them
        speakers = [replace(s, person_id=None) if s.person_id == record.id else s for s in event.speakers]
        targets = [t for t in event.targets if t.person_id != record.id]
        met = [pid for pid in event.met if pid != record.id]
        changed = replace(event, speakers=speakers, targets=targets, met=met)
    elif isinstance(record, Venue):
        changed = replace(event, venue_id=None if event.venue_id == record.id else event.venue_id)
    elif isinstance(record, Goal):
        changed = replace(event, goal_ids=[g for g in event.goal_ids if g != record.id])
    else:
        return None
    return changed if changed != event else None


def _without_in_links(item: Person | Venue, record: Record) -> Person | Venue | None:
    if not isinstance(record, Goal):
        return None
    goals: list[GoalLink] = [link for link in item.goals if link.goal_id != record.id]
    return replace(item, goals=goals) if goals != item.goals else None


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}" if number else ""


def _one(parts: list[str]) -> bool:
    return len(parts) == 1 and parts[0].startswith("1 ")


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
