"""Benchmark: import a LinkedIn archive zip whose messages.csv is 10 MB (issue 19).

The archive: Profile.csv, 2,000 connections, a messages.csv of about 10 MB (some 40,000 messages in
4,000 conversations: one-to-one and group threads, drafts, multi-line quoted content, a few mojibake
names, strangers who wrote, sponsored mail), 600 invitations both ways, and files to ignore. It is
imported into a data file that already holds 1,000 of the connections. Measured: reading the zip
(every file parsed and checked), planning (the dry run), applying (one transaction, one write),
planning the same archive again (it must change nothing), peak traced memory, and the rules'
figures: last touches, replies due, invitations and the share sent without a note (rule PERSONAL).
Deterministic (fixed seed and clock). ``run()`` returns (measure, value) rows for `make bench`.

    .venv/bin/python -m bench.linkedin_archive_bench
"""

from __future__ import annotations

import csv
import io
import random
import sys
import tempfile
import time
import tracemalloc
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netplan.coach.invitations import invitation_findings
from netplan.core.clock import FixedClock
from netplan.interchange.merge import apply_import, plan_import
from netplan.interchange.readers import read_contacts
from netplan.notes.invitation import SentInvitation
from netplan.notes.model import InboundRequest
from netplan.store.store import Store
from netplan.targets.model import Person

SEED = 19
CONNECTIONS = 2_000
KNOWN = 1_000  # of the connections, already in the data file
CONVERSATIONS = 4_000
MESSAGES_BYTES = 10 * 1024 * 1024
INVITATIONS = 600
NOW = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
CLOCK = FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")
IN = "https://www.linkedin.com/in/"
FIRST = ["Ann", "Bo", "Chidi", "Dana", "Emre", "Fatima", "Goran", "Hana", "Ines", "Jun", "Kofi", "雪", "José"]
LAST = ["Example", "Li", "Okafor", "Novak", "Yilmaz", "Haddad", "Petrov", "Sato", "Costa", "Kim", "Núñez"]
WORDS = [
    "thanks",
    "for",
    "the",
    "intro",
    "could",
    "we",
    "meet",
    "next",
    "week",
    "about",
    "the",
    "role",
    "data",
]
MESSAGE_COLUMNS = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS", "IS MESSAGE DRAFT",
]  # fmt: skip


def _name(i: int) -> tuple[str, str]:
    return FIRST[i % len(FIRST)], f"{LAST[i % len(LAST)]}{i}"


def _text(rng: random.Random) -> str:
    lines = [" ".join(rng.choices(WORDS, k=rng.randint(4, 30))) for _ in range(rng.randint(1, 4))]
    return "\r\n".join(lines) if rng.random() < 0.5 else "\n".join(lines)


