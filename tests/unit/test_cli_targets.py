"""CLI: `add goal|person|venue` and `people [QUERY] [--json]` (DESIGN.md contract)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netplan.cli import main

HOSTILE = "Evil [@click=app.quit]x [/] \x1b]0;pwned\x07"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_and_list_people_as_json(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    db = ["--db", str(data_file)]
    assert run(capsys, "init", *db)[0] == 0
    assert run(capsys, "add", "goal", "Climate PM", "--why", "impact", *db)[0] == 0
    assert (
        run(capsys, "add", "person", "Priya Raman", "--company", "Verdant", "--goal", "climate pm", *db)[0]
        == 0
    )
    assert run(capsys, "add", "person", "PMs at startups", "--type", "--goal", "Climate PM", *db)[0] == 0
    assert run(capsys, "add", "venue", "Guild", "--kind", "professional organisation", *db)[0] == 0
    assert run(capsys, "add", "person", HOSTILE, *db)[0] == 0
    code, out, _ = run(capsys, "people", "--json", *db)
    assert code == 0
    people = {p["name"]: p for p in json.loads(out)["people"]}
    assert people["Priya Raman"]["goals"] == ["Climate PM"]
    assert people["PMs at startups"]["kind"] == "type"
    assert HOSTILE in people  # kept literally in the data
    code, out, _ = run(capsys, "people", "priya", *db)
    assert "Priya Raman" in out and "PMs at startups" not in out
    code, out, _ = run(capsys, "people", *db)
    assert "\x1b" not in out  # plain output is safe for the terminal


def test_bad_input_exits_1_and_writes_nothing(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    db = ["--db", str(data_file)]
    run(capsys, "init", *db)
    before = data_file.read_bytes()
    code, _, err = run(capsys, "add", "person", "Nobody", "--goal", "No such goal", *db)
    assert code == 1 and "No such goal" in err
    code, _, err = run(capsys, "add", "person", "   ", *db)
    assert code == 1 and "name" in err
    code, _, err = run(capsys, "add", "venue", "V", "--kind", "pub crawl", *db)
    assert code == 1 and "kind" in err
    code, _, err = run(capsys, "add", "goal", "x" * 10_000, *db)
    assert code == 1 and "title" in err
    assert data_file.read_bytes() == before
