"""The whole LinkedIn archive (issue 19): last touches (rule GARDEN), replies due (rule ALWAYS-RESPOND),
invitations (rule PERSONAL), idempotence, and all-or-nothing errors naming the file and line.

Archives are built by tests/unit/linkedin_archive_data.py (see ``standard`` for who is who).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from netplan.coach.invitations import invitation_findings
from netplan.core.clock import FixedClock
from netplan.core.moments import parse
from netplan.deletion import delete, fallout
from netplan.integrity import run_checks
from netplan.interchange.contacts import ImportFileError
from netplan.interchange.merge import ImportPlan, apply_import, plan_import
from netplan.interchange.readers import read_contacts
from netplan.notes.invitation import SentInvitation
from netplan.notes.model import InboundRequest
from netplan.store.settings import Settings, save_settings
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.unit.linkedin_archive_data import (
    ANN,
    BO,
    CHIDI,
    DANA,
    EMRE,
    FATIMA,
    HANA,
    INES,
    JOSE,
    JUN,
    ME,
    Archive,
    Invite,
    Message,
    Someone,
    standard,
)


@pytest.fixture
def store(data_file: Path, clock: FixedClock) -> Iterator[Store]:
    with Store.open(data_file, clock=clock) as opened:
        yield opened


def ago(clock: FixedClock, days: float) -> datetime:
    return (clock.now() - timedelta(days=days)).astimezone(UTC).replace(microsecond=0)


def plan_of(store: Store, path: Path, *, keep_text: bool = False) -> ImportPlan:
    return plan_import(store, read_contacts("linkedin", path, keep_text=keep_text))


def imported(store: Store, path: Path, *, keep_text: bool = False) -> ImportPlan:
    plan = plan_of(store, path, keep_text=keep_text)
    apply_import(store, plan)
    return plan


def person(store: Store, name: str) -> Person:
    found = [p for p in store.all(Person) if p.name == name]
    assert len(found) == 1, f"{name}: {len(found)} people"
    return found[0]


def touched(store: Store, name: str) -> datetime | None:
    last = person(store, name).last_touch
    return parse(last) if last else None


def replies(store: Store) -> dict[str, InboundRequest]:
    names = {p.id: p.name for p in store.all(Person)}
    return {names[r.person_id]: r for r in store.all(InboundRequest)}


# the archive's forms: zip, folder, one CSV -----------------------------------------------------


@pytest.mark.parametrize("form", ["zip", "folder"])
def test_zip_and_folder_plan_the_same(store: Store, clock: FixedClock, tmp_path: Path, form: str) -> None:
    archive = standard(clock.now())
    path = (
        archive.write_zip(tmp_path / "export.zip") if form == "zip" else archive.write_folder(tmp_path / "x")
    )
    summary = plan_of(store, path).summary(dry_run=True)
    assert (summary.added, summary.updated, summary.history) == (10, 0, (7, 4, 3))
    assert store.count(Person) == 0  # planning writes nothing


def test_messages_csv_alone_under_any_name_is_read_by_its_header(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    archive = standard(clock.now())
    imported(store, archive.write_one(tmp_path, "Connections.csv"))
    plan = imported(store, archive.write_one(tmp_path, "messages.csv", "export (3).csv"))
    assert plan.history is not None and plan.history.me == "Jordan Pike"  # no Profile.csv: inferred
    assert touched(store, "Ann Example") == ago(clock, 3)
    assert set(replies(store)) == {"Ann Example", "José Núñez", "Fatima Haddad"}


def test_invitations_csv_alone_is_read_by_its_header(store: Store, clock: FixedClock, tmp_path: Path) -> None:
    imported(store, standard(clock.now()).write_one(tmp_path, "Invitations.csv", "invites.CSV"))
    assert sorted(person(store, i.name).name for i in (HANA, INES, ANN)) == sorted(
        p.name for p in store.all(Person) if p.how_met.startswith("You invited them")
    )
    assert set(replies(store)) == {"Jun Kim"}


def test_files_to_ignore_are_ignored(store: Store, clock: FixedClock, tmp_path: Path) -> None:
    plan = imported(store, standard(clock.now()).write_zip(tmp_path / "export.zip"))
    assert plan.history is not None
    assert set(plan.history.files) == {"Profile.csv", "Connections.csv", "messages.csv", "Invitations.csv"}
    names = {p.name for p in store.all(Person)}
    assert "LinkedIn Coach" not in names  # learning_coach_messages.csv: LinkedIn's AI chat
    assert "LinkedIn Member" not in names  # sponsored mail
    assert "Jordan Pike" not in names  # me


# last touches (rule GARDEN) -------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["2025", "2023", "2021"])
@pytest.mark.parametrize(("bom", "crlf"), [(True, True), (False, False)])
def test_last_touch_is_the_newest_message_that_is_not_a_draft(
    store: Store, clock: FixedClock, tmp_path: Path, layout: str, bom: bool, crlf: bool
) -> None:
    imported(store, standard(clock.now(), layout, bom=bom, crlf=crlf).write_zip(tmp_path / "export.zip"))
    assert touched(store, ANN.name) == ago(clock, 3)  # hers, the newest
    assert touched(store, BO.name) == ago(clock, 9)  # my answer; my draft of yesterday does not count
    assert touched(store, CHIDI.name) == ago(clock, 90)
    assert touched(store, JOSE.name) == ago(clock, 2)  # mojibake name, another URL: found by name
    assert touched(store, DANA.name) == touched(store, EMRE.name) == ago(clock, 1)  # the group thread
    assert touched(store, FATIMA.name) == ago(clock, 5)
    assert touched(store, HANA.name) is None  # never wrote


def test_a_touch_never_moves_backwards(store: Store, clock: FixedClock, tmp_path: Path) -> None:
    later = (clock.now() - timedelta(days=1)).isoformat()
    earlier = (clock.now() - timedelta(days=400)).isoformat()
    store.insert(Person(name=ANN.name, linkedin=ANN.url, last_touch=later))
    store.insert(Person(name=BO.name, linkedin=BO.url, last_touch=earlier))
    plan = imported(store, standard(clock.now()).write_zip(tmp_path / "export.zip"))
    assert touched(store, ANN.name) == parse(later)  # a coffee yesterday stays the last touch
    assert touched(store, BO.name) == ago(clock, 9)
    assert plan.history is not None
    assert [t.was for t in plan.history.touches if t.name == BO.name] == [earlier]


def test_matched_by_profile_url_first_then_by_a_unique_name(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    store.insert(Person(name="Annie E.", linkedin=ANN.url.upper() + "/"))  # same profile, other name
    store.insert(Person(name=BO.name, company="Globex"))
    store.insert(Person(name=BO.name, company="Initech"))  # two Bo Lis: a name alone cannot tell
    archive = standard(clock.now())
    archive.connections = []
    archive.invitations = []
    imported(store, archive.write_zip(tmp_path / "export.zip"))
    assert touched(store, "Annie E.") == ago(clock, 3)
    assert all(p.last_touch is None for p in store.all(Person) if p.name == BO.name)


def test_group_threads_touch_everyone_known_and_owe_no_reply(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    imported(store, standard(clock.now()).write_zip(tmp_path / "export.zip"))
    assert DANA.name not in replies(store) and EMRE.name not in replies(store)


# replies due (rule ALWAYS-RESPOND) ----------------------------------------------------------------


@pytest.mark.parametrize("layout", ["2025", "2023", "2021"])
def test_recent_one_to_one_threads_ending_with_theirs_want_a_reply(
    store: Store, clock: FixedClock, tmp_path: Path, layout: str
) -> None:
    imported(store, standard(clock.now(), layout).write_zip(tmp_path / "export.zip"))
    due = replies(store)
    # Bo: answered; Chidi: 90 days old; the group: no; Goran: 200 days, left out; Kofi: no note
    assert set(due) == {ANN.name, JOSE.name, FATIMA.name, JUN.name}
    assert parse(due[ANN.name].received) == ago(clock, 3)
    assert parse(due[ANN.name].reply_due) - parse(due[ANN.name].received) == timedelta(days=2)
    assert parse(due[JUN.name].received) == ago(clock, 4).replace(second=0)  # invitations: minutes


def test_strangers_who_wrote_are_added_parked_and_others_are_not(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    imported(store, standard(clock.now()).write_zip(tmp_path / "export.zip"))
    for stranger in (FATIMA, JUN, INES):
        added = person(store, stranger.name)
        assert added.parked and not added.goals  # rule SMALL-LIST: network, not targets
        assert added.linkedin == stranger.url
    assert person(store, FATIMA.name).how_met.startswith("Wrote to you on LinkedIn")
    names = {p.name for p in store.all(Person)}
    assert "Goran Petrov" not in names  # wrote 200 days ago: nothing to track
    assert "Kofi Mensah" not in names  # spam, and an invitation without a note


def test_the_reply_window_is_a_setting(store: Store, clock: FixedClock, tmp_path: Path) -> None:
    save_settings(store, Settings(reply_window_days=100))
    imported(store, standard(clock.now()).write_zip(tmp_path / "export.zip"))
    assert CHIDI.name in replies(store)  # 90 days old: within 100


def test_message_text_is_kept_only_when_asked(store: Store, clock: FixedClock, tmp_path: Path) -> None:
    path = standard(clock.now()).write_zip(tmp_path / "export.zip")
    imported(store, path)
    store.flush()
    stored = store.path.read_text(encoding="utf-8")
    for private in ("Could we meet", "data role", "enjoyed your talk", "we met at PyCon"):
        assert private not in stored
    assert replies(store)[JOSE.name].about == f"their LinkedIn message of {ago(clock, 2).date()}"


def test_keep_text_keeps_the_newest_message_and_notes(clock: FixedClock, tmp_path: Path) -> None:
    path = standard(clock.now()).write_zip(tmp_path / "export.zip")
    with Store.open(tmp_path / "kept.json", clock=clock) as store:
        imported(store, path, keep_text=True)
        assert replies(store)[JOSE.name].about == (
            'their LinkedIn message: Hola Jordan, thanks for the "intro". Could we meet, Friday?'
        )
        notes = {i.note for i in store.all(SentInvitation)}
        assert "Hi Ann, we met at PyCon: I'd like to stay in touch." in notes


# invitations (rule PERSONAL) ----------------------------------------------------------------------


def test_sent_invitations_are_remembered_with_note_and_state(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    imported(store, standard(clock.now()).write_zip(tmp_path / "export.zip"))
    names = {p.id: p.name for p in store.all(Person)}
    sent = {names[i.person_id]: (i.with_note, i.accepted) for i in store.all(SentInvitation)}
    assert sent == {HANA.name: (False, True), ANN.name: (True, True), INES.name: (False, False)}
    when = {names[i.person_id]: parse(i.sent_at) for i in store.all(SentInvitation)}
    assert when[INES.name] == ago(clock, 20).replace(second=0)


def test_the_coach_reports_the_share_without_a_note_and_proposes_a_note(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    imported(store, standard(clock.now()).write_zip(tmp_path / "export.zip"))
    share, pending, *rest = invitation_findings(store)
    assert rest == []
    assert share.rule_id == "PERSONAL" and "2 of the 3 LinkedIn invitations you sent (67%)" in share.message
    assert pending.message.startswith("Ines Costa: your LinkedIn invitation of")
    assert "Hi Ines" in pending.suggestion and "[their work]" in pending.suggestion  # a blank to personalise


def test_an_invitation_accepted_since_is_updated(store: Store, clock: FixedClock, tmp_path: Path) -> None:
    archive = standard(clock.now())
    imported(store, archive.write_zip(tmp_path / "first.zip"))
    archive.connections = [*archive.connections, INES]
    plan = imported(store, archive.write_zip(tmp_path / "second.zip"))
    assert plan.history is not None and [i.name for i in plan.history.invitations] == [INES.name]
    assert all(i.accepted for i in store.all(SentInvitation))
    assert store.count(SentInvitation) == 3


# idempotence and all-or-nothing -----------------------------------------------------------------


@pytest.mark.parametrize("layout", ["2025", "2021"])
def test_importing_the_same_archive_again_changes_nothing(
    store: Store, clock: FixedClock, tmp_path: Path, layout: str
) -> None:
    path = standard(clock.now(), layout).write_zip(tmp_path / "export.zip")
    imported(store, path)
    store.flush()
    before = store.path.read_bytes()
    again = plan_of(store, path)
    assert not again.has_changes
    assert again.summary(dry_run=True).history == (0, 0, 0)
    apply_import(store, again)
    store.flush()
    assert store.path.read_bytes() == before


def test_a_broken_row_in_a_zip_names_the_member_and_line_and_imports_nothing(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    archive = standard(clock.now())
    archive.messages.append(Message("c-x", ANN, (ME,), ago(clock, 1), "fine"))
    files = archive.files()
    files["messages.csv"] += b'c-y,,Ann Example,https://www.linkedin.com/in/ann-example,"Jordan Pike\r\n'
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as zipped:
        for name, data in files.items():
            zipped.writestr(name, data)
    with pytest.raises(ImportFileError) as caught:
        read_contacts("linkedin", path)
    message = str(caught.value)
    assert (
        f"{path}/messages.csv line 19" in message
    )  # José's message spans 4 lines and "broken quoting" in message
    assert store.count(Person) == 0


@pytest.mark.parametrize(
    ("name", "row", "says"),
    [
        (
            "messages.csv",
            "c-z,,Ann,https://x,Jordan Pike,https://y,yesterday,,hi,INBOX,,No",
            "DATE 'yesterday'",
        ),
        ("Invitations.csv", "Ann,Jordan Pike,1/2/26,,SIDEWAYS,,", "Direction 'SIDEWAYS'"),
        ("Invitations.csv", "Ann,Jordan Pike,13/45/26 9:00 AM,,INCOMING,,", "Sent At '13/45/26 9:00 AM'"),
        ("messages.csv", "c-z,,Ann", "3 fields, but the header has 12"),
    ],
)
def test_a_bad_value_names_the_file_and_line(
    clock: FixedClock, tmp_path: Path, name: str, row: str, says: str
) -> None:
    folder = standard(clock.now(), bom=False, crlf=False).write_folder(tmp_path / "export")
    path = folder / name
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_contacts("linkedin", folder)
    assert f"{path} line {lines + 1}: {says}" in str(caught.value)


def test_a_damaged_zip_is_refused_in_one_line(clock: FixedClock, tmp_path: Path) -> None:
    path = standard(clock.now()).write_zip(tmp_path / "export.zip")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFileError) as caught:
        read_contacts("linkedin", path)
    assert "\n" not in str(caught.value)


def test_without_profile_csv_an_ambiguous_me_stops_the_import(clock: FixedClock, tmp_path: Path) -> None:
    stranger = Someone("Lee", "Park", "lee-park")
    archive = Archive(me=ME, messages=[Message("c-1", stranger, (ANN,), ago(clock, 1))], bom=False)
    path = archive.write_one(tmp_path, "messages.csv")
    ambiguous = "cannot tell which of the people in the conversations is you"
    store = Store.open(tmp_path / "data.json", clock=clock)
    with store, pytest.raises(ImportFileError, match=ambiguous):
        plan_of(store, path)


def test_only_profile_csv_has_nothing_to_import(clock: FixedClock, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="nothing to import"):
        read_contacts("linkedin", standard(clock.now()).write_one(tmp_path, "Profile.csv"))


def test_the_dry_run_lists_touches_replies_invitations_and_what_was_left_out(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    lines = plan_of(store, standard(clock.now()).write_zip(tmp_path / "export.zip")).describe()
    assert "read   Profile.csv, Connections.csv, messages.csv, Invitations.csv (you: Jordan Pike)" in lines
    assert any(
        line.startswith("touch  messages.csv line 13: Dana Novak") and "group" in line for line in lines
    )
    assert any(line.startswith("reply  messages.csv line 8: José Núñez reached out") for line in lines)
    assert any(line.startswith("invite Invitations.csv line 4: Ines Costa: sent") for line in lines)
    assert "leave  draft messages (never sent): 1" in lines
    assert "leave  conversations waiting on you for more than 30 days (no reply due): 2" in lines


def test_strangers_added_by_one_file_or_thread_are_touched_by_all_theirs_at_once(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    """The bench found a second import still touching people: a stranger added for a later thread
    (or an invitation) had been skipped in the threads read before. Newcomers now come first."""
    lee, kim = Someone("Lee", "Park", "lee-park"), Someone("Kim", "Tran", "kim-tran")
    archive = Archive(
        me=ME,
        messages=[
            Message("c-group", lee, (ME, ANN), ago(clock, 1), "group, yesterday"),  # read first
            Message("c-lee", lee, (ME,), ago(clock, 3), "1:1, waiting on me"),  # adds Lee
            Message("c-kim", kim, (ME,), ago(clock, 300), "an old thread"),  # Kim: invited below
        ],
        invitations=[Invite("OUTGOING", kim, ago(clock, 200))],
    )
    path = archive.write_zip(tmp_path / "export.zip")
    imported(store, path)
    assert touched(store, "Lee Park") == ago(clock, 1)  # the group thread counts too
    assert touched(store, "Kim Tran") == ago(clock, 300)
    assert not plan_of(store, path).has_changes


def test_check_is_clean_after_an_import_and_a_delete_takes_the_invitations(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    imported(store, standard(clock.now()).write_zip(tmp_path / "export.zip"))
    assert run_checks(store) == []
    ines = person(store, INES.name)
    assert any("LinkedIn invitation" in line for line in fallout(store, ines))
    delete(store, ines)
    assert store.count(SentInvitation) == 2
    assert run_checks(store) == []


def test_a_profile_name_the_messages_do_not_use_falls_back_to_the_messages(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    archive = standard(clock.now())
    archive.me = Someone("Jordan", "Pike-Lindqvist", "jordanpike")  # renamed since the messages
    files = archive.files()
    archive.me = ME
    files["messages.csv"] = archive.files()["messages.csv"]
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as zipped:
        for name, data in files.items():
            zipped.writestr(name, data)
    plan = imported(store, path)
    assert plan.history is not None and plan.history.me == "Jordan Pike"
    assert set(replies(store)) == {ANN.name, JOSE.name, FATIMA.name, JUN.name}
