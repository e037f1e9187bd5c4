"""Weeks, occurrence expansion (DST, year end, skips), the week view, skipping and booking."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from netplan.core.errors import NotFoundError, ValidationError
from netplan.schedule.slot import Slot
from netplan.schedule.week import (
    add_slot,
    book_occurrence,
    delete_slot,
    get_slot,
    occurrence_dates,
    occurrence_times,
    occurrences,
    restore_occurrence,
    shift_week,
    skip_occurrence,
    this_week,
    unbook_occurrence,
    update_slot,
    week_containing,
    week_days,
    week_view,
)
from netplan.store.store import Store
from netplan.targets.model import Person, Venue


def weekly(**fields: object) -> Slot:
    values: dict[str, object] = {
        "kind": "group meeting",
        "title": "Climate Product Circle",
        "weekday": 3,
        "time": "18:30",
        "duration_minutes": 90,
        "tz": "Europe/Berlin",
        "start_date": "2026-11-26",
    }
    values.update(fields)
    return Slot(**values).validated()  # type: ignore[arg-type]


def times(slot: Slot, first: str, last: str) -> list[str]:
    """Each occurrence as 'date HH:MM+offset' in the slot's zone."""
    found = []
    for day in occurrence_dates(slot, date.fromisoformat(first), date.fromisoformat(last)):
        start, _ = occurrence_times(slot, day)
        found.append(start.format("YYYY-MM-DD HH:mmZ"))
    return found


# weeks -----------------------------------------------------------------------------------------


def test_week_math_with_a_configurable_first_day(store: Store) -> None:
    # The fixed clock reads Tuesday 2026-11-24.
    assert this_week(store) == date(2026, 11, 23)
    store.set_setting("week_start", 6)  # weeks start on Sunday
    assert this_week(store) == date(2026, 11, 22)
    assert week_containing(date(2026, 11, 22), 6) == date(2026, 11, 22)
    assert week_containing(date(2026, 11, 21), 6) == date(2026, 11, 15)
    assert shift_week(date(2026, 12, 28), 1) == date(2027, 1, 4)
    assert shift_week(date(2027, 1, 4), -1) == date(2026, 12, 28)
    assert [d.day for d in week_days(date(2026, 12, 28))] == [28, 29, 30, 31, 1, 2, 3]
    store.set_setting("week_start", "nonsense")
    assert this_week(store) == date(2026, 11, 23)  # a bad setting falls back to Monday


# expansion -------------------------------------------------------------------------------------


def test_wall_clock_time_stays_across_the_march_dst_change() -> None:
    slot = weekly(start_date="2027-03-11")
    assert times(slot, "2027-03-15", "2027-04-05") == [
        "2027-03-18 18:30+01:00",
        "2027-03-25 18:30+01:00",
        "2027-04-01 18:30+02:00",  # clocks went forward on Sunday 2027-03-28
    ]


def test_wall_clock_time_stays_across_the_october_dst_change() -> None:
    slot = weekly(weekday=0, time="08:00", start_date="2026-10-05", duration_minutes=45)
    found = times(slot, "2026-10-19", "2026-11-02")
    assert found == ["2026-10-19 08:00+02:00", "2026-10-26 08:00+01:00", "2026-11-02 08:00+01:00"]
    # The duration is real time: 45 minutes, whatever the offset.
    start, end = occurrence_times(slot, date(2026, 10, 26))
    assert (end - start).in_minutes() == 45


def test_an_occurrence_on_the_night_of_the_change_follows_rfc_5545() -> None:
    # A Sunday 02:30 series that started in summer: on 2027-03-28 02:30 does not exist and is read
    # with the offset before the gap (03:30 CEST); on 2026-10-25 02:30 happens twice: the first counts.
    slot = weekly(weekday=6, time="02:30", start_date="2026-10-18", duration_minutes=30)
    assert times(slot, "2026-10-25", "2026-10-25") == ["2026-10-25 02:30+02:00"]
    assert times(slot, "2027-03-28", "2027-03-28") == ["2027-03-28 03:30+02:00"]


