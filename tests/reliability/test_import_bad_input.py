"""Imports under bad input (DESIGN.md, Bad input): random bytes, CSV- and vCard-shaped noise, hostile
names, 50 MB files. The only exception an import may raise is ImportFileError, and then nothing is
written."""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.cli import main
from netplan.core.clock import FixedClock
from netplan.interchange.contacts import ImportFileError, ParsedFile
from netplan.interchange.merge import apply_import, plan_import
from netplan.interchange.readers import read_contacts
from netplan.store.store import Store
from netplan.targets.model import Person

CLOCK = FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")
HOSTILE = ["[/]", "x [/", "[@click=app.quit]x", "\x1b]0;pwned\x07", "\x1b[2J", "\u202e"]
# Reading and planning are fast: many examples. Applying writes a file per example: fewer.
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_APPLY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def planning_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("plan") / "data.json", clock=CLOCK)
    store.insert(Person(name="Already here", email="here@example.com", linkedin="https://linkedin.com/in/h"))
    yield store
    store.close()


def read_and_plan(store: Store, file_format: str, content: bytes) -> None:
    """Read and plan ``content``: it is a clean plan or an ImportFileError, never anything else."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(content)
        try:
            parsed = read_contacts(file_format, path)
        except ImportFileError as exc:
            assert "\n" not in str(exc)
            return
        plan = plan_import(store, parsed)
        assert len(plan.changes) == len(parsed.contacts) + len(parsed.skipped)
        plan.describe()


def import_or_refuse(file_format: str, content: bytes) -> ParsedFile | None:
    """Read, plan and apply ``content`` on a fresh store; returns None when the file is refused."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(content)
        with Store.open(Path(tmp) / "data.json", clock=CLOCK) as store:
            store.insert(Person(name="Already here", email="here@example.com"))
            before = store.path.read_bytes()
            try:
                parsed = read_contacts(file_format, path)
            except ImportFileError as exc:
                assert "\n" not in str(exc)
                assert store.path.read_bytes() == before
                return None
            plan = plan_import(store, parsed)
            plan.describe()
            summary = apply_import(store, plan)
            assert summary.added + summary.updated + summary.skipped >= len(parsed.contacts)
            return parsed


@FUZZ
@given(content=st.binary(max_size=3_000), file_format=st.sampled_from(["linkedin", "vcard"]))
def test_random_bytes_are_read_or_refused(planning_store: Store, content: bytes, file_format: str) -> None:
    read_and_plan(planning_store, file_format, content)


@FUZZ_APPLY
@given(content=st.binary(max_size=3_000), file_format=st.sampled_from(["linkedin", "vcard"]))
def test_random_bytes_import_or_are_refused(content: bytes, file_format: str) -> None:
    import_or_refuse(file_format, content)


CSV_PIECES = [*'ab ,"\r\n\t;é雪🚀\x1b\u202e', "[/]", "Ann", "09 Oct 2024", "https://www.linkedin.com/in/x"]
CSV_CELL = st.lists(st.sampled_from(CSV_PIECES), max_size=8).map("".join)
CSV_HEADERS = st.sampled_from(
    [
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "First Name,Last Name,Email Address,Company,Position,Connected On",
        "First Name,Last Name,Company",
        "Name,Email",
        "",
    ]
)


@st.composite
def csv_shaped(draw: st.DrawFn) -> bytes:
    preamble = draw(st.sampled_from(["", 'Notes:\n"A notice, with a comma."\n\n', "Notes:\n"]))
    header = draw(CSV_HEADERS)
    rows = draw(st.lists(st.lists(CSV_CELL, min_size=0, max_size=8), max_size=8))
    quote = draw(st.booleans())
    lines = [",".join(f'"{c}"' if quote else c for c in row) for row in rows]
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    text = ending.join([*(preamble.splitlines() if preamble else []), header, *lines]) + ending
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8")


@FUZZ
@given(content=csv_shaped())
def test_csv_shaped_text_is_read_or_refused(planning_store: Store, content: bytes) -> None:
    read_and_plan(planning_store, "linkedin", content)


@FUZZ_APPLY
@given(content=csv_shaped())
def test_csv_shaped_text_imports_or_is_refused(content: bytes) -> None:
    import_or_refuse("linkedin", content)


