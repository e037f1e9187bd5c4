"""The .ics export carries what needs doing: arrive-by alarms on events, to-dos with DUE and an
alarm for open follow-ups, promises and replies, COMPLETED when done, gone a month later. calcurse
and khal still import it with nothing skipped (Debian packages; .ci/run installs them)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from icalendar import Calendar

from netplan.core.clock import FixedClock
from netplan.interchange.ics import build_calendar, export_ics, item_uid, uid_seed
from netplan.notes.followups import promise_done
from netplan.store.store import Store
from tests.unit.reach_data import reach_week


def todos_by_summary(calendar: Calendar) -> dict[str, Any]:
    return {str(todo["summary"]): todo for todo in calendar.walk("VTODO")}


def test_events_ring_at_arrive_by_and_todos_are_due_with_an_alarm(store: Store) -> None:
    week = reach_week(store)
    calendar = build_calendar(store)
    (event,) = cast(list[Any], calendar.walk("VEVENT"))
    (alarm,) = cast(list[Any], event.walk("VALARM"))
    start = event["DTSTART"].dt
    assert start + alarm["TRIGGER"].dt == datetime(
        2026, 11, 24, 17, 10, tzinfo=UTC
    )  # 18:10 Berlin: ARRIVE-EARLY
    assert "Arrive by 18:10" in str(alarm["DESCRIPTION"])
    todos = todos_by_summary(calendar)
    assert set(todos) == {
        "Marcus Oyelaran: I promised: Send the deck",
        "Marcus Oyelaran: They promised: Intro to Sally Jones",
        "Lena Fischer: Reply about: a job at GridShift",
        "Marcus Oyelaran: Thank them for the coffee on Mon 23 Nov. Send what I promised: Send the deck. "
        "Remind them of what they offered: Intro to Sally Jones.",
    }
    deck = todos["Marcus Oyelaran: I promised: Send the deck"]
    assert deck["DUE"].dt == datetime(2026, 11, 24, 16, 0, tzinfo=UTC)  # rule FOLLOW-THROUGH
    assert str(deck["STATUS"]) == "NEEDS-ACTION"
    (ring,) = deck.walk("VALARM")
    assert ring["TRIGGER"].dt == timedelta(0) and ring["TRIGGER"].params["RELATED"] == "END"  # at DUE
    assert str(deck["UID"]) == item_uid(uid_seed(store), f"promise/{week.my_promise}")


def test_a_done_item_is_completed_then_gone_after_a_month(store: Store, data_file: Path) -> None:
    week = reach_week(store)
    promise_done(store, week.my_promise, at="2026-11-24T10:00:00+01:00")
    deck = todos_by_summary(build_calendar(store))["Marcus Oyelaran: I promised: Send the deck"]
    assert str(deck["STATUS"]) == "COMPLETED" and deck["COMPLETED"].dt == datetime(
        2026, 11, 24, 9, tzinfo=UTC
    )
    assert deck.walk("VALARM") == []
    store.close()
    later = FixedClock("2026-12-25T09:30:00", tz="Europe/Berlin")
    with Store.open(data_file, clock=later) as reopened:
        assert "Marcus Oyelaran: I promised: Send the deck" not in todos_by_summary(build_calendar(reopened))


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def exported(store: Store, tmp_path: Path) -> Path:
    week = reach_week(store)
    promise_done(store, week.their_promise, at="2026-11-24T10:00:00+01:00")
    target = tmp_path / "netplan.ics"
    export_ics(store, target)
    return target


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {**os.environ, "TZ": "Europe/Berlin", "HOME": str(home), "LC_ALL": "C.UTF-8"}


@pytest.mark.skipif(
    shutil.which("calcurse") is None, reason="calcurse is not installed (.ci/run installs it)"
)
def test_calcurse_imports_the_event_and_every_todo(
    exported: Path, env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "calcurse"
    data.mkdir()
    imported = run(["calcurse", "-D", str(data), "-i", str(exported)], env)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "1 app / 0 events / 4 todos / 0 skipped" in imported.stdout, imported.stdout
    # calcurse's todo file: "[priority]>note-hash text", a negative priority for a completed one
    lines = (data / "todo").read_text(encoding="utf-8").splitlines()
    done = [line for line in lines if line.startswith("[-")]
    assert len(done) == 1 and done[0].endswith("Marcus Oyelaran: They promised: Intro to Sally Jones")
    assert any(line.endswith("Lena Fischer: Reply about: a job at GridShift") for line in lines)


@pytest.mark.skipif(shutil.which("khal") is None, reason="khal is not installed (.ci/run installs it)")
def test_khal_imports_the_event_with_its_alarm_and_no_warning(
    exported: Path, env: dict[str, str], tmp_path: Path
) -> None:
    calendar = tmp_path / "khal" / "np"
    calendar.mkdir(parents=True)
    config = tmp_path / "khal" / "config"
    config.write_text(
        f"[calendars]\n[[np]]\npath = {calendar}\ntype = calendar\n"
        f"[sqlite]\npath = {tmp_path / 'khal' / 'khal.db'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Europe/Berlin\ndefault_timezone = Europe/Berlin\n",
        encoding="utf-8",
    )
    imported = run(["khal", "-c", str(config), "import", "--batch", "-a", "np", str(exported)], env)
    report = (imported.stdout + imported.stderr).lower()
    assert imported.returncode == 0 and "warning" not in report and "error" not in report, report
    (event_file,) = calendar.glob("*.ics")  # khal keeps events; the to-dos are todoman's
    assert "TRIGGER:-PT20M" in event_file.read_text(encoding="utf-8")
    listed = run(
        ["khal", "-c", str(config), "list", "--format", "{start-time} {title}", "2026-11-24", "1d"], env
    )
    assert "18:30 Staff+ Meetup" in listed.stdout


def test_the_export_says_how_many_events_and_todos_it_wrote(store: Store, tmp_path: Path) -> None:
    reach_week(store)
    target = tmp_path / "week.ics"
    assert (
        export_ics(store, target)
        == f"wrote 0 schedule entries (0 recurring), 1 event and 4 to-dos to {target}"
    )
