"""LinkedIn's messages.csv: each conversation's newest real message, who wrote it, who took part.

Layouts (columns found by name, any order, extra columns ignored): 9 columns (``CONVERSATION ID,
CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER``), 10 (plus ``RECIPIENT
PROFILE URLS``), 11-12 (plus ``ATTACHMENTS`` and ``IS MESSAGE DRAFT``). DATE is ``2023-06-11 15:33:58
UTC``. Names are sometimes mojibake (``JosÃ©``) and are repaired. CONTENT may span lines.

Not a message for netplan: a draft (``IS MESSAGE DRAFT`` yes, or a DRAFT folder), anything in SPAM, and
a message from someone else with no sender profile URL (sponsored mail, a hidden "LinkedIn Member").

Only what planning needs is kept per conversation (its participants and its newest message), so a
large file costs memory per conversation, not per message. Content is private: it is not kept unless
``keep_text`` is set (rule ALWAYS-RESPOND shows it as what the request is about).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from netplan.interchange.contacts import ImportFileError, Progress, Source, short
from netplan.interchange.csv_rows import CsvTable, cell_key
from netplan.interchange.linkedin_dates import archive_moment, unmojibake

REQUIRED = ("CONVERSATION ID", "FROM", "TO", "DATE")
OPTIONAL = ("SENDER PROFILE URL", "RECIPIENT PROFILE URLS", "CONTENT", "FOLDER", "IS MESSAGE DRAFT")
_URL_SPLIT = re.compile(r"[;,]\s*")
_YES = {"yes", "true", "1", "y"}
KEPT_TEXT_MAX = 500  # characters of a newest message kept with --keep-text


def is_messages_header(row: list[str]) -> bool:
    keys = {cell_key(cell) for cell in row}
    return all(cell_key(name) in keys for name in REQUIRED)


@dataclass(frozen=True)
class Participant:
    """Someone in a conversation: the name as repaired, and the profile URL when the file has it."""

    name: str
    url: str = ""


@dataclass
class Thread:
    """One conversation as planning needs it."""

    conversation: str
    participants: dict[str, Participant] = field(default_factory=dict)  # by name or URL key
    newest: datetime | None = None  # the newest message that is not a draft
    newest_line: int = 0
    newest_from: Participant | None = None
    newest_text: str = ""  # only with keep_text

    def add(self, person: Participant) -> None:
        key = participant_key(person)
        if key and key not in self.participants:
            self.participants[key] = person


def participant_key(person: Participant) -> str:
    if person.url:
        return "url:" + person.url.strip().casefold().rstrip("/")
    name = " ".join(person.name.split()).casefold()
    return "name:" + name if name else ""


@dataclass
class ParsedMessages:
    """What messages.csv holds for netplan: the conversations, and what was left out and why."""

    path: Path
    threads: dict[str, Thread] = field(default_factory=dict)
    messages: int = 0
    drafts: int = 0
    spam: int = 0
    sponsored: int = 0
    # a sender URL -> the name written beside it (recipients in a group carry URLs only)
    names_by_url: dict[str, str] = field(default_factory=dict)


def read_messages(
    source: Path | Source, progress: Progress | None = None, *, keep_text: bool = False
) -> ParsedMessages:
    """Read messages.csv whole; ImportFileError naming the line if it is malformed (all or nothing)."""
    table = CsvTable(source, progress, REQUIRED, "messages.csv")
    parsed = ParsedMessages(table.path)
    columns: dict[str, int | None] = {}
    for line, row in table:
        if not columns:  # the header is read: look each column up once, not once a row
            columns = {name: table.columns.get(cell_key(name)) for name in (*REQUIRED, *OPTIONAL)}
        _add_message(parsed, columns, line, row, keep_text)
    return parsed


def _add_message(
    parsed: ParsedMessages, columns: dict[str, int | None], line: int, row: list[str], keep: bool
) -> None:
    def cell(name: str) -> str:
        index = columns[name]
        return "" if index is None else row[index].strip()

    when = archive_moment(cell("DATE"))
    if when is None:
        raise ImportFileError(
            parsed.path,
            f"DATE {short(cell('DATE'), 40)!r} is not a date like 2023-06-11 15:33:58 UTC",
            where=f"line {line}",
        )
    folder = cell("FOLDER").upper()
    if folder == "SPAM":
        parsed.spam += 1
        return
    sender = Participant(unmojibake(" ".join(cell("FROM").split())), cell("SENDER PROFILE URL"))
    if not sender.url and columns["SENDER PROFILE URL"] is not None:
        # no profile behind it: sponsored mail or a hidden "LinkedIn Member"; never a touch or a reply
        parsed.sponsored += 1
        return
    conversation = cell("CONVERSATION ID")
    thread = parsed.threads.get(conversation)
    if thread is None:
        thread = parsed.threads[conversation] = Thread(conversation)
    if "DRAFT" in folder or cell("IS MESSAGE DRAFT").casefold() in _YES:
        parsed.drafts += 1  # the thread is known: one holding only drafts is counted as such
        return
    if sender.url:
        parsed.names_by_url.setdefault(participant_key(sender), sender.name)
    parsed.messages += 1
    thread.add(sender)
    for person in _recipients(cell("TO"), cell("RECIPIENT PROFILE URLS")):
        thread.add(person)
    if thread.newest is None or (when, line) >= (thread.newest, thread.newest_line):
        thread.newest, thread.newest_line, thread.newest_from = when, line, sender
        thread.newest_text = short(cell("CONTENT"), KEPT_TEXT_MAX) if keep else ""


def _recipients(names: str, urls: str) -> list[Participant]:
    """The TO people. Names are joined with ", " and may hold commas themselves ("Doe, PhD"), so
    only a single recipient URL is paired with the whole TO cell; with several, planning names
    them from the messages they sent (names_by_url)."""
    name = unmojibake(" ".join(names.split()))
    links = [url for url in _URL_SPLIT.split(urls.strip()) if url]
    if not links:
        return [Participant(name)] if name else []
    if len(links) == 1:
        return [Participant(name, links[0])]
    return [Participant("", url) for url in links]