def _csv(rows: list[list[str]], preamble: str = "") -> bytes:
    out = io.StringIO(newline="")
    out.write(preamble)
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def _messages(rng: random.Random) -> bytes:
    me = ("Jordan Pike", IN + "jordanpike")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MESSAGE_COLUMNS)
    conversation = 0
    while out.tell() < MESSAGES_BYTES:
        conversation += 1
        group = rng.random() < 0.1
        people = rng.sample(range(CONNECTIONS + 500), 3 if group else 1)  # over 2,000: strangers
        others = []
        for i in people:
            first, last = _name(i)
            name = f"{first} {last}"
            if rng.random() < 0.05:  # some exports write names as mojibake
                name = name.encode("utf-8").decode("cp1252", errors="replace")
            others.append((name, IN + f"{first.lower()}-{i}"))
        moment = NOW - timedelta(days=rng.uniform(0, 1500))
        for _ in range(rng.randint(1, 2 * MESSAGES_BYTES // (CONVERSATIONS * 250))):
            moment += timedelta(minutes=rng.randint(1, 3000))
            if moment > NOW:
                break
            sender = me if rng.random() < 0.5 else rng.choice(others)
            recipients = [p for p in [me, *others] if p != sender]
            draft = sender == me and rng.random() < 0.03
            sponsored = rng.random() < 0.005
            writer.writerow(
                [
                    f"2-conv{conversation}",
                    "Team" if group else "",
                    sender[0],
                    "" if sponsored else sender[1],
                    ", ".join(p[0] for p in recipients),
                    ",".join(p[1] for p in recipients),
                    moment.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    "",
                    _text(rng),
                    "INBOX",
                    "",
                    "Yes" if draft else "No",
                ]
            )
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def write_archive(path: Path) -> int:
    """The zip; returns the size of its messages.csv."""
    rng = random.Random(SEED)
    connections = [["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]]
    for i in range(CONNECTIONS):
        first, last = _name(i)
        connections.append([first, last, IN + f"{first.lower()}-{i}", "", "Acme", "Engineer", "09 Oct 2024"])
    invitations = [
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    ]
    for n in range(INVITATIONS):
        i = rng.randrange(CONNECTIONS + 1_000)
        first, last = _name(i)
        other = (f"{first} {last}", IN + f"{first.lower()}-{i}")
        sent = NOW - timedelta(days=rng.uniform(0, 700))
        when = f"{sent.month}/{sent.day}/{sent.year % 100:02d}, {sent.hour % 12 or 12}:{sent.minute:02d} " + (
            "AM" if sent.hour < 12 else "PM"
        )
        note = "Hi, we met at the meetup: may I connect?" if rng.random() < 0.4 else ""
        me = ("Jordan Pike", IN + "jordanpike")
        inviter, invitee = (other, me) if n % 3 == 0 else (me, other)
        direction = "INCOMING" if n % 3 == 0 else "OUTGOING"
        invitations.append([inviter[0], invitee[0], when, note, direction, inviter[1], invitee[1]])
    messages = _messages(rng)
    notes = 'Notes:\r\n"When exporting your connection data, some email addresses may be missing."\r\n\r\n'
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        top = "Basic_LinkedInDataExport_11-24-2026/"
        archive.writestr(
            top + "Profile.csv", _csv([["First Name", "Last Name", "Headline"], ["Jordan", "Pike", "EM"]])
        )
        archive.writestr(top + "Connections.csv", _csv(connections, notes))
        archive.writestr(top + "messages.csv", messages)
        archive.writestr(top + "Invitations.csv", _csv(invitations))
        archive.writestr(top + "guide_messages.csv", _csv([MESSAGE_COLUMNS]))
        archive.writestr(top + "Skills.csv", _csv([["Name"], ["Python"]]))
    return len(messages)


def seed_people(store: Store) -> None:
    people = []
    for i in range(KNOWN):
        first, last = _name(i)
        url = IN + f"{first.lower()}-{i}" if i % 2 else ""  # half found by URL, half by name
        people.append(Person(name=f"{first} {last}", company="Acme", linkedin=url))
    with store.transaction():
        store.insert_many(people)


def _mb(n_bytes: float) -> str:
    return f"{n_bytes / (1024 * 1024):.1f} MB"


def run() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="netplan-bench-") as tmp:
        folder = Path(tmp)
        zip_path = folder / "Basic_LinkedInDataExport.zip"
        messages_size = write_archive(zip_path)
        with Store.open(folder / "timed.json", clock=CLOCK) as store:
            seed_people(store)
        with Store.open(folder / "traced.json", clock=CLOCK) as store:
            seed_people(store)

        # wall time, and the process's CPU time (on a shared machine the wall time waits for a core)
        t0, c0 = time.perf_counter(), time.process_time()
        parsed = read_contacts("linkedin", zip_path)
        t1, c1 = time.perf_counter(), time.process_time()
        with Store.open(folder / "timed.json", clock=CLOCK) as store:
            t2, c2 = time.perf_counter(), time.process_time()
            plan = plan_import(store, parsed)
            t3, c3 = time.perf_counter(), time.process_time()
            summary = apply_import(store, plan)
            store.flush()
            t4, c4 = time.perf_counter(), time.process_time()
            again = plan_import(store, read_contacts("linkedin", zip_path))
            t5, c5 = time.perf_counter(), time.process_time()
            sent = store.all(SentInvitation)
            without = sum(1 for s in sent if not s.with_note)
            pending_without = sum(1 for s in sent if not s.with_note and s.pending)
            proposals = len(invitation_findings(store)) - 1
            replies = store.count(InboundRequest)
            strangers = sum(
                1 for p in store.all(Person) if p.how_met.startswith(("Wrote to you", "Invited you"))
            )

        tracemalloc.start()
        with Store.open(folder / "traced.json", clock=CLOCK) as store:
            apply_import(store, plan_import(store, read_contacts("linkedin", zip_path)))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        history = summary.history or (0, 0, 0)
        messages = parsed.history.messages if parsed.history else None
        return [
            ("archive zip / messages.csv", f"{_mb(zip_path.stat().st_size)} / {_mb(messages_size)}"),
            (
                "messages / conversations",
                f"{messages.messages:,} / {len(messages.threads):,}" if messages else "-",
            ),
            ("read + check archive", f"{t1 - t0:.2f} s (CPU {c1 - c0:.2f} s)"),
            ("plan (dry run)", f"{t3 - t2:.2f} s (CPU {c3 - c2:.2f} s)"),
            ("apply (one transaction)", f"{t4 - t3:.2f} s (CPU {c4 - c3:.2f} s)"),
            ("archive import total", f"{(t1 - t0) + (t4 - t2):.2f} s (CPU {(c1 - c0) + (c4 - c2):.2f} s)"),
            (
                "import again: read + plan",
                f"{t5 - t4:.2f} s (CPU {c5 - c4:.2f} s), "
                + ("CHANGES" if again.has_changes else "no change"),
            ),
            ("peak traced memory", _mb(peak)),
            ("people added / updated", f"{summary.added:,} / {summary.updated:,}"),
            ("GARDEN: last touches", f"{history[0]:,}"),
            ("ALWAYS-RESPOND: replies due", f"{replies:,} (strangers parked: {strangers:,})"),
            (
                "PERSONAL: sent without a note",
                f"{without} of {len(sent)} ({round(100 * without / max(len(sent), 1))}%)",
            ),
            ("PERSONAL: pending, no note", f"{pending_without} ({proposals} notes proposed)"),
        ]


def main() -> int:
    print(f"import a LinkedIn archive with a {_mb(MESSAGES_BYTES)} messages.csv into {KNOWN:,} people")
    for measure, value in run():
        print(f"{measure:<32}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
