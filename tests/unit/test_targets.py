"""Targets: aim checks (BOW-AND-ARROW), the cap (SMALL-LIST), MUTUAL, cadence and Slipping (GARDEN)."""

from __future__ import annotations

from dataclasses import replace

import pendulum

from netplan.coach.rules import mutual, small_list
from netplan.store.store import Store
from netplan.targets.cadence import (
    BUILDING_DAYS,
    RAPPORT_DAYS,
    WIDER_NETWORK_DAYS,
    cadence_days,
    due_at,
    slipping,
)
from netplan.targets.model import Goal, GoalLink, Person, Venue
from netplan.targets.people import people_rows, sort_rows
from netplan.targets.tree import goal_tree


def test_a_goal_with_no_people_or_no_venue_names_the_missing_half(store: Store) -> None:
    empty = store.insert(Goal(title="Empty goal"))
    people_only = store.insert(Goal(title="People only"))
    aimed = store.insert(Goal(title="Aimed"))
    store.insert(Person(name="Ann", goals=[GoalLink(people_only.id), GoalLink(aimed.id, "hires PMs")]))
    store.insert(Venue(name="Guild", goals=[GoalLink(aimed.id)]))
    by_title = {a.goal.title: a for a in goal_tree(store)[0]}
    assert by_title["Empty goal"].missing == ["people", "venues"]
    assert by_title["People only"].missing == ["venues"]
    assert by_title["Aimed"].missing == []
    assert by_title["Aimed"].people[0][1].why == "hires PMs"
    assert empty.id in {a.goal.id for a in goal_tree(store)[0]}


def _targets(count: int, goal_id: int) -> list[Person]:
    return [Person(name=f"P{i}", goals=[GoalLink(goal_id)], id=i + 1) for i in range(count)]


def test_the_cap_warns_at_sixteen_active_targets_not_at_fifteen() -> None:
    assert small_list(_targets(15, 1), cap=15) == []
    findings = small_list(_targets(16, 1), cap=15)
    assert [f.rule_id for f in findings] == ["SMALL-LIST"]
    assert "16 active targets" in findings[0].message


def test_parked_people_and_people_without_a_goal_are_not_active_targets() -> None:
    people = _targets(16, 1)
    people[0] = replace(people[0], parked=True)
    assert small_list(people, cap=15) == []
    people.append(Person(name="Network only", id=99))
    assert small_list(people, cap=15) == []


def test_mutual_flags_a_target_with_neither_need_nor_help() -> None:
    target = Person(name="Ann", goals=[GoalLink(1)])
    assert [f.rule_id for f in mutual(target)] == ["MUTUAL"]
    assert mutual(replace(target, needs="a reviewer")) == []
    assert mutual(replace(target, can_help="intro to Bo")) == []
    assert mutual(Person(name="Not a target")) == []


def test_default_cadence_follows_the_stage_and_an_override_wins() -> None:
    target = Person(name="Ann", goals=[GoalLink(1)])
    assert cadence_days(target, "new") == BUILDING_DAYS == 14
    assert cadence_days(target, "rapport") == RAPPORT_DAYS == 30
    assert cadence_days(Person(name="Wide"), "rapport") == WIDER_NETWORK_DAYS == 90
    assert cadence_days(replace(target, cadence_days=7), "rapport") == 7


def test_a_touch_logged_today_makes_a_thirty_day_person_due_in_thirty_days(store: Store) -> None:
    now = store.clock.now()
    person = Person(
        name="Ann", goals=[GoalLink(1)], cadence_days=30, last_touch=now.subtract(days=45).isoformat()
    )
    # the days are counted in the user's zone: across the end of DST the wall-clock time stays 09:30
    assert due_at(person, "new", store.clock.tz) == now.subtract(days=15)
    touched = replace(person, last_touch=now.isoformat())
    assert due_at(touched, "new", store.clock.tz) == now.add(days=30)


def test_never_touched_has_no_due_date() -> None:
    assert due_at(Person(name="Ann"), "stranger") is None


def test_slipping_lists_people_past_due_most_overdue_first() -> None:
    now = pendulum.datetime(2026, 11, 24, 9, 30, tz="Europe/Berlin")
    people = [
        Person(name="Late 5", cadence_days=10, last_touch=now.subtract(days=15).isoformat(), id=1),
        Person(name="Late 20", cadence_days=10, last_touch=now.subtract(days=30).isoformat(), id=2),
        Person(name="On time", cadence_days=10, last_touch=now.subtract(days=3).isoformat(), id=3),
        Person(name="Never", id=4),
    ]
    found = slipping(people, {}, now)
    assert [(s.person.name, s.days_overdue) for s in found] == [("Late 20", 20), ("Late 5", 5)]


def test_logging_a_touch_removes_a_person_from_slipping(store: Store) -> None:
    now = store.clock.now()
    person = store.insert(Person(name="Ann", cadence_days=30, last_touch=now.subtract(days=40).isoformat()))
    assert [s.person.name for s in slipping(store.all(Person), {}, now)] == ["Ann"]
    store.update(replace(person, last_touch=now.isoformat()))
    assert slipping(store.all(Person), {}, now) == []


def test_people_rows_sort_by_due_by_default_then_by_name_or_last_touch(store: Store) -> None:
    now = store.clock.now()
    store.insert(Person(name="Cy", cadence_days=5, last_touch=now.subtract(days=1).isoformat()))
    store.insert(Person(name="Al"))
    store.insert(Person(name="Bo", cadence_days=5, last_touch=now.subtract(days=10).isoformat()))
    rows = people_rows(store)
    assert [r.person.name for r in rows] == ["Bo", "Cy", "Al"]  # most overdue first, never touched last
    assert [r.person.name for r in sort_rows(rows, "name")] == ["Al", "Bo", "Cy"]
    assert [r.person.name for r in sort_rows(rows, "last touch")] == ["Al", "Bo", "Cy"]
    document = rows[0].to_json()
    assert set(document) >= {
        "id",
        "name",
        "kind",
        "company",
        "role",
        "stage",
        "last_touch",
        "due",
        "parked",
        "goals",
    }


def test_a_goal_shows_its_next_scheduled_step_with_its_people_or_at_its_venues(store: Store) -> None:
    from netplan.schedule.next_step import next_steps
    from netplan.schedule.slot import Slot
    from netplan.schedule.week import add_slot

    goal = store.insert(Goal(title="Climate PM"))
    other = store.insert(Goal(title="Unrelated"))
    venue = store.insert(Venue(name="Circle", goals=[GoalLink(goal.id)]))
    store.insert(Person(name="Lone", goals=[GoalLink(other.id)]))
    # Thursday 18:30 at the goal's venue; the clock is Tue 2026-11-24 09:30
    add_slot(
        store,
        Slot(
            kind="group meeting",
            title="Circle night",
            weekday=3,
            time="18:30",
            duration_minutes=90,
            start_date="2026-11-01",
            venue_id=venue.id,
        ),
    )
    steps = next_steps(store, goal_tree(store)[0])
    assert steps[goal.id].start.format("YYYY-MM-DD HH:mm") == "2026-11-26 18:30"
    assert "Circle night" in steps[goal.id].title
    assert other.id not in steps
