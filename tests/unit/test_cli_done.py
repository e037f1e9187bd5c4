"""`netplan done promise|follow-up|reply ID` (issue 15, finding 1; rule FOLLOW-THROUGH)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from netplan.cli import main
from netplan.notes.followups import follow_up_done, gathered_promises, promise_done, promise_reopen
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation, Promise
from netplan.store.store import Store
from netplan.targets.model import Person

DAY = "2026-11-26"  # two days after the coffee: the follow-up and both promises are due


def coffee_with_promises(tmp_path: Path) -> str:
    """A data file with one coffee logged: its follow-up and a promise each way, all due on DAY."""
    path = str(tmp_path / "n.json")
    assert main(["init", "--db", path]) == 0
    assert main(["add", "person", "Sam Lee", "--db", path]) == 0
    argv = ["log", "Sam Lee", "--when", "2026-11-24T10:00:00+00:00", "--db", path,
            "--promise-mine", "send my deck", "--promise-theirs", "intro to Sally Jones"]  # fmt: skip
    assert main(argv) == 0
    return path


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = coffee_with_promises(tmp_path)
    assert main(["add", "person", "Bo Chen", "--db", path]) == 0
    return path


def agenda(capsys: pytest.CaptureFixture[str], db: str) -> Any:
    capsys.readouterr()
    assert main(["agenda", "--date", DAY, "--json", "--db", db]) == 0
    return orjson.loads(capsys.readouterr().out)


def test_a_promise_closed_by_its_agenda_id_leaves_the_agenda_and_undo_brings_it_back(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    promises = agenda(capsys, db)["promises"]
    mine = next(p for p in promises if p["text"] == "I promised: send my deck")
    assert main(["done", "promise", str(mine["id"]), "--db", db]) == 0
    assert f"done: promise {mine['id']} (Sam Lee)" in capsys.readouterr().out
    assert [p["text"] for p in agenda(capsys, db)["promises"]] == ["They promised: intro to Sally Jones"]
    # done twice is still done once, and says so
    assert main(["done", "promise", str(mine["id"]), "--db", db]) == 0
    assert "was already done" in capsys.readouterr().out
    assert main(["done", "promise", str(mine["id"]), "--undo", "--db", db]) == 0
    assert "reopened" in capsys.readouterr().out
    assert len(agenda(capsys, db)["promises"]) == 2


def test_follow_up_and_reply_close_by_the_kind_agenda_json_prints(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    [follow_up] = agenda(capsys, db)["follow_ups"]
    assert main(["done", follow_up["kind"], str(follow_up["id"]), "--db", db]) == 0  # "follow_up"
    after = agenda(capsys, db)
    assert after["follow_ups"] == []
    assert len(after["promises"]) == 2  # closing the note alone keeps the promises
    assert main(["done", "follow-up", str(follow_up["id"]), "--undo", "--db", db]) == 0
    [again] = agenda(capsys, db)["follow_ups"]
    capsys.readouterr()
    assert main(["done", "follow-up", str(again["id"]), "--promises", "--db", db]) == 0
    assert "and the 2 promises it gathered" in capsys.readouterr().out
    after = agenda(capsys, db)
    assert after["follow_ups"] == [] and after["promises"] == []


def test_a_reply_closes(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(db)
    try:
        from netplan.notes.followups import log_inbound

        bo = next(p for p in store.all(Person) if p.name == "Bo Chen")
        log_inbound(store, bo.id, "a reference", "2026-11-23T09:00:00+00:00")
    finally:
        store.close()
    [reply] = agenda(capsys, db)["replies"]
    assert main(["done", "reply", str(reply["id"]), "--db", db]) == 0
    assert agenda(capsys, db)["replies"] == []


@pytest.mark.parametrize("kind", ["promise", "follow-up", "reply"])
def test_an_unknown_id_is_exit_1_with_one_line_and_nothing_written(
    db: str, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    before = Path(db).read_bytes()
    capsys.readouterr()
    assert main(["done", kind, "999", "--db", db]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "999" in err and "Traceback" not in err
    assert Path(db).read_bytes() == before


def test_a_bad_kind_or_id_is_a_usage_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["done", "slot", "1"], ["done", "promise", "one"]):
        with pytest.raises(SystemExit) as exit_info:
            main([*argv, "--db", db])
        assert exit_info.value.code == 2


def test_closing_a_follow_up_with_its_promises_closes_only_its_own(store: Store) -> None:
    sam = store.insert(Person(name="Sam Lee"))
    logged = log_conversation(
        store, Conversation(person_id=sam.id, when="2026-11-20T10:00:00+00:00"), ["deck"], ["intro"]
    )
    other = log_conversation(store, Conversation(person_id=sam.id, when="2026-11-21T10:00:00+00:00"), ["cv"])
    assert [p.text for p in gathered_promises(store, logged.follow_up)] == ["deck", "intro"]
    promise_done(store, logged.promises[0].id)
    assert [p.text for p in gathered_promises(store, logged.follow_up)] == ["intro"]
    promise_reopen(store, logged.promises[0].id)
    follow_up_done(store, logged.follow_up.id, with_promises=True)
    still_open = [p.text for p in store.all(Promise) if p.is_open]
    assert still_open == ["cv"] and other.promises[0].text == "cv"
