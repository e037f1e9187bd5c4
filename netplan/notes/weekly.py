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

from netplan.core import moments
from netplan.notes.log import FOLLOW_UP_HOURS, TalkBalance, talk_balance
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


def _opened_at(store: Store) -> dict[int, float]:
    """When each follow-up was opened (see the module docstring), by follow-up id.

    Read a field at a time (Store.column): a big file has thousands of done follow-ups, and only
    their times matter here (building every dataclass would cost more than the count).
    """
    when = store.column(Conversation, "when")
    received = store.column(InboundRequest, "received")
    conversation_ids = store.column(FollowUp, "conversation_id")
    inbound_ids = store.column(FollowUp, "inbound_id")
    opened: dict[int, float] = {}
    for follow_up_id, due in store.column(FollowUp, "due").items():
        conversation_id, inbound_id = conversation_ids[follow_up_id], inbound_ids[follow_up_id]
        if conversation_id in when:
            opened[follow_up_id] = moments.timestamp(when[conversation_id])
        elif inbound_id in received:
            opened[follow_up_id] = moments.timestamp(received[inbound_id])
        else:
            opened[follow_up_id] = moments.timestamp(due) - FOLLOW_UP_HOURS * 3600
    return opened


def week_notes(store: Store, week_start: date) -> WeekNotes:
    """Listen share of the week's conversations, and follow-ups opened and closed that week."""
    start, end = week_bounds(store, week_start)
    conversations = store.records_where(
        Conversation, "when", lambda when: start <= moments.timestamp(when) < end
    )
    opened = sum(1 for at in _opened_at(store).values() if start <= at < end)
    done_at = store.column(FollowUp, "done_at")
    closed = sum(
        1
        for follow_up_id, status in store.column(FollowUp, "status").items()
        if status == "done"
        and done_at[follow_up_id]
        and start <= moments.timestamp(done_at[follow_up_id]) < end
    )
    return WeekNotes(week_start, talk_balance(conversations), opened, closed)
