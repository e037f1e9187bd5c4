"""`netplan import linkedin FILE`: the archive zip, its unpacked folder, or any one of its CSVs.

Each CSV is recognised by its header, not its name: Connections.csv (after its ``Notes:`` preamble),
messages.csv, Invitations.csv, Profile.csv (who "me" is). Everything else in the archive (Positions,
Skills, Rich_Media, ...) is left alone. One exception to "by header": LinkedIn also ships AI
conversations in the messages layout (guide_messages.csv, learning_coach_messages.csv, ...); inside
an archive or folder only the file named messages.csv is read as messages. A single CSV given on its
own is read for what its header says.

The zip is read in place (never extracted); members are streamed like files, with the same limits
(contacts.py). Every file is read and checked whole before anything is planned: a broken row stops
the import naming the file and the line (all or nothing).
"""

from __future__ import annotations

import csv
import io
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from netplan.interchange.contacts import (
    READ_ERRORS,
    FileSource,
    ImportFileError,
    ParsedFile,
    Progress,
    Source,
    read_lines,
)
from netplan.interchange.csv_rows import cell_key, is_blank
from netplan.interchange.linkedin import FORMAT, read_linkedin
from netplan.interchange.linkedin_invitations import (
    ParsedInvitations,
    is_invitations_header,
    is_profile_header,
    read_invitations,
    read_profile_name,
)
from netplan.interchange.linkedin_messages import ParsedMessages, is_messages_header, read_messages

CONNECTIONS, MESSAGES, INVITATIONS, PROFILE = "connections", "messages", "invitations", "profile"
KINDS = (PROFILE, CONNECTIONS, MESSAGES, INVITATIONS)  # the order they are read in
MAX_MEMBER_BYTES = 2 * 1024**3  # a member that claims more is refused before reading (zip bombs)
_SNIFF_ROWS = 8  # the Connections preamble is 3 rows; a header comes within the first few
_FOLDER_DEPTH = 2  # the folder itself and one level below (the zip's top folder, unpacked)


@dataclass(frozen=True)
class ZipMember:
    """One member of an open zip, as a Source (its path names the zip and the member)."""

    archive: zipfile.ZipFile
    info: zipfile.ZipInfo
    zip_path: Path

    @property
    def path(self) -> Path:
        return self.zip_path / self.info.filename

    def size(self) -> int:
        return self.info.file_size

    def open(self) -> IO[bytes]:
        if self.info.file_size > MAX_MEMBER_BYTES:
            raise ImportFileError(self.path, f"larger than {MAX_MEMBER_BYTES // 1024**3} GB unpacked")
        try:
            # ZipExtFile.readline is written in Python; a BufferedReader's is not (3x faster)
            return io.BufferedReader(self.archive.open(self.info), buffer_size=1024 * 1024)  # type: ignore[type-var]
        except (*READ_ERRORS, RuntimeError, NotImplementedError) as exc:  # encrypted, unknown method
            raise ImportFileError(self.path, f"cannot be read from the archive ({exc})") from None


@dataclass
class ParsedHistory:
    """The archive beyond Connections.csv: who "me" is, the conversations, the invitations."""

    path: Path
    me: str = ""  # from Profile.csv; planning infers it from the messages when absent
    messages: ParsedMessages | None = None
    invitations: ParsedInvitations | None = None
    files: list[str] = field(default_factory=list)  # the names of the files read, for the plan


def sniff(source: Source) -> str | None:
    """Which LinkedIn file this is, from its header; None for anything else (never raises)."""
    lines = read_lines(source)
    try:
        reader = csv.reader((line.text + "\n" for line in lines), strict=True, skipinitialspace=True)
        for _, row in zip(range(_SNIFF_ROWS), reader, strict=False):
            if is_blank(row) or cell_key(row[0]) == "notes:" or len([c for c in row if c.strip()]) == 1:
                continue  # blank rows, the Connections preamble ("Notes:", its one-cell notice)
            return _kind(row)
    except (ImportFileError, csv.Error):
        return None
    finally:
        lines.close()
    return None


def _kind(header: list[str]) -> str | None:
    keys = {cell_key(cell) for cell in header}
    if is_messages_header(header):
        return MESSAGES
    if is_invitations_header(header):
        return INVITATIONS
    if is_profile_header(header):
        return PROFILE
    if {"first name", "last name", "connected on"} <= keys:
        return CONNECTIONS
    return None


