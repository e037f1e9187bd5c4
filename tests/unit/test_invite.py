""" "Who should I invite?" for an empty coffee: sources in order, one entry per person."""

from __future__ import annotations

from datetime import date

import pytest

from netplan.notes.model import FollowUp
from netplan.schedule.invite import (
    invite_candidates,
    touch_due,
)
from netplan.schedule.week import Occurrence, book_occurrence, week_view
from netplan.store.store import Store
from netplan.targets.model import GoalLink, Person
from tests.unit.schedule_data import build


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    return build(store)


def open_coffee(store: Store, ids: dict[str, int]) -> Occurrence:
    week = week_view(store, date(2026, 11, 23))
    return next(occ for occ in week if occ.slot.id == ids["open"])


def test_slipping_people_first_then_goal_targets_without_a_step_this_week(
    store: Store, ids: dict[str, int]
) -> None:
    occurrence = open_coffee(store, ids)
    assert occurrence.is_empty
    found = invite_candidates(store, occurrence)
    assert [(c.person.name, c.source) for c in found] == [
        # rule GARDEN (netplan.targets.cadence): past their cadence by Thursday, most overdue first. A target
        # still being built is due every 14 days; an own cadence wins; no goal = wider network, 90 days.
        ("Ravi Shah", "slipping"),  # due 10-15
        ("Lena Fischer", "slipping"),  # due 11-13
        ("Chen Wei", "slipping"),  # due 11-15 (own 14 days)
        # rule BOW-AND-ARROW: targets of an active goal, longest untouched first (never = first).
        ("Tomás Varga", "goal target"),
        ("Aisha Bello", "goal target"),  # due 12-04
    ]
    # Never proposed: Priya and Marcus (already on this week's schedule), Sofia (touched this week),
    # Daniel (parked), the type of person, Jonas (only an achieved goal).
    assert found[0].rule_id == "GARDEN" and "since 2026-10-15" in found[0].reason
    assert found[3].rule_id == "BOW-AND-ARROW" and "Move into climate tech" in found[3].reason


def test_an_overdue_follow_up_comes_first(store: Store, ids: dict[str, int]) -> None:
    """rule FOLLOW-48H: someone owed a follow-up by the coffee's day is the first to invite."""
    lena, ravi = ids["Lena Fischer"], ids["Ravi Shah"]
    store.insert(FollowUp(person_id=lena, due="2026-11-20T09:00:00+01:00", text="send the deck"))
    store.insert(FollowUp(person_id=ravi, due="2026-12-24T09:00:00+01:00", text="not due yet"))
    found = invite_candidates(store, open_coffee(store, ids), limit=3)
    assert [(c.person.name, c.source) for c in found] == [
        ("Lena Fischer", "follow-up"),
        ("Ravi Shah", "slipping"),
        ("Chen Wei", "slipping"),
    ]
    assert found[0].reason == "follow-up due 2026-11-20" and found[0].rule_id == "FOLLOW-48H"


def test_booking_a_candidate_fills_the_slot_and_drops_them_from_the_list(
    store: Store, ids: dict[str, int]
) -> None:
    occurrence = open_coffee(store, ids)
    first = invite_candidates(store, occurrence)[0]
    book_occurrence(store, occurrence.slot.id, occurrence.date, first.person.id)
    booked = open_coffee(store, ids)
    assert booked.booked_person_name == "Ravi Shah" and not booked.is_empty
    assert "Ravi Shah" not in [c.person.name for c in invite_candidates(store, booked)]


def test_touch_due_uses_the_cadence_or_the_default_for_the_stage() -> None:
    target = [GoalLink(1, "")]
    touched = "2026-10-01T10:00:00+02:00"
    assert touch_due(Person(name="A", goals=target, last_touch=touched), "new") == date(2026, 10, 15)
    assert touch_due(Person(name="A", goals=target, last_touch=touched), "rapport") == date(2026, 10, 31)
    assert touch_due(Person(name="Wide", last_touch=touched), "new") == date(2026, 12, 30)
    assert touch_due(Person(name="B", cadence_days=7, last_touch="2026-10-01")) == date(2026, 10, 8)
    assert touch_due(Person(name="C")) is None
    assert touch_due(Person(name="D", last_touch="not a date")) is None
