"""The CLI skeleton's contract (DESIGN.md): init, check, --version, --help, where the data file lives,
and exit 3 with one clear line and an untouched file when the file is locked, corrupt or newer."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from netplan import __version__
from netplan.cli import main
from netplan.store import backups
from netplan.store.store import Store
from netplan.targets.model import Goal
from tests.processes import lock_held, run_netplan


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("netplan: ")
    return lines[0]


def _goal_titles(path: Path) -> list[str]:
    with Store.open(path, readonly=True) as store:
        return [g.title for g in store.all(Goal)]


# init and check ------------------------------------------------------------------------------


def test_init_creates_the_file_and_check_passes(data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--db", str(data_file)]) == 0
    assert f"created {data_file}" in capsys.readouterr().out
    assert main(["check", "--db", str(data_file)]) == 0
    assert "ok" in capsys.readouterr().out


def test_init_refuses_an_existing_file_and_leaves_it(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--db", str(data_file)]) == 0
    assert main(["add", "goal", "Keep me", "--db", str(data_file)]) == 0
    before = data_file.read_bytes()
    capsys.readouterr()
    assert main(["init", "--demo", "--db", str(data_file)]) == 1
    assert str(data_file) in _one_line(capsys.readouterr().err)
    assert data_file.read_bytes() == before


def test_init_demo_then_check_exits_0(data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--demo", "--db", str(data_file)]) == 0
    capsys.readouterr()
    assert main(["check", "--json", "--db", str(data_file)]) == 0
    report = orjson.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["problems"] == []
    assert report["counts"]["goals"] == 3 and report["counts"]["people"] >= 10


def test_check_reports_bad_records_with_exit_1(data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_file.parent.mkdir(parents=True)
    bad = {"meta": {"1": {"schema_version": 1}}, "people": {"1": {"name": "Ann", "goals": [{"goal_id": 9}]}}}
    data_file.write_bytes(orjson.dumps(bad))
    assert main(["check", "--db", str(data_file)]) == 1
    assert "missing goal 9" in capsys.readouterr().out


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"netplan {__version__}"
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    for word in ("init", "check", "add", "--db", "--demo", "--version", "NETPLAN_DB"):
        assert word in shown


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["add", "planet", "Mars"])
    assert done.value.code == 2


def test_the_installed_console_script_runs(tmp_path: Path) -> None:
    result = run_netplan("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"netplan {__version__}"


# where the data file lives -------------------------------------------------------------------


def test_data_file_location_precedence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    flag, env = tmp_path / "flag.json", tmp_path / "env" / "netplan.json"
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("NETPLAN_DB", str(env))
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    assert main(["add", "goal", "by flag", "--db", str(flag)]) == 0
    assert main(["--db", str(flag), "add", "goal", "flag before the command"]) == 0
    assert main(["add", "goal", "by env"]) == 0
    monkeypatch.delenv("NETPLAN_DB")
    assert main(["add", "goal", "by default"]) == 0
    assert _goal_titles(flag) == ["by flag", "flag before the command"]
    assert _goal_titles(env) == ["by env"]
    assert _goal_titles(xdg / "netplan" / "netplan.json") == ["by default"]


# exit 3: locked, corrupt, newer --------------------------------------------------------------


def test_write_while_locked_exits_3_with_one_line_and_the_file_unchanged(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--demo", "--db", str(data_file)]) == 0
    before = data_file.read_bytes()
    capsys.readouterr()
    with lock_held(data_file):
        assert main(["add", "goal", "X", "--db", str(data_file)]) == 3
        line = _one_line(capsys.readouterr().err)
        assert str(data_file) in line and "in use" in line
        # read-only commands still work while the planner is open
        assert main(["check", "--db", str(data_file)]) == 0
        assert "ok" in capsys.readouterr().out
    assert data_file.read_bytes() == before


def test_installed_cli_while_locked_exits_3_and_check_exits_0(data_file: Path) -> None:
    assert main(["init", "--db", str(data_file)]) == 0
    before = data_file.read_bytes()
    with lock_held(data_file):
        refused = run_netplan("add", "goal", "X", "--db", str(data_file))
        checked = run_netplan("check", "--db", str(data_file))
    assert refused.returncode == 3 and refused.stdout == ""
    assert str(data_file) in _one_line(refused.stderr)
    assert checked.returncode == 0, checked.stderr
    assert data_file.read_bytes() == before


@pytest.mark.parametrize(
    "payload",
    [b"", b'{"meta": {"1": {"schema_ver', b"\x00\x01\x02binary", b"[]", b'{"goals": {"1": {}}}'],
    ids=["empty", "truncated", "binary", "wrong shape", "no meta"],
)
def test_corrupt_file_exits_3_naming_file_and_newest_backup(
    payload: bytes, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--db", str(data_file)]) == 0
    assert main(["add", "goal", "A", "--db", str(data_file)]) == 0  # the first save of the day backs up
    newest = backups.newest_backup(data_file)
    assert newest is not None
    data_file.write_bytes(payload)
    capsys.readouterr()
    for command in (["check"], ["add", "goal", "B"]):
        assert main([*command, "--db", str(data_file)]) == 3
        line = _one_line(capsys.readouterr().err)
        assert str(data_file) in line and str(newest) in line
    assert data_file.read_bytes() == payload


def test_newer_schema_exits_3_and_the_file_is_byte_identical(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file.parent.mkdir(parents=True)
    newer = b'{"meta": {"1": {"schema_version": 99}}, "goals": {}}'
    data_file.write_bytes(newer)
    for command in (["check"], ["add", "goal", "B"]):
        assert main([*command, "--db", str(data_file)]) == 3
        assert "99" in _one_line(capsys.readouterr().err)
    assert data_file.read_bytes() == newer


def test_check_of_a_missing_file_exits_3_and_creates_nothing(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", str(data_file)]) == 3
    assert "netplan init" in _one_line(capsys.readouterr().err)
    assert not data_file.exists()


def test_unwritable_folder_exits_3_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    assert main(["add", "goal", "X", "--db", str(blocked / "netplan.json")]) == 3
    assert str(blocked) in _one_line(capsys.readouterr().err)


def test_bare_invocations_take_the_fast_path_and_everything_else_the_full_parser() -> None:
    from netplan.cli import tui_options

    assert tui_options([]) is not None
    fast = tui_options(["--db", "/tmp/x.json", "--demo"])
    assert fast is not None and fast.db == "/tmp/x.json" and fast.demo
    assert tui_options(["--db=/tmp/y.json"]).db == "/tmp/y.json"  # type: ignore[union-attr]
    for argv in (["check"], ["--help"], ["--version"], ["--db"], ["--db", "x", "people"]):
        assert tui_options(argv) is None, argv


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", ""],
        ["--db="],
        ["--db", " "],
        ["--db", "", "add", "goal", "X"],
        ["add", "goal", "X", "--db", ""],
        ["people", "--db="],
    ],
)
def test_an_empty_db_is_a_usage_error_not_the_default_file(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """issue 14, item 11: `--db ""` used to open (and write) the default file without a word."""
    from netplan.cli import tui_options

    assert tui_options(argv) is None  # the planner is not started on the default file
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert "--db" in capsys.readouterr().err
    assert not (tmp_path / "default").exists() and not (tmp_path / "xdg").exists()  # nothing created
