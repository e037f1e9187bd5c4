"""After the event: capturing the people met (rules ACT-AFTER, FOLLOW-48H) in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netplan.agenda import agenda_for
from netplan.coach.rules import person_findings
from netplan.core.clock import FixedClock
from netplan.core.errors import NotFoundError, ValidationError
from netplan.events.capture import CaptureEntry, capture_people, duplicate_names, plan_capture
from netplan.events.model import Event, Speaker
from netplan.events.saved import save_event
from netplan.notes.model import FollowUp
from netplan.store.store import Store
from netplan.targets.model import Person
from netplan.targets.stage import stage_for
from tests.conftest import clock_at

HOSTILE = "[@click=app.quit]x [/] \x1b]0;pwned\x07\u202e"


@pytest.fixture
def after_the_event(data_file: Path) -> Iterator[Store]:
    """A store whose clock reads the evening after the meetup (Thu 26 Nov, 22:15 Berlin)."""
    opened = Store.open(data_file, clock=FixedClock("2026-11-26T22:15:00", tz="Europe/Berlin"))
    yield opened
    opened.close()


def meetup(store: Store, **fields: object) -> Event:
    values: dict[str, object] = {
        "title": "Staff+ Meetup",
        "start": "2026-11-26T18:30:00+01:00",
        "end": "2026-11-26T21:00:00+01:00",
    }
    values.update(fields)
    return save_event(store, Event(**values))  # type: ignore[arg-type]


THREE = [
    CaptureEntry("Dana Ortiz", "Runs grid analytics at Verdant", "Send my forecasting write-up"),
    CaptureEntry("ada byron", "Asked about the staff path", "Coffee next week"),
    CaptureEntry("Kwame Asante", "Keynote on platform teams", ""),
]


def test_capture_creates_and_matches_people_links_them_and_adds_48_hour_follow_ups(
    after_the_event: Store,
) -> None:
    store = after_the_event
    ada = store.insert(Person(name="Ada Byron", how_met="Old colleague"))
    event = meetup(store, speakers=[Speaker("Kwame Asante", "Platform teams")])
    writes = store.writes
    result = capture_people(store, event.id, THREE)
    assert store.writes == writes + 1  # ONE transaction: one durable write
    assert [p.name for p in result.people] == ["Dana Ortiz", "Ada Byron", "Kwame Asante"]
    assert [p.name for p in result.created] == ["Dana Ortiz", "Kwame Asante"]
    assert result.people[1].id == ada.id  # exact name, any case: the known person
    assert store.count(Person) == 3

    dana = store.get(Person, result.people[0].id)
    assert dana is not None
    assert dana.how_met == "Met at Staff+ Meetup (26 Nov 2026): Runs grid analytics at Verdant"
    assert dana.last_touch == "2026-11-26T21:00:00+01:00"  # met at the event's end (rule GARDEN)
    kept = store.get(Person, ada.id)
    assert kept is not None and kept.how_met == "Old colleague"  # an existing how-we-met stays

    follow_ups = store.all(FollowUp)
    assert len(follow_ups) == 3
    assert {f.due for f in follow_ups} == {"2026-11-28T21:00:00+01:00"}  # rule FOLLOW-48H
    assert follow_ups[0].text == (
        "After Staff+ Meetup: Send my forecasting write-up. Context: Runs grid analytics at Verdant."
    )
    assert "personal note" in follow_ups[2].text  # no next step typed: the rule's default

    saved = store.get(Event, event.id)
    assert saved is not None
    assert saved.met == [p.id for p in result.people]
    assert saved.speakers[0].person_id == result.people[2].id  # the speaker met is now linked

    due_day = agenda_for(store, date(2026, 11, 28))
    assert sorted(item.person for item in due_day.follow_ups) == ["Ada Byron", "Dana Ortiz", "Kwame Asante"]
    assert agenda_for(store, date(2026, 11, 27)).follow_ups == []


def test_capturing_during_the_event_counts_from_now(store: Store) -> None:
    event = meetup(store)  # Thu 26 Nov 18:30-20:30
    with clock_at(store, "2026-11-26T19:00:00"):
        result = capture_people(store, event.id, [CaptureEntry("Dana Ortiz")])
    assert result.follow_ups[0].due == "2026-11-28T19:00:00+01:00"


def test_capturing_before_the_event_sets_no_touch_before_it(store: Store) -> None:
    """Issue 15 item 9: the fixed clock reads Tue 24 Nov 09:30, two days before the meetup; the
    meeting is the event's start, not a touch in the past of the event."""
    event = meetup(store)
    [dana] = capture_people(store, event.id, [CaptureEntry("Dana Ortiz")]).people
    assert dana.last_touch == "2026-11-26T18:30:00+01:00"
    assert store.all(FollowUp)[0].due == "2026-11-28T18:30:00+01:00"


