"""A power user's ten years, deterministically (issue 9): 2,000 people, 20,000 conversations,
1,000 events and 200 slots, as TinyDB-shaped tables ``{table: {doc_id: document}}``.

Every document is a real model document, built through the model and ``validated()`` (``netplan
check`` passes on the result): goals, people, venues, conversations with their follow-ups and
promises (most of them done, as ten years in), events and slots.
``python -m bench.generate FILE`` writes the data set to FILE.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from netplan.events.model import Event
from netplan.notes.model import (
    ASK_LEVELS,
    CONVERSATION_KINDS,
    GIVE_KINDS,
    Conversation,
    FollowUp,
    GivenValue,
    Promise,
    default_split,
)
from netplan.schedule.slot import SLOT_KINDS, Slot
from netplan.store import schema
from netplan.store.storage import atomic_write_bytes
from netplan.targets.model import VENUE_KINDS, Goal, GoalLink, Person, Venue

Tables = dict[str, dict[str, Any]]

FIRST = ["Ann", "Ben", "Chen", "Dana", "Emil", "Fatma", "Goran", "Hana", "Ines", "Jonas", "Kofi", "Lena"]
LAST = ["Okafor", "Weber", "Lindqvist", "Raman", "Mendes", "Varga", "Bello", "Kim", "Shah", "Fischer"]
COMPANIES = ["Verdant Grid", "Helio Analytics", "Brightline", "GridShift", "OpenMeter", "Kite Labs"]
ROLES = ["Product Manager", "Staff Engineer", "Founder", "Research Lead", "Data Scientist", "VP Eng"]
WORDS = ["forecast", "grid", "product", "research", "hiring", "intro", "coffee", "talk", "review"]
WORDS += ["pricing", "data", "team", "climate", "meetup", "follow-up", "promise", "mentor", "feedback"]
WORDS += ["roadmap", "customer", "utility", "model", "study", "community", "speaker"]


@dataclass(frozen=True)
class DataSetSize:
    goals: int = 12
    people: int = 2_000
    venues: int = 60
    conversations: int = 20_000
    events: int = 1_000
    slots: int = 200


POWER_USER = DataSetSize()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _table(docs: list[dict[str, Any]]) -> dict[str, Any]:
    return {str(n): doc for n, doc in enumerate(docs, start=1)}


def conversation_doc(rng: random.Random, person_id: int, when: datetime) -> dict[str, Any]:
    """A logged conversation's document (the real model, validated)."""
    duration = rng.choice([20, 30, 45, 60])
    listen, ask = default_split(duration)
    if rng.random() < 0.2:  # some talked too much about themselves (rule LISTEN-20-10 flags it)
        listen, ask = ask, listen
    asked = _sentence(rng, 8) if rng.random() < 0.5 else ""
    conversation = Conversation(
        person_id=person_id,
        when=when.isoformat(),
        kind=rng.choice(CONVERSATION_KINDS),
        duration_minutes=duration,
        listen_minutes=listen,
        ask_minutes=ask,
        needs=_sentence(rng, 8) if rng.random() < 0.6 else "",
        gave=[GivenValue(rng.choice(GIVE_KINDS), _sentence(rng, 6)) for _ in range(rng.randint(0, 2))],
        asked=asked,
        ask_level=rng.choice(ASK_LEVELS) if asked else rng.choice(["", "catch-up"]),
        notes=_sentence(rng, rng.randint(10, 40)),
    )
    return conversation.validated().to_doc()


def _after(rng: random.Random, when: datetime, most_days: int) -> datetime:
    return when + timedelta(days=rng.randint(1, most_days), hours=rng.randint(0, 8))


