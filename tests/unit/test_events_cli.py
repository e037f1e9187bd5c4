"""Events as the command line and other views meet them: agenda --json, export prep / ics, check, Week."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from icalendar import Calendar

from netplan.cli import main
from netplan.core import moments
from netplan.core.clock import Clock, FixedClock
from netplan.events.model import Event, EventTarget, Speaker
from netplan.events.prep import toggle_item
from netplan.events.saved import events_in_range, save_event
from netplan.integrity import run_checks
from netplan.store.store import Store
from netplan.targets.model import Person, Venue

HOSTILE = "Evil [@click=app.quit]x [/] \x1b]0;pwned\x07\u202e"
CLOCK = FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A data file with one event on Thu 26 Nov 2026 at 18:30 Berlin time, at a venue."""
    path = tmp_path / "data" / "netplan.json"
    with Store.open(path, clock=CLOCK) as store:
        ada = store.insert(Person(name="Ada Byron", email="ada@example.org"))
        grace = store.insert(Person(name="Grace Hopper", email="grace@example.org"))
        venue = store.insert(Venue(name="Kulturbrauerei", kind="conference/meetup"))
        event = save_event(
            store,
            Event(
                title="Staff+ Meetup",
                start="2026-11-26T18:30:00+01:00",
                end="2026-11-26T21:00:00+01:00",
                venue_id=venue.id,
                speakers=[Speaker("Ada Byron", "Engines", ada.id), Speaker("Linus Pauling")],
                targets=[EventTarget(grace.id, "runs the compiler team")],
                ask="An email introduction to Sally Jones at XYZ about the PM role",
            ),
        )
        toggle_item(store, event.id, 0)
    return path


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    return orjson.loads(capsys.readouterr().out)


def test_agenda_json_lists_the_days_events_with_arrive_by_and_venue(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda = run_json(capsys, "agenda", "--date", "2026-11-26", "--db", str(db))
    [event] = agenda["events"]
    assert event["title"] == "Staff+ Meetup"
    assert event["start"] == "2026-11-26T18:30:00+01:00"
    assert event["arrive_by"] == "2026-11-26T18:10:00+01:00"  # rule ARRIVE-EARLY
    assert event["venue"] == "Kulturbrauerei"
    assert run_json(capsys, "agenda", "--date", "2026-11-25", "--db", str(db))["events"] == []
    capsys.readouterr()
    assert main(["agenda", "--date", "2026-11-26", "--db", str(db)]) == 0
    plain = capsys.readouterr().out
    local = Clock().tz  # the plain agenda speaks the machine's zone
    arrive = moments.local(event["arrive_by"], local).strftime("%H:%M")
    start = moments.local(event["start"], local).strftime("%a %d %b %H:%M")
    assert f"    arrive by {arrive}  {start}  Staff+ Meetup at Kulturbrauerei\n" in plain  # arrive-by first


def test_export_prep_event_file_writes_the_checklist_as_markdown(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "phone" / "prep.md"
    assert main(["export", "prep", "staff+ meetup", str(target), "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote the prep checklist for Staff+ Meetup to {target}"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Staff+ Meetup\n\n**Arrive by 18:10** (20 minutes early)\n")
    assert "- Where: Kulturbrauerei" in text
    assert "- **Ada Byron**: Engines\n- **Linus Pauling**\n" in text
    assert "- **Grace Hopper**: runs the compiler team" in text
    assert "## Checklist (1 of 6 done)" in text
    assert "- [x] Arrive by 18:10, 20 minutes before the 18:30 start" in text
    assert "- [ ] Know who is speaking and have one question for each: Ada Byron, Linus Pauling" in text
    assert "@example.org" not in text  # rule PERSONAL: names only
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_prep_escapes_hostile_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.json"
    with Store.open(path, clock=CLOCK) as store:
        save_event(
            store,
            Event(title=HOSTILE, start="2026-11-26T18:30:00+01:00", end="2026-11-26T19:00:00+01:00"),
        )
    target = tmp_path / "h.md"
    assert main(["export", "prep", "1", str(target), "--db", str(path)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Evil \\[@click=app.quit\\]x \\[/\\] \\]0;pwned\n")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "KNOW-THE-ROOM: No people picked to meet" in text


def test_export_keeps_format_file_and_adds_prep_event_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "schedule.ics"
    assert main(["export", "ics", str(ics), "--db", str(db)]) == 0
    assert "and 1 event" in capsys.readouterr().out
    assert main(["export", "json", str(tmp_path / "backup.json"), "--db", str(db)]) == 0
    assert main(["--db", str(db), "export", "prep", "Staff", str(tmp_path / "p.md")]) == 0
    assert (tmp_path / "p.md").exists() and ics.exists() and (tmp_path / "backup.json").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "prep", "only-a-file.md"], "export prep needs EVENT and FILE"),
        (["export", "ics", "a.ics", "b.ics"], "export ics takes one FILE"),
        (["export", "vcard", "Staff", "b.vcf"], "export vcard takes one FILE"),
    ],
)
def test_export_with_the_wrong_number_of_arguments_is_a_usage_error(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--db", str(db)])
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.ics")) and not list(tmp_path.glob("*.md"))


def test_export_prep_of_an_unknown_event_exits_1_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "prep", "gala", str(tmp_path / "p.md"), "--db", str(db)]) == 1
    assert capsys.readouterr().err.strip() == "netplan: no event matching 'gala'"
    assert not (tmp_path / "p.md").exists()


