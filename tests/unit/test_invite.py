""" "Who should I invite?" for an empty coffee: sources in order, one entry per person."""

from __future__ import annotations

from datetime import date

import pytest

from netplan.schedule.invite import (
    INVITE_SOURCES,
    InviteCandidate,
    InviteContext,
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


def test_a_follow_ups_source_registered_first_wins(store: Store, ids: dict[str, int]) -> None:
    def overdue_follow_ups(store: Store, context: InviteContext) -> list[InviteCandidate]:
        lena = store.get(Person, ids["Lena Fischer"])
        assert lena is not None and context.week_start == date(2026, 11, 23)
        return [InviteCandidate(lena, "follow-up", "follow-up due 2026-11-20", "FOLLOW-48H")]

    sources = [overdue_follow_ups, *INVITE_SOURCES]
    found = invite_candidates(store, open_coffee(store, ids), sources=sources, limit=3)
    assert [(c.person.name, c.source) for c in found] == [
        ("Lena Fischer", "follow-up"),
        ("Ravi Shah", "slipping"),
        ("Chen Wei", "slipping"),
    ]


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