def test_people_captured_at_an_event_have_met_you(after_the_event: Store) -> None:
    """Issue 15 item 9: a captured person is stage "new" (they have met you), not "stranger", so the
    coach no longer tells you to find an introducer to someone you talked with last night."""
    store = after_the_event
    event = meetup(store)
    known = store.insert(Person(name="Sam Lee"))
    assert stage_for(store, known) == "stranger"
    result = capture_people(store, event.id, [CaptureEntry("Dana Ortiz"), CaptureEntry("Sam Lee")])
    assert [stage_for(store, person) for person in result.people] == ["new", "new"]
    assert not any(f.rule_id == "NO-COLD-ASKS" for f in person_findings(store, result.people[0]))


def test_duplicates_in_one_capture_are_merged_into_one_person(after_the_event: Store) -> None:
    store = after_the_event
    event = meetup(store)
    entries = [
        CaptureEntry("Dana Ortiz", "Grid analytics", "Send write-up"),
        CaptureEntry("Sam Lee", "Hallway chat"),
        CaptureEntry("DANA ORTIZ", "Hiring a PM", "Send write-up"),
    ]
    assert duplicate_names(entries) == ["Dana Ortiz"]
    planned = plan_capture(store, event, entries)
    assert [(p.entry.name, p.merged, p.is_new) for p in planned] == [
        ("Dana Ortiz", 2, True),
        ("Sam Lee", 1, True),
    ]
    result = capture_people(store, event.id, entries)
    assert result.merged == ["Dana Ortiz"]
    assert [p.name for p in store.all(Person)] == ["Dana Ortiz", "Sam Lee"]
    dana_follow_up = store.all(FollowUp)[0]
    assert dana_follow_up.text == "After Staff+ Meetup: Send write-up. Context: Grid analytics; Hiring a PM."


def test_a_person_captured_again_is_reused_and_flagged_as_already_met(after_the_event: Store) -> None:
    store = after_the_event
    event = meetup(store)
    capture_people(store, event.id, [CaptureEntry("Dana Ortiz")])
    event_now = store.get(Event, event.id)
    assert event_now is not None
    [plan] = plan_capture(store, event_now, [CaptureEntry("dana ortiz", "Second chat")])
    assert plan.already_met and not plan.is_new
    capture_people(store, event.id, [CaptureEntry("dana ortiz", "Second chat")])
    assert store.count(Person) == 1


def test_a_failure_midway_leaves_the_file_byte_identical_and_memory_unchanged(
    after_the_event: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = after_the_event
    event = meetup(store)
    before = store.path.read_bytes()
    original_insert = Store.insert
    inserted: list[str] = []

    def failing_insert(self: Store, record: object) -> object:
        if isinstance(record, FollowUp) and inserted:
            raise OSError("disk full")  # the second follow-up fails after people were inserted
        if isinstance(record, FollowUp):
            inserted.append(record.text)
        return original_insert(self, record)  # type: ignore[type-var]

    monkeypatch.setattr(Store, "insert", failing_insert)
    with pytest.raises(OSError, match="disk full"):
        capture_people(store, event.id, THREE)
    assert store.path.read_bytes() == before
    assert store.count(Person) == 0 and store.count(FollowUp) == 0
    assert store.get(Event, event.id) == event


def test_bad_rows_are_refused_before_anything_is_written(store: Store) -> None:
    event = meetup(store)
    before = store.path.read_bytes()
    with pytest.raises(ValidationError) as raised:
        capture_people(store, event.id, [CaptureEntry("Dana Ortiz"), CaptureEntry("  ", "no name")])
    assert raised.value.field == "row 2 name"
    with pytest.raises(ValidationError, match="who did you meet"):
        capture_people(store, event.id, [])
    with pytest.raises(NotFoundError):
        capture_people(store, 99, [CaptureEntry("Dana Ortiz")])
    with pytest.raises(NotFoundError, match="no person with id 42"):
        capture_people(store, event.id, [CaptureEntry("Dana Ortiz", person_id=42)])
    assert store.path.read_bytes() == before


def test_types_of_person_are_never_matched_and_hostile_names_stay_literal(store: Store) -> None:
    store.insert(Person(name="Hiring managers", kind="type"))
    event = meetup(store)
    result = capture_people(store, event.id, [CaptureEntry("hiring managers"), CaptureEntry(HOSTILE)])
    assert [p.kind for p in result.created] == ["person", "person"]
    assert result.created[1].name == HOSTILE.strip()
