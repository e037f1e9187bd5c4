"""Load the demo data set (data/demo.json: fictional) into a store, in one transaction.

Dates in the demo are relative to the day it is loaded, so the demo always has a live week.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from netplan.events_demo import load_demo_events
from netplan.model import Goal, GoalLink, Person, Venue
from netplan.notes_demo import load_demo_notes
from netplan.paths import DATA_DIR
from netplan.schedule_demo import load_demo_schedule
from netplan.store import Store

DEMO_FILE = DATA_DIR / "demo.json"


def demo_data() -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(DEMO_FILE.read_bytes())
    return data


def _links(items: list[dict[str, str]], goal_ids: dict[str, int]) -> list[GoalLink]:
    return [GoalLink(goal_ids[item["goal"]], item.get("why", "")) for item in items]


@dataclass
class DemoIds:
    """Ids of what the demo has loaded so far, for sections that refer to it."""

    goals: dict[str, int] = field(default_factory=dict)  # by key
    people: dict[str, int] = field(default_factory=dict)  # by name
    venues: dict[str, int] = field(default_factory=dict)  # by name


# Further sections of demo.json (schedule, conversations, events...): each capability adds its
# loader here as function(store, data, ids); they run in order, inside the demo's one transaction.
SectionLoader = Callable[[Store, dict[str, Any], DemoIds], None]
SECTION_LOADERS: list[SectionLoader] = []
SECTION_LOADERS.append(load_demo_notes)
SECTION_LOADERS.append(load_demo_schedule)
SECTION_LOADERS.append(load_demo_events)


def load_demo(store: Store) -> None:
    """Add the demo data set to ``store`` (one write)."""
    data = demo_data()
    today = store.clock.today()
    ids = DemoIds()
    with store.transaction():
        goal_ids = ids.goals
        for item in data["goals"]:
            horizon = today.add(days=item["horizon_days"]).isoformat() if "horizon_days" in item else None
            goal = store.insert(Goal(title=item["title"], why=item.get("why", ""), horizon=horizon))
            goal_ids[item["key"]] = goal.id
        for item in data["people"]:
            fields = {k: val for k, val in item.items() if k != "goals"}
            person = store.insert(Person(**fields, goals=_links(item.get("goals", []), goal_ids)))
            ids.people[person.name] = person.id
        for item in data["venues"]:
            fields = {k: val for k, val in item.items() if k != "goals"}
            venue = store.insert(Venue(**fields, goals=_links(item.get("goals", []), goal_ids)))
            ids.venues[venue.name] = venue.id
        for loader in SECTION_LOADERS:
            loader(store, data, ids)
