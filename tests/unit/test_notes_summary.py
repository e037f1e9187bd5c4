"""What the Notes pane and the planning screen show: listen share, gives vs asks, promises, next follow-up."""

from __future__ import annotations

import pytest

from netplan.notes.followups import follow_up_done, promise_done
from netplan.notes.log import coaching_numbers, conversations_for, log_conversation, person_summary
from netplan.notes.model import Conversation, GivenValue
from netplan.store.store import Store
from netplan.targets.model import Person


def log(store: Store, person: Person, when: str, listen: int, ask: int, **changes: object) -> Conversation:
    fields: dict[str, object] = {
        "person_id": person.id,
        "when": when,
        "duration_minutes": max(listen + ask, 1),
        "listen_minutes": listen,
        "ask_minutes": ask,
    }
    fields.update(changes)
    return log_conversation(store, Conversation(**fields)).conversation  # type: ignore[arg-type]


def test_running_listen_share_is_total_listen_over_total_talk(store: Store) -> None:
    # rule LISTEN-20-10: sum listen / sum (listen + ask), target at least two thirds
    ana = store.insert(Person(name="Ana"))
    log(store, ana, "2026-11-01T10:00:00+01:00", 20, 10)
    log(store, ana, "2026-11-10T10:00:00+01:00", 15, 15)
    summary = person_summary(store, ana.id)
    assert summary.balance.listen_minutes == 35 and summary.balance.ask_minutes == 25
    assert summary.balance.listen_share == pytest.approx(35 / 60)
    assert not summary.balance.meets_listen_target
    log(store, ana, "2026-11-20T10:00:00+01:00", 30, 0)
    balance = person_summary(store, ana.id).balance
    assert balance.listen_share == pytest.approx(65 / 90)
    assert balance.meets_listen_target


def test_exactly_two_thirds_meets_the_target_and_no_minutes_has_no_share(store: Store) -> None:
    ana = store.insert(Person(name="Ana"))
    assert person_summary(store, ana.id).balance.listen_share is None
    first = log(store, ana, "2026-11-01T10:00:00+01:00", 20, 10)
    assert not first.below_listen_target and person_summary(store, ana.id).balance.meets_listen_target
    under = log(store, ana, "2026-11-02T10:00:00+01:00", 19, 10)
    assert under.below_listen_target


def test_conversations_are_newest_first_with_gives_asks_promises_and_next_follow_up(store: Store) -> None:
    ana = store.insert(Person(name="Ana"))
    other = store.insert(Person(name="Bo"))
    old = log(
        store,
        ana,
        "2026-10-01T10:00:00+02:00",
        20,
        10,
        gave=[GivenValue("strategy", "pricing idea"), GivenValue("person", "meet Pat")],
    )
    newer = log_conversation(
        store,
        Conversation(person_id=ana.id, when="2026-11-20T10:00:00+01:00", asked="Intro to Dana Ortiz?"),
        promises_mine=["send deck", "book room"],
        promises_theirs=["intro to Dana"],
    )
    log(store, other, "2026-11-21T10:00:00+01:00", 20, 10, asked="advice")
    assert [c.id for c in conversations_for(store, ana.id)] == [newer.conversation.id, old.id]
    summary = person_summary(store, ana.id)
    assert (summary.balance.gives, summary.balance.asks) == (2, 1)  # rule GIVE-FIRST
    assert not summary.balance.asks_outnumber_gives
    assert [p.text for p in summary.promises_mine] == ["send deck", "book room"]
    assert [p.text for p in summary.promises_theirs] == ["intro to Dana"]
    # the October follow-up is the next one until it is done
    assert summary.next_follow_up is not None and summary.next_follow_up.due.startswith("2026-10-03")
    follow_up_done(store, summary.next_follow_up.id)
    promise_done(store, summary.promises_mine[0].id)
    again = person_summary(store, ana.id)
    assert again.next_follow_up is not None and again.next_follow_up.id == newer.follow_up.id
    # rule FOLLOW-THROUGH: the next step no longer says to send what was sent
    assert "send deck" not in again.next_follow_up.text and "book room" in again.next_follow_up.text
    assert [p.text for p in again.promises_mine] == ["book room"]


def test_coaching_numbers_cover_the_last_eight_weeks_and_flag_conversations_under_two_thirds(
    store: Store,
) -> None:
    ana = store.insert(Person(name="Ana"))
    log(store, ana, "2026-09-01T10:00:00+02:00", 0, 30, asked="old ask")  # 12 weeks ago: outside
    good = log(store, ana, "2026-11-02T10:00:00+01:00", 20, 10, gave=[GivenValue("resource", "a tool")])
    bad = log(store, ana, "2026-11-16T10:00:00+01:00", 10, 20, asked="a job?")
    numbers = coaching_numbers(store)
    assert numbers.weeks == 8 and numbers.since == "2026-09-29T09:30:00+02:00"
    assert numbers.balance.conversations == 2
    assert numbers.balance.listen_share == pytest.approx(30 / 60)
    assert (numbers.balance.gives, numbers.balance.asks) == (1, 1)
    assert [c.id for c in numbers.below_target] == [bad.id]
    assert good.id not in [c.id for c in numbers.below_target]
