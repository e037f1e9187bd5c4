"""The follow-up lists only the promises still open (rule FOLLOW-THROUGH): once "send my deck" is done
(`netplan done promise`, the Notes pane's promise list, or `done follow-up --promises`), the agenda,
the Notes pane's next step, the follow-up's to-do in a synced calendar and the thank-you draft stop
telling the user to send it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from netplan.cli import main
from netplan.interchange.sync import apply_sync, plan_sync
from netplan.notes.model import FollowUp, Promise
from netplan.store.store import Store
from tests.unit.reach_data import complete, reach_week, summaries, todo_file, uid_of
from tests.unit.test_cli_done import DAY, coffee_with_promises


@pytest.fixture
def db(tmp_path: Path) -> str:
    return coffee_with_promises(tmp_path)


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


def test_a_promise_ticked_in_the_calendar_leaves_the_follow_ups_todo_in_the_same_sync(
    store: Store, tmp_path: Path
) -> None:
    """`netplan sync`: the promise ticked in todoman (or on a phone) closes, and the follow-up's own
    to-do in the calendar stops listing it in that sync; the next sync has nothing to write."""
    week = reach_week(store)
    calendar = tmp_path / "cal"
    apply_sync(store, plan_sync(store, calendar, None))
    deck = todo_file(calendar, "Oyelaran: I promised")
    deck.write_bytes(complete(deck.read_bytes(), uid_of(deck), datetime(2026, 11, 24, 7, 45, tzinfo=UTC)))
    apply_sync(store, plan_sync(store, calendar, None))
    follow_up = store.get(FollowUp, week.follow_up)
    assert follow_up is not None and follow_up.is_open
    promise = store.get(Promise, week.my_promise)
    assert promise is not None and not promise.is_open
    todo = summaries(todo_file(calendar, "Oyelaran: Thank them"))
    assert promise.text not in todo and "Send what I promised" not in todo
    again = plan_sync(store, calendar, None)
    assert again.lines(dry_run=False)[-1].endswith("0 written, 0 removed, 5 unchanged")
