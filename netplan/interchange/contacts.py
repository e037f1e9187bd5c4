"""What the contact importers share: the record they read, the file error, and a careful line reader.

Importers (linkedin.py, vcard.py) read a file into a ``ParsedFile`` of ``ImportedContact`` before
anything touches the data file, so a malformed file imports nothing (DESIGN.md, Bad input: imports
are all-or-nothing with the line or card that failed). The only exception they let out is
``ImportFileError``: a ValidationError, so the CLI prints one line and exits 1.

Large files are streamed line by line (never read whole), with three limits that keep memory
bounded whatever the file holds: a physical line of at most MAX_LINE_BYTES, at most MAX_RECORDS
records, and (for the vCard reader) at most MAX_CARD_BYTES per card.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, Protocol

from netplan.core.errors import ValidationError
from netplan.core.text import short

if TYPE_CHECKING:
    from netplan.interchange.linkedin_archive import ParsedHistory

# LinkedIn allows at most 30,000 connections; 50,000 leaves room for a merged address book
# while keeping an import (and the data file it grows) a size the planner handles well.
MAX_RECORDS = 50_000
MAX_LINE_BYTES = 8 * 1024 * 1024
MAX_CARD_BYTES = 16 * 1024 * 1024
# What reading a file or a zip member may raise: a disk error, a damaged or truncated archive.
READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error)

# progress(done, total): bytes read of the file while reading, records written while applying.
Progress = Callable[[int, int], None]


class InterchangeFileError(ValidationError):
    """A file to import or restore is unusable; the message names the file and the line or card.

    It is a ValidationError, so the CLI reports it on one line and exits 1; nothing was written.
    """

    def __init__(self, path: Path | str, message: str, *, where: str = "") -> None:
        self.path = Path(path)
        self.where = where
        super().__init__(f"{path}{' ' + where if where else ''}", short(message, 400))


class ImportFileError(InterchangeFileError):
    """A LinkedIn or vCard file that cannot be imported; nothing was imported."""


@dataclass(frozen=True)
class ImportedContact:
    """One person as read from a file, before merging; ``source`` says where ("line 12", "card 3")."""

    source: str
    line: int  # where the record starts, for ordering the plan like the file
    name: str
    company: str = ""
    role: str = ""
    emails: tuple[str, ...] = ()  # the preferred address first
    linkedin: str = ""
    how_met: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkippedRecord:
    """A record the reader could not turn into a contact (say, no name), and why."""

    source: str
    line: int
    reason: str


@dataclass
class ParsedFile:
    """A whole file read and checked: its contacts, what was skipped, and how many blank rows."""

    path: Path
    format: str  # "linkedin" or "vcard"
    contacts: list[ImportedContact] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)
    blank_rows: int = 0
    history: ParsedHistory | None = None  # a LinkedIn archive's messages and invitations


@dataclass
class NumberedLine:
    """A physical line of the file (line ending removed), with its 1-based number."""

    number: int
    text: str
    ending: str  # "\r\n", "\n" or "" (last line without a newline)


class Source(Protocol):
    """Something to read lines from: a file, or one member of an archive (linkedin_archive.py).

    ``path`` is what errors name ("export.zip/messages.csv"); ``open`` may raise ImportFileError.
    """

    @property
    def path(self) -> Path: ...

    def size(self) -> int: ...

    def open(self) -> IO[bytes]: ...


@dataclass(frozen=True)
class FileSource:
    """A file on disk as a Source."""

    path: Path

    def size(self) -> int:
        return file_size(self.path)

    def open(self) -> BinaryIO:
        return _open(self.path)


def _open(path: Path) -> BinaryIO:
    try:
        if path.is_dir():
            raise ImportFileError(path, "is a folder, not a file")
        return path.open("rb")
    except FileNotFoundError:
        raise ImportFileError(path, "no such file") from None
    except PermissionError:
        raise ImportFileError(path, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise ImportFileError(path, f"cannot be read ({exc.strerror or exc})") from None


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_lines(
    source: Path | Source, progress: Progress | None = None
) -> Generator[NumberedLine, None, None]:
    """Yield the file's lines as text: UTF-8 with or without BOM, CRLF or LF.

    Raises ImportFileError for an empty file, a binary file (NUL bytes), bytes that are not UTF-8,
    or a line longer than MAX_LINE_BYTES, naming the line.
    """
    if isinstance(source, Path):
        source = FileSource(source)
    path = source.path
    total = source.size()
    done = 0
    with source.open() as handle:
        number = 0
        while True:
            try:
                raw = handle.readline(MAX_LINE_BYTES + 1)
            except READ_ERRORS as exc:  # a disk error, or a damaged archive member
                reason = getattr(exc, "strerror", None) or exc
                where = f"line {number + 1}"
                raise ImportFileError(path, f"cannot be read ({reason})", where=where) from None
            if not raw:
                break
            number += 1
            done += len(raw)
            where = f"line {number}"
            if b"\x00" in raw:
                raise ImportFileError(path, "binary data (a NUL byte): not a text file", where=where)
            if len(raw) > MAX_LINE_BYTES:
                raise ImportFileError(path, f"longer than {MAX_LINE_BYTES // (1024 * 1024)} MB", where=where)
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ImportFileError(path, f"not UTF-8 text (byte {exc.start + 1})", where=where) from None
            body = text.rstrip("\r\n")
            yield NumberedLine(number, body, text[len(body) :])
            if progress is not None and number % 512 == 0:
                progress(done, total)
        if number == 0:
            raise ImportFileError(path, "the file is empty; nothing to import")
    if progress is not None:
        progress(total, total)


def check_record_count(path: Path, count: int, where: str) -> None:
    """Refuse the record that would make ``count`` exceed MAX_RECORDS (it keeps memory bounded)."""
    if count > MAX_RECORDS:
        raise ImportFileError(
            path, f"more than {MAX_RECORDS:,} records; split the file and import the parts", where=where
        )