VCARD_LINES = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:3.0",
        "VERSION:4.0",
        "FN:Ann Example",
        "FN:",
        "N:Example;Ann;;;",
        "N:;;;;",
        "EMAIL:ann@example.com",
        "EMAIL;PREF=x:bad",
        "EMAIL;TYPE=PREF:not an address",
        "ORG:Northwind;Sales",
        "ORG:",
        "TITLE:PM",
        "CATEGORIES:a\\, b,c",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ",
        " continued",
        "\tcontinued",
        "URL:https://www.linkedin.com/in/ann",
        "FN;;;:broken",
        "X-;:",
        "BDAY:--0203",
        "NOTE:\\n\\,\\;",
        "FN:[/] \x1b]0;pwned\x07 \u202e",
        "",
    ]
)


@st.composite
def vcard_shaped(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.one_of(VCARD_LINES, st.text(max_size=20)), max_size=25))
    if draw(st.booleans()):
        lines = ["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return ending.join(lines).encode("utf-8", "surrogatepass")


@FUZZ
@given(content=vcard_shaped())
def test_vcard_shaped_text_is_read_or_refused(planning_store: Store, content: bytes) -> None:
    read_and_plan(planning_store, "vcard", content)


@FUZZ_APPLY
@given(content=vcard_shaped())
def test_vcard_shaped_text_imports_or_is_refused(content: bytes) -> None:
    import_or_refuse("vcard", content)


# hostile names ---------------------------------------------------------------------------------


def test_hostile_text_is_kept_literally_and_printed_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "netplan.json"
    rows = "".join(
        f'"{text}","Example {i}",,,"{text} Inc","{text} role",09 Oct 2024\n' for i, text in enumerate(HOSTILE)
    )
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows, "utf-8")
    assert main(["import", "linkedin", str(path), "--dry-run", "--db", str(db)]) == 3  # no data file yet
    capsys.readouterr()
    assert main(["import", "linkedin", str(path), "--db", str(db)]) == 0
    assert main(["import", "linkedin", str(path), "--dry-run", "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed
    with Store.open(db, readonly=True) as store:
        names = {p.name for p in store.all(Person)}
        companies = {p.company for p in store.all(Person)}
    assert names == {f"{text} Example {i}".strip() for i, text in enumerate(HOSTILE)}
    assert "[@click=app.quit]x Inc" in companies


# 50 MB files: the reader streams them with bounded memory (contacts.py) -------------------------

FIFTY_MB = 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("file_format", "first_line"),
    [("linkedin", b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"), ("vcard", b"")],
)
def test_fifty_mb_binary_file_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], file_format: str, first_line: bytes
) -> None:
    path = tmp_path / "big.bin"
    with path.open("wb") as handle:
        handle.write(first_line + b"\x00" + os.urandom(1024) * (FIFTY_MB // 1024))
    db = tmp_path / "netplan.json"
    assert main(["import", file_format, str(path), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    line = 2 if first_line else 1
    assert err.count("\n") == 1 and f"line {line}: binary data" in err
    assert not db.exists()


def test_fifty_mb_single_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "one-line.csv"
    path.write_bytes(b"a" * FIFTY_MB)
    with pytest.raises(ImportFileError, match="line 1: longer than 8 MB"):
        read_contacts("linkedin", path)


def test_fifty_mb_of_linkedin_rows_stops_at_the_record_limit(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    row = b"Ann,Example,https://www.linkedin.com/in/ann-example,,Northwind,Data Engineer,09 Oct 2024\n"
    with path.open("wb") as handle:
        handle.write(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        handle.write(row * (FIFTY_MB // len(row)))
    with pytest.raises(ImportFileError, match="line 50002: more than 50,000 records"):
        read_contacts("linkedin", path)


def test_fifty_mb_of_vcards_with_photos_imports(tmp_path: Path) -> None:
    photo = base64.b64encode(os.urandom(150_000)).decode()
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    path = tmp_path / "address-book.vcf"
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        while handle.tell() < FIFTY_MB:
            handle.write(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {count}\r\nEMAIL:p{count}@example.com\r\n"
                f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nEND:VCARD\r\n"
            )
            count += 1
    parsed = read_contacts("vcard", path)
    assert len(parsed.contacts) == count > 200
    with Store.open(tmp_path / "netplan.json", clock=CLOCK) as store:
        assert apply_import(store, plan_import(store, parsed)).added == count
