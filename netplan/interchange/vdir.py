"""vdir folders (one .ics or .vcf per item, the layout vdirsyncer, khal, todoman and khard share).

The calendar folder `netplan sync` keeps holds netplan's files next to anything else that is in
it. A manifest, ``.netplan-sync.json`` in the folder (a dot file: vdirsyncer, khal and todoman
read only ``*.ics``), names the files netplan wrote, with two SHA-256 digests each:

- ``written``: the bytes as netplan wrote them. A file whose bytes still match was not changed
  elsewhere, so it need not even be parsed;
- ``source``: what the item says (its component without the DTSTAMP line, the one line that says
  when, not what; and the span its VTIMEZONE covers). When what netplan would write now has the
  same source digest and the file is untouched, the file is left alone: a sync with nothing new
  changes no file, and vdirsyncer uploads nothing.

Only files the manifest names are ever removed. A file that cannot be read or parsed is named and
left as it is (never overwritten or removed: it may hold an edit made elsewhere).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from netplan.core.errors import ValidationError
from netplan.interchange.contacts import ImportFileError, ParsedFile, short
from netplan.interchange.vcard import FORMAT as VCARD_FORMAT
from netplan.interchange.vcard import read_vcards
from netplan.store.storage import atomic_write_bytes, ensure_private_dir

MANIFEST_NAME = ".netplan-sync.json"
MANIFEST_FORMAT = 1
_UNSAFE = re.compile(r"[^A-Za-z0-9@._-]")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_digest(data: bytes) -> str:
    """The digest of iCalendar text, leaving out when it was written (its DTSTAMP lines)."""
    return digest(b"\n".join(line for line in data.splitlines() if not line.startswith(b"DTSTAMP:")))


def file_name(uid: str, extension: str = ".ics") -> str:
    """A vdir file name from a UID (characters a file system or a URL might mangle replaced)."""
    return _UNSAFE.sub("_", uid) + extension


@dataclass(frozen=True)
class Skipped:
    """A file left as it is, and why."""

    path: Path
    reason: str

    def line(self) -> str:
        return f"skipped {self.path}: {short(self.reason)}; left as it is"


@dataclass(frozen=True)
class Written:
    """What netplan wrote to one file (the manifest's entry)."""

    source: str
    written: str


@dataclass
class Manifest:
    """The files netplan wrote in a calendar folder, and which data file it keeps them for."""

    seed: str = ""
    files: dict[str, Written] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        files = {name: {"source": w.source, "written": w.written} for name, w in sorted(self.files.items())}
        document = {"format": MANIFEST_FORMAT, "kept_by": "netplan sync", "seed": self.seed, "files": files}
        return orjson.dumps(document, option=orjson.OPT_INDENT_2)


def read_manifest(folder: Path) -> tuple[Manifest, Skipped | None]:
    """The folder's manifest; an empty one if there is none, or (with the reason) if it is broken."""
    path = folder / MANIFEST_NAME
    try:
        document: Any = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return Manifest(), None
    except (OSError, orjson.JSONDecodeError) as exc:
        return Manifest(), Skipped(path, f"cannot be read ({exc}); netplan removes none of its old files")
    try:
        files = {
            str(name): Written(str(entry["source"]), str(entry["written"]))
            for name, entry in document["files"].items()
        }
        return Manifest(str(document.get("seed", "")), files), None
    except (AttributeError, KeyError, TypeError):
        return Manifest(), Skipped(
            path, "is not a netplan sync manifest; netplan removes none of its old files"
        )


def write_manifest(folder: Path, manifest: Manifest) -> None:
    atomic_write_bytes(folder / MANIFEST_NAME, manifest.to_bytes())


def item_files(folder: Path, extension: str) -> list[Path]:
    """The folder's item files (``*.ics`` or ``*.vcf``, not dot files), sorted by name."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise ValidationError(str(folder), f"cannot be read ({exc.strerror or exc})") from None
    found = [
        Path(entry.path)
        for entry in entries
        if entry.name.endswith(extension) and not entry.name.startswith(".") and entry.is_file()
    ]
    return sorted(found)


def write_item(folder: Path, name: str, data: bytes) -> None:
    """Write one item atomically (0600 when new; a folder netplan creates is 0700)."""
    ensure_private_dir(folder)
    atomic_write_bytes(folder / name, data)


def remove_item(folder: Path, name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / name).unlink()


def read_contacts_folder(folder: Path) -> tuple[ParsedFile, list[Skipped]]:
    """Every card of every ``*.vcf`` in ``folder`` (a khard address book, a CardDAV collection
    through vdirsyncer); a file that does not parse is skipped, and named, not the whole folder."""
    parsed = ParsedFile(path=folder, format=VCARD_FORMAT)
    skipped: list[Skipped] = []
    position = 0
    for path in item_files(folder, ".vcf"):
        try:
            one = read_vcards(path)
        except ImportFileError as exc:
            skipped.append(Skipped(path, exc.message))
            continue
        for contact in one.contacts:
            position += 1
            parsed.contacts.append(replace(contact, source=f"{path.name} {contact.source}", line=position))
        for record in one.skipped:
            position += 1
            skipped.append(Skipped(path, record.reason))
    return parsed, skipped