def test_expansion_across_the_year_end_with_skipped_dates() -> None:
    slot = weekly(weekday=1, time="08:30", start_date="2026-12-01", skipped_dates=["2026-12-29"])
    assert occurrence_dates(slot, date(2026, 12, 20), date(2027, 1, 13)) == [
        date(2026, 12, 22),
        date(2027, 1, 5),
        date(2027, 1, 12),
    ]
    with_skips = occurrence_dates(slot, date(2026, 12, 20), date(2027, 1, 13), include_skipped=True)
    assert date(2026, 12, 29) in with_skips


def test_every_n_weeks_counts_from_the_first_occurrence_not_the_range() -> None:
    # Starts on a Monday; the first Wednesday is 2026-11-25, then every third week.
    slot = weekly(weekday=2, start_date="2026-11-23", every_weeks=3)
    assert slot.first_date == date(2026, 11, 25)
    assert occurrence_dates(slot, date(2026, 12, 1), date(2027, 2, 1)) == [
        date(2026, 12, 16),
        date(2027, 1, 6),
        date(2027, 1, 27),
    ]
    # Asking for a week years later costs the same and lands on the same rhythm.
    far = occurrence_dates(slot, date(2036, 1, 1), date(2036, 1, 31))
    assert all((day - slot.first_date).days % 21 == 0 for day in far) and far


def test_start_and_end_dates_bound_the_series() -> None:
    slot = weekly(start_date="2026-11-26", end_date="2026-12-10")
    assert occurrence_dates(slot, date(2026, 11, 1), date(2027, 1, 31)) == [
        date(2026, 11, 26),
        date(2026, 12, 3),
        date(2026, 12, 10),
    ]
    one = weekly(kind="event", title="Meetup", one_off=True, start_date="2026-12-02")
    assert occurrence_dates(one, date(2026, 11, 30), date(2026, 12, 6)) == [date(2026, 12, 2)]
    assert occurrence_dates(one, date(2026, 12, 7), date(2026, 12, 13)) == []


# the week view ---------------------------------------------------------------------------------


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    priya = store.insert(Person(name="Priya Raman"))
    marcus = store.insert(Person(name="Marcus Oyelaran"))
    cafe = store.insert(Venue(name="Café Lumen", kind="informal spot"))
    return {"priya": priya.id, "marcus": marcus.id, "cafe": cafe.id}


def test_week_view_shows_names_and_flags_overlaps(store: Store, people: dict[str, int]) -> None:
    add_slot(store, weekly())  # Thursday 18:30-20:00
    coffee = add_slot(
        store,
        weekly(
            kind="coffee",
            title="Coffee",
            weekday=3,
            time="19:30",
            duration_minutes=30,
            person_id=people["marcus"],
            venue_id=people["cafe"],
        ),
    )
    add_slot(
        store,
        weekly(
            kind="lunch", title="Lunch", weekday=1, time="12:00", duration_minutes=60, start_date="2026-11-23"
        ),
    )
    add_slot(store, weekly(kind="coffee", title="Right after", weekday=3, time="20:00"))
    week = week_view(store, date(2026, 11, 23))
    assert [(o.start.format("ddd HH:mm"), o.slot.title) for o in week] == [
        ("Tue 12:00", "Lunch"),
        ("Thu 18:30", "Climate Product Circle"),
        ("Thu 19:30", "Coffee"),
        ("Thu 20:00", "Right after"),
    ]
    lunch, circle, with_marcus, after = week
    assert with_marcus.person_name == "Marcus Oyelaran" and with_marcus.venue_name == "Café Lumen"
    assert circle.overlaps_with == (with_marcus.key,) and with_marcus.overlaps_with == (circle.key,)
    assert not lunch.overlaps and not after.overlaps  # 20:00 touches 20:00: no overlap
    assert lunch.is_empty and not with_marcus.is_empty and not circle.is_empty
    # Skipping the coffee clears the overlap but keeps it visible in the week.
    skip_occurrence(store, coffee.id, date(2026, 11, 26))
    week = week_view(store, date(2026, 11, 23))
    skipped = next(o for o in week if o.slot.id == coffee.id)
    assert skipped.skipped and not skipped.overlaps
    assert not any(o.overlaps for o in week)


