"""The contact file formats netplan imports, by name (`netplan import FORMAT FILE`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from netplan.interchange.contacts import ImportFileError, ParsedFile, Progress
from netplan.interchange.linkedin_archive import read_archive
from netplan.interchange.vcard import read_vcards

Reader = Callable[[Path, Progress | None], ParsedFile]
READERS: dict[str, Reader] = {"linkedin": read_archive, "vcard": read_vcards}


def read_contacts(
    file_format: str, path: Path | str, progress: Progress | None = None, *, keep_text: bool = False
) -> ParsedFile:
    """Read a whole contact file; ImportFileError (naming the line or card) if it is malformed.

    ``linkedin`` reads the archive zip, its folder or any one of its CSVs; ``keep_text`` keeps the
    text of the messages and invitation notes that become requests (private: off by default).
    """
    reader = READERS.get(file_format)
    if reader is None:
        raise ImportFileError(path, f"unknown import format {file_format!r}; one of: {', '.join(READERS)}")
    if file_format == "linkedin":
        return read_archive(Path(path), progress, keep_text=keep_text)
    return reader(Path(path), progress)
