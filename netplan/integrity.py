"""`netplan check`: every stored record valid, every reference pointing at something that exists.

Each check returns a list of problems (strings); ``run_checks`` runs them all in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from netplan.coach.draft import Draft
from netplan.core import validate as v
from netplan.core.errors import ValidationError
from netplan.core.record import Record
from netplan.events.model import Event
from netplan.notes.invitation import SentInvitation
from netplan.notes.model import (
    ASK_LEVELS,
    CONVERSATION_KINDS,
    DEFAULT_ASK,
    DEFAULT_DURATION,
    DEFAULT_LISTEN,
    FOLLOW_UP_STATUSES,
    GIVE_KINDS,
    MAX_DURATION,
    MAX_NUDGES,
    PROMISE_SIDES,
    Conversation,
    FollowUp,
    InboundRequest,
    Promise,
)
from netplan.schedule.planning import INTENT_SETTING, clean_intent
from netplan.schedule.slot import Slot
from netplan.schedule.week import UID_SEED_SETTING
from netplan.store import schema
from netplan.store.settings import settings_problems
from netplan.store.store import Store
from netplan.targets.model import Goal, Person, Venue

# Every kind of record netplan stores; each one's documents must pass its model (issue 14, item 7).
KINDS: tuple[type[Record], ...] = (
    Goal, Person, Venue, Conversation, Promise, FollowUp, InboundRequest, Slot, Event, Draft,
)  # fmt: skip


def _kind_problems(tables: schema.Tables, kind: type[Record]) -> list[str]:
    problems = []
    plainly_valid = PLAINLY_VALID.get(kind)
    for doc_id, doc in tables.get(kind.TABLE, {}).items():
        if plainly_valid is not None and plainly_valid(doc):
            continue
        try:
            kind.from_doc(doc, int(doc_id)).validated()
        except Exception as exc:  # a wrongly typed field trips the model anywhere: name the record
            problems.append(
                f"{kind.TABLE} {doc_id}: {exc if isinstance(exc, ValidationError) else _odd(exc)}"
            )
    return problems


# Plainly valid documents of the three big tables (50,000 of the ten years' 53,000 records): plain
# type and range checks, ~10x faster than building and validating each record through its model
# (issue 17: the first read of ten years took 2.1 s). Each says True only for a document its model
# accepts: anything unusual (a field it does not know, text that is not ASCII, minutes given as
# text, a moment not written as netplan writes one) goes to the model, which says what is wrong
# in the same words as before. tests/unit/test_plainly_valid.py holds each to its model.

_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}")


def _moment(value: object) -> bool:
    """An ISO 8601 moment with its offset, as netplan writes one, in the years a date may have."""
    if type(value) is not str or _MOMENT.fullmatch(value) is None:
        return False
    try:
        return datetime.fromisoformat(value).year in v.YEARS
    except ValueError:
        return False


def _optional_moment(value: object) -> bool:
    return value is None or value == "" or _moment(value)


def _text(value: object, *, required: bool = False, max_len: int = v.TEXT_MAX) -> bool:
    if value is None:
        return not required
    return (
        type(value) is str
        and value.isascii()  # the model checks other text for bytes that are not UTF-8
        and len(value) <= max_len
        and (not required or not value.isspace() and value != "")
    )


def _ref(value: object) -> bool:
    return type(value) is int and value >= 1


def _optional_ref(value: object) -> bool:
    return value is None or type(value) is int and value >= 0  # 0 is read as "none"


def _minutes(value: object) -> bool:
    return type(value) is int and 0 <= value <= MAX_DURATION


def _given(item: object) -> bool:
    if type(item) is str:  # an old file's plain text: "other"
        return _text(item, required=True)
    return (
        type(item) is dict
        and item.keys() <= {"kind", "text"}
        and item.get("kind", "other") in GIVE_KINDS
        and type(item.get("kind", "other")) is str
        and _text(item.get("text"), required=True)
    )


CONVERSATION_FIELDS = frozenset(
    {"person_id", "when", "kind", "duration_minutes", "listen_minutes", "ask_minutes", "needs", "gave",
     "asked", "ask_level", "notes"}
)  # fmt: skip


def _conversation(doc: dict[str, Any]) -> bool:
    duration = doc.get("duration_minutes", DEFAULT_DURATION)
    listen = doc.get("listen_minutes", DEFAULT_LISTEN)
    ask = doc.get("ask_minutes", DEFAULT_ASK)
    gave = doc.get("gave")
    kind = doc.get("kind", "coffee")
    ask_level = doc.get("ask_level")
    return (
        doc.keys() <= CONVERSATION_FIELDS
        and _ref(doc.get("person_id"))
        and _moment(doc.get("when"))
        and type(kind) is str
        and kind in CONVERSATION_KINDS
        and _minutes(duration)
        and _minutes(listen)
        and _minutes(ask)
        and listen + ask <= duration
        and _text(doc.get("needs"))
        and _text(doc.get("asked"))
        and _text(doc.get("notes"))
        and (ask_level is None or type(ask_level) is str and (ask_level == "" or ask_level in ASK_LEVELS))
        and (gave is None or type(gave) is list and all(map(_given, gave)))
    )


FOLLOW_UP_FIELDS = frozenset(
    {"person_id", "due", "text", "conversation_id", "inbound_id", "status", "nudge", "done_at"}
)


def _follow_up(doc: dict[str, Any]) -> bool:
    status = doc.get("status", "open")
    nudge = doc.get("nudge", 1)
    return (
        doc.keys() <= FOLLOW_UP_FIELDS
        and _ref(doc.get("person_id"))
        and _moment(doc.get("due"))
        and _text(doc.get("text"), required=True)
        and _optional_ref(doc.get("conversation_id"))
        and _optional_ref(doc.get("inbound_id"))
        and type(status) is str
        and status in FOLLOW_UP_STATUSES
        and type(nudge) is int
        and 1 <= nudge <= MAX_NUDGES
        and _optional_moment(doc.get("done_at"))
    )


PROMISE_FIELDS = frozenset({"person_id", "conversation_id", "by", "text", "due", "done_at"})


def _promise(doc: dict[str, Any]) -> bool:
    by = doc.get("by")
    return (
        doc.keys() <= PROMISE_FIELDS
        and "conversation_id" in doc  # no default: the model refuses a promise without one
        and _ref(doc.get("person_id"))
        and _optional_ref(doc["conversation_id"])
        and type(by) is str
        and by in PROMISE_SIDES
        and _text(doc.get("text"), required=True)
        and _moment(doc.get("due"))
        and _optional_moment(doc.get("done_at"))
    )


PLAINLY_VALID: dict[type[Record], Callable[[dict[str, Any]], bool]] = {
    Conversation: _conversation,
    FollowUp: _follow_up,
    Promise: _promise,
}


def _odd(exc: Exception) -> str:
    return f"a field has the wrong type ({type(exc).__name__}: {exc})"


def meta_problems(tables: schema.Tables) -> list[str]:
    """The settings in the meta document: each of the right type and range."""
    stored: dict[str, Any] = tables[schema.META_TABLE][schema.META_ID].get("settings", {})
    problems = settings_problems(stored)
    seed = stored.get(UID_SEED_SETTING)
    if seed is not None and not isinstance(seed, str):
        problems.append(f"settings {UID_SEED_SETTING}: must be text")
    intents = stored.get(INTENT_SETTING, {})
    if not isinstance(intents, dict):
        problems.append(f"settings {INTENT_SETTING}: must be an object of weeks")
        return problems
    for week, intent in intents.items():
        try:
            if not isinstance(intent, dict):
                raise ValidationError("intent", "must be an object of slot kinds and counts")
            clean_intent(intent)
        except ValidationError as exc:
            problems.append(f"settings {INTENT_SETTING} {week}: {exc}")
    return problems


def record_problems(tables: schema.Tables) -> list[str]:
    """Every stored record and setting checked through its model: what the store refuses a file for
    on open (``Store.open(record_check=...)``), so no command or pane trips over a wrong type."""
    problems = meta_problems(tables)
    for kind in KINDS:
        problems += _kind_problems(tables, kind)
    return problems


def check_records(store: Store, kinds: list[type[Record]]) -> list[str]:
    problems = []
    for kind in kinds:
        problems += _kind_problems(store.raw_tables(), kind)
    return problems


def check_settings(store: Store) -> list[str]:
    return meta_problems(store.raw_tables())


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
    for check in (check_settings, check_targets, check_notes, check_slots, check_events, check_drafts):
        try:
            problems += check(store)
        except Exception as exc:
            problems.append(f"{check.__name__} could not run: {type(exc).__name__}: {exc}")
    return problems
