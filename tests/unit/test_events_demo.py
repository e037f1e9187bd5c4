"""The demo has an event tomorrow with speakers, people to meet and an ask (the acceptance's data)."""

from __future__ import annotations

from datetime import date

from netplan.agenda import agenda_for
from netplan.demo.load import load_demo
from netplan.events.model import Event
from netplan.events.prep import event_findings
from netplan.integrity import run_checks
from netplan.store.store import Store
from netplan.targets.model import Person


def test_the_demo_event_is_tomorrow_evening_with_speakers_targets_and_a_specific_ask(store: Store) -> None:
    load_demo(store)  # the fixed clock: Tue 24 Nov 2026 09:30 Berlin
    [event] = store.all(Event)
    assert event.start == "2026-11-25T18:30:00+01:00"
    assert event.arrive_by.isoformat() == "2026-11-25T18:10:00+01:00"
    names = {p.id: p.name for p in store.all(Person)}
    assert [s.name for s in event.speakers] == ["Marcus Oyelaran", "Ines Carvalho"]
    assert event.speakers[0].person_id is not None and names[event.speakers[0].person_id] == "Marcus Oyelaran"
    assert [names[t.person_id] for t in event.targets] == ["Jonas Weber", "Daniel Okafor", "Aisha Bello"]
    assert all(t.why for t in event.targets)
    assert event_findings(store, event) == []  # a prepared event: nothing for the coach to flag
    [on_agenda] = agenda_for(store, date(2026, 11, 25)).events
    assert on_agenda.title == event.title and on_agenda.where == "Staff+ Engineering Meetup"
    assert run_checks(store) == []
