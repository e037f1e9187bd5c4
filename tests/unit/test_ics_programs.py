"""The exported .ics imports into khal and calcurse (Debian packages) with nothing skipped, and both
list exactly the occurrences netplan shows over 12 weeks. Skipped when the programs are missing
(.ci/run installs them).

calcurse keeps no time zones: it converts times to the zone it runs in and repeats them in that
wall-clock time, so it runs here with TZ set to the slots' zone (the user's local zone, as netplan's
default). khal keeps the TZID and is told its local zone in its config.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from netplan.interchange.ics import export_ics
from netplan.schedule.slot import Slot, zone
from netplan.schedule.week import add_slot, book_occurrence, occurrences
from netplan.store.store import Store
from netplan.targets.model import Person, Venue

ZONE = "Europe/Berlin"
WINDOWS = [date(2026, 11, 24), date(2027, 3, 1)]  # the next 12 weeks (year end); the March DST change
Listing = list[tuple[str, str, str]]  # (start, end, title) as 'YYYY-MM-DD HH:MM' wall-clock in ZONE


def berlin_week(store: Store) -> None:
    marcus = store.insert(Person(name="Marcus Oyelaran"))
    circle = store.insert(Venue(name="Climate Product Circle"))

    def add(**fields: object) -> Slot:
        values: dict[str, object] = {"tz": ZONE, "start_date": "2026-11-02"}
        values.update(fields)
        return add_slot(store, Slot(**values))  # type: ignore[arg-type]

    add(
        kind="group meeting",
        title="Climate Product Circle",
        weekday=3,
        time="18:30",
        duration_minutes=90,
        venue_id=circle.id,
        end_date="2027-04-22",
        skipped_dates=["2026-12-24", "2026-12-31", "2027-03-25"],
    )
    add(
        kind="coffee",
        title="Coffee with Marcus",
        weekday=1,
        time="08:30",
        duration_minutes=45,
        every_weeks=2,
        person_id=marcus.id,
    )
    lunch = add(
        kind="lunch",
        title="Research lunch",
        weekday=4,
        time="12:30",
        duration_minutes=60,
        every_weeks=3,
        start_date="2026-11-20",
    )
    add(
        kind="outreach block",
        title="Outreach: follow-ups, intro notes",
        weekday=0,
        time="16:00",
        duration_minutes=45,
        skipped_dates=["2027-01-04"],
    )
    add(kind="event", title="Staff+ Meetup", time="19:00", start_date="2026-12-10", one_off=True)
    add(kind="event", title="Spring meetup", time="18:00", start_date="2027-03-30", one_off=True)
    add(
        kind="coffee",
        title="Evil [@click=app.quit]x [/] \x1b[2J",
        weekday=2,
        time="07:30",
        start_date="2027-01-06",
        end_date="2027-01-27",
    )
    book_occurrence(store, lunch.id, date(2026, 12, 11), marcus.id)


def expected(store: Store, first: date, last: date) -> Listing:
    from netplan.core.text import safe_text

    return sorted(
        (o.start.format("YYYY-MM-DD HH:mm"), o.end.format("YYYY-MM-DD HH:mm"), safe_text(o.slot.title))
        for o in occurrences(store, first, last, tz=zone(ZONE))
    )


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)


def in_window(listing: Listing, first: date, last: date) -> Listing:
    return sorted(row for row in listing if first.isoformat() <= row[0][:10] <= last.isoformat())


@pytest.fixture
def exported(store: Store, tmp_path: Path) -> Path:
    berlin_week(store)
    target = tmp_path / "netplan.ics"
    export_ics(store, target)
    return target


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {
        **os.environ,
        "TZ": ZONE,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "LC_ALL": "C.UTF-8",
    }


@pytest.mark.skipif(shutil.which("calcurse") is None, reason="calcurse is not installed")
def test_calcurse_imports_everything_and_lists_the_same_occurrences(
    store: Store, exported: Path, env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "calcurse"
    data.mkdir()
    imported = run(["calcurse", "-D", str(data), "-i", str(exported)], env)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "7 apps / 0 events / 0 todos / 0 skipped" in imported.stdout, imported.stdout
    line = "%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%m\\n"
    for first in WINDOWS:
        last = first + timedelta(weeks=12) - timedelta(days=1)
        listed = run(
            [
                "calcurse",
                "-D",
                str(data),
                "-Q",
                "--input-datefmt",
                "4",
                "--from",
                first.isoformat(),
                "--days",
                "84",
                "--format-apt",
                line,
                "--format-recur-apt",
                line,
            ],
            env,
        )
        assert listed.returncode == 0, listed.stderr
        rows = [tuple(row.split("|", 2)) for row in listed.stdout.splitlines() if row.count("|") >= 2]
        theirs = in_window(rows, first, last)  # type: ignore[arg-type]
        assert theirs == expected(store, first, last)
        assert len(theirs) > 25


@pytest.mark.skipif(shutil.which("khal") is None, reason="khal is not installed")
def test_khal_imports_everything_and_lists_the_same_occurrences(
    store: Store, exported: Path, env: dict[str, str], tmp_path: Path
) -> None:
    calendar = tmp_path / "khal" / "np"
    calendar.mkdir(parents=True)
    config = tmp_path / "khal" / "config"
    config.write_text(
        f"[calendars]\n[[np]]\npath = {calendar}\ntype = calendar\n"
        f"[sqlite]\npath = {tmp_path / 'khal' / 'khal.db'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        f"local_timezone = {ZONE}\ndefault_timezone = {ZONE}\n",
        encoding="utf-8",
    )
    imported = run(["khal", "-c", str(config), "import", "--batch", "-a", "np", str(exported)], env)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    report = (imported.stdout + imported.stderr).lower()
    assert "error" not in report and "traceback" not in report and "warning" not in report, report
    assert len(list(calendar.glob("*.ics"))) == 7  # one file per entry: nothing skipped
    for first in WINDOWS:
        last = first + timedelta(weeks=12) - timedelta(days=1)
        listed = run(
            [
                "khal",
                "-c",
                str(config),
                "list",
                "--format",
                "{start}|{end}|{title}",
                "--day-format",
                "",
                first.isoformat(),
                (last + timedelta(days=1)).isoformat(),
            ],
            env,
        )
        assert listed.returncode == 0, listed.stderr
        rows = [tuple(row.split("|", 2)) for row in listed.stdout.splitlines() if row.count("|") >= 2]
        theirs = in_window(rows, first, last)  # type: ignore[arg-type]
        assert theirs == expected(store, first, last)
        assert len(theirs) > 25
