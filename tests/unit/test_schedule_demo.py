"""The demo has a realistic week (rule FORMAL-AND-INFORMAL) and the planning session reads true on it."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from netplan.core.clock import FixedClock
from netplan.demo.load import load_demo
from netplan.integrity import run_checks
from netplan.schedule.planning import is_held, planning_session
from netplan.schedule.slot import Slot
from netplan.schedule.week import occurrences, this_week, week_view
from netplan.store.store import Store
from netplan.targets.model import Person

# Load the demo on each day of one week (Monday 2026-11-23 .. Sunday 11-29), at 09:30 Berlin.
DAYS = [f"2026-11-{day}T09:30:00" for day in range(23, 30)]


@pytest.mark.parametrize("moment", DAYS)
def test_the_demo_week_on_any_load_day(tmp_path: Path, moment: str) -> None:
    with Store.open(tmp_path / "demo.json", clock=FixedClock(moment, tz="Europe/Berlin")) as store:
        load_demo(store)
        assert run_checks(store) == []
        week = week_view(store, this_week(store))
        assert Counter(o.slot.kind for o in week) == {
            "coffee": 2,
            "group meeting": 1,
            "outreach block": 1,
            "lunch": 1,
        }
        circle = next(o for o in week if o.slot.kind == "group meeting")
        assert circle.slot.title == "Climate Product Circle" and circle.venue_name == "Climate Product Circle"
        assert circle.start.format("dddd HH:mm") == "Thursday 18:30"
        assert not any(o.overlaps for o in week)

        session = planning_session(store)
        # Tuesday's coffee was booked every week but one (seven weeks ago); Friday's every past week;
        # the circle was skipped nine weeks ago: so the last six weeks met the intent.
        assert session.last_week.intent == {"coffee": 2, "group meeting": 1, "outreach block": 1}
        assert session.last_week.met is True
        assert session.consistency.streak >= 6  # the demo's coffees logged off the plan count too
        # Oldest first (eleven weeks ago .. this week): the circle skipped 9 weeks ago, the Tuesday
        # coffee unbooked 7 weeks ago; the lunch (every other week) adds one in even weeks.
        met = session.consistency.met_series
        # (this week's figure depends on the load day: the demo's coffees this week count as held)
        assert met[:-1] == [True, True, False, True, False, True, True, True, True, True, True]
        # Held = what the demo user confirmed (below) plus the conversations logged off the plan.
        confirmed = [
            sum(
                1
                for occ in occurrences(store, w.week_start, w.week_start + timedelta(days=6))
                if is_held(occ)
            )
            for w in session.consistency.weeks[:-1]
        ]
        assert confirmed == [4, 5, 3, 5, 3, 5, 4, 5, 4, 5, 4]
        assert all(
            held >= mine for held, mine in zip(session.consistency.held_series, confirmed, strict=False)
        )
        # This week's Friday coffee has nobody yet: an empty slot to fill until it starts (08:00, so
        # on Friday at 09:30 it is already gone).
        friday = this_week(store) + timedelta(days=4)
        assert [o.slot.title for o in session.empty_slots if o.date == friday] == (
            ["Coffee on the staff-engineer path"] if store.clock.today() < friday else []
        )


def test_demo_slots_start_relative_to_the_load_day(tmp_path: Path) -> None:
    clock = FixedClock("2031-05-14T09:30:00", tz="America/Chicago")
    with Store.open(tmp_path / "demo.json", clock=clock) as store:
        load_demo(store)
        slots = store.all(Slot)
        assert len(slots) == 5
        assert {s.tz for s in slots} == {"America/Chicago"}  # the local zone
        assert min(s.start_date for s in slots) == "2031-02-17"  # the Monday twelve weeks back


def test_check_flags_slots_that_refer_to_missing_people_or_venues(store: Store) -> None:
    person = store.insert(Person(name="Gone Soon"))
    store.insert(
        Slot(
            kind="coffee",
            title="Coffee",
            weekday=1,
            time="08:00",
            tz="Europe/Berlin",
            start_date="2026-11-24",
            person_id=person.id,
            venue_id=77,
            bookings={"2026-12-01": 88},
        )
    )
    store.remove(Person, person.id)
    assert run_checks(store) == [
        "slots 1 (Coffee): refers to missing person 1",
        "slots 1 (Coffee): refers to missing venue 77",
        "slots 1 (Coffee): booking on 2026-12-01 refers to missing person 88",
    ]


def test_check_names_a_malformed_slot_instead_of_crashing(tmp_path: Path) -> None:
    import orjson

    path = tmp_path / "bad.json"
    tables = {
        "meta": {"1": {"schema_version": 1}},
        "slots": {
            "1": {
                "kind": "coffee",
                "title": "Coffee",
                "weekday": 1,
                "time": "08:00",
                "tz": "Europe/Berlin",
                "start_date": "2026-11-24",
                "bookings": ["not", "a", "map"],
            },
            "2": {
                "kind": "coffee",
                "title": "Coffee",
                "weekday": 9,
                "time": "08:00",
                "tz": "Europe/Berlin",
                "start_date": "2026-11-24",
            },
        },
    }
    path.write_bytes(orjson.dumps(tables))
    with Store.open(path, readonly=True) as store:
        assert run_checks(store) == [
            "slots 1: bookings: must map dates to people",
            "slots 2: weekday: must be at most 6 (0 = Monday .. 6 = Sunday)",
        ]
