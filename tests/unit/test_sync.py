"""`netplan sync`: the calendar folder netplan keeps, completions and contacts coming back.

In-process with the fixed clock; the real chain (Radicale, vdirsyncer, khal, todoman, khard) is in
test_sync_chain.py.
"""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netplan.cli import main
from netplan.core.clock import FixedClock
from netplan.interchange.sync import apply_sync, plan_sync
from netplan.interchange.vdir import MANIFEST_NAME
from netplan.notes.followups import log_inbound
from netplan.notes.model import FollowUp, InboundRequest, Promise
from netplan.store.settings import Settings, last_sync_line, save_settings
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.unit.reach_data import ReachWeek, complete, reach_week, summaries, todo_file, uid_of

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\n{extra}END:VCARD\r\n"


@pytest.fixture
def week(store: Store) -> ReachWeek:
    return reach_week(store)


def sync(store: Store, calendar: Path | None, contacts: Path | None = None) -> list[str]:
    plan = plan_sync(store, calendar, contacts)
    apply_sync(store, plan)
    return [*(s.line() for s in plan.skipped), *plan.lines(dry_run=False)]


def snapshot(*folders: Path) -> dict[Path, tuple[int, bytes]]:
    """Every file in the folders with its modification time (ns) and bytes."""
    return {
        path: (path.stat().st_mtime_ns, path.read_bytes())
        for folder in folders
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def test_each_item_gets_its_own_private_file_and_a_second_sync_changes_no_file(
    store: Store, week: ReachWeek, tmp_path: Path, data_file: Path
) -> None:
    calendar = tmp_path / "cal"
    sync(store, calendar)
    files = sorted(calendar.glob("*.ics"))
    # the event, the follow-up, two promises and the reply: one file each, named by its UID
    assert len(files) == 5
    assert all(path.name == f"{uid_of(path)}.ics" for path in files)
    assert stat.S_IMODE(calendar.stat().st_mode) == 0o700
    assert {stat.S_IMODE(path.stat().st_mode) for path in files} == {0o600}
    assert "Marcus Oyelaran: I promised: Send the deck" in summaries(
        todo_file(calendar, "Oyelaran: I promised")
    )
    before = snapshot(calendar, data_file.parent)
    lines = sync(store, calendar)
    assert snapshot(calendar, data_file.parent) == before  # not the vdir, not the data file
    assert lines[-1].endswith("0 written, 0 removed, 5 unchanged")


def test_a_todo_ticked_elsewhere_closes_the_promise_and_comes_back_completed_once(
    store: Store, week: ReachWeek, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = tmp_path / "cal"
    sync(store, calendar)
    deck = todo_file(calendar, "Oyelaran: I promised")
    ticked_at = datetime(2026, 11, 24, 7, 45, tzinfo=UTC)
    deck.write_bytes(complete(deck.read_bytes(), uid_of(deck), ticked_at))  # as todoman does
    lines = sync(store, calendar)
    assert any("closed promise #" in line and "Send the deck" in line for line in lines), lines
    promise = store.get(Promise, week.my_promise)
    assert promise is not None and promise.done_at == "2026-11-24T07:45:00+00:00"  # rule FOLLOW-THROUGH
    other = store.get(Promise, week.their_promise)
    assert other is not None and other.is_open
    assert "STATUS:COMPLETED" in deck.read_text()
    assert "closed" not in " ".join(sync(store, calendar))  # once
    assert "1 to-do closed" in last_sync_line(store)


def test_follow_ups_and_replies_close_too(store: Store, week: ReachWeek, tmp_path: Path) -> None:
    calendar = tmp_path / "cal"
    sync(store, calendar)
    at = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    for text in ("Oyelaran: Thank them", "Reply about: a job at GridShift"):
        path = todo_file(calendar, text)
        path.write_bytes(complete(path.read_bytes(), uid_of(path), at))
    sync(store, calendar)
    follow_up = store.get(FollowUp, week.follow_up)
    request = store.get(InboundRequest, week.reply)
    assert follow_up is not None and follow_up.status == "done"
    assert request is not None and request.replied_at is not None


def test_a_malformed_file_is_named_and_skipped_and_nothing_is_lost(
    store: Store, week: ReachWeek, tmp_path: Path
) -> None:
    calendar, contacts = tmp_path / "cal", tmp_path / "contacts"
    sync(store, calendar)
    deck = todo_file(calendar, "Oyelaran: I promised")
    reply = todo_file(calendar, "Reply about")
    broken = b"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nthis is not a property\r\n"
    deck.write_bytes(broken)
    reply.write_bytes(complete(reply.read_bytes(), uid_of(reply), datetime(2026, 11, 24, 8, 0, tzinfo=UTC)))
    contacts.mkdir()
    (contacts / "bad.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No end\r\n")
    (contacts / "ok.vcf").write_text(CARD.format(uid="c1", name="Priya Raman", extra=""), encoding="utf-8")
    lines = sync(store, calendar, contacts)
    assert any(line.startswith(f"skipped {deck}") for line in lines), lines
    assert any(line.startswith(f"skipped {contacts / 'bad.vcf'}") for line in lines), lines
    assert deck.read_bytes() == broken  # never overwritten: it may hold an edit made elsewhere
    request = store.get(InboundRequest, week.reply)
    assert request is not None and request.replied_at is not None  # the rest synced
    assert [p.name for p in store.all(Person) if p.name == "Priya Raman"] == ["Priya Raman"]
    assert (contacts / "bad.vcf").exists()


def test_only_files_netplan_wrote_are_removed(store: Store, week: ReachWeek, tmp_path: Path) -> None:
    calendar = tmp_path / "cal"
    sync(store, calendar)
    mine = todo_file(calendar, "Oyelaran: They promised")
    foreign = calendar / "shopping@todoman.ics"
    foreign.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:shopping@todoman\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    with store.transaction():
        store.remove(Promise, week.their_promise)
    lines = sync(store, calendar)
    assert not mine.exists()
    assert foreign.exists()
    assert "1 removed" in lines[-1]


def test_contacts_add_parked_people_update_empty_fields_and_delete_nothing(
    store: Store, week: ReachWeek, tmp_path: Path
) -> None:
    contacts = tmp_path / "contacts"
    contacts.mkdir()
    new = CARD.format(uid="p1", name="Priya Raman", extra="EMAIL:priya@example.org\r\n")
    (contacts / "p1.vcf").write_text(new, encoding="utf-8")
    known = CARD.format(uid="m1", name="Marcus Oyelaran", extra="EMAIL:marcus@example.org\r\nTITLE:CTO\r\n")
    (contacts / "m1.vcf").write_text(known, encoding="utf-8")
    sync(store, None, contacts)
    people = {p.name: p for p in store.all(Person)}
    assert people["Priya Raman"].parked and people["Priya Raman"].email == "priya@example.org"  # SMALL-LIST
    assert people["Marcus Oyelaran"].role == "CTO" and not people["Marcus Oyelaran"].parked
    (contacts / "p1.vcf").unlink()
    sync(store, None, contacts)
    assert "Priya Raman" in {p.name for p in store.all(Person)}


def test_dry_run_writes_nothing(week: ReachWeek, store: Store, tmp_path: Path, data_file: Path) -> None:
    store.close()
    calendar = tmp_path / "cal"
    before = snapshot(data_file.parent)
    assert main(["--db", str(data_file), "sync", "--calendar", str(calendar), "--dry-run"]) == 0
    assert not calendar.exists()
    assert snapshot(data_file.parent) == before


def test_saved_folders_make_a_bare_sync_work(
    store: Store, week: ReachWeek, tmp_path: Path, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = tmp_path / "cal"
    save_settings(store, Settings(sync_calendar=str(calendar)))
    store.close()
    assert main(["--db", str(data_file), "sync"]) == 0
    assert len(list(calendar.glob("*.ics"))) == 5
    with pytest.raises(Exception, match="full path"):
        Settings(sync_calendar="relative/cal").validated()


def test_a_folder_kept_for_another_data_file_is_refused(
    store: Store, week: ReachWeek, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = tmp_path / "cal"
    sync(store, calendar)
    other = tmp_path / "other" / "netplan.json"
    with Store.open(other, clock=FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")) as second:
        reach_week(second)
    manifest = (calendar / MANIFEST_NAME).read_bytes()
    assert main(["--db", str(other), "sync", "--calendar", str(calendar)]) == 1
    assert "kept by another netplan data file" in capsys.readouterr().err
    assert (calendar / MANIFEST_NAME).read_bytes() == manifest


def test_a_folder_that_cannot_be_used_is_one_line_and_exit_1(
    store: Store, week: ReachWeek, tmp_path: Path, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    before = data_file.stat().st_mtime_ns
    assert main(["--db", str(data_file), "sync", "--calendar", str(blocker / "cal")]) == 1
    err = capsys.readouterr().err
    assert err == f"netplan: {blocker / 'cal'}: cannot be read (Not a directory)\n"
    assert data_file.stat().st_mtime_ns == before


def test_hostile_names_reach_the_folder_without_control_characters(store: Store, tmp_path: Path) -> None:
    hostile = "Evil [@click=app.quit]x [/] \x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"
    person = store.insert(Person(name=hostile))
    log_inbound(store, person.id, hostile, received="2026-11-23T11:00:00+01:00")
    calendar = tmp_path / "cal"
    sync(store, calendar)
    (path,) = calendar.glob("*.ics")
    text = path.read_text(encoding="utf-8")
    assert "Evil [@click=app.quit]x [/]" in text
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e")
