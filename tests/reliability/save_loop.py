"""The kill -9 test's two halves: the child that saves in a loop, and the model of what it saved.

Save number n is one transaction across three tables plus the meta document:
insert a goal, update a person, insert a venue, every fifth save remove the venue of save n - 3,
and record n in the settings. The child prints ``ack n`` only after the transaction returned.
The parent rebuilds the expected file for any n with ``apply_save`` on plain documents, so a mix
of two saves, a lost save or a stray change shows up as a difference.

Run as ``python -m tests.reliability.save_loop FILE`` from the repository root.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson

from netplan.core.clock import FixedClock
from netplan.store import schema
from netplan.store.storage import atomic_write_bytes
from netplan.store.store import Store
from netplan.targets.model import VENUE_KINDS, Goal, GoalLink, Person, Venue

Tables = dict[str, dict[str, Any]]

PEOPLE = 2_000
GOALS = 10
VENUES = 2_000  # filler with long notes, so that a save writes a few megabytes
SEQ = "save_seq"
CLOCK = FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")  # backups need a day; keep it fixed


def initial_tables(seed: int = 9) -> Tables:
    rng = random.Random(seed)
    words = [
        "coffee",
        "intro",
        "talk",
        "review",
        "climate",
        "grid",
        "data",
        "mentor",
        "meetup",
        "promise",
        "follow-up",
    ]

    def text(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n))

    goals = {str(i): Goal(title=f"Goal {i}", why=text(10)).validated().to_doc() for i in range(1, GOALS + 1)}
    people = {
        str(i): Person(
            name=f"Person {i}",
            company=text(2),
            email=f"person{i}@example.org",
            how_met=text(8),
            needs=text(12),
            can_help=text(12),
            tags=rng.sample(words, 2),
            goals=[GoalLink(rng.randint(1, GOALS), text(4))],
        )
        .validated()
        .to_doc()
        for i in range(1, PEOPLE + 1)
    }
    venues = {
        str(i): Venue(name=f"Venue {i}", kind=rng.choice(VENUE_KINDS), notes=text(170)).validated().to_doc()
        for i in range(1, VENUES + 1)
    }
    meta = {"schema_version": schema.SCHEMA_VERSION}
    return {schema.META_TABLE: {schema.META_ID: meta}, "goals": goals, "people": people, "venues": venues}


def write_initial_file(path: Path) -> Tables:
    tables = initial_tables()
    atomic_write_bytes(path, orjson.dumps(tables))
    return tables


def _person_id(n: int) -> int:
    return (n * 7919) % PEOPLE + 1


def _goal(n: int) -> Goal:
    return Goal(title=f"Goal from save {n}", why=f"why {n}")


def _venue(n: int) -> Venue:
    return Venue(name=f"Venue from save {n}", kind="informal spot", notes=f"notes {n}")


def _removed_venue(n: int) -> int | None:
    return VENUES + n - 3 if n % 5 == 0 and n > 3 else None


def perform_save(store: Store, n: int) -> None:
    """Save number n, through the Store's public API, as one transaction."""
    with store.transaction():
        store.insert(_goal(n))
        person = store.get(Person, _person_id(n))
        assert person is not None
        store.update(replace(person, needs=f"needs from save {n}", tags=[*person.tags[:2], f"s{n}"][-3:]))
        store.insert(_venue(n))
        removed = _removed_venue(n)
        if removed is not None:
            store.remove(Venue, removed)
        store.set_setting(SEQ, n)


def apply_save(tables: Tables, n: int) -> None:
    """What save number n does to the file's documents (the model the parent checks against)."""
    meta = tables[schema.META_TABLE][schema.META_ID]
    last_ids = meta.setdefault("last_ids", {})
    goal_id = last_ids.get("goals", GOALS) + 1
    tables["goals"][str(goal_id)] = _goal(n).validated().to_doc()
    last_ids["goals"] = goal_id
    pid = str(_person_id(n))
    person = Person.from_doc(tables["people"][pid], int(pid))
    changed = replace(person, needs=f"needs from save {n}", tags=[*person.tags[:2], f"s{n}"][-3:])
    tables["people"][pid] = changed.validated().to_doc()
    venue_id = last_ids.get("venues", VENUES) + 1
    tables["venues"][str(venue_id)] = _venue(n).validated().to_doc()
    last_ids["venues"] = venue_id
    removed = _removed_venue(n)
    if removed is not None:
        del tables["venues"][str(removed)]
    meta.setdefault("settings", {})[SEQ] = n


def saved_seq(tables: Tables) -> int:
    seq: int = tables[schema.META_TABLE][schema.META_ID].get("settings", {}).get(SEQ, 0)
    return seq


def main(path: Path) -> None:
    store = Store.open(path, clock=CLOCK)
    n = saved_seq(store.raw_tables())
    print(f"ready {n}", flush=True)
    while True:
        n += 1
        perform_save(store, n)
        print(f"ack {n}", flush=True)  # only now is save n reported as done


if __name__ == "__main__":
    main(Path(sys.argv[1]))
