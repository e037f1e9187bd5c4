"""Hostile text through every CLI write and every import, and out of every command that prints data
(issue 9, item 4; DESIGN.md, Security of display).

The strings are stored exactly (data is never altered), and nothing the CLI prints, plain or
--json, carries a byte a terminal would obey: no ESC, BEL, C1 control or bidi override.
To cover a new write command, add one entry to CLI_WRITES; a new import format, one to IMPORTS.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest
import vobject

from netplan.cli import main
from netplan.notes.model import Conversation, Promise
from netplan.store.store import Store
from netplan.targets.model import Goal, Person, Venue
from tests.reliability.hostile import HOSTILE, OBEYED, TERMINAL_EXTRAS

TEXTS = (*HOSTILE, " ".join(HOSTILE), *TERMINAL_EXTRAS)

Read = Callable[[Store, str], dict[str, Any]]


def assert_printable(output: str, what: str) -> None:
    found = sorted({f"U+{ord(char):04X}" for char in output if char in OBEYED and char != "\n"})
    assert found == [], f"{what} printed terminal controls {found}: {output[-300:]!r}"


def newest(store: Store, kind: type[Any]) -> Any:
    return max(store.all(kind), key=lambda record: record.id)


def _goal(store: Store, text: str) -> dict[str, Any]:
    goal = newest(store, Goal)
    return {"title": goal.title, "why": goal.why}


def _person(store: Store, text: str) -> dict[str, Any]:
    person = newest(store, Person)
    return {
        "name": person.name,
        "company": person.company,
        "role": person.role,
        "goal": store.get(Goal, person.goals[0].goal_id).title,  # type: ignore[union-attr]
        "why": person.goals[0].why,
    }


def _venue(store: Store, text: str) -> dict[str, Any]:
    venue = newest(store, Venue)
    return {"name": venue.name, "why": venue.goals[0].why}


def _log(store: Store, text: str) -> dict[str, Any]:
    conversation: Conversation = newest(store, Conversation)
    person = store.get(Person, conversation.person_id)
    promises = {p.by: p.text for p in store.all(Promise) if p.conversation_id == conversation.id}
    return {
        "person": person.name if person else None,
        "needs": conversation.needs,
        "gave": conversation.gave[0].text,
        "asked": conversation.asked,
        "notes": conversation.notes,
        "mine": promises["me"],
        "theirs": promises["them"],
    }


@dataclass(frozen=True)
class CliWrite:
    argv: Callable[[str], list[str]]  # the command with the text in every argument it takes
    read_back: Read  # what was stored, by argument
    fields: tuple[str, ...]  # the arguments that hold the text


CLI_WRITES: dict[str, CliWrite] = {
    "add goal": CliWrite(lambda t: ["add", "goal", t, "--why", t], _goal, ("title", "why")),
    "add person": CliWrite(
        lambda t: ["add", "person", t, "--company", t, "--role", t, "--goal", t, "--why", t],
        _person,
        ("name", "company", "role", "goal", "why"),
    ),
    "add venue": CliWrite(lambda t: ["add", "venue", t, "--goal", t, "--why", t], _venue, ("name", "why")),
    "log": CliWrite(
        lambda t: [
            "log",
            t,
            "--needs",
            t,
            "--gave",
            t,
            "--asked",
            t,
            "--notes",
            t,
            "--promise-mine",
            t,
            "--promise-theirs",
            t,
        ],  # fmt: skip
        _log,
        ("person", "needs", "gave", "asked", "notes", "mine", "theirs"),
    ),
}
# `add goal` runs first for each text, so `add person/venue --goal TEXT` and `log TEXT` find it.
ORDER = ("add goal", "add person", "add venue", "log")

# the follow-ups and promises of a conversation logged now fall due in two days (rule FOLLOW-48H)
IN_TWO_DAYS = pendulum.today().add(days=2).to_date_string()
READ_ONLY = (
    ["people"],
    ["people", "--json"],
    ["agenda", "--date", IN_TWO_DAYS],
    ["agenda", "--date", IN_TWO_DAYS, "--json"],
    ["check"],
    ["check", "--json"],
)


def run(argv: list[str], db: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([*argv, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def test_hostile_text_through_every_cli_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert set(ORDER) == set(CLI_WRITES)
    db = tmp_path / "netplan.json"
    for text in TEXTS:
        for name in ORDER:
            case = CLI_WRITES[name]
            code, out, err = run(case.argv(text), db, capsys)
            assert code == 0, f"{name} {text!r}: exit {code}: {err}"
            assert_printable(out + err, f"{name} {text!r}")
            with Store.open(db, readonly=True) as store:
                stored = case.read_back(store, text)
            assert stored == dict.fromkeys(case.fields, text.strip()), f"{name} {text!r}"
    for argv in READ_ONLY:
        code, out, err = run(argv, db, capsys)
        assert code == 0, f"{argv}: {err}"
        assert_printable(out + err, " ".join(argv))
        assert "pwned" in out or argv[0] == "check", f"{argv} did not show the hostile records"
        if argv[0] == "people" and "--json" in argv:  # the JSON still holds the text exactly
            assert set(TEXTS) <= {person["name"] for person in orjson.loads(out)["people"]}


def test_hostile_text_through_export_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target, backup = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "backup.json"
    for text in TEXTS:
        assert run(CLI_WRITES["add goal"].argv(text), source, capsys)[0] == 0
    for argv, db in ((["export", "json", str(backup)], source), (["restore", str(backup)], target)):
        code, out, err = run(argv, db, capsys)
        assert code == 0, f"{argv}: {err}"
        assert_printable(out + err, " ".join(argv))
    with Store.open(target, readonly=True) as store:
        assert sorted(goal.title for goal in store.all(Goal)) == sorted(t.strip() for t in TEXTS)


# imports ---------------------------------------------------------------------------------------


def linkedin_file(path: Path, texts: tuple[str, ...]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
        )
        for i, text in enumerate(texts):
            writer.writerow([text, f"Example{i}", "", f"p{i}@example.com", text, text, "09 Oct 2024"])
    return path


def vcard_file(path: Path, texts: tuple[str, ...]) -> Path:
    cards = []
    for i, text in enumerate(texts):
        card = vobject.vCard()
        card.add("fn").value = f"{text} Example{i}"
        card.add("n").value = vobject.vcard.Name(family=f"Example{i}", given=text)
        card.add("org").value = [text]
        card.add("title").value = text
        card.add("email").value = f"p{i}@example.com"
        cards.append(card.serialize())
    path.write_text("".join(cards), encoding="utf-8", newline="")
    return path


@dataclass(frozen=True)
class ImportCase:
    write: Callable[[Path, tuple[str, ...]], Path]
    name: Callable[[str, int], str]  # the person's name the file gives for text number i


IMPORTS: dict[str, ImportCase] = {
    "linkedin": ImportCase(
        lambda p, t: linkedin_file(p / "Connections.csv", t), lambda t, i: f"{t} Example{i}"
    ),
    "vcard": ImportCase(lambda p, t: vcard_file(p / "contacts.vcf", t), lambda t, i: f"{t} Example{i}"),
}


@pytest.mark.parametrize("file_format", sorted(IMPORTS))
def test_hostile_text_in_every_import(
    file_format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = IMPORTS[file_format]
    # vCard readers fold runs of white space (a carriage return is one): compare what is not folded
    texts = tuple(t for t in TEXTS if file_format != "vcard" or " ".join(t.split()) == t)
    source = case.write(tmp_path, texts)
    db = tmp_path / "netplan.json"
    assert main(["init", "--db", str(db)]) == 0
    for argv in (["import", file_format, str(source), "--dry-run"], ["import", file_format, str(source)]):
        code, out, err = run(argv, db, capsys)
        assert code == 0, f"{argv}: {err}"
        assert_printable(out + err, " ".join(argv))
    with Store.open(db, readonly=True) as store:
        people = {p.email: p for p in store.all(Person)}
    for i, text in enumerate(texts):
        person = people[f"p{i}@example.com"]
        expected = case.name(text.strip(), i).strip()
        assert (person.name, person.company, person.role) == (expected, text.strip(), text.strip()), text
    for argv in READ_ONLY:
        code, out, err = run(argv, db, capsys)
        assert code == 0
        assert_printable(out + err, " ".join(argv))


# sync and remind: names out to the calendar folder and the notifications, cards and broken files in


def test_hostile_text_through_sync_and_remind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from netplan.notes.followups import log_inbound

    db, calendar, contacts = tmp_path / "netplan.json", tmp_path / "calendar", tmp_path / "contacts"
    received = pendulum.now().subtract(days=3)  # a reply due yesterday: remind sends it today
    with Store.open(db) as store:
        for text in TEXTS:
            person = store.insert(Person(name=text.strip()))
            log_inbound(store, person.id, text.strip(), received=received)
    texts = tuple(t for t in TEXTS if " ".join(t.split()) == t)  # vCard folds runs of white space
    contacts.mkdir()
    vcard_file(contacts / "hostile.vcf", texts)
    calendar.mkdir()
    (calendar / "broken.ics").write_text(f"BEGIN:VCALENDAR\r\n{HOSTILE[0]} {TERMINAL_EXTRAS[0]}\r\n")
    folders = ["--calendar", str(calendar), "--contacts", str(contacts)]
    # (the command, what its output must hold: the names it lists, or the broken file it names)
    for argv, shown in (
        (["sync", *folders, "--dry-run"], "pwned"),
        (["sync", *folders], "broken.ics: not iCalendar"),
        (["remind", "--print"], "pwned"),
    ):
        code, out, err = run(argv, db, capsys)
        assert code == 0, f"{argv}: {err}"
        assert_printable(out + err, " ".join(argv))
        assert shown in out + err, f"{argv} did not show {shown!r}: {out + err}"
    for path in calendar.glob("*@netplan.ics"):
        assert_printable(path.read_text(encoding="utf-8"), path.name)
    with Store.open(db, readonly=True) as store:
        emails = {p.email for p in store.all(Person) if p.parked}
    assert {f"p{i}@example.com" for i in range(len(texts))} <= emails
