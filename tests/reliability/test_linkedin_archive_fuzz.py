"""Fuzzed LinkedIn archives (issue 19) never give a traceback: an archive is imported, or refused with
one ImportFileError line and nothing written; an archive imported once changes nothing the second time.

The archives are built like the real ones (tests/unit/linkedin_archive_data.py) from hostile pieces:
names with markup, escapes, bidi overrides, mojibake and CSV quoting; any layout, BOM and line end;
messages in any order, drafts, spam, sponsored mail, group threads, moments from the far past to the
future; files left out, renamed, truncated or with a byte changed; a zip, a folder or one CSV.
Bounded so it runs in seconds.
"""

from __future__ import annotations

import tempfile
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.core.clock import FixedClock
from netplan.interchange.contacts import ImportFileError
from netplan.interchange.merge import apply_import, plan_import
from netplan.interchange.readers import read_contacts
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.unit.linkedin_archive_data import LAYOUTS, Archive, Invite, Message, Someone

CLOCK = FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")
NOW = CLOCK.now().astimezone(UTC)
# Each example writes a data file (fsync'd) up to three times: 40 keeps the test to seconds.
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_READ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = [
    *'ab ,";\r\n\t',
    "Ann",
    "José",
    "JosÃ©",
    "雪",
    "🚀",
    "[/]",
    "x [/",
    "[@click=app.quit]x",
    "\x1b]0;pwned\x07",
    "\u202e",
    "\x9b31m",
    "https://www.linkedin.com/in/",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)
SLUG = st.sampled_from(["ann", "bo", "ann/", "ANN", "zo%C3%AB", "", "bo?x=1"])
PEOPLE = st.builds(Someone, first=TEXT, last=TEXT, slug=SLUG, company=TEXT, position=TEXT, connected_on=TEXT)
ME = Someone("Jordan", "Pike", "jordanpike")
MOMENT = st.integers(min_value=-3 * 365 * 24, max_value=24 * 30).map(
    lambda hours: NOW - timedelta(hours=hours)
)
FAR_MOMENT = st.one_of(
    MOMENT, st.sampled_from([datetime(1970, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)])
)


@st.composite
def archives(draw: st.DrawFn) -> Archive:
    people = draw(st.lists(PEOPLE, min_size=1, max_size=5)) + [ME]
    messages = [
        Message(
            conversation=draw(st.sampled_from(["c1", "c2", "c3", ""])),
            sender=draw(st.sampled_from(people)),
            to=tuple(draw(st.lists(st.sampled_from(people), min_size=0, max_size=3))),
            at=draw(FAR_MOMENT),
            content=draw(TEXT),
            folder=draw(st.sampled_from(["INBOX", "ARCHIVE", "SPAM", "SENT", "DRAFTS", ""])),
            draft=draw(st.booleans()),
            sender_url=draw(st.sampled_from([None, None, ""])),
        )
        for _ in range(draw(st.integers(0, 8)))
    ]
    invitations = [
        Invite(
            draw(st.sampled_from(["INCOMING", "OUTGOING"])),
            draw(st.sampled_from(people)),
            draw(MOMENT),
            draw(TEXT),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    return Archive(
        me=ME,
        connections=draw(st.lists(st.sampled_from(people), max_size=4)),
        messages=messages,
        invitations=invitations,
        layout=draw(st.sampled_from(LAYOUTS)),
        bom=draw(st.booleans()),
        crlf=draw(st.booleans()),
        mojibake_names=tuple(draw(st.lists(st.sampled_from([p.name for p in people]), max_size=2))),
        ignored_files=draw(st.booleans()),
    )


@st.composite
def damaged_files(draw: st.DrawFn) -> dict[str, bytes]:
    files = draw(archives()).files()
    for name in draw(st.lists(st.sampled_from(sorted(files)), max_size=2, unique=True)):
        data = files[name]
        how = draw(st.sampled_from(["drop", "truncate", "byte", "keep"]))
        if how == "drop":
            del files[name]
        elif how == "truncate":
            files[name] = data[: draw(st.integers(0, len(data)))]
        elif how == "byte" and data:
            at = draw(st.integers(0, len(data) - 1))
            files[name] = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return files


def write(files: dict[str, bytes], folder: Path, form: str) -> Path:
    if form == "zip":
        path = folder / "export.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr("Basic_LinkedInDataExport/" + name, data)
        return path
    if form == "csv":
        first = next((n for n in ("messages.csv", "Invitations.csv", "Connections.csv") if n in files), None)
        path = folder / "one.csv"
        path.write_bytes(files[first] if first else b"")
        return path
    for name, data in files.items():
        (folder / "export" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "export" / name).write_bytes(data)
    return folder / "export"


@FUZZ
@given(files=damaged_files(), form=st.sampled_from(["zip", "folder", "csv"]), keep_text=st.booleans())
def test_a_fuzzed_archive_imports_once_or_is_refused(
    files: dict[str, bytes], form: str, keep_text: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write(files, folder, form)
        with Store.open(folder / "data.json", clock=CLOCK) as store:
            store.insert(Person(name="Ann", linkedin="https://www.linkedin.com/in/ann"))
            store.flush()
            before = store.path.read_bytes()
            try:
                plan = plan_import(store, read_contacts("linkedin", path, keep_text=keep_text))
            except ImportFileError as exc:
                assert "\n" not in str(exc)
                assert store.path.read_bytes() == before
                return
            plan.describe()
            apply_import(store, plan)
            again = plan_import(store, read_contacts("linkedin", path, keep_text=keep_text))
            assert not again.has_changes, again.describe()


@FUZZ_READ
@given(
    content=st.binary(max_size=2_000),
    name=st.sampled_from(["messages.csv", "Invitations.csv", "Profile.csv"]),
)
def test_random_bytes_in_an_archive_member_are_read_or_refused(content: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(
            {name: content, "Connections.csv": b"First Name,Last Name,Connected On\n"}, Path(tmp), "zip"
        )
        try:
            read_contacts("linkedin", path)
        except ImportFileError as exc:
            assert "\n" not in str(exc)