def _zip_members(archive: zipfile.ZipFile, zip_path: Path) -> list[Source]:
    return [
        ZipMember(archive, info, zip_path)
        for info in archive.infolist()
        if not info.is_dir()
        and info.filename.casefold().endswith(".csv")
        and "__macosx" not in info.filename.casefold()
    ]


def _folder_members(folder: Path) -> list[Source]:
    found: list[Source] = []
    level = [folder]
    for _ in range(_FOLDER_DEPTH):
        below = []
        try:
            for place in level:
                for entry in sorted(place.iterdir()):
                    if entry.is_dir():
                        below.append(entry)
                    elif entry.suffix.casefold() == ".csv" and entry.is_file():
                        found.append(FileSource(entry))
        except OSError as exc:
            raise ImportFileError(folder, f"cannot be read ({exc.strerror or exc})") from None
        level = below
    return found


def _name(source: Source) -> str:
    return source.path.name.casefold()


def _choose(path: Path, members: list[Source], single: bool) -> dict[str, Source]:
    """Each kind's file; two files of one kind in one archive are refused (which one is meant?)."""
    chosen: dict[str, Source] = {}
    for member in members:
        kind = sniff(member)
        if kind is None or (kind == MESSAGES and not single and _name(member) != "messages.csv"):
            continue
        if kind in chosen:
            raise ImportFileError(
                path,
                f"two {kind} files: {chosen[kind].path.name} and {member.path.name}; import one at a time",
            )
        chosen[kind] = member
    return chosen


def read_archive(
    path: Path | str, progress: Progress | None = None, *, keep_text: bool = False
) -> ParsedFile:
    """Read a LinkedIn archive (zip, folder or one CSV) whole; ImportFileError names file and line."""
    path = Path(path)
    with ExitStack() as stack:
        single = False
        if path.is_dir():
            members = _folder_members(path)
        elif _is_zip(path):
            try:
                archive = stack.enter_context(zipfile.ZipFile(path))
            except (*READ_ERRORS, ValueError) as exc:
                raise ImportFileError(path, f"not a readable zip archive ({exc})") from None
            members = _zip_members(archive, path)
        else:
            single, members = True, [FileSource(path)]
        chosen = _choose(path, members, single)
        if single and set(chosen) <= {CONNECTIONS}:
            # Connections.csv alone is a contact list as before (issue 8); a file not recognised
            # goes to the same reader, which says what is wrong with it
            return read_linkedin(path, progress)
        if not chosen.keys() & {CONNECTIONS, MESSAGES, INVITATIONS}:
            raise ImportFileError(
                path, "no LinkedIn Connections.csv, messages.csv or Invitations.csv in it; nothing to import"
            )
        return _read_chosen(path, chosen, progress, keep_text=keep_text)


def _is_zip(path: Path) -> bool:
    try:
        return path.is_file() and zipfile.is_zipfile(path)
    except OSError:
        return False


def _read_chosen(
    path: Path, chosen: dict[str, Source], progress: Progress | None, *, keep_text: bool
) -> ParsedFile:
    total = sum(source.size() for source in chosen.values())
    offset = 0

    def part() -> Progress | None:
        if progress is None:
            return None
        start = offset
        return lambda done, _total: progress(start + done, total)

    history = ParsedHistory(path)
    parsed = ParsedFile(path=path, format=FORMAT, history=history)
    for kind in KINDS:
        source = chosen.get(kind)
        if source is None:
            continue
        if kind == PROFILE:
            history.me = read_profile_name(source, part())
        elif kind == CONNECTIONS:
            _connections_into(parsed, source, part())
        elif kind == MESSAGES:
            history.messages = read_messages(source, part(), keep_text=keep_text)
        else:
            history.invitations = read_invitations(source, part(), keep_text=keep_text)
        history.files.append(source.path.name)
        offset += source.size()
    return parsed


def _connections_into(parsed: ParsedFile, source: Source, progress: Progress | None) -> None:
    """Connections.csv of an archive: its records say which file they come from."""
    connections = read_linkedin(source, progress)
    label = f"{source.path.name} "
    parsed.contacts = [replace(c, source=label + c.source) for c in connections.contacts]
    parsed.skipped = [replace(s, source=label + s.source) for s in connections.skipped]
    parsed.blank_rows = connections.blank_rows
