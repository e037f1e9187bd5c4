"""`netplan log` and `netplan agenda` as a user meets them (DESIGN.md: the command-line contract)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest

from netplan.cli import main
from netplan.coach.rules import Finding, conversation_findings
from netplan.commands import log as log_command
from netplan.notes.model import Conversation
from netplan.store.store import Store
from netplan.targets.model import Person

HOSTILE = "[@click=app.quit]x [/] \x1b]0;pwned\x07\x1b[2J\u202e"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "n.json")
    assert main(["init", "--db", path]) == 0
    assert main(["add", "person", "Sam Lee", "--company", "Northwind", "--db", path]) == 0
    return path


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    return orjson.loads(capsys.readouterr().out)


def log_sam(db: str, *extra: str) -> int:
    return main(["log", "Sam Lee", "--when", "2026-11-24T10:00:00+00:00", "--db", db, *extra])


def test_log_then_agenda_two_days_later_lists_the_follow_up_with_both_promises(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert log_sam(db, "--gave", "intro to Pat Kim", "--promise-mine", "send my deck",
                   "--promise-theirs", "intro to Sally Jones") == 0  # fmt: skip
    agenda = run_json(capsys, "agenda", "--date", "2026-11-26", "--db", db)
    [follow_up] = agenda["follow_ups"]
    assert follow_up["person"] == "Sam Lee"
    assert follow_up["due"] == "2026-11-26T10:00:00+00:00"
    assert "send my deck" in follow_up["text"] and "intro to Sally Jones" in follow_up["text"]
    assert [p["text"] for p in agenda["promises"]] == [
        "I promised: send my deck",
        "They promised: intro to Sally Jones",
    ]
    assert agenda["events"] == [] and agenda["replies"] == [] and agenda["slipping"] == []
    assert run_json(capsys, "agenda", "--date", "2026-11-25", "--db", db)["follow_ups"] == []
    capsys.readouterr()
    assert main(["agenda", "--date", "2026-11-26", "--db", db]) == 0
    plain = capsys.readouterr().out
    assert "Agenda for Thu 26 Nov 2026" in plain
    assert "Sam Lee: I promised: send my deck" in plain and "Follow-ups" in plain


def test_listen_plus_ask_over_the_duration_is_exit_1_and_the_file_is_unchanged(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path(db).read_bytes()
    assert log_sam(db, "--minutes", "30", "--listen", "25", "--ask", "10") == 1
    err = capsys.readouterr().err
    assert err.startswith("netplan: --listen:") and "more than the 30-minute duration" in err
    for bad in (
        ["--listen", "-5"],
        ["--ask", "2.5"],
        ["--minutes", "ten"],
        ["--when", "2028-01-01T10:00:00+00:00"],
    ):
        assert log_sam(db, *bad) == 1
    assert log_sam(db, "--ask-level", "a job") == 1
    assert "--ask-level: must be one of: catch-up, advice" in capsys.readouterr().err
    assert Path(db).read_bytes() == before


def test_an_unknown_person_is_exit_1_suggesting_add_person(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path(db).read_bytes()
    assert main(["log", "Pat Kim", "--db", db]) == 1
    assert "netplan add person 'Pat Kim'" in capsys.readouterr().err
    assert Path(db).read_bytes() == before


def test_person_matches_a_unique_part_of_the_name_in_any_case(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    logged = run_json(capsys, "log", "LEE", "--when", "2026-11-24T10:00:00+00:00", "--db", db)
    assert logged["person"]["name"] == "Sam Lee"
    assert logged["follow_up"]["due"] == "2026-11-26T10:00:00+00:00"


def test_minutes_left_out_follow_the_two_thirds_split(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    first = run_json(
        capsys, "log", "Sam", "--when", "2026-11-24T10:00:00+00:00", "--minutes", "45", "--db", db
    )
    assert (first["conversation"]["listen_minutes"], first["conversation"]["ask_minutes"]) == (30, 15)
    second = run_json(
        capsys, "log", "Sam", "--when", "2026-11-24T12:00:00+00:00", "--listen", "25", "--db", db
    )
    assert (second["conversation"]["listen_minutes"], second["conversation"]["ask_minutes"]) == (25, 5)


def test_gave_items_keep_their_kind_and_ask_details_are_saved(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    logged = run_json(
        capsys, "log", "Sam Lee", "--when", "2026-11-24T10:00:00+00:00", "--db", db,
        "--gave", "person: Pat Kim at Verdant", "a pricing idea", "--gave", "resource: my deck",
        "--asked", "Intro to Dana Ortiz at Verdant Grid?", "--ask-level", "introduction",
        "--kind", "video", "--notes", "good call",
    )  # fmt: skip
    conversation = logged["conversation"]
    assert conversation["gave"] == [
        {"kind": "person", "text": "Pat Kim at Verdant"},
        {"kind": "other", "text": "a pricing idea"},
        {"kind": "resource", "text": "my deck"},
    ]
    assert (conversation["asked"], conversation["ask_level"], conversation["kind"]) == (
        "Intro to Dana Ortiz at Verdant Grid?",
        "introduction",
        "video",
    )
    with Store.open(db, readonly=True) as store:
        [saved] = store.all(Conversation)
        person = store.get(Person, saved.person_id)
        assert person is not None and person.last_touch == "2026-11-24T10:00:00+00:00"


def test_coach_findings_go_to_stderr_as_rule_id_and_message(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def referral_coach(store: Store, person: Person, conversation: Conversation) -> Sequence[Finding]:
        seen.append(store.count(Conversation))  # called before the save: the history without this one
        found = conversation_findings(store, person, conversation)
        if conversation.ask_level == "referral":
            found.append(Finding("ASK-LADDER", "warning", f"a referral is a big ask of {person.name}"))
        return found

    monkeypatch.setattr(log_command, "conversation_findings", referral_coach)
    assert log_sam(db, "--asked", "refer me", "--ask-level", "referral", "--listen", "10", "--ask", "20") == 0
    err = capsys.readouterr().err.splitlines()
    assert "ASK-LADDER: a referral is a big ask of Sam Lee" in err
    assert any(line.startswith("LISTEN-20-10: 33% of the time was on them") for line in err)
    assert log_sam(db) == 0
    assert capsys.readouterr().err == ""  # a 20/10 coffee with no big ask: nothing to say
    assert seen == [0, 1]


def test_hostile_text_is_kept_literally_in_json_and_made_safe_in_plain_output(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", "person", HOSTILE, "--db", db]) == 0
    logged = run_json(
        capsys, "log", HOSTILE, "--when", "2026-11-24T10:00:00+00:00", "--db", db,
        "--gave", HOSTILE, "--asked", HOSTILE, "--notes", HOSTILE, "--needs", HOSTILE,
        "--promise-mine", HOSTILE, "--promise-theirs", HOSTILE,
    )  # fmt: skip
    assert logged["person"]["name"] == HOSTILE
    assert logged["conversation"]["asked"] == logged["conversation"]["notes"] == HOSTILE
    assert [p["text"] for p in logged["promises"]] == [HOSTILE, HOSTILE]
    agenda = run_json(capsys, "agenda", "--date", "2026-11-26", "--db", db)
    assert agenda["follow_ups"][0]["person"] == HOSTILE
    assert main(["agenda", "--date", "2026-11-26", "--db", db]) == 0
    plain = capsys.readouterr().out
    assert "[@click=app.quit]x [/]" in plain
    assert "\x1b" not in plain and "\u202e" not in plain and "\x07" not in plain


def test_agenda_is_read_only_and_refuses_a_bad_date(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert log_sam(db) == 0
    before = Path(db).read_bytes()
    with Store.open(db):  # the TUI holding the writer lock does not stop a reader
        assert main(["agenda", "--date", "2026-11-26", "--db", db]) == 0
    assert main(["agenda", "--date", "2026-02-30", "--db", db]) == 1
    assert "--date" in capsys.readouterr().err
    assert Path(db).read_bytes() == before


def test_the_demo_has_notes_on_the_agenda_and_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "demo.json")
    assert main(["init", "--demo", "--db", path]) == 0
    assert main(["check", "--db", path]) == 0
    agenda = run_json(capsys, "agenda", "--db", path)
    assert agenda["follow_ups"] and agenda["promises"] and agenda["slipping"]
    assert any(item["overdue"] for item in agenda["promises"])
    with Store.open(path, readonly=True) as store:
        assert 4 <= store.count(Conversation) <= 6
