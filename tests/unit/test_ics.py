"""`netplan export ics`: the file parses back with icalendar to the same occurrences netplan shows."""

from __future__ import annotations

import json
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest
from icalendar import Calendar, vRecur

from netplan.cli import main
from netplan.core.clock import FixedClock
from netplan.interchange.ics import build_calendar, export_ics, slot_uid, uid_seed
from netplan.schedule.slot import Slot, zone
from netplan.schedule.week import add_slot, book_occurrence, occurrences
from netplan.store.store import Store
from netplan.targets.model import Person, Venue
from tests.fixture_files import own_fixture, shared_fixtures
from tests.unit.ics_oracle import Instance, expand

HOSTILE = "Evil [@click=app.quit]x [/] \x1b]0;pwned\x07\x1b[2J\u202e"


def schedule(store: Store) -> dict[str, int]:
    """Berlin, New York and UTC slots; an end date, skips, every 2 and 3 weeks, a one-off, a DST gap."""
    priya = store.insert(Person(name="Priya Raman", email="priya@example.org"))
    cafe = store.insert(Venue(name="Café Lumen", kind="informal spot"))

    def add(**fields: object) -> int:
        values: dict[str, object] = {"tz": "Europe/Berlin", "start_date": "2026-11-23"}
        values.update(fields)
        return add_slot(store, Slot(**values)).id  # type: ignore[arg-type]

    ids = {
        "circle": add(
            kind="group meeting",
            title="Climate Product Circle",
            weekday=3,
            time="18:30",
            duration_minutes=90,
            end_date="2027-04-15",
            skipped_dates=["2026-12-24", "2026-12-31", "2027-04-01"],
        ),
        "coffee": add(
            kind="coffee",
            title="Coffee with Priya",
            weekday=1,
            time="08:30",
            duration_minutes=45,
            every_weeks=2,
            person_id=priya.id,
            venue_id=cafe.id,
        ),
        "nyc": add(kind="coffee", title="Call with New York", weekday=0, time="12:00", tz="America/New_York"),
        "lunch": add(
            kind="lunch",
            title="Research lunch",
            weekday=2,
            time="12:30",
            duration_minutes=60,
            every_weeks=3,
            start_date="2026-12-01",
        ),
        "utc": add(kind="outreach block", title="Outreach", weekday=4, time="15:00", tz="UTC"),
        "night": add(kind="event", title="Night owls", weekday=6, time="02:30", start_date="2026-11-29"),
        "meetup": add(
            kind="event", title="Staff+ Meetup", time="19:00", start_date="2026-12-03", one_off=True
        ),
        "hostile": add(
            kind="coffee",
            title=HOSTILE,
            weekday=2,
            time="07:00",
            start_date="2027-01-06",
            end_date="2027-02-03",
        ),
    }
    book_occurrence(store, ids["lunch"], date(2026, 12, 1) + timedelta(days=1), priya.id)
    return ids


def netplan_instances(store: Store, first: date, last: date) -> set[Instance]:
    return {
        (occ.slot.title, occ.start.in_timezone("UTC"), occ.end.in_timezone("UTC"))
        for occ in occurrences(store, first, last, tz=zone("UTC"))
    }


def normalise(found: set[Instance]) -> set[tuple[str, str, str]]:
    # Titles are written through safe_text; compare starts and ends as UTC ISO strings.
    from netplan.core.text import safe_text

    return {(safe_text(t), s.astimezone(UTC).isoformat(), e.astimezone(UTC).isoformat()) for t, s, e in found}


@pytest.mark.parametrize(
    "first",
    [
        date(2026, 11, 24),  # the next 12 weeks from the fixed clock: across the year end
        date(2027, 3, 1),  # across the March DST change in Berlin (03-28) and New York (03-14)
        date(2027, 10, 4),  # across the October change (10-31 Berlin, 11-07 New York)
    ],
)
def test_round_trip_gives_the_same_occurrences_over_12_weeks(
    store: Store, tmp_path: Path, first: date
) -> None:
    schedule(store)
    target = tmp_path / "out" / "netplan.ics"
    export_ics(store, target)
    last = first + timedelta(weeks=12) - timedelta(days=1)
    ours = normalise(netplan_instances(store, first, last))
    theirs = normalise(expand(target.read_bytes(), first, last))
    assert ours == theirs
    assert len(ours) > 30  # the comparison is about something