def test_a_slot_in_another_zone_shows_on_the_viewers_day(store: Store) -> None:
    # Monday 20:00 in New York is Tuesday 02:00 in Berlin (the store clock's zone).
    add_slot(
        store,
        weekly(
            kind="coffee",
            title="Call with NYC",
            weekday=0,
            time="20:00",
            tz="America/New_York",
            start_date="2026-11-02",
        ),
    )
    week = week_view(store, date(2026, 11, 23))
    assert [(o.start.format("YYYY-MM-DD HH:mm"), o.date.isoformat()) for o in week] == [
        ("2026-11-24 02:00", "2026-11-23")
    ]
    # The previous Monday's call (Tuesday 17th in Berlin) is in the previous week, not this one.
    earlier = week_view(store, date(2026, 11, 16))
    assert [o.start.format("YYYY-MM-DD") for o in earlier] == ["2026-11-17"]


def test_skip_one_occurrence_leaves_the_series(store: Store) -> None:
    slot = add_slot(store, weekly())
    skip_occurrence(store, slot.id, date(2026, 12, 3))
    saved = store.get(Slot, slot.id)
    assert saved is not None and saved.skipped_dates == ["2026-12-03"]
    assert (saved.weekday, saved.time, saved.start_date, saved.end_date) == (3, "18:30", "2026-11-26", None)
    found = occurrences(store, date(2026, 11, 23), date(2026, 12, 13))
    assert [o.date.isoformat() for o in found] == ["2026-11-26", "2026-12-10"]
    with pytest.raises(ValidationError, match="no occurrence on 2026-12-02"):
        skip_occurrence(store, slot.id, date(2026, 12, 2))
    restore_occurrence(store, slot.id, date(2026, 12, 3))
    assert len(occurrences(store, date(2026, 11, 23), date(2026, 12, 13))) == 3


def test_book_an_occurrence_for_one_person(store: Store, people: dict[str, int]) -> None:
    slot = add_slot(store, weekly(kind="coffee", title="Open coffee", weekday=2, time="08:00"))
    book_occurrence(store, slot.id, date(2026, 12, 2), people["priya"])
    week = week_view(store, date(2026, 11, 30))
    assert week[0].booked_person_name == "Priya Raman" and not week[0].is_empty
    assert week_view(store, date(2026, 12, 7))[0].is_empty  # the next week is still open
    with pytest.raises(NotFoundError):
        book_occurrence(store, slot.id, date(2026, 12, 9), 999)
    skip_occurrence(store, slot.id, date(2026, 12, 16))
    with pytest.raises(ValidationError, match="is skipped"):
        book_occurrence(store, slot.id, date(2026, 12, 16), people["priya"])
    unbook_occurrence(store, slot.id, date(2026, 12, 2))
    assert week_view(store, date(2026, 11, 30))[0].is_empty
    with pytest.raises(NotFoundError):
        skip_occurrence(store, 4242, date(2026, 12, 2))


def test_week_view_of_many_slots_is_fast(store: Store) -> None:
    import time

    with store.transaction():
        for i in range(60):
            add_slot(
                store,
                weekly(
                    title=f"Slot {i}", weekday=i % 7, time=f"{8 + i % 10:02d}:00", start_date="2020-01-06"
                ),
            )
    started = time.perf_counter()
    for week in range(10):
        week_view(store, date(2026, 11, 23) + timedelta(weeks=week))
    per_week_ms = (time.perf_counter() - started) * 100
    assert per_week_ms < 50, per_week_ms  # generous for a loaded CI machine; ~3 ms here


def test_editing_a_series_drops_skips_and_bookings_it_no_longer_has(
    store: Store, people: dict[str, int]
) -> None:
    slot = add_slot(
        store, weekly(kind="coffee", title="Coffee", weekday=1, time="08:30", start_date="2026-11-23")
    )
    book_occurrence(store, slot.id, date(2026, 11, 24), people["priya"])
    skip_occurrence(store, slot.id, date(2026, 12, 1))
    moved = update_slot(store, replace(get_slot(store, slot.id), weekday=2, time="09:00"))
    assert (moved.bookings, moved.skipped_dates) == ({}, [])
    assert [o.start.format("ddd HH:mm") for o in week_view(store, date(2026, 11, 23))] == ["Wed 09:00"]
    delete_slot(store, slot.id)
    assert week_view(store, date(2026, 11, 23)) == []
    with pytest.raises(NotFoundError):
        delete_slot(store, slot.id)
