"""The Event model: arrive-by (rule ARRIVE-EARLY) in real minutes across DST, and bad input named."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from netplan.core.errors import ValidationError
from netplan.events.model import ChecklistItem, Event, EventTarget, Speaker


def meetup(**fields: object) -> Event:
    values: dict[str, object] = {
        "title": "Staff+ Meetup",
        "start": "2026-11-26T18:30:00+01:00",
        "end": "2026-11-26T21:00:00+01:00",
        "tz": "Europe/Berlin",
    }
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


def test_arrive_by_is_twenty_minutes_before_the_start_by_default() -> None:
    event = meetup().validated()
    assert event.arrive_early_minutes == 20  # rule ARRIVE-EARLY
    assert event.arrive_by.isoformat() == "2026-11-26T18:10:00+01:00"
    assert event.arrive_by.timezone_name == "Europe/Berlin"


def test_arrive_by_when_the_clocks_go_back_at_0110_is_twenty_real_minutes_earlier() -> None:
    # New York, Sun 1 Nov 2026: 01:00-02:00 happens twice. The event is at the second 01:10 (EST);
    # 20 real minutes earlier the clocks still showed summer time: 01:50 EDT, not 00:50.
    event = meetup(
        start="2026-11-01T01:10:00-05:00", end="2026-11-01T03:00:00-05:00", tz="America/New_York"
    ).validated()
    arrive = event.arrive_by
    assert arrive.isoformat() == "2026-11-01T01:50:00-04:00"
    assert event.start_at - arrive == timedelta(minutes=20)
    assert datetime.fromisoformat(event.start) - datetime.fromisoformat(arrive.isoformat()) == timedelta(
        minutes=20
    )


def test_arrive_by_when_the_clocks_go_forward_is_twenty_real_minutes_earlier() -> None:
    # Berlin, Sun 29 Mar 2026: 02:00 becomes 03:00. An event at 03:10 means arriving at 01:50 CET.
    event = meetup(start="2026-03-29T03:10:00", end="2026-03-29T05:00:00").validated()
    assert event.start == "2026-03-29T03:10:00+02:00"
    assert event.arrive_by.isoformat() == "2026-03-29T01:50:00+01:00"
    assert event.start_at - event.arrive_by == timedelta(minutes=20)


def test_a_start_with_another_offset_is_kept_as_the_same_moment_in_the_events_zone() -> None:
    event = meetup(start="2026-11-26T17:30:00+00:00", end="2026-11-26T20:00:00Z").validated()
    assert event.start == "2026-11-26T18:30:00+01:00"
    assert event.end == "2026-11-26T21:00:00+01:00"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"end": "2026-11-26T18:00:00+01:00"}, "end", "not after the start"),
        ({"end": "2026-11-26T18:30:00+01:00"}, "end", "not after the start"),
        ({"arrive_early_minutes": -5}, "arrive_early_minutes", "negative"),
        ({"arrive_early_minutes": 241}, "arrive_early_minutes", "at most 240"),
        ({"arrive_early_minutes": "soon"}, "arrive_early_minutes", "whole number"),
        ({"speakers": [Speaker("", "Keynote on grids")]}, "speakers", "has no name"),
        ({"speakers": [Speaker("Ada", ""), Speaker("  ", "")]}, "speakers", "speaker 2"),
        ({"title": "  "}, "title", "required"),
        ({"start": "2026-11-26"}, "start", "needs a time"),
        ({"tz": "Mars/Olympus"}, "tz", "not a known time zone"),
        ({"targets": [EventTarget(0, "why")]}, "targets", "not a record id"),
        ({"checklist": [ChecklistItem("")]}, "checklist", "required"),
    ],
)
def test_bad_input_is_refused_naming_the_field(fields: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(ValidationError) as raised:
        meetup(**fields).validated()
    assert raised.value.field == field
    assert words in raised.value.message
    assert str(raised.value).startswith(f"{field}: ")


def test_arrive_early_bounds_are_allowed() -> None:
    assert meetup(arrive_early_minutes=0).validated().arrive_by == meetup().validated().start_at
    assert meetup(arrive_early_minutes="240").validated().arrive_early_minutes == 240


def test_round_trip_through_the_stored_document_keeps_nested_items() -> None:
    event = meetup(
        speakers=[Speaker("Ada Byron", "Engines", 3)],
        targets=[EventTarget(4, "runs the platform team"), EventTarget(4, "twice")],
        goal_ids=[2, 2, 1],
        checklist=[ChecklistItem("Bring cards", done=True, custom=True)],
        met=[4, 4],
        ask="An email intro to Sally Jones at XYZ",
    ).validated()
    assert event.targets == [EventTarget(4, "runs the platform team")]  # one target per person
    assert event.goal_ids == [2, 1] and event.met == [4]
    again = Event.from_doc(event.to_doc(), 7)
    assert again == replace(event, id=7)
    assert again.progress == (1, 1)
