"""LinkedIn's Connections.csv: read every layout LinkedIn has shipped into ImportedContacts.

Layouts (issue 8): the current export (a ``Notes:`` line, one quoted notice line and a blank line,
then ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``), the 2020-22 export
(the same preamble, no URL column) and a file with the header on its first line. Columns are found
by name, so their order and extra columns do not matter. "Connected On" (``09 Oct 2024``) becomes
the person's how-we-met context.

The file is read with the csv module in strict mode and checked whole before anything is imported:
a wrong header, broken quoting or a row with the wrong number of fields raises ImportFileError
naming the line (all-or-nothing). Blank rows are skipped and counted; rows without a name are
skipped with a reason.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pendulum

from netplan.interchange.contacts import (
    ImportedContact,
    ImportFileError,
    ParsedFile,
    Progress,
    SkippedRecord,
    Source,
    check_record_count,
    short,
)
from netplan.interchange.csv_rows import CsvRows, cell_key, check_width, is_blank
from netplan.notes.invitation import CONNECTED_ON_LINKEDIN

FORMAT = "linkedin"
REQUIRED_COLUMNS = ("First Name", "Last Name", "Company", "Position", "Connected On")
OPTIONAL_COLUMNS = ("URL", "Email Address")
# csv's own limit is 131,072 characters a field; no LinkedIn field comes near it.
_DATE_FORMATS = ("DD MMM YYYY", "D MMM YYYY", "YYYY-MM-DD")


def connected_on_context(value: str) -> str:
    """The how-we-met line for a "Connected On" value; unknown date formats are kept as written."""
    return _connected_on(" ".join(value.split()))


@functools.lru_cache(maxsize=4096)  # a file holds a few thousand distinct days at most; parsing is slow
def _connected_on(text: str) -> str:
    if not text:
        return CONNECTED_ON_LINKEDIN
    for fmt in _DATE_FORMATS:
        try:
            # pendulum parses month names in English whatever the user's locale is.
            day = pendulum.from_format(text, fmt, locale="en")
        except ValueError:
            continue
        return f"{CONNECTED_ON_LINKEDIN} on {day.date().isoformat()}"
    return f"{CONNECTED_ON_LINKEDIN} ({text})"


def _header_columns(path: Path, line: int, row: list[str]) -> dict[str, int]:
    keys = [cell_key(cell) for cell in row]
    columns: dict[str, int] = {}
    for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS):
        if cell_key(name) in keys:
            columns[name] = keys.index(cell_key(name))
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            path,
            f"not a LinkedIn Connections.csv header: no {', '.join(missing)} column "
            f"(found: {short(','.join(row), 100)})",
            where=f"line {line}",
        )
    return columns


def is_connections_header(row: list[str]) -> bool:
    keys = {cell_key(cell) for cell in row}
    return "first name" in keys and "last name" in keys


def read_linkedin(source: Path | Source, progress: Progress | None = None) -> ParsedFile:
    """Read a LinkedIn Connections.csv whole; raise ImportFileError (naming the line) if malformed."""
    path = source if isinstance(source, Path) else source.path
    parsed = ParsedFile(path=path, format=FORMAT)
    columns: dict[str, int] | None = None
    header_width = 0
    in_preamble = False
    for line, row in CsvRows(source, progress):
        if columns is None:
            if is_blank(row):
                continue
            if is_connections_header(row):
                columns = _header_columns(path, line, row)
                header_width = len(row)
                continue
            # LinkedIn's preamble: "Notes:", then a one-cell notice (it may hold commas, quoted).
            if not in_preamble and cell_key(row[0]) == "notes:" and is_blank(row[1:]):
                in_preamble = True
                continue
            if in_preamble and (len(row) == 1 or is_blank(row[1:])):
                continue
            raise ImportFileError(
                path,
                "not a LinkedIn Connections.csv (nor messages.csv or Invitations.csv): expected the header "
                f"First Name,Last Name,URL,Email Address,Company,Position,Connected On "
                f"(found: {short(','.join(row), 100)})",
                where=f"line {line}",
            )
        if is_blank(row):
            parsed.blank_rows += 1
            continue
        check_width(path, line, row, header_width)
        check_record_count(path, len(parsed.contacts) + len(parsed.skipped) + 1, f"line {line}")
        _add_row(parsed, columns, line, row)
    if columns is None:
        if in_preamble:
            raise ImportFileError(path, "no header line after the Notes: preamble; nothing to import")
        raise ImportFileError(path, "the file has no rows; nothing to import")
    return parsed


def _add_row(parsed: ParsedFile, columns: dict[str, int], line: int, row: list[str]) -> None:
    def cell(name: str) -> str:
        index = columns.get(name)
        return "" if index is None else row[index].strip()

    name = " ".join(part for part in (cell("First Name"), cell("Last Name")) if part)
    source = f"line {line}"
    if not name:
        parsed.skipped.append(SkippedRecord(source, line, "no first or last name"))
        return
    email = cell("Email Address")
    parsed.contacts.append(
        ImportedContact(
            source=source,
            line=line,
            name=name,
            company=cell("Company"),
            role=cell("Position"),
            emails=(email,) if email else (),
            linkedin=cell("URL"),
            how_met=connected_on_context(cell("Connected On")),
        )
    )
