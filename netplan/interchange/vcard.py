"""vCard files: read 3.0 and 4.0 cards into ImportedContacts, and write people as vCard 4.0.

Reading: the file is streamed line by line and cut into cards at the BEGIN:VCARD / END:VCARD lines
(these can never be continuation lines, which start with a space or tab); vobject parses each card,
unfolding and unescaping it. PHOTO, LOGO and SOUND properties are dropped before parsing: netplan
ignores them, and dropping them keeps memory and time small for address books full of pictures.
A card that does not parse, text outside a card, or a card without END:VCARD raises ImportFileError
naming the card and line, so nothing is imported (all-or-nothing).

Writing: one card per person, each holding only that person's own addresses (rule PERSONAL: no
export carries several people's addresses in one message); vobject does the escaping and folding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vobject

from netplan.interchange.contacts import (
    MAX_CARD_BYTES,
    ImportedContact,
    ImportFileError,
    ParsedFile,
    Progress,
    SkippedRecord,
    check_record_count,
    read_lines,
    short,
)
from netplan.store.exports import write_export
from netplan.store.store import Store
from netplan.targets.model import Person

FORMAT = "vcard"
_IGNORED_PROPERTIES = frozenset({"photo", "logo", "sound"})
_NAME_PARTS = ("prefix", "given", "additional", "family", "suffix")  # N, in reading order
_NOT_PREFERRED = 101  # vCard 4.0 PREF runs from 1 (most preferred) to 100


@dataclass
class _RawCard:
    number: int  # 1-based position in the file
    start: int  # line of BEGIN:VCARD
    lines: list[str] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)  # physical line of each kept line
    size: int = 0

    @property
    def where(self) -> str:
        return f"card {self.number} (line {self.start})"


def _property_name(line: str) -> str:
    head = line.split(":", 1)[0].split(";", 1)[0]
    return head.rsplit(".", 1)[-1].strip().casefold()  # "item1.PHOTO" -> "photo"


def _cards(path: Path, progress: Progress | None) -> Iterator[_RawCard]:
    card: _RawCard | None = None
    depth = 0
    skipping = False  # inside an ignored property's continuation lines
    count = 0
    for line in read_lines(path, progress):
        marker = line.text.strip().upper()
        if card is None:
            if not marker:
                continue
            if marker != "BEGIN:VCARD":
                raise ImportFileError(
                    path, f"expected BEGIN:VCARD, found {short(line.text, 60)!r}", where=f"line {line.number}"
                )
            count += 1
            check_record_count(path, count, f"line {line.number}")
            card, depth = _RawCard(count, line.number), 0
        if line.text[:1] in (" ", "\t"):
            if skipping:
                continue
        else:
            skipping = _property_name(line.text) in _IGNORED_PROPERTIES
            if skipping:
                continue
        card.lines.append(line.text)
        card.line_numbers.append(line.number)
        card.size += len(line.text) + 2
        if card.size > MAX_CARD_BYTES:
            raise ImportFileError(path, f"larger than {MAX_CARD_BYTES // (1024 * 1024)} MB", where=card.where)
        if marker == "BEGIN:VCARD":
            depth += 1
        elif marker == "END:VCARD":
            depth -= 1
            if depth == 0:
                yield card
                card = None
    if card is not None:
        raise ImportFileError(path, "no END:VCARD before the end of the file", where=card.where)


def _failed_line(card: _RawCard, message: str) -> int | None:
    """The physical line vobject could not parse (its own line numbers are unreliable)."""
    prefix = "Failed to parse line: "
    if not message.startswith(prefix):
        return None
    logical = message[len(prefix) :]
    for text, number in zip(card.lines, card.line_numbers, strict=True):
        if text and logical.startswith(text):
            return number
    return None


def _parse(path: Path, card: _RawCard) -> Any:
    try:
        return vobject.readOne("\r\n".join(card.lines) + "\r\n")
    except Exception as exc:  # vobject raises ParseError and, on odd input, assorted others
        reason = str(getattr(exc, "msg", "") or exc or type(exc).__name__)
        line = _failed_line(card, reason)
        where = card.where if line is None else f"card {card.number} (line {line})"
        raise ImportFileError(path, f"the card does not parse: {reason}", where=where) from None


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_text(part) for part in value if _text(part))
    return " ".join(str(value).split()) if value is not None else ""


def _values(component: Any, name: str) -> list[Any]:
    return list(component.contents.get(name, []))


def _first_text(component: Any, name: str) -> str:
    for prop in _values(component, name):
        text = _text(prop.value)
        if text:
            return text
    return ""


def _name(component: Any) -> str:
    full_name = _first_text(component, "fn")
    if full_name:
        return full_name
    for prop in _values(component, "n"):
        parts = [getattr(prop.value, part, "") for part in _NAME_PARTS]
        text = _text(parts)
        if text:
            return text
    return ""


def _preference(prop: Any) -> int:
    """Lower is more preferred: vCard 4.0 PREF=1..100, vCard 3.0 TYPE=PREF, else last."""
    params = {key.upper(): value for key, value in prop.params.items()}
    ranks = [int(p) for p in params.get("PREF", []) if str(p).isdigit()]
    if ranks:
        return min(ranks)
    types = {str(t).upper() for value in params.get("TYPE", []) for t in str(value).split(",")}
    return 0 if "PREF" in types else _NOT_PREFERRED


def _emails(component: Any) -> tuple[str, ...]:
    props = sorted(_values(component, "email"), key=_preference)  # stable: file order otherwise
    seen: dict[str, str] = {}
    for prop in props:
        address = _text(prop.value)
        if address:
            seen.setdefault(address.casefold(), address)
    return tuple(seen.values())


def _company(component: Any) -> str:
    for prop in _values(component, "org"):
        parts = prop.value if isinstance(prop.value, list) else [prop.value]
        for part in parts:  # ORG:Company;Department;... -> the company
            if _text(part):
                return _text(part)
    return ""


def _tags(component: Any) -> tuple[str, ...]:
    tags: dict[str, None] = {}
    for prop in _values(component, "categories"):
        values = prop.value if isinstance(prop.value, list) else [prop.value]
        for value in values:
            # Thunderbird escapes the commas between its categories ("a\, b"): one text that
            # means several; a tag cannot hold a comma anyway, so split on it.
            for tag in str(value).split(","):
                if tag.strip():
                    tags.setdefault(tag.strip(), None)
    return tuple(tags)


def _linkedin(component: Any) -> str:
    for name in ("url", "x-socialprofile"):
        for prop in _values(component, name):
            text = _text(prop.value)
            if "linkedin.com/" in text.casefold():
                return text
    return ""


def _contact(path: Path, card: _RawCard, parsed: ParsedFile) -> None:
    component = _parse(path, card)
    try:
        name = _name(component)
        contact = ImportedContact(
            source=card.where,
            line=card.start,
            name=name,
            company=_company(component),
            role=_first_text(component, "title"),
            emails=_emails(component),
            linkedin=_linkedin(component),
            tags=_tags(component),
        )
    except Exception as exc:  # a value vobject could not transform; never a traceback
        raise ImportFileError(path, f"the card cannot be read: {exc}", where=card.where) from None
    if not name:
        parsed.skipped.append(SkippedRecord(card.where, card.start, "no name (neither FN nor N)"))
    else:
        parsed.contacts.append(contact)


def read_vcards(path: Path | str, progress: Progress | None = None) -> ParsedFile:
    """Read every card of a .vcf file; raise ImportFileError (naming the card) if any is malformed."""
    path = Path(path)
    parsed = ParsedFile(path=path, format=FORMAT)
    for card in _cards(path, progress):
        _contact(path, card, parsed)
    if not parsed.contacts and not parsed.skipped:
        raise ImportFileError(path, "no BEGIN:VCARD in the file; nothing to import")
    return parsed


# export ------------------------------------------------------------------------------------


def person_card(person: Person) -> str:
    """One vCard 4.0 for one person, with only that person's addresses (rule PERSONAL)."""
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("fn").value = person.name
    if person.company:
        card.add("org").value = [person.company]
    if person.role:
        card.add("title").value = person.role
    addresses = [a for a in dict.fromkeys([person.email, *person.emails]) if a]
    for rank, address in enumerate(addresses, start=1):
        prop = card.add("email")
        prop.value = address
        prop.params["PREF"] = [str(min(rank, 100))]
    if person.linkedin:
        card.add("url").value = person.linkedin
    if person.tags:
        card.add("categories").value = list(person.tags)
    if person.how_met:
        card.add("note").value = person.how_met
    text: str = card.serialize()
    return text


def export_vcard(store: Store, path: Path, *, force: bool = False) -> str:
    """Write every named person (not types of person) as vCard 4.0, one card each (0600: an address
    book is private; an existing file only with ``force``)."""
    people = [p for p in store.all(Person) if not p.is_type]
    payload = "".join(person_card(p) for p in people).encode("utf-8")
    write_export(store.path, path, payload, force=force)
    return f"wrote {len(people)} people to {path} as vCard 4.0, one card each"
