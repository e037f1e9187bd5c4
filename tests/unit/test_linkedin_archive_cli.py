"""`netplan import linkedin ARCHIVE` from the command line (issue 19): the dry run, the import, the
coach's PERSONAL report on stderr, a second import, and a broken archive (exit 1, one line)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netplan.cli import main
from tests.unit.linkedin_archive_data import standard


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "netplan.json"
    assert main(["init", "--db", str(path)]) == 0
    return path


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    # the CLI reads the real clock: the archive is built around now
    return standard(datetime.now(UTC)).write_zip(tmp_path / "Basic_LinkedInDataExport.zip")


def test_dry_run_prints_the_plan_and_writes_nothing(
    db: Path, archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    capsys.readouterr()
    assert main(["import", "linkedin", str(archive), "--dry-run", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "touch  messages.csv line 3: Ann Example: last touch" in out
    assert "reply  messages.csv line 14: Fatima Haddad reached out" in out
    assert "invite Invitations.csv line 4: Ines Costa: sent" in out
    assert out.rstrip().endswith(
        "would be 10 added, 0 updated, 0 skipped; 7 last touches, 4 replies due, 3 invitations; "
        "nothing was written"
    )
    assert db.read_bytes() == before


def test_import_then_again(db: Path, archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["import", "linkedin", str(archive), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert captured.out.rstrip().endswith(
        "10 added, 0 updated, 0 skipped; 7 last touches, 4 replies due, 3 invitations"
    )
    assert "PERSONAL: 2 of the 3 LinkedIn invitations you sent (67%) went without a note" in captured.err
    assert "PERSONAL: Ines Costa: your LinkedIn invitation of" in captured.err
    assert main(["agenda", "--json", "--db", str(db)]) == 0
    agenda = json.loads(capsys.readouterr().out)
    assert sorted(item["person"] for item in agenda["replies"]) == [
        "Ann Example",
        "Fatima Haddad",
        "José Núñez",
        "Jun Kim",
    ]
    before = db.read_bytes()
    assert main(["import", "linkedin", str(archive), "--db", str(db)]) == 0
    assert (
        capsys.readouterr()
        .out.rstrip()
        .endswith("0 added, 0 updated, 7 skipped; 0 last touches, 0 replies due, 0 invitations")
    )
    assert db.read_bytes() == before


def test_a_broken_archive_exits_1_with_one_line_and_changes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = standard(datetime.now(UTC), bom=False, crlf=False).write_folder(tmp_path / "export")
    invitations = folder / "Invitations.csv"
    invitations.write_text(invitations.read_text(encoding="utf-8") + 'Ann,"Jordan\n', encoding="utf-8")
    before = db.read_bytes()
    capsys.readouterr()
    assert main(["import", "linkedin", str(folder), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err == f"netplan: {invitations} line 7: broken quoting: a quoted field is not closed "
        "before the end of the file\n"
    )
    assert db.read_bytes() == before
