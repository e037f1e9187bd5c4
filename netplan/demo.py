"""Load the demo data set (data/demo.json: fictional) into a store, in one transaction.

Dates in the demo are relative to the day it is loaded, so the demo always has a live week.
"""

from __future__ import annotations

from typing import Any

import orjson

from netplan.model import Goal, GoalLink, Person, Venue
from netplan.paths import DATA_DIR
from netplan.store import Store

DEMO_FILE = DATA_DIR / "demo.json"


def demo_data() -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(DEMO_FILE.read_bytes())
    return data


def _links(items: list[dict[str, str]], goal_ids: dict[str, int]) -> list[GoalLink]:
    return [GoalLink(goal_ids[item["goal"]], item.get("why", "")) for item in items]


def load_demo(store: Store) -> None:
    """Add the demo goals, people and venues to ``store`` (one write)."""
    data = demo_data()
    today = store.clock.today()
    with store.transaction():
        goal_ids: dict[str, int] = {}
        for item in data["goals"]:
            horizon = today.add(days=item["horizon_days"]).isoformat() if "horizon_days" in item else None
            goal = store.insert(Goal(title=item["title"], why=item.get("why", ""), horizon=horizon))
            goal_ids[item["key"]] = goal.id
        for item in data["people"]:
            fields = {k: val for k, val in item.items() if k != "goals"}
            store.insert(Person(**fields, goals=_links(item.get("goals", []), goal_ids)))
        for item in data["venues"]:
            fields = {k: val for k, val in item.items() if k != "goals"}
            store.insert(Venue(**fields, goals=_links(item.get("goals", []), goal_ids)))
