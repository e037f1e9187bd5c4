"""The prep checklist generated from data/prep_checklist.json, ticking it, and the event's findings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from netplan.core.errors import NotFoundError, ValidationError
from netplan.events.model import Event, EventTarget, Speaker
from netplan.events.prep import (
    add_custom_item,
    event_findings,
    load_template,
    remove_custom_item,
    toggle_item,
)
from netplan.events.saved import delete_event, find_event, save_event
from netplan.store.store import Store
from netplan.targets.model import Goal, Person, Venue


def add_meetup(store: Store, **fields: object) -> Event:
    values: dict[str, object] = {
        "title": "Staff+ Meetup",
        "start": "2026-11-26T18:30:00+01:00",
        "end": "2026-11-26T21:00:00+01:00",
    }
    values.update(fields)
    return save_event(store, Event(**values))  # type: ignore[arg-type]


def test_the_checklist_is_generated_from_the_template_with_the_events_values(store: Store) -> None:
    ada = store.insert(Person(name="Ada Byron"))
    grace = store.insert(Person(name="Grace Hopper"))
    venue = store.insert(Venue(name="Kulturbrauerei", kind="conference/meetup"))
    event = add_meetup(
        store,
        venue_id=venue.id,
        speakers=[Speaker("Linus Pauling", "Vitamin C"), Speaker("Ada Byron", "Engines", ada.id)],
        targets=[EventTarget(grace.id, "runs the compiler team")],
        ask="An email introduction to Sally Jones at XYZ about the PM role",
        arrive_early_minutes=25,
    )
    keys = [item.key for item in load_template()]
    assert [item.key for item in event.checklist] == keys
    assert keys == ["arrive", "speakers", "targets", "questions", "ask", "intro"]
    texts = {item.key: item.text for item in event.checklist}
    assert texts["arrive"].startswith("Arrive by 18:05, 25 minutes before the 18:30 start")  # ARRIVE-EARLY
    assert texts["speakers"].endswith("Linus Pauling, Ada Byron")
    assert texts["targets"].endswith("Grace Hopper")
    assert texts["ask"] == "One specific ask: An email introduction to Sally Jones at XYZ about the PM role"
    assert "introduction of yourself" in texts["intro"]
    assert event.tz == "Europe/Berlin"  # the store clock's zone when none was given
    assert event.progress == (0, 6)


def test_an_event_without_values_gets_reminders_instead(store: Store) -> None:
    texts = {item.key: item.text for item in add_meetup(store).checklist}
    assert texts["speakers"].endswith("find out who is speaking")
    assert texts["targets"].endswith("none picked yet")
    assert texts["ask"].endswith("not written yet")


def test_editing_the_event_rewrites_generated_items_and_keeps_ticks_and_custom_items(store: Store) -> None:
    event = add_meetup(store)
    event = toggle_item(store, event.id, 0)
    event = add_custom_item(store, event.id, "Bring business cards")
    event = toggle_item(store, event.id, len(event.checklist) - 1)
    moved = save_event(store, replace(event, start="2026-11-26T19:00:00+01:00"))
    assert moved.checklist[0].text.startswith("Arrive by 18:40")
    assert moved.checklist[0].done
    assert moved.checklist[-1].text == "Bring business cards" and moved.checklist[-1].custom
    assert moved.checklist[-1].done
    assert moved.progress == (2, 7)
    stored = store.get(Event, event.id)
    assert stored == moved


def test_only_custom_items_can_be_removed_and_bad_indexes_are_named(store: Store) -> None:
    event = add_custom_item(store, add_meetup(store).id, "Charge the phone")
    with pytest.raises(ValidationError, match="only items you added"):
        remove_custom_item(store, event.id, 0)
    with pytest.raises(ValidationError, match="no item 99"):
        toggle_item(store, event.id, 98)
    with pytest.raises(ValidationError, match="checklist: is required"):
        add_custom_item(store, event.id, "   ")
    event = remove_custom_item(store, event.id, len(event.checklist) - 1)
    assert [item.custom for item in event.checklist] == [False] * 6


def test_a_template_with_an_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "template.json"
    bad.write_bytes(orjson.dumps({"items": [{"key": "x", "text": "Bring {umbrella}"}]}))
    with pytest.raises(ValueError, match="unknown placeholders"):
        load_template(bad)
    bad.write_bytes(orjson.dumps({"items": [{"key": "x", "text": "a"}, {"key": "x", "text": "b"}]}))
    with pytest.raises(ValueError, match="unique"):
        load_template(bad)


def test_findings_flag_no_people_picked_and_no_or_vague_ask(store: Store) -> None:
    bare = add_meetup(store)
    rules = [(f.rule_id, f.message) for f in event_findings(store, bare)]
    assert ("KNOW-THE-ROOM", "No people picked to meet") in rules
    assert ("SPECIFIC-ASK", "No ask written for this event") in rules
    short = replace(bare, ask="Any leads?")
    assert [f.rule_id for f in event_findings(store, short) if f.severity == "warning"] == [
        "KNOW-THE-ROOM",
        "SPECIFIC-ASK",
    ]
    grace = store.insert(Person(name="Grace Hopper"))
    ready = replace(
        bare,
        targets=[EventTarget(grace.id, "compiler team")],
        speakers=[Speaker("Ada Byron")],
        ask="Ask Grace for an email introduction to the compiler team lead",
    )
    assert event_findings(store, ready) == []
    early = [f.rule_id for f in event_findings(store, replace(ready, arrive_early_minutes=0))]
    assert early == ["ARRIVE-EARLY"]


def test_references_must_exist(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no venue with id 9"):
        add_meetup(store, venue_id=9)
    with pytest.raises(NotFoundError, match="no person with id 5"):
        add_meetup(store, targets=[EventTarget(5)])
    with pytest.raises(NotFoundError, match="no goal with id 3"):
        add_meetup(store, goal_ids=[3])
    goal = store.insert(Goal(title="Find a mentor"))
    assert add_meetup(store, goal_ids=[goal.id]).goal_ids == [goal.id]


def test_find_event_by_id_exact_title_or_unique_part(store: Store) -> None:
    staff = add_meetup(store)
    design = add_meetup(store, title="Design Research Breakfast")
    again = add_meetup(store, title="Staff+ Meetup: holiday edition")
    assert find_event(store, str(design.id)) == design
    assert find_event(store, "staff+ MEETUP") == staff  # exact title wins over containing ones
    assert find_event(store, "holiday") == again
    with pytest.raises(ValidationError, match="matches several events"):
        find_event(store, "meetup")
    with pytest.raises(NotFoundError, match="no event matching 'gala'"):
        find_event(store, "gala")
    delete_event(store, design.id)
    with pytest.raises(NotFoundError):
        find_event(store, "breakfast")
