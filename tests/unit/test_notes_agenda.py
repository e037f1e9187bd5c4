"""The agenda: what is due on a day or overdue by then, overdue first, and slipping people (GARDEN)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from netplan import agenda as agenda_module
from netplan.agenda import AgendaEvent, agenda_for, follow_up_board
from netplan.notes.followups import log_inbound, promise_done
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.conftest import clock_at


def coffee(store: Store, person: Person, when: str, **promises: list[str]) -> None:
    with clock_at(store, when):  # logged once it happened (issue 15)
        log_conversation(store, Conversation(person_id=person.id, when=when), **promises)


def test_items_due_that_day_or_overdue_are_listed_overdue_first(store: Store) -> None:
    ana = store.insert(Person(name="Ana"))
    bo = store.insert(Person(name="Bo"))
    coffee(store, ana, "2026-11-24T10:00:00+01:00", promises_mine=["send deck"])  # due Thu 26
    coffee(store, bo, "2026-11-20T08:00:00+01:00", promises_theirs=["intro to Dana"])  # due Sun 22
    coffee(store, bo, "2026-11-25T10:00:00+01:00")  # due Fri 27: not yet
    day = agenda_for(store, date(2026, 11, 26))
    assert [(i.person, i.overdue, i.due) for i in day.follow_ups] == [
        ("Bo", True, "2026-11-22T08:00:00+01:00"),
        ("Ana", False, "2026-11-26T10:00:00+01:00"),
    ]
    assert [(i.text, i.overdue) for i in day.promises] == [
        ("They promised: intro to Dana", True),
        ("I promised: send deck", False),
    ]
    assert agenda_for(store, date(2026, 11, 21)).is_empty
    promise_done(store, day.promises[0].id)
    assert [i.text for i in agenda_for(store, date(2026, 11, 26)).promises] == ["I promised: send deck"]


def test_days_are_the_users_calendar_days(store: Store) -> None:
    ana = store.insert(Person(name="Ana"))
    # the follow-up is due 23:30 UTC on the 24th: 00:30 on the 25th in Berlin (the store's clock zone)
    coffee(store, ana, "2026-11-22T23:30:00+00:00")
    assert agenda_for(store, date(2026, 11, 24)).follow_ups == []
    assert len(agenda_for(store, date(2026, 11, 25)).follow_ups) == 1


def test_json_has_the_contract_keys(store: Store) -> None:
    ana = store.insert(Person(name="Ana [/]"))
    coffee(store, ana, "2026-11-24T10:00:00+01:00", promises_mine=["send deck"])
    log_inbound(store, ana.id, "a question")
    document = agenda_for(store, date(2026, 11, 26)).to_json()
    assert list(document) == ["date", "events", "follow_ups", "promises", "replies", "slipping"]
    assert document["date"] == "2026-11-26"
    for key in ("follow_ups", "promises", "replies"):
        [item] = document[key]
        assert item["person"] == "Ana [/]" and item["person_id"] == ana.id
        assert {"due", "text", "id", "overdue"} <= set(item)


def test_slipping_people_are_past_their_cadence_since_the_last_touch(store: Store) -> None:
    # rule GARDEN: the person's own cadence, else the default for their stage (netplan.targets.cadence);
    # never touched or parked: not slipping; the wider network (no goal) is due every 90 days
    store.insert(Person(name="Never met"))
    store.insert(Person(name="Parked", parked=True, last_touch="2026-08-01T10:00:00+02:00"))
    store.insert(Person(name="Wider network", last_touch="2026-10-20T10:00:00+02:00"))
    lapsed = store.insert(Person(name="Lapsed", cadence_days=30, last_touch="2026-10-20T10:00:00+02:00"))
    store.insert(Person(name="Recent", last_touch="2026-11-10T10:00:00+01:00"))
    weekly = store.insert(Person(name="Weekly", cadence_days=7, last_touch="2026-11-16T10:00:00+01:00"))
    day = agenda_for(store, date(2026, 11, 24))
    assert [(i.person, i.overdue, i.due) for i in day.slipping] == [
        ("Lapsed", True, "2026-11-19T10:00:00+01:00"),
        ("Weekly", True, "2026-11-23T10:00:00+01:00"),
    ]
    assert day.slipping[0].text == "Stay in touch: last touch 35 days ago (every 30 days)"
    assert day.slipping[0].person_id == lapsed.id
    # a logged conversation restarts the cadence
    coffee(store, store.get(Person, weekly.id) or weekly, "2026-11-23T10:00:00+01:00")
    assert [i.person for i in agenda_for(store, date(2026, 11, 24)).slipping] == ["Lapsed"]
    store.update(replace(lapsed, kind="type"))
    assert agenda_for(store, date(2026, 11, 24)).slipping == []


@pytest.fixture
def an_event_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    def provider(store: Store, day: date) -> Sequence[AgendaEvent]:
        start = f"{day.isoformat()}T18:00:00+01:00"
        return [AgendaEvent("Climate Product Circle", start, f"{day.isoformat()}T17:40:00+01:00")]

    monkeypatch.setattr(agenda_module, "agenda_events", provider)


@pytest.mark.usefixtures("an_event_provider")
def test_events_come_from_the_events_capability(store: Store) -> None:
    document = agenda_for(store, date(2026, 11, 26)).to_json()
    [event] = document["events"]
    assert (event["title"], event["start"], event["arrive_by"]) == (
        "Climate Product Circle",
        "2026-11-26T18:00:00+01:00",
        "2026-11-26T17:40:00+01:00",
    )


def test_follow_up_board_splits_overdue_today_and_upcoming(store: Store) -> None:
    ana = store.insert(Person(name="Ana"))
    coffee(store, ana, "2026-11-20T10:00:00+01:00")  # due Sun 22: overdue on Tue 24
    coffee(store, ana, "2026-11-22T10:00:00+01:00")  # due Tue 24: today
    coffee(store, ana, "2026-11-24T08:00:00+01:00")  # due Thu 26: upcoming
    log_inbound(store, ana.id, "coffee?")  # reply due Thu 26: upcoming
    board = follow_up_board(store)
    assert [i.due[:10] for i in board.overdue] == ["2026-11-22"]
    assert [i.due[:10] for i in board.due_today] == ["2026-11-24"]
    assert [(i.kind, i.due[:10]) for i in board.upcoming] == [
        ("follow_up", "2026-11-26"),
        ("reply", "2026-11-26"),
    ]
