"""Last week's notes for the planning session: listen share, follow-ups closed vs. opened.

The week of Monday 2026-11-16 .. Sunday 11-22 in Berlin (the fixed clock's zone).
"""

from __future__ import annotations

from datetime import date

import pytest

from netplan.notes.followups import follow_up_done, log_inbound, nudge_again
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation, FollowUp
from netplan.notes.weekly import week_notes
from netplan.store.store import Store
from netplan.targets.model import Person

WEEK = date(2026, 11, 16)


def log(store: Store, person: Person, when: str, listen: int = 20, ask: int = 10) -> FollowUp:
    conversation = Conversation(
        person_id=person.id, when=when, duration_minutes=listen + ask, listen_minutes=listen, ask_minutes=ask
    )
    return log_conversation(store, conversation).follow_up


def test_listen_share_counts_the_weeks_conversations_only(store: Store) -> None:
    ana = store.insert(Person(name="Ana"))
    log(store, ana, "2026-11-15T23:30:00+01:00", 0, 30)  # Sunday before: not this week
    log(store, ana, "2026-11-16T00:00:00+01:00", 20, 10)  # Monday, the first minute
    log(store, ana, "2026-11-22T23:59:00+01:00", 10, 20)  # Sunday, the last minute
    log(store, ana, "2026-11-23T00:00:00+01:00", 30, 0)  # the next Monday: not this week
    notes = week_notes(store, WEEK)
    assert notes.balance.conversations == 2
    assert notes.balance.listen_share == pytest.approx(30 / 60)
    assert week_notes(store, date(2026, 11, 30)).balance.listen_share is None  # no conversations


def test_follow_ups_open_with_their_conversation_and_close_when_sent(store: Store) -> None:
    ana = store.insert(Person(name="Ana"))
    # Saturday's coffee opens a follow-up this week, due Monday next week (rule FOLLOW-48H).
    saturday = log(store, ana, "2026-11-21T10:00:00+01:00")
    # The week before: opened then, sent on Tuesday of this week.
    earlier = log(store, ana, "2026-11-12T10:00:00+01:00")
    follow_up_done(store, earlier.id, at="2026-11-17T09:00:00+01:00")
    # Opened this week, sent next week: opened here, closed there.
    wednesday = log(store, ana, "2026-11-18T10:00:00+01:00")
    follow_up_done(store, wednesday.id, at="2026-11-24T09:00:00+01:00")
    notes = week_notes(store, WEEK)
    assert (notes.follow_ups_opened, notes.follow_ups_closed) == (2, 1)
    assert saturday.due.startswith("2026-11-23")
    next_week = week_notes(store, date(2026, 11, 23))
    assert (next_week.follow_ups_opened, next_week.follow_ups_closed) == (0, 1)


def test_a_parked_follow_up_is_not_closed_and_inbound_ones_open_when_received(store: Store) -> None:
    ana = store.insert(Person(name="Ana"))
    follow_up = log(store, ana, "2026-11-02T10:00:00+01:00")
    for sent in ("2026-11-16T09:00:00+01:00", "2026-11-17T09:00:00+01:00", "2026-11-18T09:00:00+01:00"):
        nudge_again(store, follow_up.id, sent_at=sent)  # the third unanswered nudge parks it
    assert store.get(FollowUp, follow_up.id).status == "parked"  # type: ignore[union-attr]
    request = log_inbound(store, ana.id, "an intro", "2026-11-19T08:00:00+01:00")
    reply_due = "2026-12-01T09:00:00+01:00"  # due long after: still opened when the request came
    store.insert(FollowUp(person_id=ana.id, inbound_id=request.id, due=reply_due, text="reply"))
    # No conversation or request: counted from 48 hours before its due (Tuesday, then Saturday).
    store.insert(FollowUp(person_id=ana.id, due="2026-11-17T12:00:00+01:00", text="opened the week before"))
    store.insert(FollowUp(person_id=ana.id, due="2026-11-21T12:00:00+01:00", text="a note"))
    notes = week_notes(store, WEEK)
    assert (notes.follow_ups_opened, notes.follow_ups_closed) == (2, 0)
    assert week_notes(store, date(2026, 11, 9)).follow_ups_opened == 1