def test_the_ics_export_has_the_event_as_a_one_off_with_a_stable_uid(db: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "1.ics", tmp_path / "2.ics"
    assert main(["export", "ics", str(first), "--db", str(db)]) == 0
    assert main(["export", "ics", str(second), "--db", str(db)]) == 0
    calendars = [Calendar.from_ical(path.read_bytes()) for path in (first, second)]
    [event] = calendars[0].walk("VEVENT")
    [again] = calendars[1].walk("VEVENT")
    assert event["UID"] == again["UID"] and str(event["UID"]).endswith("@netplan")
    assert "RRULE" not in event
    assert event.decoded("DTSTART").isoformat() == "2026-11-26T18:30:00+01:00"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTEND").isoformat() == "2026-11-26T21:00:00+01:00"
    assert str(event["LOCATION"]) == "Kulturbrauerei"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Arrive by 18:10 (20 minutes early)\nMy ask: An email introduction")
    assert "To meet: Grace Hopper (runs the compiler team)" in description
    assert "@example.org" not in first.read_text(encoding="utf-8")
    assert calendars[0].walk("VTIMEZONE"), "the event's zone is described"


def test_events_in_range_gives_the_week_pane_title_times_and_venue(db: Path) -> None:
    with Store.open(db, readonly=True, clock=FixedClock("2026-11-24T09:30:00", tz="Europe/London")) as store:
        [entry] = events_in_range(store, date(2026, 11, 23), date(2026, 11, 29))
        assert entry.title == "Staff+ Meetup" and entry.venue == "Kulturbrauerei"
        # shown in the viewer's zone (London): the same moments
        assert entry.start.isoformat() == "2026-11-26T17:30:00+00:00"
        assert entry.arrive_by.isoformat() == "2026-11-26T17:10:00+00:00"
        assert entry.end.isoformat() == "2026-11-26T20:00:00+00:00"
        assert (entry.done, entry.items, entry.met) == (1, 6, 0)
        assert events_in_range(store, date(2026, 11, 27), date(2026, 12, 3)) == []
        assert len(events_in_range(store, date(2026, 11, 26), date(2026, 11, 26))) == 1


def test_check_names_an_event_pointing_at_a_deleted_person(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db, clock=CLOCK) as store:
        assert run_checks(store) == []
        grace = next(p for p in store.all(Person) if p.name == "Grace Hopper")
        store.remove(Person, grace.id)
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 1
    assert f"events 1 (Staff+ Meetup): person to meet is missing person {grace.id}" in capsys.readouterr().out


def test_check_names_malformed_stored_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.json"
    with Store.open(path, clock=CLOCK):
        pass
    document = orjson.loads(path.read_bytes())
    good = {
        "title": "Meetup",
        "start": "2026-11-26T18:30:00+01:00",
        "end": "2026-11-26T21:00:00+01:00",
        "tz": "Europe/Berlin",
    }
    document["events"] = {
        "1": {**good, "speakers": ["just a string"]},
        "2": {**good, "end": "2026-11-26T17:00:00+01:00"},
        "3": {**good, "arrive_early_minutes": 999},
        "4": good,
    }
    path.write_bytes(orjson.dumps(document))
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "events 1: speakers: 'just a string' is not an item" in out
    assert "events 2: end: 2026-11-26 17:00 is not after the start 2026-11-26 18:30" in out
    assert "events 3: arrive_early_minutes: is 999 minutes; at most 240" in out
    assert "events 4" not in out
