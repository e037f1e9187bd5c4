"""`netplan draft PERSON [--template ID]` (issue 15 item 11): a draft on stdout, the coach's findings
on stderr as `RULE-ID: message`, so drafts are scriptable; nothing is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netplan.cli import main


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "n.json")
    assert main(["init", "--db", path]) == 0
    assert main(["add", "person", "Jordan Blake", "--company", "Kite Labs", "--db", path]) == 0
    assert main(["add", "person", "Dana Ortiz", "--company", "Verdant", "--role", "Head of Data",
                 "--needs", "a designer", "--db", path]) == 0  # fmt: skip
    return path


def draft(db: str, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["draft", *argv, "--db", db])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_draft_goes_to_stdout_and_the_findings_to_stderr(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path(db).read_bytes()
    code, out, err = draft(db, capsys, "Jordan", "--template", "introduction")
    assert code == 0
    assert out.startswith("Hi Jordan,\n\nWould you be willing to introduce me to")
    assert "NO-COLD-ASKS" not in out
    lines = [line for line in err.splitlines() if not line.startswith("    ")]
    assert lines and all(re.match(r"^[A-Z0-9-]+: \S", line) for line in lines), err
    assert any(line.startswith("NO-COLD-ASKS: Jordan Blake is a stranger") for line in lines)
    assert "--template connection" in err  # the right-sized message, proposed
    assert Path(db).read_bytes() == before  # read-only


def test_without_a_template_the_one_that_fits_is_used(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = draft(db, capsys, "Jordan")
    assert code == 0 and out.startswith("Hi Jordan, I'd like to connect and follow your work at Kite Labs.")
    assert "NO-COLD-ASKS" not in err


def test_the_thank_you_uses_what_they_need_from_the_newest_note(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15 item 6: the note's "What they need" reaches the person and the thank-you."""
    argv = ["log", "Dana", "--when", "2026-11-24T10:00", "--needs", "hiring a data analyst for her team"]
    assert main([*argv, "--promise-mine", "send her the pricing sheet", "--db", db]) == 0
    code, out, _ = draft(db, capsys, "Dana", "--template", "thank-you")
    assert code == 0
    assert "You mentioned hiring a data analyst for your team; I will keep it in mind." in out
    assert "a designer" not in out
    assert "As promised, I'll send you the pricing sheet." in out


def test_an_unknown_template_or_person_is_bad_input(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = draft(db, capsys, "Dana", "--template", "mass-mailing")
    assert (code, out) == (1, "") and "template" in err and err.count("\n") == 1
    code, out, err = draft(db, capsys, "Nobody")
    assert (code, out) == (1, "") and "Nobody" in err


def test_hostile_text_reaches_the_terminal_harmless(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "Eve \x1b]0;pwned\x07\x1b[2J\u202e\x9b31m [@click=app.quit]x"
    assert main(["add", "person", hostile, "--company", "x\x1b[2J", "--can-help", "send her \x1b[2Jthe deck",
                 "--db", db]) == 0  # fmt: skip
    code, out, err = draft(db, capsys, "Eve")
    assert code == 0
    for bad in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert bad not in out and bad not in err
