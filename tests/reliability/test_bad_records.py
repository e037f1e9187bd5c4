"""Bad data files and backups are refused on open, by `check` and by `restore`, in one line, never
with a traceback, and never changed (issue 14, items 4, 7 and 8; DESIGN.md, exit codes).

- Duplicate keys (item 4): orjson keeps the last of two equal keys, so `{"people": {...},
  "people": {}}` passed `check` and the next write dropped everyone; a repeated record id likewise.
- Wrongly typed records (item 7): `"name": 5`, `"goals": "abc"`, `last_touch: "not a date"`,
  `target_cap: "banana"`, `settings: [1]` made `people`, `agenda` and `log` crash; every record is
  now checked through its model on open: every command refuses (exit 3), `check` lists them (exit 1),
  the planner refuses to start (exit 3), `restore` refuses such a backup (exit 1).
- Sizes (item 8): a 5,000-digit record id, nesting of 255-1,023 levels (orjson reads 1,024 but
  writes 255), `agenda --date 9999-12-31`, `--minutes` with 10,000 digits, a 300-character --db.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from netplan.cli import main
from netplan.integrity import record_problems
from netplan.interchange.backup import backup_bytes
from tests.reliability.terminal import ALT_SCREEN_OFF, open_tui, visible_text
from tests.reliability.test_one_writer import READS, WRITES, prepare

Tables = dict[str, dict[str, Any]]
Mutation = Callable[[Tables], None]


def _set(table: str, field: str, value: object) -> Mutation:
    def mutate(tables: Tables) -> None:
        first = next(iter(tables[table]))
        tables[table][first][field] = value

    return mutate


def _settings(value: object) -> Mutation:
    def mutate(tables: Tables) -> None:
        tables["meta"]["1"]["settings"] = value

    return mutate


WRONG_TYPES: dict[str, Mutation] = {
    "name is a number": _set("people", "name", 5),
    "goals is text": _set("people", "goals", "abc"),
    "last_touch not a date": _set("people", "last_touch", "not a date"),
    "tags is a number": _set("people", "tags", 7),
    "goal title is a list": _set("goals", "title", ["x"]),
    "conversation minutes is text": _set("conversations", "duration_minutes", "abc"),
    "conversation when is a number": _set("conversations", "when", 20261130),
    "promise due is text": _set("promises", "due", "tomorrow"),
    "settings target_cap banana": _settings({"target_cap": "banana"}),
    "settings is a list": _settings([1]),
    "settings week_start too big": _settings({"week_start": 99}),
}


def _prepared(folder: Path) -> Path:
    """test_one_writer's folder (its commands' input files and a backup) plus a logged conversation."""
    data_file = prepare(folder)
    assert main(["log", "Ann Example", "--promise-mine", "send the deck", "--db", str(data_file)]) == 0
    return data_file


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str, what: str) -> None:
    assert err.count("\n") == 1 and err.startswith("netplan: "), f"{what}: {err!r}"
    assert "Traceback" not in err


def _every_command_refuses(
    folder: Path, data_file: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    before = data_file.read_bytes()
    commands = {name: argv for name, argv in WRITES.items() if name != "restore"}  # restore repairs
    commands |= {name: argv for name, (argv, _) in READS.items() if name != "check"}
    for name, argv in commands.items():
        code, out, err = _run([*argv(folder), "--db", str(data_file)], capsys)
        assert code == 3, f"{what}: {name} exited {code}: {err!r}"
        _one_line(err, f"{what}: {name}")
        assert str(data_file) in err
        assert data_file.read_bytes() == before, f"{what}: {name} changed the file"


@pytest.mark.parametrize("what", sorted(WRONG_TYPES))
def test_a_wrongly_typed_record_is_refused_by_every_command_and_found_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    data_file = _prepared(tmp_path)
    tables = orjson.loads(data_file.read_bytes())
    WRONG_TYPES[what](tables)
    data_file.write_bytes(orjson.dumps(tables))
    _every_command_refuses(tmp_path, data_file, capsys, what)

    code, out, err = _run(["check", "--db", str(data_file)], capsys)
    if code == 3:  # the file's shape is wrong (settings not an object): refused before the records
        _one_line(err, what)
    else:
        assert code == 1 and "problem" in out and err == "", (what, code, out, err)

    # the same data as a backup: restore refuses it (exit 1) and keeps the data file as it was
    good = tmp_path / "good.json"
    assert main(["init", "--db", str(good)]) == 0
    capsys.readouterr()
    backup = tmp_path / "bad-backup.json"
    backup.write_bytes(backup_bytes(tables))
    before = good.read_bytes()
    code, _, err = _run(["restore", str(backup), "--db", str(good)], capsys)
    assert code == 1, (what, code, err)
    _one_line(err, f"restore {what}")
    assert good.read_bytes() == before

    # and the restore that repairs the bad file still works
    code, _, err = _run(["restore", str(tmp_path / "backup.json"), "--db", str(data_file)], capsys)
    assert code == 0, err


@pytest.mark.parametrize("what", ["name is a number", "settings target_cap banana"])
def test_the_planner_refuses_a_wrongly_typed_record_like_a_command(tmp_path: Path, what: str) -> None:
    data_file = _prepared(tmp_path)
    tables = orjson.loads(data_file.read_bytes())
    WRONG_TYPES[what](tables)
    data_file.write_bytes(orjson.dumps(tables))
    before = data_file.read_bytes()
    with open_tui(data_file) as tui:
        code = tui.wait_exit(timeout=20)
        raw = tui.output
    after = visible_text(raw[raw.rfind(ALT_SCREEN_OFF) :]).strip()  # printed once the screen is back
    assert code == 3, visible_text(raw)[-400:]
    assert after.count("\n") == 0 and after.startswith("netplan: ") and "invalid record" in after, after
    assert "Traceback" not in visible_text(raw)
    assert data_file.read_bytes() == before


# duplicates (item 4) ---------------------------------------------------------------------------

META = b'"meta":{"1":{"schema_version":1}}'
DUPLICATES: dict[str, bytes] = {
    "a table twice": b"{" + META + b',"people":{"1":{"name":"Alice"}},"people":{}}',
    "a record id twice": b"{" + META + b',"people":{"1":{"name":"Alice"},"1":{"name":"Bob"}}}',
    "meta twice": b"{" + META + b',"people":{"1":{"name":"Alice"}},' + META + b"}",
    "pretty-printed, a table twice": b'{\n  "meta": {"1": {"schema_version": 1}},\n'
    b'  "people": {"1": {"name": "Alice"}},\n  "people": {}\n}\n',
    "an id written two ways": b"{" + META + b',"people":{"1":{"name":"Alice"},"\\u0031":{"name":"Bob"}}}',
}


@pytest.mark.parametrize("what", sorted(DUPLICATES))
def test_duplicate_keys_are_refused_on_open_check_and_restore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    data_file = tmp_path / "netplan.json"
    payload = DUPLICATES[what]
    data_file.write_bytes(payload)
    for argv in (["check"], ["people"], ["add", "goal", "X"], ["export", "json", str(tmp_path / "e.json")]):
        code, out, err = _run([*argv, "--db", str(data_file)], capsys)
        assert code == 3 and out == "", (what, argv, code, out)
        _one_line(err, f"{what}: {argv}")
        assert "appears twice" in err, err
    assert data_file.read_bytes() == payload

    live = tmp_path / "live.json"
    assert main(["add", "person", "Carol", "--db", str(live)]) == 0
    capsys.readouterr()
    before = live.read_bytes()
    inner = payload.strip()[1:-1]
    for form, backup in {
        "a copy of a data file": payload,
        "the export format": b'{"netplan_backup": 1, "schema_version": 1, "tables": {' + inner + b"}}",
    }.items():
        backup_file = tmp_path / "backup.json"
        backup_file.write_bytes(backup)
        code, _, err = _run(["restore", str(backup_file), "--db", str(live)], capsys)
        assert code == 1 and "appears twice" in err, (what, form, err)
        _one_line(err, f"restore {what} ({form})")
        assert live.read_bytes() == before


def test_a_file_without_duplicates_in_any_layout_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The slow, exact duplicate check (for files netplan did not write) finds nothing to refuse."""
    data_file = _prepared(tmp_path)
    tables = orjson.loads(data_file.read_bytes())
    data_file.write_bytes(orjson.dumps(tables, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    code, out, err = _run(["check", "--db", str(data_file)], capsys)
    assert code == 0 and "ok" in out, err
    assert main(["add", "goal", "After a hand edit", "--db", str(data_file)]) == 0


# sizes (item 8) --------------------------------------------------------------------------------


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


BIG_ID = b"1" * 5000
HOSTILE_FILES: dict[str, bytes] = {
    "a 5,000-digit record id": b"{" + META + b',"people":{"' + BIG_ID + b'":{"name":"A"}}}',
    **{
        f"nesting {depth} in meta": b'{"meta":{"1":{"schema_version":1,"x":' + _nested(depth) + b"}}}"
        for depth in (255, 300, 1023)
    },
    **{
        f"nesting {depth} in a record": b"{"
        + META
        + b',"people":{"1":{"name":"A","x":'
        + _nested(depth)
        + b"}}}"
        for depth in (255, 1023)
    },
}


@pytest.mark.parametrize("what", sorted(HOSTILE_FILES))
def test_huge_ids_and_deep_nesting_are_refused_in_a_data_file_and_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    data_file = tmp_path / "netplan.json"
    payload = HOSTILE_FILES[what]
    data_file.write_bytes(payload)
    for argv in (
        ["check"],
        ["people"],
        ["agenda"],
        ["add", "goal", "X"],
        ["export", "json", str(tmp_path / "e")],
    ):
        code, _, err = _run([*argv, "--db", str(data_file)], capsys)
        assert code == 3, (what, argv, code, err[-300:])
        _one_line(err, f"{what}: {argv}")
        assert len(err) < 600, "the message quotes the whole id"
    assert data_file.read_bytes() == payload

    live = tmp_path / "live.json"
    assert main(["init", "--db", str(live)]) == 0
    capsys.readouterr()
    before = live.read_bytes()
    backup = tmp_path / "backup.json"
    backup.write_bytes(b'{"netplan_backup":1,"schema_version":1,"tables":' + payload + b"}")
    code, _, err = _run(["restore", str(backup), "--db", str(live)], capsys)
    assert code == 1, (what, err[-300:])
    _one_line(err, f"restore {what}")
    assert live.read_bytes() == before


def test_out_of_range_arguments_are_one_line_and_an_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = _prepared(tmp_path)
    before = data_file.read_bytes()
    cases = {
        "agenda --date 9999-12-31": ["agenda", "--date", "9999-12-31"],
        "agenda --date 0001-01-01": ["agenda", "--date", "0001-01-01", "--json"],
        "--minutes with 10,000 digits": ["log", "Ann Example", "--minutes", "9" * 10_000],
        "--listen with 10,000 digits": ["log", "Ann Example", "--listen", "9" * 10_000],
        "--when in year 9999": ["log", "Ann Example", "--when", "9999-12-31T23:59:59+14:00"],
    }
    for what, argv in cases.items():
        code, _, err = _run([*argv, "--db", str(data_file)], capsys)
        assert code in (1, 2), (what, code, err[-300:])
        assert err.count("\n") == 1 and "Traceback" not in err and len(err) < 400, (what, err[-300:])
    assert data_file.read_bytes() == before

    long_name = tmp_path / ("x" * 300 + ".json")
    for argv in (
        ["agenda"],
        ["people"],
        ["check"],
        ["export", "json", str(tmp_path / "e.json")],
        ["add", "goal", "X"],
    ):
        code, _, err = _run([*argv, "--db", str(long_name)], capsys)
        assert code == 3, (argv, code, err[-300:])
        _one_line(err, f"300-character --db: {argv}")


def test_records_are_checked_once_per_file_netplan_did_not_write_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model check costs seconds on ten years of data, so a file this netplan checked or wrote
    (noted in its lock file) is not checked again; any other change to it is (lock.py)."""
    from netplan.commands import common

    checked: list[int] = []

    def counting(tables: Tables) -> list[str]:
        checked.append(len(tables))
        return record_problems(tables)

    monkeypatch.setattr(common, "record_problems", counting)
    data_file = _prepared(tmp_path)
    assert main(["add", "goal", "Written and noted", "--db", str(data_file)]) == 0
    checked.clear()
    assert main(["people", "--db", str(data_file)]) == 0 and main(["agenda", "--db", str(data_file)]) == 0
    assert checked == []  # what a checking netplan wrote
    tables = orjson.loads(data_file.read_bytes())
    WRONG_TYPES["name is a number"](tables)
    data_file.write_bytes(orjson.dumps(tables))  # someone else's change
    capsys.readouterr()
    assert main(["people", "--db", str(data_file)]) == 3 and len(checked) == 1
    assert "invalid record" in capsys.readouterr().err
