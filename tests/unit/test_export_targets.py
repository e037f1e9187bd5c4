"""Exports never write onto the data file, its lock or backups; an existing file needs --force; every
export is written whole, 0600 (issue 14, item 3; DESIGN.md, the command line). `netplan export ics
DATAFILE` used to replace the data file with a calendar and exit 0."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from netplan.cli import main
from netplan.coach.outreach import export_draft, export_path
from netplan.core.errors import ExportRefused, ExportTargetExists
from netplan.store.backups import list_backups
from netplan.store.exports import write_export
from netplan.store.lock import lock_path
from netplan.store.store import Store
from netplan.targets.model import Person

FORMATS = [["ics"], ["vcard"], ["json"], ["prep", "1"]]  # prep EVENT FILE: the demo's event 1


@pytest.fixture
def demo_file(data_file: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["init", "--demo", "--db", str(data_file)]) == 0
    assert main(["add", "goal", "A second write, so a backup exists", "--db", str(data_file)]) == 0
    assert list_backups(data_file), "the demo file should have a daily backup"
    capsys.readouterr()
    return data_file


def export(data_file: Path, fmt: list[str], target: Path | str, *more: str) -> int:
    return main(["export", *fmt, str(target), "--db", str(data_file), *more])


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netplan: "), err
    return lines[0]


def everything(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (not following links), by relative path, with its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def protected(data_file: Path) -> dict[str, Callable[[Path], Path]]:
    """The files the store owns, and ways of naming them (each makes the path to give `export`)."""
    links = data_file.parent.parent / "links"

    def symlink(to: Path) -> Path:
        links.mkdir(exist_ok=True)
        link = links / f"to-{to.name}"
        link.symlink_to(to)
        return link

    def hard_link(to: Path) -> Path:
        links.mkdir(exist_ok=True)
        link = links / f"hard-{to.name}"
        os.link(to, link)
        return link

    return {
        "the data file": lambda f: f,
        "the data file, relative": lambda f: Path(os.path.relpath(f)),
        "the data file through ..": lambda f: f.parent / ".." / f.parent.name / f.name,
        "its lock": lock_path,
        "its newest backup": lambda f: list_backups(f)[-1],
        "a new file in backups/": lambda f: f.parent / "backups" / "new.ics",
        "a symlink to the data file": symlink,
        "a hard link to the data file": hard_link,
        "a symlink to the lock": lambda f: symlink(lock_path(f)),
    }


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f[0])
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_an_export_never_writes_onto_the_data_file_its_lock_or_backups(
    demo_file: Path, fmt: list[str], force: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    root = demo_file.parent
    for name, make in protected(demo_file).items():
        before = everything(root)
        target = make(demo_file)
        code = export(demo_file, fmt, target, *(["--force"] if force else []))
        assert code == 1, f"{name}: exit {code}"
        assert str(target) in one_line(capsys.readouterr().err)
        assert everything(root) == before, f"export {fmt[0]} onto {name} changed a file"
    assert main(["check", "--db", str(demo_file)]) == 0


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f[0])
def test_an_existing_file_is_replaced_only_with_force_whole_and_private(
    demo_file: Path, fmt: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "mine.txt"
    target.parent.mkdir()
    target.write_bytes(b"someone's file")
    target.chmod(0o644)
    assert export(demo_file, fmt, target) == 1
    refusal = one_line(capsys.readouterr().err)
    assert "exists" in refusal and "--force" in refusal
    assert target.read_bytes() == b"someone's file"

    assert export(demo_file, fmt, target, "--force") == 0
    assert target.read_bytes() != b"someone's file"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["mine.txt"]  # no temp file left


def test_a_new_export_is_private_and_leaves_no_temp_file(demo_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "schedule.ics"
    assert export(demo_file, ["ics"], target) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["schedule.ics"]


def test_a_target_that_cannot_be_written_exits_3_and_leaves_nothing(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way of a folder")
    assert export(demo_file, ["vcard"], blocker / "people.vcf") == 3
    assert str(blocker) in one_line(capsys.readouterr().err)
    assert export(demo_file, ["ics"], tmp_path, "--force") == 3  # a folder
    assert "folder" in one_line(capsys.readouterr().err)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_a_file_that_appears_while_exporting_is_not_replaced(store: Store, tmp_path: Path) -> None:
    """The check before the work is repeated by the kernel as the file takes its name (os.link)."""
    target = tmp_path / "late.ics"
    target.write_bytes(b"written by someone else meanwhile")
    with pytest.raises(ExportTargetExists):
        write_export(store.path, target, b"ours")
    assert target.read_bytes() == b"written by someone else meanwhile"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# drafts written from the composer --------------------------------------------------------------


def test_a_draft_replaces_its_earlier_file_only_when_asked(store: Store) -> None:
    person = store.insert(Person(name="Jo Park"))
    path = export_draft(store, person, "connection", "first")
    with pytest.raises(ExportTargetExists):
        export_draft(store, person, "connection", "second")
    assert path.read_text(encoding="utf-8") == "first\n"
    export_draft(store, person, "connection", "second", force=True)
    assert path.read_text(encoding="utf-8") == "second\n"


def test_a_planted_link_or_drafts_folder_cannot_redirect_a_draft_onto_the_data_file(store: Store) -> None:
    person = store.insert(Person(name="Jo Park"))
    before = store.path.read_bytes()
    planted = export_path(store, person, "connection")
    planted.parent.mkdir(mode=0o700)
    planted.symlink_to(store.path)  # drafts/jo-park-1-connection.txt -> ../netplan.json
    with pytest.raises(ExportRefused, match="is the data file"):
        export_draft(store, person, "connection", "Hi Jo", force=True)
    planted.unlink()
    planted.parent.rmdir()
    backups = store.path.parent / "backups"
    backups.mkdir(mode=0o700, exist_ok=True)
    kept = everything(backups)
    planted.parent.symlink_to(backups)  # drafts -> backups
    with pytest.raises(ExportRefused, match="backups"):
        export_draft(store, person, "connection", "Hi Jo", force=True)
    assert store.path.read_bytes() == before and everything(backups) == kept
