"""The demo's events (data/demo.json section "events"), saved through the same function the form uses.

Dated relative to the day the demo is loaded (``days_from_now`` at a wall-clock ``time`` in the
user's zone), so the demo always has an event in the coming week to prepare for.
"""

from __future__ import annotations

from typing import Any

import pendulum

from netplan.core import moments
from netplan.demo.ids import DemoIds
from netplan.events.model import ARRIVE_EARLY_MINUTES, Event, EventTarget, Speaker
from netplan.events.saved import save_event
from netplan.store.store import Store


def load_demo_events(store: Store, data: dict[str, Any], ids: DemoIds) -> None:
    tz = store.clock.tz
    for item in data.get("events", []):
        day = store.clock.today().add(days=item["days_from_now"])
        hour, minute = (int(part) for part in item["time"].split(":"))
        start = pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=tz)
        end = start.add(minutes=item.get("duration_minutes", 120))
        save_event(
            store,
            Event(
                title=item["title"],
                start=moments.to_iso(start),
                end=moments.to_iso(end),
                tz=tz.name,
                venue_id=ids.venues[item["venue"]] if "venue" in item else None,
                speakers=[
                    Speaker(s["name"], s.get("topic", ""), ids.people.get(s["name"]))
                    for s in item.get("speakers", [])
                ],
                targets=[
                    EventTarget(ids.people[t["person"]], t.get("why", "")) for t in item.get("targets", [])
                ],
                goal_ids=[ids.goals[key] for key in item.get("goals", [])],
                ask=item.get("ask", ""),
                arrive_early_minutes=item.get("arrive_early_minutes", ARRIVE_EARLY_MINUTES),
            ),
        )
