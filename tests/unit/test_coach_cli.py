"""`netplan log --asked TEXT --ask-level LEVEL`: the coach's findings on stderr, and the log still saved."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson
import pytest

from netplan.cli import main
from netplan.notes.model import Conversation
from netplan.store.store import Store

HOSTILE = "[@click=app.quit]x [/] \x1b]0;pwned\x07\x1b[2J\u202e"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "c.json")
    assert main(["init", "--db", path]) == 0
    assert main(["add", "person", "Jo Park", "--db", path]) == 0
    return path


def log(db: str, day: int, *extra: str) -> int:
    return main(["log", "Jo Park", "--when", f"2026-11-{day:02d}T09:00:00+00:00", "--db", db, *extra])


def rule_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line and not line.startswith(" ")]


def test_a_referral_asked_of_a_new_contact_warns_and_still_saves(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert log(db, 20) == 0
    capsys.readouterr()
    assert (
        log(db, 21, "--asked", "Could you refer me for the senior PM opening?", "--ask-level", "referral")
        == 0
    )
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert (
        "ASK-LADDER: A referral/recommendation ask is more than a new relationship allows "
        "(at most information/advice)"
    ) in lines
    suggestion = lines[lines.index(next(line for line in lines if line.startswith("ASK-LADDER"))) + 1]
    assert suggestion.startswith("    Ask for an informational conversation instead")
    assert "logged coffee with Jo Park" in captured.out
    with Store.open(db, readonly=True) as store:
        assert [c.ask_level for c in store.all(Conversation)] == ["", "referral"]


def test_vague_and_specific_asks(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert log(db, 20) == 0
    capsys.readouterr()
    assert log(db, 22, "--asked", "Let me know if you hear of anything", "--ask-level", "advice") == 0
    assert any(line.startswith("SPECIFIC-ASK: Vague ask") for line in rule_lines(capsys.readouterr().err))
    specific = "Would you introduce me to Dana Ortiz at Verdant Grid by email?"
    assert log(db, 23, "--asked", specific, "--ask-level", "advice") == 0
    assert not any(line.startswith("SPECIFIC-ASK") for line in rule_lines(capsys.readouterr().err))


def test_json_output_carries_the_findings_with_their_suggestions(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert log(db, 20, "--asked", "Any opportunities?", "--json") == 0
    captured = capsys.readouterr()
    document = orjson.loads(captured.out)
    by_rule = {f["rule_id"]: f for f in document["findings"]}
    # the first coffee is itself the contact: not a cold ask (rule NO-COLD-ASKS)
    assert set(by_rule) == {"GIVE-FIRST", "SPECIFIC-ASK"}
    assert by_rule["GIVE-FIRST"]["severity"] == "warning"
    assert by_rule["SPECIFIC-ASK"]["suggestion"].startswith("Name the person and the action")
    assert sorted(rule_lines(captured.err)) == sorted(
        f"{f['rule_id']}: {f['message']}" for f in document["findings"]
    )
    assert document["conversation"]["asked"] == "Any opportunities?"


def test_no_finding_prints_twice(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # several rules look at this one ask (listen share, the ladder, give first): each speaks once
    capsys.readouterr()
    assert (
        log(
            db,
            20,
            "--asked",
            "Could you refer me?",
            "--ask-level",
            "referral",
            "--listen",
            "5",
            "--ask",
            "25",
        )
        == 0
    )
    lines = rule_lines(capsys.readouterr().err)
    assert {line.split(":")[0] for line in lines} == {"LISTEN-20-10", "ASK-LADDER", "GIVE-FIRST"}
    assert max(Counter(lines).values()) == 1


def test_no_ask_no_findings(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert log(db, 20) == 0
    assert capsys.readouterr().err == ""


def test_hostile_ask_text_is_made_safe_on_stderr(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", "person", HOSTILE, "--db", db]) == 0
    capsys.readouterr()
    assert main(["log", "click=app", "--asked", "Any leads? " + HOSTILE, "--db", db]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "[@click=app.quit]x [/]" in err  # kept literally (a terminal does not read markup)