def test_the_file_is_what_calendar_programs_expect(store: Store, tmp_path: Path) -> None:
    ids = schedule(store)
    target = tmp_path / "netplan.ics"
    summary = export_ics(store, target)
    assert summary == f"wrote 8 schedule entries (7 recurring) to {target}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    calendar = Calendar.from_ical(target.read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    circle = events["Climate Product Circle"]
    rule = cast(vRecur, circle["RRULE"])
    assert rule["FREQ"] == ["WEEKLY"] and "COUNT" not in rule
    # UNTIL: the end of the end date in Berlin (CEST), in UTC as RFC 5545 requires with a TZID.
    assert rule["UNTIL"] == [datetime(2027, 4, 15, 21, 59, 59, tzinfo=UTC)]
    assert circle["DTSTART"].params["TZID"] == "Europe/Berlin"
    coffee_rule = cast(vRecur, events["Coffee with Priya"]["RRULE"])
    assert "UNTIL" not in coffee_rule and coffee_rule["INTERVAL"] == [2]
    assert "RRULE" not in events["Staff+ Meetup"]
    # A VTIMEZONE for each zone used, none for UTC (written with Z).
    zones = sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE"))
    assert zones == ["America/New_York", "Europe/Berlin"]
    assert "TZID" not in events["Outreach"]["DTSTART"].params
    assert b"DTSTART:20261127T150000Z" in target.read_bytes()
    # Person and venue in the description; names only, never an address (rule PERSONAL).
    description = str(events["Coffee with Priya"]["DESCRIPTION"])
    assert "With: Priya Raman" in description and "Venue: Café Lumen" in description
    assert "priya@example.org" not in target.read_text(encoding="utf-8")
    assert "Booked 2026-12-02: Priya Raman" in str(events["Research lunch"]["DESCRIPTION"])
    # Control characters never reach the file.
    raw = target.read_bytes()
    assert b"\x1b" not in raw and b"\x07" not in raw and "\u202e".encode() not in raw
    hostile = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Evil"))
    assert str(hostile["SUMMARY"]) == "Evil [@click=app.quit]x [/] ]0;pwned[2J"
    assert str(hostile["UID"]) == slot_uid(uid_seed(store), ids["hostile"])


def test_uids_are_stable_across_exports_and_unique_per_data_file(tmp_path: Path, clock: FixedClock) -> None:
    def uids(path: Path) -> list[str]:
        with Store.open(path, clock=clock) as opened:
            if not opened.all(Slot):
                schedule(opened)
            return [str(e["UID"]) for e in build_calendar(opened).walk("VEVENT")]

    first = uids(tmp_path / "a.json")
    assert len(set(first)) == 8 and all(uid.endswith("@netplan") for uid in first)
    assert uids(tmp_path / "a.json") == first  # re-export: same UIDs, so calendars update in place
    assert not set(uids(tmp_path / "b.json")) & set(first)  # another data file: other UIDs


