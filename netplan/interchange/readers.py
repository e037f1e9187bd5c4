"""The contact file formats netplan imports, by name (`netplan import FORMAT FILE`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from netplan.interchange.contacts import ImportFileError, ParsedFile, Progress
from netplan.interchange.linkedin import read_linkedin
from netplan.interchange.vcard import read_vcards

Reader = Callable[[Path, Progress | None], ParsedFile]
READERS: dict[str, Reader] = {"linkedin": read_linkedin, "vcard": read_vcards}


def read_contacts(file_format: str, path: Path | str, progress: Progress | None = None) -> ParsedFile:
    """Read a whole contact file; ImportFileError (naming the line or card) if it is malformed."""
    reader = READERS.get(file_format)
    if reader is None:
        raise ImportFileError(path, f"unknown import format {file_format!r}; one of: {', '.join(READERS)}")
    return reader(Path(path), progress)
