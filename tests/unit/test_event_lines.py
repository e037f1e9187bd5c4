"""The event form's text: speakers and people to meet as lines, the date and times as typed."""

from __future__ import annotations

from typing import Any

import pytest

from netplan.core.errors import ValidationError
from netplan.events.lines import (
    event_from_form,
    form_values,
    parse_speakers,
    parse_targets,
    split_line,
)
from netplan.events.model import Event, EventTarget, Speaker
from netplan.events.saved import save_event
from netplan.store.store import Store
from netplan.targets.model import Person


def values(**changes: Any) -> dict[str, Any]:
    typed: dict[str, Any] = {
        "title": "Staff+ Meetup",
        "venue_id": 0,
        "date": "2026-11-26",
        "start": "18:30",
        "end": "21:00",
        "tz": "Europe/Berlin",
        "arrive_early_minutes": "20",
        "speakers": "",
        "targets": "",
        "goal_ids": [],
        "ask": "",
    }
    typed.update(changes)
    return typed


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("Ada Byron — Engines", ("Ada Byron", "Engines")),
        ("Ada Byron – Engines – and more", ("Ada Byron", "Engines – and more")),
        ("Jean-Luc Picard - Diplomacy", ("Jean-Luc Picard", "Diplomacy")),
        ("  Grace Hopper  ", ("Grace Hopper", "")),
        ("— a topic", ("", "a topic")),
    ],
)
def test_split_line(line: str, parts: tuple[str, str]) -> None:
    assert split_line(line) == parts


def test_speakers_link_to_known_people_and_a_nameless_line_is_named(store: Store) -> None:
    ada = store.insert(Person(name="Ada Byron"))
    speakers = parse_speakers(store, "ada byron — Engines\n\nLinus Pauling")
    assert speakers == [Speaker("ada byron", "Engines", ada.id), Speaker("Linus Pauling", "", None)]
    kept = parse_speakers(store, "Linus Pauling — Vitamins", [Speaker("Linus Pauling", "", ada.id)])
    assert kept[0].person_id == ada.id  # a link made earlier (say, by a capture) survives an edit
    with pytest.raises(ValidationError) as raised:
        parse_speakers(store, "Ada Byron\n – keynote")
    assert raised.value.field == "speakers" and "line 2 has no name" in raised.value.message


def test_people_to_meet_match_by_name_and_unknown_or_ambiguous_names_are_named(store: Store) -> None:
    grace = store.insert(Person(name="Grace Hopper"))
    store.insert(Person(name="Grace Kelly"))
    hiring = store.insert(Person(name="Hiring managers at startups", kind="type"))
    targets = parse_targets(store, "grace hopper — compilers\nhiring managers — they decide")
    assert targets == [EventTarget(grace.id, "compilers"), EventTarget(hiring.id, "they decide")]
    with pytest.raises(ValidationError, match="line 1: 'Grace' matches Grace Hopper, Grace Kelly"):
        parse_targets(store, "Grace — who?")
    with pytest.raises(ValidationError, match="line 2: no person named 'Sally Jones'; save to add them"):
        parse_targets(store, "Grace Hopper\nSally Jones — XYZ")


def test_the_form_builds_an_event_in_its_zone_and_reads_back_the_same(store: Store) -> None:
    event = event_from_form(store, values(tz="America/New_York", speakers="Ada — Engines"))
    assert event.start == "2026-11-26T18:30:00-05:00" and event.end == "2026-11-26T21:00:00-05:00"
    saved = save_event(store, event)
    assert form_values(store, saved) == values(tz="America/New_York", speakers="Ada — Engines")


def test_an_end_on_another_day_and_errors_naming_the_date_and_times(store: Store) -> None:
    overnight = event_from_form(store, values(end="2026-11-27 01:30"))
    assert overnight.end == "2026-11-27T01:30:00+01:00"
    assert form_values(store, save_event(store, overnight))["end"] == "2026-11-27 01:30"
    for changes, field in (
        ({"date": "26/11/2026"}, "date"),
        ({"date": ""}, "date"),
        ({"start": "6pm"}, "start"),
        ({"end": "25:00"}, "end"),
        ({"tz": "Nowhere/Atlantis"}, "tz"),
    ):
        with pytest.raises(ValidationError) as raised:
            event_from_form(store, values(**changes))
        assert raised.value.field == field
    with pytest.raises(ValidationError) as before:
        save_event(store, event_from_form(store, values(end="18:00")))
    assert before.value.field == "end"
    assert store.count(Event) == 1


def test_a_name_holding_a_carriage_return_stays_one_name(store: Store) -> None:
    """Only a newline ends a typed line: a stored name with a carriage return or a form feed (an
    import can bring one) is not split into two unknown people when the event is saved unchanged."""
    ann, cy = store.insert(Person(name="Ann\rBo")), store.insert(Person(name="Cy\x0cDee"))
    targets = parse_targets(store, "Ann\rBo\nCy\x0cDee\n\n")
    assert [t.person_id for t in targets] == [ann.id, cy.id]
