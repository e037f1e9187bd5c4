"""Slot validation: bad input names the field and nothing is saved (issue 4, "Bad input")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netplan.core.errors import ValidationError
from netplan.schedule.slot import Slot
from netplan.schedule.week import add_slot
from netplan.store.store import Store


def circle(**changes: object) -> Slot:
    base = Slot(
        kind="group meeting",
        title="Climate Product Circle",
        weekday=3,
        time="18:30",
        duration_minutes=90,
        tz="Europe/Berlin",
        start_date="2026-11-26",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"end_date": "2026-11-01"}, "end_date", "before the start date"),
        ({"duration_minutes": 0}, "duration_minutes", "at least 1"),
        ({"start_date": "2027-02-30"}, "start_date", "not a date"),
        ({"end_date": "2027-02-30"}, "end_date", "not a date"),
        ({"skipped_dates": ["2027-02-30"]}, "skipped_dates", "not a date"),
        ({"every_weeks": 0}, "every_weeks", "at least 1"),
        ({"tz": "Mars/Olympus_Mons"}, "tz", "not a known time zone"),
        ({"tz": "../etc/passwd"}, "tz", "not a known time zone"),
        ({"time": "25:00"}, "time", "not a time of day"),
        ({"time": "6pm"}, "time", "HH:MM"),
        ({"weekday": 7}, "weekday", "at most 6"),
        ({"kind": "brunch"}, "kind", "must be one of"),
        ({"title": "  "}, "title", "required"),
        ({"start_date": ""}, "start_date", "required"),
        # A Thursday series that ends before its first Thursday has no occurrence at all.
        ({"start_date": "2026-11-27", "end_date": "2026-12-02"}, "end_date", "no Thursday"),
    ],
)
def test_bad_input_names_the_field(changes: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        circle(**changes).validated()
    assert caught.value.field == field
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"{field}:")


def test_a_time_in_the_spring_forward_gap_is_refused_on_the_first_occurrence() -> None:
    # Berlin skips 02:00-03:00 on Sunday 2027-03-28: a weekly Sunday 02:30 slot starting then is refused.
    slot = circle(weekday=6, time="02:30", start_date="2027-03-28", duration_minutes=30)
    with pytest.raises(ValidationError) as caught:
        slot.validated()
    assert caught.value.field == "time"
    assert "does not exist on 2027-03-28 in Europe/Berlin" in str(caught.value)
    # The same time a week later exists, and so does the repeated hour when clocks go back.
    assert slot_ok(replace(slot, start_date="2027-04-04"))
    assert slot_ok(replace(slot, start_date="2026-10-25"))


def slot_ok(slot: Slot) -> bool:
    return bool(slot.validated())


def test_refused_slot_is_not_saved(store: Store) -> None:
    writes = store.writes
    with pytest.raises(ValidationError):
        add_slot(store, circle(duration_minutes=0))
    assert store.all(Slot) == []
    assert store.writes == writes


def test_validated_cleans_and_a_one_off_takes_its_dates_weekday() -> None:
    slot = circle(
        time="8:05",
        skipped_dates=["2026-12-10", "2026-12-03", "2026-12-10"],
        bookings={"2026-12-17": 4},
    ).validated()
    assert slot.time == "08:05"
    assert slot.skipped_dates == ["2026-12-03", "2026-12-10"]
    assert slot.bookings == {"2026-12-17": 4}
    one = Slot(
        kind="event",
        title="Meetup",
        weekday=0,
        time="19:00",
        tz="Europe/Berlin",
        start_date="2026-11-27",
        one_off=True,
        every_weeks=5,
    ).validated()
    assert (one.weekday, one.every_weeks, one.end_date) == (4, 1, None)


def test_empty_zone_means_the_store_clocks_zone(store: Store) -> None:
    saved = add_slot(store, circle(tz=""))
    assert saved.tz == "Europe/Berlin"  # the fixed clock's zone
    assert store.get(Slot, saved.id) == saved


def test_round_trip_through_the_store(store: Store) -> None:
    saved = add_slot(store, circle(skipped_dates=["2026-12-24"], bookings={"2026-12-03": 1}, venue_id=2))
    reopened = Store.open(store.path, readonly=True)
    assert reopened.get(Slot, saved.id) == saved


def test_a_monthly_series_is_validated() -> None:
    """Issue 15 item 8: the month's Nth weekday is 1 to 4 or -1 (the last)."""
    base = {"kind": "group meeting", "title": "BNI", "weekday": 1, "time": "07:00", "tz": "UTC",
            "start_date": "2026-11-01"}  # fmt: skip
    assert Slot(**base, month_week="2").validated().month_week == 2  # type: ignore[arg-type]
    for bad in (5, 0.5, "first", True):
        with pytest.raises(ValidationError) as caught:
            Slot(**base, month_week=bad).validated()  # type: ignore[arg-type]
        assert caught.value.field == "month_week"
    last = Slot(**base, month_week=-1).validated()  # type: ignore[arg-type]
    assert last.first_date.isoformat() == "2026-11-24" and last.falls_on(last.first_date)