def aftermath_docs(
    rng: random.Random, conversation_id: int, person_id: int, when: datetime, now: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The follow-up (48 hours later, rule FOLLOW-48H) and any promises of one conversation; those
    due before ``now`` are done, nearly all of them (rule FOLLOW-THROUGH)."""

    def done_at(due: datetime) -> str | None:
        if due > now or rng.random() < 0.03:
            return None
        return (due + timedelta(hours=rng.randint(-24, 8))).isoformat()  # around the day it was due

    follow_ups = []
    due = when + timedelta(hours=48)
    finished = done_at(due)
    follow_ups.append(
        FollowUp(
            person_id=person_id,
            due=due.isoformat(),
            text=_sentence(rng, 6),
            conversation_id=conversation_id,
            status="open" if finished is None else "done",
            done_at=finished,
        )
        .validated()
        .to_doc()
    )
    promises = []
    for by, chance in (("me", 0.3), ("them", 0.2)):
        if rng.random() < chance:
            due = _after(rng, when, 14)
            promises.append(
                Promise(
                    person_id=person_id,
                    conversation_id=conversation_id,
                    by=by,
                    text=_sentence(rng, 5),
                    due=due.isoformat(),
                    done_at=done_at(due),
                )
                .validated()
                .to_doc()
            )
    return follow_ups, promises


def event_doc(rng: random.Random, n: int, size: DataSetSize, day: datetime) -> dict[str, Any]:
    start = day.replace(hour=18, minute=rng.choice([0, 30]), tzinfo=None)  # wall-clock time in Berlin
    return (
        Event(
            title=f"Event {n}: {_sentence(rng, 3)}",
            start=start.isoformat(),
            end=(start + timedelta(hours=rng.choice([2, 3]))).isoformat(),
            tz="Europe/Berlin",
            venue_id=rng.randint(1, size.venues),
            goal_ids=[rng.randint(1, size.goals)],
            ask=_sentence(rng, 6),
            met=sorted(set(rng.sample(range(1, size.people + 1), rng.randint(0, 3)))),
        )
        .validated()
        .to_doc()
    )


def slot_doc(rng: random.Random, n: int, size: DataSetSize) -> dict[str, Any]:
    kind = rng.choice(SLOT_KINDS)
    return (
        Slot(
            kind=kind,
            title=f"Slot {n}: {kind}",
            weekday=rng.randint(0, 6),
            time=f"{rng.randint(7, 19):02d}:{rng.choice(['00', '30'])}",
            duration_minutes=rng.choice([30, 60]),
            tz="Europe/Berlin",
            every_weeks=rng.choice([1, 2, 4]),
            start_date=date(2016, 1, 4).isoformat(),
            person_id=rng.randint(1, size.people) if kind in ("coffee", "lunch") else None,
            venue_id=rng.randint(1, size.venues) if rng.random() < 0.5 else None,
        )
        .validated()
        .to_doc()
    )


def generate(seed: int = 2026, size: DataSetSize = POWER_USER) -> Tables:
    rng = random.Random(seed)
    start = datetime(2016, 1, 4, 9, 0, tzinfo=UTC)
    goals = [
        Goal(title=f"Goal {n}: {_sentence(rng, 4)}", why=_sentence(rng, 12)).validated().to_doc()
        for n in range(1, size.goals + 1)
    ]
    people = []
    for n in range(1, size.people + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        person = Person(
            name=f"{first} {last} {n}",
            company=rng.choice(COMPANIES),
            role=rng.choice(ROLES),
            email=f"{first.lower()}.{last.lower()}.{n}@example.org",
            how_met=_sentence(rng, 6),
            needs=_sentence(rng, 8),
            can_help=_sentence(rng, 8),
            tags=rng.sample(WORDS, 3),
            goals=[GoalLink(rng.randint(1, size.goals), _sentence(rng, 5))],
            cadence_days=rng.choice([None, 30, 60, 90]),
            last_touch=(start + timedelta(days=rng.randint(0, 3650))).isoformat(),
        )
        people.append(person.validated().to_doc())
    venues = [
        Venue(name=f"Venue {n}", kind=rng.choice(VENUE_KINDS), notes=_sentence(rng, 15)).validated().to_doc()
        for n in range(1, size.venues + 1)
    ]
    whens = sorted(start + timedelta(hours=rng.randint(0, 87_600)) for _ in range(size.conversations))
    now = start + timedelta(hours=87_600)
    conversations, follow_ups, promises = [], [], []
    for conversation_id, when in enumerate(whens, start=1):
        person_id = rng.randint(1, size.people)
        conversations.append(conversation_doc(rng, person_id, when))
        new_follow_ups, new_promises = aftermath_docs(rng, conversation_id, person_id, when, now)
        follow_ups += new_follow_ups
        promises += new_promises
    days = [start + timedelta(days=rng.randint(0, 3650)) for _ in range(size.events)]
    events = [event_doc(rng, n, size, day) for n, day in enumerate(days, start=1)]
    slots = [slot_doc(rng, n, size) for n in range(1, size.slots + 1)]
    tables = {
        "goals": _table(goals),
        "people": _table(people),
        "venues": _table(venues),
        "conversations": _table(conversations),
        "follow_ups": _table(follow_ups),
        "promises": _table(promises),
        "events": _table(events),
        "slots": _table(slots),
    }
    # As netplan keeps it (Store._new_id): the highest id given per table, so ids are never reused.
    last_ids = {name: len(table) for name, table in tables.items()}
    meta = {schema.META_ID: {"schema_version": schema.SCHEMA_VERSION, "last_ids": last_ids}}
    return {schema.META_TABLE: meta, **tables}


def write_data_file(path: Path, tables: Tables) -> int:
    """Write ``tables`` as a netplan data file; returns its size in bytes."""
    payload = orjson.dumps(tables)
    atomic_write_bytes(path, payload)
    return len(payload)


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "netplan-bench.json")
    size = write_data_file(target, generate())
    print(f"wrote {target} ({size / 1e6:.1f} MB)")
