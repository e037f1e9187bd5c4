"""LinkedIn's Invitations.csv (connection requests, both ways) and Profile.csv (who "me" is).

Invitations.csv: ``From,To,Sent At,Message,Direction`` and, since 2023, ``inviterProfileUrl,
inviteeProfileUrl``; ``Sent At`` like ``1/29/26, 2:37 PM``; Direction INCOMING or OUTGOING.
Profile.csv: ``First Name,Last Name,Maiden Name,...,Headline,...``: only the name is read.
Both are read whole and strictly, like the other LinkedIn files (all or nothing, the line named).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from netplan.interchange.contacts import ImportFileError, Progress, Source, check_record_count, short
from netplan.interchange.csv_rows import CsvTable, cell_key
from netplan.interchange.linkedin_dates import archive_moment, unmojibake

INVITATION_COLUMNS = ("From", "To", "Sent At", "Direction")
INVITATION_OPTIONAL = ("Message", "inviterProfileUrl", "inviteeProfileUrl")
DIRECTIONS = ("INCOMING", "OUTGOING")
PROFILE_MARKS = ("Headline", "Maiden Name", "Birth Date", "Geo Location")  # one of them, beside the name
NOTE_TEXT_MAX = 300  # LinkedIn's limit for an invitation note


def _keys(row: list[str]) -> set[str]:
    return {cell_key(cell) for cell in row}


def is_invitations_header(row: list[str]) -> bool:
    return all(cell_key(name) in _keys(row) for name in INVITATION_COLUMNS)


def is_profile_header(row: list[str]) -> bool:
    keys = _keys(row)
    return (
        {"first name", "last name"} <= keys
        and "connected on" not in keys
        and any(cell_key(mark) in keys for mark in PROFILE_MARKS)
    )


@dataclass(frozen=True)
class Invitation:
    """One connection request: the other person (name and URL) and whether a note went with it."""

    line: int
    direction: str  # INCOMING (they invited me) or OUTGOING (I invited them)
    name: str  # the other person
    url: str
    sent_at: datetime
    with_note: bool
    note: str  # the message, read only with --keep-text (it is private)


@dataclass
class ParsedInvitations:
    path: Path
    invitations: list[Invitation] = field(default_factory=list)


def read_invitations(
    source: Path | Source, progress: Progress | None = None, *, keep_text: bool = False
) -> ParsedInvitations:
    """Read Invitations.csv whole; ImportFileError naming the line if it is malformed (all or nothing)."""
    table = CsvTable(source, progress, INVITATION_COLUMNS, "Invitations.csv")
    parsed = ParsedInvitations(table.path)
    for line, row in table:
        where = f"line {line}"
        direction = table.cell(row, "Direction").upper()
        if direction not in DIRECTIONS:
            raise ImportFileError(
                table.path, f"Direction {short(direction, 30)!r} is not INCOMING or OUTGOING", where=where
            )
        sent_at = archive_moment(table.cell(row, "Sent At"))
        if sent_at is None:
            raise ImportFileError(
                table.path,
                f"Sent At {short(table.cell(row, 'Sent At'), 40)!r} is not a date like 1/29/26, 2:37 PM",
                where=where,
            )
        check_record_count(table.path, len(parsed.invitations) + 1, where)
        incoming = direction == "INCOMING"
        name = unmojibake(" ".join(table.cell(row, "From" if incoming else "To").split()))
        url = table.cell(row, "inviterProfileUrl" if incoming else "inviteeProfileUrl")
        note = table.cell(row, "Message")
        kept = short(note, NOTE_TEXT_MAX) if keep_text and note else ""
        parsed.invitations.append(Invitation(line, direction, name, url, sent_at, bool(note), kept))
    return parsed


def read_profile_name(source: Path | Source, progress: Progress | None = None) -> str:
    """The account holder's name from Profile.csv ("" when the file has no row)."""
    table = CsvTable(source, progress, ("First Name", "Last Name"), "Profile.csv")
    for _, row in table:
        name = unmojibake(" ".join(f"{table.cell(row, 'First Name')} {table.cell(row, 'Last Name')}".split()))
        if name:
            return name
    return ""
