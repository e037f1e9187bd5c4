"""Rolling daily backups beside the data file: first write of a day copies, the last 7 are kept."""

from __future__ import annotations

from pathlib import Path

import pendulum

from netplan.core.clock import FixedClock
from netplan.store import backups
from netplan.store.store import Store
from netplan.targets.model import Goal

TZ = "Europe/Berlin"


def _day(n: int) -> FixedClock:
    """09:30 on 2026-11-(10 + n) in Berlin."""
    return FixedClock(pendulum.datetime(2026, 11, 10 + n, 9, 30, tz=TZ), tz=TZ)


def _save(data_file: Path, clock: FixedClock, title: str) -> None:
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title=title))


def test_first_write_of_a_day_copies_the_file_as_it_was_and_later_writes_do_not(data_file: Path) -> None:
    _save(data_file, _day(0), "day 0")
    before_day_1 = data_file.read_bytes()
    with Store.open(data_file, clock=_day(1)) as store:
        store.insert(Goal(title="day 1 first"))
        backup = backups.backup_path(data_file, _day(1).today())
        day_1_backups = backups.list_backups(data_file)
        assert day_1_backups[-1] == backup
        assert backup.read_bytes() == before_day_1  # the state before today's first write
        store.insert(Goal(title="day 1 second"))
        store.insert(Goal(title="day 1 third"))
    assert backups.list_backups(data_file) == day_1_backups
    assert backup.read_bytes() == before_day_1  # later writes that day leave the backup alone
    assert backup.name == "netplan-2026-11-11.json"


def test_a_store_open_across_midnight_backs_up_before_the_first_write_of_the_new_day(data_file: Path) -> None:
    clock = _day(1)
    with Store.open(data_file, clock=clock) as store:
        store.insert(Goal(title="evening"))
        evening = data_file.read_bytes()
        store.clock = _day(2)  # the planner stays open overnight
        store.insert(Goal(title="morning"))
    assert backups.backup_path(data_file, _day(2).today()).read_bytes() == evening


def test_seven_backups_are_kept_when_nine_days_pass(data_file: Path) -> None:
    _save(data_file, _day(0), "start")
    states: dict[int, bytes] = {}
    for n in range(1, 10):
        states[n] = data_file.read_bytes()
        _save(data_file, _day(n), f"day {n}")
        _save(data_file, _day(n), f"day {n} again")
    kept = backups.list_backups(data_file)
    assert [p.name for p in kept] == [f"netplan-2026-11-{10 + n}.json" for n in range(3, 10)]
    for n in range(3, 10):
        assert backups.backup_path(data_file, _day(n).today()).read_bytes() == states[n]
    assert backups.newest_backup(data_file) == kept[-1]


def test_rotation_leaves_another_data_files_backups_alone(tmp_path: Path) -> None:
    main = tmp_path / "netplan.json"
    work = tmp_path / "netplan-work.json"  # same folder, a name that starts like the first
    _save(work, _day(0), "work")
    _save(work, _day(1), "work 1")
    work_backup = backups.newest_backup(work)
    assert work_backup is not None
    _save(main, _day(0), "main")
    for n in range(1, 10):
        _save(main, _day(n), f"main {n}")
    assert work_backup.exists()
    assert work_backup not in backups.list_backups(main)
    assert len(backups.list_backups(main)) == backups.KEEP


def test_a_half_written_backup_is_never_named_as_the_newest(data_file: Path) -> None:
    _save(data_file, _day(0), "start")
    _save(data_file, _day(1), "day 1")
    good = backups.newest_backup(data_file)
    assert good is not None
    half = good.with_name("netplan-2026-11-12.json.tmp")  # a copy killed half way
    half.write_bytes(b'{"me')
    assert backups.newest_backup(data_file) == good


def test_the_writer_removes_its_own_half_written_backups_only(tmp_path: Path) -> None:
    main = tmp_path / "netplan.json"
    _save(main, _day(0), "main")
    _save(main, _day(1), "main 1")
    folder = backups.backup_dir(main)
    ours = folder / ".netplan-2026-11-12.json.tmp"  # a copy killed half way
    theirs = folder / ".netplan-work-2026-11-12.json.tmp"  # another netplan may be writing this now
    ours.write_bytes(b'{"me')
    theirs.write_bytes(b'{"wo')
    _save(main, _day(1), "main again")
    assert not ours.exists()
    assert theirs.exists()
