"""The demo's conversations and inbound requests (data/demo.json sections "conversations" and
"inbound_requests"), logged through the same functions the form and `netplan log` use.

Dates are relative to the day the demo is loaded, so the agenda always has something on it: a
follow-up due tomorrow, an overdue promise, a reply due, and a person slipping past their cadence.
"""

from __future__ import annotations

from typing import Any

import pendulum

from netplan.core import moments
from netplan.demo.ids import DemoIds
from netplan.notes.followups import follow_up_done, log_inbound, promise_done
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation, GivenValue
from netplan.store.store import Store


def _days_ago(store: Store, days: int, at: str = "10:00") -> str:
    day = store.clock.today().subtract(days=days)
    hour, minute = (int(part) for part in at.split(":"))
    return moments.to_iso(pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=store.clock.tz))


def load_demo_notes(store: Store, data: dict[str, Any], ids: DemoIds) -> None:
    for item in data.get("conversations", []):
        conversation = Conversation(
            person_id=ids.people[item["person"]],
            when=_days_ago(store, item["days_ago"], item.get("at", "10:00")),
            kind=item.get("kind", "coffee"),
            duration_minutes=item.get("minutes", 30),
            listen_minutes=item.get("listen", 20),
            ask_minutes=item.get("ask", 10),
            needs=item.get("needs", ""),
            gave=[GivenValue(g["kind"], g["text"]) for g in item.get("gave", [])],
            asked=item.get("asked", ""),
            ask_level=item.get("ask_level", ""),
            notes=item.get("notes", ""),
        )
        logged = log_conversation(
            store, conversation, item.get("promises_mine", []), item.get("promises_theirs", [])
        )
        if item.get("followed_up"):
            follow_up_done(store, logged.follow_up.id, at=logged.follow_up.due)
        kept = item.get("promises_kept", [])
        for promise in logged.promises:
            if promise.text in kept:
                promise_done(store, promise.id, at=promise.due)
    for item in data.get("inbound_requests", []):
        received = _days_ago(store, item["days_ago"], item.get("at", "10:00"))
        log_inbound(store, ids.people[item["person"]], item["about"], received)
