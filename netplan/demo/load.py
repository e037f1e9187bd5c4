"""Load the demo data set (data/demo.json: fictional) into a store, in one transaction.

Dates in the demo are relative to the day it is loaded, so the demo always has a live week.
"""

from __future__ import annotations

from typing import Any

import orjson

from netplan.core.paths import DATA_DIR
from netplan.demo.events import load_demo_events
from netplan.demo.ids import DemoIds
from netplan.demo.notes import load_demo_notes
from netplan.demo.schedule import load_demo_schedule
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person, Venue

DEMO_FILE = DATA_DIR / "demo.json"


def demo_data() -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(DEMO_FILE.read_bytes())
    return data


def _links(items: list[dict[str, str]], goal_ids: dict[str, int]) -> list[GoalLink]:
    return [GoalLink(goal_ids[item["goal"]], item.get("why", "")) for item in items]


def load_demo(store: Store, data: dict[str, Any] | None = None) -> None:
    """Add the demo data set (read from data/demo.json unless given) to ``store`` (one write)."""
    data = data if data is not None else demo_data()
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
        # the further sections, in order, inside the same transaction
        load_demo_notes(store, data, ids)
        load_demo_schedule(store, data, ids)
        load_demo_events(store, data, ids)
