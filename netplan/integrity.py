"""`netplan check`: every stored record valid, every reference pointing at something that exists.

Each check returns a list of problems (strings); ``run_checks`` runs them all in order.
"""

from __future__ import annotations

from netplan.coach.draft import Draft
from netplan.core.errors import ValidationError
from netplan.core.record import Record
from netplan.events.model import Event
from netplan.notes.invitation import SentInvitation
from netplan.notes.model import Conversation, FollowUp, InboundRequest, Promise
from netplan.schedule.slot import Slot
from netplan.store.store import Store
from netplan.targets.model import Goal, Person, Venue


def check_records(store: Store, kinds: list[type[Record]]) -> list[str]:
    problems = []
    for kind in kinds:
        for doc_id, doc in store.raw_tables().get(kind.TABLE, {}).items():
            try:
                kind.from_doc(doc, int(doc_id)).validated()
            except (ValidationError, TypeError, KeyError, ValueError) as exc:
                problems.append(f"{kind.TABLE} {doc_id}: {exc}")
    return problems


def check_targets(store: Store) -> list[str]:
    problems = check_records(store, [Goal, Person, Venue])
    if problems:
        return problems
    goal_ids = {g.id for g in store.all(Goal)}
    linked: list[Person | Venue] = [*store.all(Person), *store.all(Venue)]
    for item in linked:
        for link in item.goals:
            if link.goal_id not in goal_ids:
                problems.append(f"{item.TABLE} {item.id} ({item.name}): links to missing goal {link.goal_id}")
    return problems



def check_notes(store: Store) -> list[str]:
    """Conversations, promises, follow-ups, inbound requests and sent LinkedIn invitations: valid, and
    pointing at what exists."""

    problems = check_records(store, [Conversation, Promise, FollowUp, InboundRequest, SentInvitation])
    if problems:
        return problems
    people = {p.id for p in store.all(Person)}
    conversations = {c.id for c in store.all(Conversation)}
    inbound = {r.id for r in store.all(InboundRequest)}
    records: list[Conversation | Promise | FollowUp | InboundRequest | SentInvitation] = [
        *store.all(Conversation),
        *store.all(Promise),
        *store.all(FollowUp),
        *store.all(InboundRequest),
        *store.all(SentInvitation),
    ]
    for record in records:
        if record.person_id not in people:
            problems.append(f"{record.TABLE} {record.id}: refers to missing person {record.person_id}")
        conversation_id = getattr(record, "conversation_id", None)
        if conversation_id is not None and conversation_id not in conversations:
            problems.append(f"{record.TABLE} {record.id}: refers to missing conversation {conversation_id}")
        inbound_id = getattr(record, "inbound_id", None)
        if inbound_id is not None and inbound_id not in inbound:
            problems.append(f"{record.TABLE} {record.id}: refers to missing inbound request {inbound_id}")
    return problems



def check_slots(store: Store) -> list[str]:
    """Every slot valid; its person, venue and booked people exist (the weekly schedule)."""

    problems = check_records(store, [Slot])
    if problems:
        return problems
    people = {p.id for p in store.all(Person)}
    venues = {v.id for v in store.all(Venue)}
    for slot in store.all(Slot):
        label = f"{Slot.TABLE} {slot.id} ({slot.title})"
        if slot.person_id is not None and slot.person_id not in people:
            problems.append(f"{label}: refers to missing person {slot.person_id}")
        if slot.venue_id is not None and slot.venue_id not in venues:
            problems.append(f"{label}: refers to missing venue {slot.venue_id}")
        for day, person_id in slot.bookings.items():
            if person_id not in people:
                problems.append(f"{label}: booking on {day} refers to missing person {person_id}")
    return problems



def check_events(store: Store) -> list[str]:
    """Every event valid; its venue, goals, speakers' people, people to meet and people met exist."""

    problems = check_records(store, [Event])
    if problems:
        return problems
    people = {p.id for p in store.all(Person)}
    venues = {v.id for v in store.all(Venue)}
    goals = {g.id for g in store.all(Goal)}
    for event in store.all(Event):
        label = f"{Event.TABLE} {event.id} ({event.title})"
        if event.venue_id is not None and event.venue_id not in venues:
            problems.append(f"{label}: refers to missing venue {event.venue_id}")
        problems += [f"{label}: refers to missing goal {g}" for g in event.goal_ids if g not in goals]
        referred = [
            *(("speaker", s.person_id) for s in event.speakers if s.person_id is not None),
            *(("person to meet", t.person_id) for t in event.targets),
            *(("person met", person_id) for person_id in event.met),
        ]
        problems += [f"{label}: {role} is missing person {n}" for role, n in referred if n not in people]
    return problems



def check_drafts(store: Store) -> list[str]:
    """Every outreach draft valid, for one person who exists (rule PERSONAL)."""

    problems = check_records(store, [Draft])
    if problems:
        return problems
    people = {p.id for p in store.all(Person)}
    return [
        f"{Draft.TABLE} {draft.id}: refers to missing person {draft.person_id}"
        for draft in store.all(Draft)
        if draft.person_id not in people
    ]


def run_checks(store: Store) -> list[str]:
    """Every check's problems. A check that cannot run on malformed records (an earlier check has
    named them) says so instead of crashing."""
    problems: list[str] = []
    for check in (check_targets, check_notes, check_slots, check_events, check_drafts):
        try:
            problems += check(store)
        except (ValidationError, TypeError, KeyError, ValueError, AttributeError) as exc:
            problems.append(f"{check.__name__} could not run: {type(exc).__name__}: {exc}")
    return problems
