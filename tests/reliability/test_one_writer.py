"""One writer per data file (issue 9, item 3; DESIGN.md, One writer), with the real TUI open under a
pseudo-terminal: every writing command is refused, every time, with one line naming the file and
exit 3, and the file is left as it was; read-only commands still work; a second TUI is refused too.
To cover a new writing command, add one entry to WRITES; a new read-only one, to READS.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from netplan.cli import build_parser, main
from netplan.store.store import Store
from netplan.targets.model import Goal, Person
from tests.fixture_files import own_fixture
from tests.processes import run_netplan
from tests.reliability.terminal import ALT_SCREEN_ON, Terminal, open_tui

REPEATS = 3  # each refusal, in process (the lock is the TUI's process's, so it is as real)
INSTALLED = ("add goal", "people")  # ...and these through the installed `netplan` command too

Argv = Callable[[Path], list[str]]  # the command, given the folder with its input files

WRITES: dict[str, Argv] = {
    "add goal": lambda d: ["add", "goal", "Refused goal"],
    "add person": lambda d: ["add", "person", "Refused Person", "--goal", "Find a climate PM role"],
    "add venue": lambda d: ["add", "venue", "Refused venue"],
    "log": lambda d: ["log", "Ann Example", "--minutes", "30", "--promise-mine", "send the deck"],
    "import linkedin": lambda d: ["import", "linkedin", str(d / "Connections.csv")],
    "import vcard": lambda d: ["import", "vcard", str(own_fixture("own_contacts_v40_bom_mixed.vcf"))],
    "restore": lambda d: ["restore", str(d / "backup.json")],
    "sync": lambda d: ["sync", "--calendar", str(d / "calendar")],
    "done": lambda d: ["done", "promise", "1"],  # refused before it looks the promise up
}

READS: dict[str, tuple[Argv, str]] = {  # the command, and a word its output must hold
    "agenda": (lambda d: ["agenda"], "Agenda for"),
    "people": (lambda d: ["people"], "Ann Example"),
    "draft": (lambda d: ["draft", "Ann Example"], "Hi Ann"),
    "check": (lambda d: ["check"], "ok"),
    "export json": (lambda d: ["export", "json", str(d / "export.json")], "export.json"),
    "import --dry-run": (lambda d: ["import", "linkedin", str(d / "Connections.csv"), "--dry-run"], "Bo"),
    "sync --dry-run": (lambda d: ["sync", "--calendar", str(d / "calendar"), "--dry-run"], "dry run"),
    # nothing is due in this file: what counts is exit 0 without the lock (tests/unit/test_remind.py sends)
    "remind": (lambda d: ["remind", "--print"], ""),
}


# Commands in neither table, and why.
ELSEWHERE = {
    "init": "refuses any existing file, locked or not (exit 1, tests/unit)",
    "serve": "a planner per browser tab: a second tab is told the file is in use (tests/ui/test_serve.py)",
}


def test_every_command_is_in_a_table() -> None:
    """A new subcommand must join WRITES or READS (or ELSEWHERE, with a reason)."""
    actions = build_parser()._actions
    commands = {name for a in actions if isinstance(a, argparse._SubParsersAction) for name in a.choices}
    tabled = {name.split()[0] for name in (*WRITES, *READS, *ELSEWHERE)}
    assert commands == tabled, f"not in a table: {sorted(commands - tabled)}"


def prepare(folder: Path) -> Path:
    data_file = folder / "netplan.json"
    with Store.open(data_file) as store:
        goal = store.insert(Goal(title="Find a climate PM role"))
        store.insert(Person(name="Ann Example", company="Northwind"))
        assert goal.id
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Bo,Example,,bo@example.com,Contoso,Engineer,09 Oct 2024\n",
        encoding="utf-8",
    )
    assert main(["export", "json", str(folder / "backup.json"), "--db", str(data_file)]) == 0
    return data_file


def folder_state(data_file: Path) -> tuple[bytes, int, list[str]]:
    """The data file's bytes and modification time, and every file beside it (backups/ included)."""
    names = sorted(str(p.relative_to(data_file.parent)) for p in data_file.parent.rglob("*"))
    return data_file.read_bytes(), data_file.stat().st_mtime_ns, names


def assert_refused(code: int, err: str, data_file: Path, tui: Terminal, what: str) -> None:
    assert code == 3, f"{what}: exit {code}, {err!r}"
    assert err.count("\n") == 1 and err.startswith("netplan: "), f"{what}: not one line: {err!r}"
    assert str(data_file) in err and "in use" in err, f"{what}: {err!r}"
    assert f"process {tui.process.pid}" in err, f"{what} does not name the TUI's process: {err!r}"


def test_the_tui_holds_the_file_against_every_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = prepare(tmp_path)
    with open_tui(data_file) as tui:
        tui.wait_for_first_frame()
        before = folder_state(data_file)
        for name, argv in WRITES.items():
            command = [*argv(tmp_path), "--db", str(data_file)]
            for attempt in range(REPEATS):
                code = main(command)
                assert_refused(code, capsys.readouterr().err, data_file, tui, f"{name} #{attempt + 1}")
                assert folder_state(data_file) == before, f"{name} changed the folder"
            if name in INSTALLED:
                result = run_netplan(*command)
                assert_refused(result.returncode, result.stderr, data_file, tui, f"netplan {name}")
                assert result.stdout == "" and folder_state(data_file) == before, name

        for name, (argv, expected) in READS.items():  # the read-only commands take no lock
            command = [*argv(tmp_path), "--db", str(data_file)]
            code = main(command)
            out, err = capsys.readouterr()
            assert code == 0 and expected in out, f"{name}: exit {code} {out!r} {err!r}"
            if name in INSTALLED:
                result = run_netplan(*command)
                assert result.returncode == 0 and expected in result.stdout, (
                    f"netplan {name}: {result.stderr}"
                )
        assert folder_state(data_file)[:2] == before[:2]  # (export wrote its own file)

        # the TUI was not disturbed: it still saves, and quits cleanly
        start = len(tui.output)
        tui.send("g")
        tui.wait_for("New goal", since=start)
        tui.type_slowly("Saved while others were refused")
        tui.send("\r")
        tui.wait_for("Saved goal", since=start)
        tui.send("q")
        assert tui.wait_exit() == 0

    code = main(["add", "goal", "After the TUI", "--db", str(data_file)])
    assert code == 0, capsys.readouterr().err
    with Store.open(data_file, readonly=True) as store:
        titles = {goal.title for goal in store.all(Goal)}
    assert titles == {"Find a climate PM role", "Saved while others were refused", "After the TUI"}


def test_a_second_tui_on_the_same_file_is_refused(tmp_path: Path) -> None:
    data_file = prepare(tmp_path)
    with open_tui(data_file) as first:
        first.wait_for_first_frame()
        before = folder_state(data_file)
        for attempt in range(2):
            with open_tui(data_file) as second:
                code = second.wait_exit(timeout=15)
                shown = second.screen_text()
                assert code == 3, f"attempt {attempt + 1}: exit {code}: {shown!r}"
                assert ALT_SCREEN_ON not in second.output  # refused before drawing anything
                assert shown.count("\n") == 1 and shown.startswith("netplan: "), shown
                assert (
                    str(data_file) in shown and "in use" in shown and f"process {first.process.pid}" in shown
                )
            assert folder_state(data_file) == before
        assert first.process.poll() is None  # the first one is still running
        first.send("q")
        assert first.wait_exit() == 0
    assert os.path.exists(data_file)
