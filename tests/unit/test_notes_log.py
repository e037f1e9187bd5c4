"""Logging a conversation: one transaction, its follow-up and promise tasks (FOLLOW-48H, FOLLOW-THROUGH)."""

from __future__ import annotations

from typing import Any

import pytest

from netplan.core.clock import FixedClock
from netplan.core.errors import NotFoundError, ValidationError
from netplan.notes import log as notes
from netplan.notes.log import log_conversation, match_person
from netplan.notes.model import Conversation, FollowUp, GivenValue, Promise
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.conftest import FIXED_TZ

TUESDAY_10 = "2026-11-24T10:00:00+01:00"  # the fixed clock's day (Tue 24 Nov 2026, Berlin)


@pytest.fixture
def clock() -> FixedClock:
    """Half past ten on Tuesday: the 10:00 coffee these tests log has happened (a conversation in the
    future is refused: issue 15)."""
    return FixedClock("2026-11-24T10:30:00", tz=FIXED_TZ)


@pytest.fixture
def sam(store: Store) -> Person:
    return store.insert(Person(name="Sam Lee", company="Northwind"))


def coffee(person: Person, when: str = TUESDAY_10, **changes: Any) -> Conversation:
    return Conversation(person_id=person.id, when=when, **changes)


def test_a_coffee_on_tuesday_at_ten_gives_a_follow_up_on_thursday_at_ten(store: Store, sam: Person) -> None:
    # rule FOLLOW-48H, FOLLOW-THROUGH
    writes = store.writes
    logged = log_conversation(
        store,
        coffee(sam, gave=[GivenValue("person", "intro to Pat Kim")]),
        promises_mine=["send my deck"],
        promises_theirs=["intro to Sally Jones"],
    )
    assert store.writes == writes + 1  # one atomic write for everything
    assert logged.follow_up.due == "2026-11-26T10:00:00+01:00"
    assert store.all(FollowUp) == [logged.follow_up]
    text = logged.follow_up.text
    assert text.startswith("Thank them for the coffee on Tue 24 Nov.")
    assert "send my deck" in text and "intro to Sally Jones" in text
    promises = store.all(Promise)
    assert [(p.by, p.text, p.due) for p in promises] == [
        ("me", "send my deck", "2026-11-26T10:00:00+01:00"),
        ("them", "intro to Sally Jones", "2026-11-26T10:00:00+01:00"),
    ]
    assert all(p.conversation_id == logged.conversation.id and p.is_open for p in promises)
    assert logged.follow_up.conversation_id == logged.conversation.id
    assert store.all(Conversation) == [logged.conversation]
    touched = store.get(Person, sam.id)
    assert touched is not None and touched.last_touch == TUESDAY_10  # rule GARDEN


def test_the_48_hours_are_exact_across_a_daylight_saving_change(store: Store, sam: Person) -> None:
    logged = log_conversation(store, coffee(sam, when="2026-10-24T10:00:00+02:00"))
    assert logged.follow_up.due == "2026-10-26T10:00:00+02:00"  # = 09:00 local after the clocks went back


def test_a_conversation_without_promises_still_gets_its_thank_you(store: Store, sam: Person) -> None:
    logged = log_conversation(store, coffee(sam, kind="call"))
    assert logged.promises == [] and store.count(Promise) == 0
    assert logged.follow_up.text == "Thank them for the call on Tue 24 Nov."


def test_promise_due_dates_can_be_given(store: Store, sam: Person) -> None:
    logged = log_conversation(
        store,
        coffee(sam),
        promises_mine=[("send my deck", "2026-11-25"), ("book the room", "2026-12-01T15:00:00+01:00")],
        promises_theirs=[("intro to Sally Jones", None)],
    )
    assert [p.due for p in logged.promises] == [
        "2026-11-25T09:00:00+01:00",
        "2026-12-01T15:00:00+01:00",
        "2026-11-26T10:00:00+01:00",
    ]


def test_a_failure_inside_the_transaction_leaves_the_file_byte_identical(
    store: Store, sam: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = store.path.read_bytes()

    def broken_touch(*args: object) -> Person:
        raise OSError("disk unplugged")

    monkeypatch.setattr(notes, "record_touch", broken_touch)
    with pytest.raises(OSError):
        log_conversation(store, coffee(sam), promises_mine=["send my deck"])
    assert store.path.read_bytes() == before
    assert store.all(Conversation) == [] and store.all(FollowUp) == [] and store.all(Promise) == []
    person = store.get(Person, sam.id)
    assert person is not None and person.last_touch is None


@pytest.mark.parametrize(
    ("changes", "mine", "field"),
    [
        ({"listen_minutes": 25, "ask_minutes": 10}, [], "listen_minutes"),
        ({"when": "2028-01-01T10:00:00+01:00"}, [], "when"),
        ({}, ["  "], "promise by me 1"),
        ({}, [("deck", "next week")], "promise by me 1 due"),
    ],
)
def test_bad_input_saves_nothing(
    store: Store, sam: Person, changes: dict[str, Any], mine: list[str], field: str
) -> None:
    before, writes = store.path.read_bytes(), store.writes
    with pytest.raises(ValidationError) as caught:
        log_conversation(store, coffee(sam, **changes), promises_mine=mine)
    assert caught.value.field == field
    assert store.path.read_bytes() == before and store.writes == writes


def test_an_unknown_person_is_refused(store: Store) -> None:
    with pytest.raises(NotFoundError):
        log_conversation(store, Conversation(person_id=99, when=TUESDAY_10))
    assert store.count(Conversation) == 0


def test_logging_an_older_conversation_does_not_move_last_touch_back(store: Store, sam: Person) -> None:
    log_conversation(store, coffee(sam))
    log_conversation(store, coffee(sam, when="2026-10-01T10:00:00+02:00"))
    person = store.get(Person, sam.id)
    assert person is not None and person.last_touch == TUESDAY_10


def test_persons_are_matched_by_exact_name_then_unique_substring(store: Store, sam: Person) -> None:
    samantha = store.insert(Person(name="Samantha Cruz"))
    store.insert(Person(name="Sam-like engineers", kind="type"))
    assert match_person(store, "sam lee") == sam
    assert match_person(store, "  LEE ") == sam
    assert match_person(store, "cruz") == samantha
    with pytest.raises(ValidationError, match="several people"):
        match_person(store, "sam")
    with pytest.raises(NotFoundError, match="netplan add person"):
        match_person(store, "Pat Kim")
    with pytest.raises(NotFoundError):
        match_person(store, "engineers")  # a type of person is not someone you had coffee with
