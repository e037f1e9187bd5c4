"""The demo's weekly schedule (data/demo.json, sections "slots" and "weekly_intent").

Slots start some weeks before the day the demo is loaded, so the planning session has a history:
``start_weeks_ago`` counts weeks back from the current week; ``booked`` and ``skipped`` name an
occurrence by how many weeks before the current week it falls (0 = this week).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from netplan.demo.ids import DemoIds
from netplan.schedule.planning import set_weekly_intent
from netplan.schedule.slot import Slot
from netplan.schedule.week import add_slot, mark_held, occurrence_dates, occurrences, this_week
from netplan.store.store import Store


def load_demo_schedule(store: Store, data: dict[str, Any], ids: DemoIds) -> None:
    """Add the demo's slots, their bookings and skips, and the weekly intent."""
    current = this_week(store)
    for item in data.get("slots", []):
        start = current - timedelta(weeks=item.get("start_weeks_ago", 0))
        slot = add_slot(
            store,
            Slot(
                kind=item["kind"],
                title=item["title"],
                weekday=item["weekday"],
                time=item["time"],
                duration_minutes=item.get("duration_minutes", 30),
                every_weeks=item.get("every_weeks", 1),
                start_date=start.isoformat(),
                person_id=ids.people[item["person"]] if "person" in item else None,
                venue_id=ids.venues[item["venue"]] if "venue" in item else None,
            ),
        )

        def occurrence_in(weeks_ago: int, slot: Slot = slot) -> str | None:
            week = current - timedelta(weeks=weeks_ago)
            days = occurrence_dates(slot, week, week + timedelta(days=6), include_skipped=True)
            return days[0].isoformat() if days else None

        bookings = {
            day: ids.people[name]
            for weeks_ago, name in item.get("booked", [])
            if (day := occurrence_in(weeks_ago)) is not None
        }
        skipped = [day for weeks_ago in item.get("skipped", []) if (day := occurrence_in(weeks_ago))]
        if bookings or skipped:
            store.update(replace(slot, bookings=bookings, skipped_dates=skipped))
    _confirm_what_happened(store, current - timedelta(weeks=26))
    intent = data.get("weekly_intent")
    if intent:
        set_weekly_intent(store, current - timedelta(weeks=intent.get("from_weeks_ago", 0)), intent["intent"])


# Kinds a demo user goes to alone: each past one took place.
_ALONE = ("group meeting", "event", "outreach block")


def _confirm_what_happened(store: Store, since: date) -> None:
    """The demo user said (`h` in the Week pane) that each past occurrence with someone booked, or
    needing no one, took place: the planning counts what happened, not what was booked (issue 15)."""
    now = store.clock.now()
    for occ in occurrences(store, since, now.date()):
        if occ.end <= now and (occ.person_id is not None or occ.slot.kind in _ALONE):
            mark_held(store, occ.slot.id, occ.date)
