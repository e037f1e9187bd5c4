"""The follow-up lists only the promises still open (rule FOLLOW-THROUGH): once "send my deck" is done
(`netplan done promise`, the Notes pane's promise list, or `done follow-up --promises`), the agenda,
the Notes pane's next step and the thank-you draft stop telling the user to send it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from netplan.cli import main

DAY = "2026-11-26"  # two days after the coffee: the follow-up and both promises are due


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "n.json")
    assert main(["init", "--db", path]) == 0
    assert main(["add", "person", "Sam Lee", "--db", path]) == 0
    argv = ["log", "Sam Lee", "--when", "2026-11-24T10:00:00+00:00", "--db", path,
            "--promise-mine", "send my deck", "--promise-theirs", "intro to Sally Jones"]  # fmt: skip
    assert main(argv) == 0
    return path


def agenda(capsys: pytest.CaptureFixture[str], db: str) -> Any:
    capsys.readouterr()
    assert main(["agenda", "--date", DAY, "--json", "--db", db]) == 0
    return orjson.loads(capsys.readouterr().out)


def promise_id(capsys: pytest.CaptureFixture[str], db: str, text: str) -> int:
    return next(p["id"] for p in agenda(capsys, db)["promises"] if p["text"].endswith(text))


def follow_up_text(capsys: pytest.CaptureFixture[str], db: str) -> str:
    [follow_up] = agenda(capsys, db)["follow_ups"]
    return str(follow_up["text"])


def test_a_promise_kept_leaves_the_follow_up_and_undo_puts_it_back(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "Send what I promised: send my deck." in follow_up_text(capsys, db)
    deck = promise_id(capsys, db, "send my deck")
    assert main(["done", "promise", str(deck), "--db", db]) == 0
    text = follow_up_text(capsys, db)
    assert "send my deck" not in text and "Send what I promised" not in text
    assert "Remind them of what they offered: intro to Sally Jones." in text  # still open
    assert main(["done", "promise", str(deck), "--undo", "--db", db]) == 0
    assert "Send what I promised: send my deck." in follow_up_text(capsys, db)


def test_no_open_promise_means_no_word_about_promises(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    for text in ("send my deck", "intro to Sally Jones"):
        assert main(["done", "promise", str(promise_id(capsys, db, text)), "--db", db]) == 0
    assert follow_up_text(capsys, db) == "Thank them for the coffee on Tue 24 Nov."


def test_a_follow_up_reopened_after_done_promises_lists_none(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    [follow_up] = agenda(capsys, db)["follow_ups"]
    assert main(["done", "follow-up", str(follow_up["id"]), "--promises", "--db", db]) == 0
    assert main(["done", "follow-up", str(follow_up["id"]), "--undo", "--db", db]) == 0
    assert agenda(capsys, db)["promises"] == []  # both kept with the note
    assert follow_up_text(capsys, db) == "Thank them for the coffee on Tue 24 Nov."


def test_the_thank_you_draft_leaves_out_a_kept_promise(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["done", "promise", str(promise_id(capsys, db, "send my deck")), "--db", db]) == 0
    capsys.readouterr()
    assert main(["draft", "Sam Lee", "--template", "thank-you", "--db", db]) == 0
    draft = capsys.readouterr().out
    assert "deck" not in draft
    assert "Sally Jones" in draft