def test_cli_export_ics(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schedule(store)
    store.close()
    target = tmp_path / "cli.ics"
    assert main(["export", "ics", str(target), "--db", str(store.path)]) == 0
    assert capsys.readouterr().out.startswith("wrote 8 schedule entries")
    assert len(Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 8
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_empty_schedule_exports_an_empty_calendar(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "e.ics"
    assert export_ics(store, target) == f"wrote 0 schedule entries (0 recurring) to {target}"
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT") == []


# The oracle itself, checked on files real programs wrote (so the round trip compares with the truth).


def test_oracle_reads_khal_weekly_with_a_utc_exdate() -> None:
    fixtures = shared_fixtures()
    raw = (fixtures / "khal_weekly_exdate_utc.ics").read_bytes()
    found = expand(raw, date(2014, 6, 1), date(2014, 8, 31))
    # 07:30 Berlin (05:30Z) on Mondays until 07-25; 07-21 excluded.
    assert sorted(s.isoformat() for _, s, _ in found) == [
        "2014-06-30T05:30:00+00:00",
        "2014-07-07T05:30:00+00:00",
        "2014-07-14T05:30:00+00:00",
    ]


def test_oracle_counts_count_before_exdates_as_rfc_5545_says() -> None:
    fixtures = shared_fixtures()
    found = expand(
        (fixtures / "rie_sabredav_weekly_two_exdates.ics").read_bytes(), date(2019, 3, 1), date(2019, 6, 1)
    )
    # COUNT=8 from 2019-03-04 00:30 Berlin, two excluded: 6 left, the last on 04-22 (as khal shows).
    starts = sorted(s for _, s, _ in found)
    assert len(starts) == 6 and starts[-1].date() == date(2019, 4, 21)  # 04-22 00:30 CEST is 04-21Z


def test_oracle_reads_a_berlin_series_with_a_vtimezone_and_exdate_lists() -> None:
    """The project's own file: VTIMEZONE, a folded EXDATE list and a second EXDATE line, CRLF, COUNT
    counted before the exclusions (RFC 5545), across the switch to summer time."""
    raw = own_fixture("own_weekly_berlin_exdate_lists.ics").read_bytes()
    found = expand(raw, date(2026, 3, 1), date(2026, 5, 1))
    assert sorted(s.isoformat() for _, s, _ in found) == [
        "2026-03-02T07:30:00+00:00",
        "2026-03-16T07:30:00+00:00",
        "2026-04-06T06:30:00+00:00",  # 08:30 CEST
        "2026-04-20T06:30:00+00:00",
    ]
    assert {summary for summary, _, _ in found} == {"Weekly coffee, with an escaped comma"}


def test_a_monthly_series_round_trips_as_byday(store: Store, tmp_path: Path) -> None:
    """Issue 15 item 8: "the first Tuesday of the month" and "the last Friday" are RRULE
    FREQ=MONTHLY;BYDAY=1TU / -1FR; an independent expansion gives the same dates, skips included."""
    first_tuesday = add_slot(
        store,
        Slot(
            kind="group meeting",
            title="BNI chapter",
            weekday=1,
            time="07:00",
            tz="Europe/Berlin",
            start_date="2026-11-01",
            month_week=1,
            skipped_dates=["2027-01-05"],
        ),  # fmt: skip
    )
    add_slot(
        store,
        Slot(
            kind="event",
            title="Last-Friday drinks",
            weekday=4,
            time="18:00",
            tz="America/New_York",
            start_date="2026-11-01",
            month_week=-1,
            end_date="2027-06-30",
        ),  # fmt: skip
    )
    target = tmp_path / "netplan.ics"
    export_ics(store, target)
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    rule = cast(vRecur, events["BNI chapter"]["RRULE"])
    assert (rule["FREQ"], rule["BYDAY"]) == (["MONTHLY"], ["1TU"])
    assert cast(vRecur, events["Last-Friday drinks"]["RRULE"])["BYDAY"] == ["-1FR"]
    first, last = date(2026, 11, 1), date(2027, 10, 31)
    ours = normalise(netplan_instances(store, first, last))
    assert ours == normalise(expand(target.read_bytes(), first, last))
    bni = sorted(start[:10] for title, start, _ in ours if title == "BNI chapter")
    assert bni[:3] == ["2026-11-03", "2026-12-01", "2027-02-02"]  # 5 January skipped
    assert len([t for t, _, _ in ours if t == "Last-Friday drinks"]) == 8  # November to June
    assert first_tuesday.describe_recurrence() == "the first Tuesday of the month 07:00"


def test_a_slot_stored_without_a_zone_exports_in_the_local_zone(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty ``tz`` means the local zone (the Slot model's own reading); a file edited or written
    by an older netplan with one exported with a traceback (found by the data-file fuzz test)."""
    monkeypatch.setenv("TZ", "America/New_York")
    schedule(store)
    store.close()
    data = json.loads(store.path.read_text())
    for doc in data["slots"].values():
        doc["tz"] = ""
    store.path.write_text(json.dumps(data))
    target = tmp_path / "local.ics"
    assert main(["export", "ics", str(target), "--db", str(store.path)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 8
    assert all(event.decoded("DTSTART").tzinfo is not None for event in events)
    assert "()" not in target.read_text()
