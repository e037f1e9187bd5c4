"""Right facts from the command line (issue 15 items 5-7): a conversation has happened, a promise's
@date is read, what they need reaches the person, every person field goes in and comes out, and the
listen split adds up to the real length (rules FOLLOW-THROUGH, MUTUAL, LISTEN-20-10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest

from netplan.cli import main


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "n.json")
    assert main(["init", "--db", path]) == 0
    assert main(["add", "person", "Dana Ortiz", "--company", "Verdant", "--db", path]) == 0
    return path


def people(db: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["people", "--json", "--db", db]) == 0
    found: list[dict[str, Any]] = orjson.loads(capsys.readouterr().out)["people"]
    return found


def agenda(db: str, day: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["agenda", "--date", day, "--json", "--db", db]) == 0
    found: dict[str, Any] = orjson.loads(capsys.readouterr().out)
    return found


def test_a_conversation_in_the_future_is_refused_and_nothing_is_written(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path(db).read_bytes()
    tomorrow = pendulum.now().add(days=1).format("YYYY-MM-DDTHH:mm")
    for when in (tomorrow, "2027-12-24T10:00"):
        capsys.readouterr()
        assert main(["log", "Dana", "--when", when, "--db", db]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--when" in err and "in the future" in err
        assert "Traceback" not in err
    assert Path(db).read_bytes() == before
    [dana] = people(db, capsys)
    assert dana["last_touch"] is None


def test_the_cli_reads_a_promise_due_date_after_an_address(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """One parser for `--promise-mine` and the note form: the @ of an address is not a due date."""
    assert main(["log", "Dana", "--when", "2026-11-24T10:00", "--db", db,
                 "--promise-mine", "send it to pat@example.com @2026-12-03",
                 "--promise-theirs", "mail jo@example.com the brief"]) == 0  # fmt: skip
    promises = agenda(db, "2026-12-03", capsys)["promises"]
    texts = {p["text"]: p["due"][:10] for p in promises}
    assert texts["I promised: send it to pat@example.com"] == "2026-12-03"
    assert texts["They promised: mail jo@example.com the brief"] == "2026-11-26"  # the follow-up's due
    capsys.readouterr()
    assert main(["log", "Dana", "--when", "2026-11-25T10:00", "--db", db,
                 "--promise-mine", "call Bo @friday"]) == 1  # fmt: skip
    assert "promise by me 1 due" in capsys.readouterr().err


def test_what_they_need_from_a_note_updates_the_person(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "Dana", "--when", "2026-11-24T10:00", "--needs", "a designer", "--db", db]) == 0
    assert people(db, capsys)[0]["needs"] == "a designer"
    assert (
        main(["log", "Dana", "--when", "2026-11-26T10:00", "--needs", "hire a data analyst", "--db", db]) == 0
    )
    assert people(db, capsys)[0]["needs"] == "hire a data analyst"
    # an older note logged late does not overwrite what the newer one said
    assert main(["log", "Dana", "--when", "2026-11-20T10:00", "--needs", "an old need", "--db", db]) == 0
    assert people(db, capsys)[0]["needs"] == "hire a data analyst"


def test_add_person_takes_every_field_and_people_json_gives_it_back(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", "goal", "Move into product", "--db", db]) == 0
    assert main(["add", "person", "Sam Lee", "--db", db, "--company", "Northwind", "--role", "PM",
                 "--email", "sam@example.com", "--linkedin", "https://www.linkedin.com/in/samlee",
                 "--how-met", "Met at PyCon", "--needs", "a data analyst", "--can-help", "review her deck",
                 "--tags", "pm, climate", "--goal", "Move into product",
                 "--why", "runs the PM guild"]) == 0  # fmt: skip
    sam = next(p for p in people(db, capsys) if p["name"] == "Sam Lee")
    assert sam["email"] == "sam@example.com"
    assert sam["linkedin"] == "https://www.linkedin.com/in/samlee"
    assert (sam["how_met"], sam["needs"], sam["can_help"]) == (
        "Met at PyCon",
        "a data analyst",
        "review her deck",
    )
    assert sam["tags"] == ["pm", "climate"]
    assert sam["goal_links"] == [{"goal": "Move into product", "why": "runs the PM guild"}]
    assert {"emails", "cadence_days", "stage_override", "role", "company", "stage", "kind"} <= set(sam)


def test_the_listen_message_uses_the_real_length(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """rule LISTEN-20-10: a 45-minute talk is judged against 30 of 45, not "20 of 30"."""
    capsys.readouterr()
    argv = ["log", "Dana", "--when", "2026-11-24T10:00", "--minutes", "45", "--listen", "20", "--ask", "25"]
    assert main([*argv, "--db", db]) == 0
    err = capsys.readouterr().err
    assert "LISTEN-20-10: 44% of the time was on them; aim for at least two thirds (30 of 45 minutes)" in err
    assert "20 of 30" not in err


def test_a_split_that_does_not_add_up_is_refused(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = Path(db).read_bytes()
    capsys.readouterr()
    argv = ["log", "Dana", "--when", "2026-11-24T10:00", "--minutes", "45", "--listen", "20", "--ask", "1"]
    assert main([*argv, "--db", db]) == 1
    err = capsys.readouterr().err
    assert "--listen" in err and "= 21 minutes" in err and "45" in err
    assert Path(db).read_bytes() == before
    # both halves and no length: the length is their sum
    capsys.readouterr()
    assert (
        main(["log", "Dana", "--when", "2026-11-24T10:00", "--listen", "25", "--ask", "10", "--db", db]) == 0
    )
    assert "listened 25, asked 10 of 35 min" in capsys.readouterr().out


def test_far_off_dates_show_their_year(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15 item 8: "Thu 20 Nov" of last year read as this year's; a far-off date shows its year."""
    last_year = pendulum.now().year - 1
    capsys.readouterr()
    assert main(["log", "Dana", "--when", f"{last_year}-11-20T10:00", "--promise-mine", "send the deck",
                 "--db", db]) == 0  # fmt: skip
    out = capsys.readouterr().out
    weekday = pendulum.date(last_year, 11, 20).format("ddd")
    assert f"{weekday} 20 Nov {last_year} 10:00" in out
    this_year = pendulum.now().subtract(days=1)
    capsys.readouterr()
    assert main(["log", "Dana", "--when", this_year.format("YYYY-MM-DDTHH:mm"), "--db", db]) == 0
    assert f"{this_year.format('ddd DD MMM')} {this_year.format('HH:mm')}" in capsys.readouterr().out
