"""Deleting a goal, person or venue: one write, nothing left pointing at it, said before it happens."""

from __future__ import annotations

import pytest

from netplan.coach.draft import Draft
from netplan.coach.outreach import save_draft
from netplan.deletion import delete, fallout
from netplan.demo.load import load_demo
from netplan.events.model import Event
from netplan.integrity import run_checks
from netplan.notes.model import Conversation, FollowUp, Promise
from netplan.schedule.slot import Slot
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person, Venue


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store)
    assert run_checks(store) == []
    return store


def test_deleting_a_goal_unlinks_people_venues_and_events_in_one_write(demo: Store) -> None:
    event = next(e for e in demo.all(Event) if e.goal_ids)
    goal = demo.get(Goal, event.goal_ids[0])
    assert goal is not None
    aimed = [p.id for p in demo.all(Person) if any(link.goal_id == goal.id for link in p.goals)]
    writes = demo.writes
    delete(demo, goal)
    assert demo.writes == writes + 1
    assert demo.get(Goal, goal.id) is None
    assert all(link.goal_id != goal.id for p in demo.all(Person) for link in p.goals)
    assert all(link.goal_id != goal.id for v in demo.all(Venue) for link in v.goals)
    assert goal.id not in (demo.get(Event, event.id) or event).goal_ids
    assert {p.id for p in demo.all(Person)} >= set(aimed)  # the people stay
    assert run_checks(demo) == []


def test_deleting_a_person_takes_their_history_and_leaves_the_event_and_slot(demo: Store) -> None:
    event = next(e for e in demo.all(Event) if any(s.person_id for s in e.speakers))
    speaker = next(s for s in event.speakers if s.person_id)
    person = demo.get(Person, speaker.person_id or 0)
    assert person is not None
    save_draft(demo, person.id, "reconnect", "Hi")
    talks = demo.records_of(Conversation, person.id)
    delete(demo, person)
    assert demo.get(Person, person.id) is None
    for kind in (Conversation, Promise, FollowUp, Draft):
        assert [r for r in demo.all(kind) if getattr(r, "person_id", None) == person.id] == []
    kept = demo.get(Event, event.id)
    assert kept is not None
    # rule KNOW-THE-ROOM: the speaker still speaks, by name; only the link to the person goes
    assert any(s.name == speaker.name and s.person_id is None for s in kept.speakers)
    assert len(demo.all(Conversation)) > 0 and talks  # others' history stays; theirs existed
    assert run_checks(demo) == []


def test_every_demo_person_venue_and_goal_can_go_and_check_stays_clean(demo: Store) -> None:
    slots, events = len(demo.all(Slot)), len(demo.all(Event))
    records: list[Goal | Person | Venue] = [*demo.all(Person), *demo.all(Venue), *demo.all(Goal)]
    for record in records:
        delete(demo, record)
        assert run_checks(demo) == [], f"after deleting {record}"
    assert (len(demo.all(Slot)), len(demo.all(Event))) == (slots, events)  # mentions go, they stay
    assert demo.all(Conversation) == [] and demo.all(Draft) == []


def test_the_confirmation_names_what_goes_and_what_stays(store: Store) -> None:
    goal = store.insert(Goal(title="G"))
    ann = store.insert(Person(name="Ann", goals=[GoalLink(goal.id)]))
    venue = store.insert(Venue(name="Guild", goals=[GoalLink(goal.id)]))
    store.insert(
        Slot(
            kind="coffee",
            title="Coffee",
            weekday=1,
            tz="Europe/Berlin",
            start_date="2026-11-24",
            person_id=ann.id,
        )
    )
    for about in ("jobs", "hiring"):
        store.insert(Conversation(person_id=ann.id, when="2026-11-20T09:00:00+01:00", needs=about))
    assert fallout(store, ann) == ["2 conversations go with them.", "1 slot stays and loses the mention."]
    assert fallout(store, goal) == ["1 person and 1 venue stay and lose the mention."]
    assert fallout(store, venue) == []
    delete(store, ann)
    slot = store.all(Slot)[0]
    assert (slot.title, slot.person_id) == ("Coffee", None)
