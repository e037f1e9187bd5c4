"""Last week's notes for the weekly planning session: listen share and follow-ups closed vs. opened.

Definitions (the planning screen shows these; tests pin them). A week is the user's calendar days
``week_start`` .. ``week_start + 6`` in the store clock's zone.

- **Listen share**: over the conversations held that week, total minutes on them over total talking
  minutes (rule LISTEN-20-10; the same sum as ``notes.talk_balance``).
- **Opened**: a follow-up is opened when the conversation (or inbound request) it follows was logged:
  its ``when`` (or ``received``). rule FOLLOW-48H makes one per logged meeting, due 48 hours later;
  a follow-up with neither link counts from 48 hours before its due.
- **Closed**: a follow-up marked done (sent) that week, by its ``done_at``. A follow-up parked after
  the third nudge (rule FOLLOW-THROUGH) is not counted as closed: nothing was sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from netplan.core import moments
from netplan.notes.log import FOLLOW_UP_HOURS, TalkBalance, records_where, talk_balance
from netplan.notes.model import Conversation, FollowUp, InboundRequest
from netplan.store.store import Store


@dataclass(frozen=True)
class WeekNotes:
    """What the notes say about one week."""

    week_start: date
    balance: TalkBalance  # the week's conversations (listen share, gives, asks)
    follow_ups_opened: int
    follow_ups_closed: int


def week_bounds(store: Store, week_start: date) -> tuple[float, float]:
    """The week as [start, end) timestamps in the user's zone (a DST week is an hour short or long)."""
    start, _ = moments.day_bounds(week_start, store.clock.tz)
    _, end = moments.day_bounds(week_start + timedelta(days=6), store.clock.tz)
    return start, end


def _opened_at(doc: dict[str, Any], conversations: dict[int, str], inbound: dict[int, str]) -> float:
    conversation_id, inbound_id = doc.get("conversation_id"), doc.get("inbound_id")
    if conversation_id in conversations:
        return moments.timestamp(conversations[conversation_id])
    if inbound_id in inbound:
        return moments.timestamp(inbound[inbound_id])
    return moments.timestamp(doc["due"]) - FOLLOW_UP_HOURS * 3600


def week_notes(store: Store, week_start: date) -> WeekNotes:
    """Listen share of the week's conversations, and follow-ups opened and closed that week."""
    start, end = week_bounds(store, week_start)
    tables = store.raw_tables()
    conversations = records_where(
        store, Conversation, lambda doc: start <= moments.timestamp(doc["when"]) < end
    )
    # Follow-ups are read as stored documents: a big file has thousands of done ones, and only
    # their times matter here (building every dataclass would cost more than the count).
    when = {int(i): doc["when"] for i, doc in tables.get(Conversation.TABLE, {}).items()}
    received = {int(i): doc["received"] for i, doc in tables.get(InboundRequest.TABLE, {}).items()}
    opened = closed = 0
    for doc in tables.get(FollowUp.TABLE, {}).values():
        if start <= _opened_at(doc, when, received) < end:
            opened += 1
        done_at = doc.get("done_at")
        if doc.get("status") == "done" and done_at and start <= moments.timestamp(done_at) < end:
            closed += 1
    return WeekNotes(week_start, talk_balance(conversations), opened, closed)
