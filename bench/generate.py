"""A power user's ten years, deterministically (issue 9): 2,000 people, 20,000 conversations,
1,000 events and 200 slots, as TinyDB-shaped tables ``{table: {doc_id: document}}``.

Goals, people and venues are real model documents (``netplan check`` passes on the result). The
conversations, events and slots are plain dicts shaped like the documents those features store;
their models are built elsewhere, so the benchmark only needs their size and shape.
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

from netplan import schema
from netplan.model import VENUE_KINDS, Goal, GoalLink, Person, Venue
from netplan.storage import atomic_write_bytes

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
    """A document shaped like a logged conversation with a follow-up and promises."""
    return {
        "person_id": person_id,
        "when": when.isoformat(),
        "minutes": rng.choice([20, 30, 45, 60]),
        "listen_minutes": rng.randint(5, 30),
        "ask_minutes": rng.randint(0, 10),
        "gave": [_sentence(rng, 6) for _ in range(rng.randint(0, 2))],
        "asked": _sentence(rng, 8) if rng.random() < 0.5 else "",
        "ask_level": rng.choice(["", "advice", "intro", "referral"]),
        "notes": _sentence(rng, rng.randint(10, 40)),
        "promise_mine": _sentence(rng, 5) if rng.random() < 0.3 else "",
        "promise_theirs": _sentence(rng, 5) if rng.random() < 0.2 else "",
        "follow_up": {"due": (when + timedelta(days=rng.randint(1, 14))).date().isoformat(), "done": False},
    }


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
    conversations = [
        conversation_doc(rng, rng.randint(1, size.people), start + timedelta(hours=rng.randint(0, 87_600)))
        for _ in range(size.conversations)
    ]
    events = [
        {
            "title": f"Event {n}: {_sentence(rng, 3)}",
            "venue_id": rng.randint(1, size.venues),
            "start": (start + timedelta(days=rng.randint(0, 3650), hours=18)).isoformat(),
            "arrive_by_minutes": 15,
            "prep": [_sentence(rng, 5) for _ in range(3)],
        }
        for n in range(1, size.events + 1)
    ]
    slots = [
        {
            "title": f"Slot {n}",
            "weekday": rng.randint(0, 6),
            "start": f"{rng.randint(7, 19):02d}:{rng.choice(['00', '30'])}",
            "minutes": rng.choice([30, 60]),
            "every_weeks": rng.choice([1, 2, 4]),
            "from": date(2016, 1, 4).isoformat(),
        }
        for n in range(1, size.slots + 1)
    ]
    return {
        schema.META_TABLE: {schema.META_ID: {"schema_version": schema.SCHEMA_VERSION}},
        "goals": _table(goals),
        "people": _table(people),
        "venues": _table(venues),
        "conversations": _table(conversations),
        "events": _table(events),
        "slots": _table(slots),
    }


def write_data_file(path: Path, tables: Tables) -> int:
    """Write ``tables`` as a netplan data file; returns its size in bytes."""
    payload = orjson.dumps(tables)
    atomic_write_bytes(path, payload)
    return len(payload)


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "netplan-bench.json")
    size = write_data_file(target, generate())
    print(f"wrote {target} ({size / 1e6:.1f} MB)")
