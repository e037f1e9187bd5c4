"""vCard files: read 3.0 and 4.0 cards into ImportedContacts, and write people as vCard 4.0.

Reading: the file is streamed line by line, grouped into logical lines exactly as vobject groups them
(a line starting with a space or tab continues the one before), and cut into cards at the logical
BEGIN:VCARD / END:VCARD lines, so every card vobject reads is read; vobject parses each card,
unfolding and unescaping it. PHOTO, LOGO and SOUND properties are dropped before parsing: netplan
ignores them, and dropping them keeps memory and time small for address books full of pictures.
A card that does not parse, text outside a card, or a card without END:VCARD raises ImportFileError
naming the card and line, so nothing is imported (all-or-nothing).

Writing: one card per person, each holding only that person's own addresses (rule PERSONAL: no
export carries several people's addresses in one message); vobject does the escaping and folding,
at a width where no continuation line reads as BEGIN:VCARD or END:VCARD.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vobject
from vobject.base import parseLine

from netplan.interchange.contacts import (
    MAX_CARD_BYTES,
    ImportedContact,
    ImportFileError,
    NumberedLine,
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


@dataclass
class _Logical:
    """One logical line (a content line with its continuation lines), as vobject unfolds them."""

    first: int  # the physical line it starts on
    ignored: bool = False  # PHOTO, LOGO, SOUND: their lines are dropped as they are read
    blank: bool = False
    lines: list[NumberedLine] = field(default_factory=list)  # its physical lines; none when ignored
    head: str = ""  # its unfolded text, up to _HEAD_CHARS characters: enough to tell BEGIN and END
    size: int = 0

    def add(self, line: NumberedLine, piece: str) -> None:
        if len(self.head) < _HEAD_CHARS:
            self.head = (self.head + piece)[:_HEAD_CHARS]
        if not self.ignored:
            self.lines.append(line)
            self.size += len(line.text) + 2

    def marker(self) -> tuple[str, str] | None:
        """("BEGIN", "VCARD") for a BEGIN:VCARD line (any case, a group allowed), ("END", ...)."""
        if self.blank or len(self.head) >= _HEAD_CHARS:
            return None
        try:
            name, _params, value, _group = parseLine(self.head)
        except Exception:  # not a content line: vobject says so when it parses the card
            return None
        return str(name).upper(), str(value).upper()


_HEAD_CHARS = 256


def _logical_lines(path: Path, progress: Progress | None) -> Iterator[_Logical]:
    """The file's logical lines, told apart as vobject does when it reads a card (readOne, which
    unfolds but does not join quoted-printable lines): a line starting with a space or tab continues
    the one before, and after an empty line it starts a new one without that first character. So a
    folded name whose continuation line reads " END:VCARD" never ends a card (issue 14, item 12).
    An empty line ends a logical line and comes as an entry of its own."""
    current: _Logical | None = None
    first = True
    for line in read_lines(path, progress):
        text = line.text
        if not text:
            if current is not None:
                yield current
            current = None
            yield _Logical(line.number, blank=True, lines=[line], size=2)
        elif text[0] in " \t" and not first:
            if current is None:
                current = _Logical(line.number, ignored=_property_name(text[1:]) in _IGNORED_PROPERTIES)
            current.add(line, text[1:])
        else:
            if current is not None:
                yield current
            current = _Logical(line.number, ignored=_property_name(text) in _IGNORED_PROPERTIES)
            current.add(line, text)
        first = False
        if current is not None and current.size > MAX_CARD_BYTES:
            limit = MAX_CARD_BYTES // (1024 * 1024)
            raise ImportFileError(path, f"larger than {limit} MB", where=f"line {current.first}")
    if current is not None:
        yield current


def _cards(path: Path, progress: Progress | None) -> Iterator[_RawCard]:
    card: _RawCard | None = None
    depth = 0
    count = 0
    for logical in _logical_lines(path, progress):
        marker = logical.marker()
        if card is None:
            if logical.blank:
                continue
            if marker != ("BEGIN", "VCARD"):
                found = short(logical.lines[0].text if logical.lines else logical.head, 60)
                where = f"line {logical.first}"
                raise ImportFileError(path, f"expected BEGIN:VCARD, found {found!r}", where=where)
            count += 1
            check_record_count(path, count, f"line {logical.first}")
            card, depth = _RawCard(count, logical.first), 0
        for line in logical.lines:
            card.lines.append(line.text)
            card.line_numbers.append(line.number)
        card.size += logical.size
        if card.size > MAX_CARD_BYTES:
            raise ImportFileError(path, f"larger than {MAX_CARD_BYTES // (1024 * 1024)} MB", where=card.where)
        if marker == ("BEGIN", "VCARD"):
            depth += 1
        elif marker == ("END", "VCARD"):
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
    # RFC 6350 folds lines at 75 octets; a value can then fold so that a continuation line reads
    # " END:VCARD", which a reader that cuts cards at lines (netplan's own before issue 14, item 12)
    # takes for the end of the card. A shorter fold moves the break; vobject folds, we choose where.
    for width in _FOLD_WIDTHS:
        text: str = card.serialize(lineLength=width)
        if not any(_reads_as_a_card_boundary(line) for line in text.split("\r\n")):
            break
    return text


_FOLD_WIDTHS = range(75, 60, -1)  # octets; only a last continuation line of 9 can read as END:VCARD


def _reads_as_a_card_boundary(line: str) -> bool:
    return line[:1] in (" ", "\t") and line.strip().upper() in ("BEGIN:VCARD", "END:VCARD")


def export_vcard(store: Store, path: Path, *, force: bool = False) -> str:
    """Write every named person (not types of person) as vCard 4.0, one card each (0600: an address
    book is private; an existing file only with ``force``)."""
    people = [p for p in store.all(Person) if not p.is_type]
    payload = "".join(person_card(p) for p in people).encode("utf-8")
    write_export(store.path, path, payload, force=force)
    return f"wrote {len(people)} people to {path} as vCard 4.0, one card each"
