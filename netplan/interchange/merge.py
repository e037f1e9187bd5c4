"""Merging imported contacts into the people already in netplan: plan first, then apply in one write.

``plan_import(store, parsed)`` decides, for every record of a parsed file, whether it adds a
person, updates one, or is skipped (with the reason), without writing anything: the dry run shows
this plan. ``apply_import(store, plan, progress)`` writes it in ONE transaction (all or nothing).
For a LinkedIn archive (issue 19) the plan also carries its history (linkedin_history.py, on the
same ``Planner``): last touches moved forward, people who wrote added, replies due and invitations,
written in the same transaction after the people they point at.

A person is already present when an imported record has the same LinkedIn URL, or shares an
email address, or has the same normalised name and company (checked in that order). An update
only fills what is empty and adds new addresses and tags: it never overwrites what the user
wrote; a different company or role is reported as a note instead.

Rule SMALL-LIST: imports add to the network, not to the active targets. New people get no goal
links and are parked; people already present keep their goals and parked state.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from netplan.core import moments
from netplan.core import validate as v
from netplan.core.errors import ValidationError
from netplan.core.text import safe_text
from netplan.interchange.contacts import ImportedContact, ParsedFile, Progress, short
from netplan.interchange.history_plan import HistoryPlan, history_records
from netplan.interchange.identity import email_key, linkedin_key, name_key
from netplan.interchange.linkedin_history import plan_history
from netplan.store.store import Store
from netplan.targets.model import Person

ADD, UPDATE, SKIP = "add", "update", "skip"
TOUCH = "touch"  # an update that only moves the last touch (listed with the touches, not the people)
FieldNames = list[str] | None  # the fields an update fills in
BATCH = 1_000  # records per store call while applying (and per progress report)


def _addresses(person: Person) -> list[str]:
    return [a for a in (person.email, *person.emails) if a]


# the plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedChange:
    """What importing one record will do: add, update or skip a person, and why."""

    action: str  # ADD, UPDATE or SKIP
    source: str  # where in the file: "line 12", "card 3 (line 40)"
    name: str
    reason: str
    person: Person | None = None  # the record to write (an update carries the stored id)
    changed: tuple[str, ...] = ()  # fields an update fills in
    notes: tuple[str, ...] = ()  # values left out or kept as they were

    def describe(self) -> str:
        """One line for the dry run, safe to print (the name comes from the file)."""
        company = f" ({self.person.company})" if self.person and self.person.company else ""
        detail = self.reason
        if self.changed:
            detail += f"; fills in {', '.join(self.changed)}"
        if self.notes:
            detail += "; " + "; ".join(self.notes)
        name = self.name or "(no name)"
        return safe_text(f"{self.action:<6} {self.source}: {name}{company}: {detail}")


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (or, for a dry run, would do)."""

    path: Path
    format: str
    added: int
    updated: int
    skipped: int  # records skipped, blank rows included
    blank_rows: int
    dry_run: bool
    history: tuple[int, int, int] | None = None  # last touches, replies due, invitations (archives)

    def line(self) -> str:
        plural = "s" if self.blank_rows != 1 else ""
        blanks = f" ({self.blank_rows} blank row{plural})" if self.blank_rows else ""
        counts = f"{self.added} added, {self.updated} updated, {self.skipped} skipped{blanks}"
        if self.history is not None:
            touches, replies, invitations = self.history
            counts += f"; {touches} last touches, {replies} replies due, {invitations} invitations"
        if self.dry_run:
            return safe_text(f"dry run of {self.path}: would be {counts}; nothing was written")
        return safe_text(f"imported {self.path}: {counts}")


@dataclass(frozen=True)
class ImportPlan:
    """Every record of a parsed file with its planned change; nothing has been written."""

    parsed: ParsedFile
    changes: tuple[PlannedChange, ...]
    store_path: Path
    store_writes: int  # the store's write count when planned: apply re-plans if it moved
    history: HistoryPlan | None = None  # an archive's touches, replies due and invitations

    def of(self, action: str) -> list[PlannedChange]:
        return [change for change in self.changes if change.action == action]

    @property
    def added(self) -> list[PlannedChange]:
        return self.of(ADD)

    @property
    def updated(self) -> list[PlannedChange]:
        return self.of(UPDATE)

    @property
    def skipped(self) -> list[PlannedChange]:
        return self.of(SKIP)

    def summary(self, *, dry_run: bool) -> ImportSummary:
        return ImportSummary(
            path=self.parsed.path,
            format=self.parsed.format,
            added=len(self.added),
            updated=len(self.updated),
            skipped=len(self.skipped) + self.parsed.blank_rows,
            blank_rows=self.parsed.blank_rows,
            dry_run=dry_run,
            history=(
                None
                if self.history is None
                else (len(self.history.touches), len(self.history.replies), len(self.history.invitations))
            ),
        )

    @property
    def has_changes(self) -> bool:
        """Anything to write: people added or updated, or an archive's touches, replies, invitations."""
        return any(change.action != SKIP for change in self.changes) or bool(
            self.history and self.history.changes
        )

    def describe(self) -> list[str]:
        """The dry run: one line per record, then the blank rows, then the archive's history."""
        lines = [change.describe() for change in self.changes if change.action != TOUCH]
        if self.parsed.blank_rows:
            lines.append(f"skip   {self.parsed.blank_rows} blank row(s)")
        if self.history is not None:
            lines += self.history.describe()
        return lines


# planning ----------------------------------------------------------------------------------


@dataclass
class Slot:
    """A person as the plan stands: stored (id > 0) or to be added, and the change made to it."""

    person: Person
    change: int | None = None  # index of this import's add/update of it (in Planner.drafts)
    connection: bool = False  # read from Connections.csv in this import


class _Index:
    def __init__(self) -> None:
        self.by_url: dict[str, Slot] = {}
        self.by_email: dict[str, Slot] = {}
        self.by_name: dict[tuple[str, str], Slot] = {}
        self.by_plain_name: dict[str, list[Slot]] = {}

    def add(self, slot: Slot) -> None:
        person = slot.person
        if person.linkedin:
            self.by_url.setdefault(linkedin_key(person.linkedin), slot)
        for address in _addresses(person):
            self.by_email.setdefault(email_key(address), slot)
        self.by_name.setdefault((name_key(person.name), name_key(person.company)), slot)
        same_name = self.by_plain_name.setdefault(name_key(person.name), [])
        if not any(other is slot for other in same_name):
            same_name.append(slot)

    def find(self, contact: ImportedContact) -> tuple[Slot, str] | None:
        if contact.linkedin and (slot := self.by_url.get(linkedin_key(contact.linkedin))):
            return slot, "same LinkedIn URL"
        for address in contact.emails:
            if slot := self.by_email.get(email_key(address)):
                return slot, "same email address"
        if slot := self.by_name.get((name_key(contact.name), name_key(contact.company))):
            return slot, "same name and company"
        return None


def _clean(contact: ImportedContact) -> tuple[ImportedContact, list[str]]:
    """The contact with each value the model refuses left out, and a note for each.

    A name the model refuses raises ValidationError: the caller skips the record.
    """
    notes: list[str] = []
    name = v.required("name", contact.name)
    kept: dict[str, str] = {}
    for label in ("company", "role"):
        try:
            kept[label] = v.optional(label, getattr(contact, label), max_len=v.NAME_MAX)
        except ValidationError as exc:
            notes.append(f"left out the {label} ({exc.message})")
            kept[label] = ""
    try:
        linkedin = v.url("linkedin", contact.linkedin)
    except ValidationError:
        notes.append(f"left out the LinkedIn URL {short(contact.linkedin, 40)!r} (not a web address)")
        linkedin = ""
    emails = []
    for address in contact.emails:
        try:
            emails.append(v.email("email", address))
        except ValidationError:
            notes.append(f"left out {short(address, 40)!r} (not an email address)")
    tags = []
    for tag in contact.tags:
        try:
            tags.append(v.optional("tags", tag, max_len=60))
        except ValidationError:
            notes.append(f"left out a tag longer than 60 characters ({short(tag, 20)!r})")
    clean = replace(
        contact,
        name=name,
        company=kept["company"],
        role=kept["role"],
        linkedin=linkedin,
        emails=tuple(emails),
        tags=tuple(t for t in tags if t),
        how_met=v.optional("how_met", contact.how_met),
    )
    return clean, notes


def _new_person(contact: ImportedContact) -> Person:
    # rule SMALL-LIST: network, not an active target: no goal links, parked.
    return Person(
        name=contact.name,
        company=contact.company,
        role=contact.role,
        email=contact.emails[0] if contact.emails else "",
        emails=list(contact.emails[1:]),
        linkedin=contact.linkedin,
        how_met=contact.how_met,
        tags=list(contact.tags),
        parked=True,
    )


def _merged(person: Person, contact: ImportedContact) -> tuple[Person, list[str], list[str]]:
    """Fill what is empty, add new addresses and tags; returns (person, fields changed, notes)."""
    changes: dict[str, object] = {}
    notes: list[str] = []
    for field_name in ("company", "role", "linkedin", "how_met"):
        mine, theirs = getattr(person, field_name), getattr(contact, field_name)
        if theirs and not mine:
            changes[field_name] = theirs
        elif theirs and mine and field_name in ("company", "role") and name_key(mine) != name_key(theirs):
            notes.append(f"{field_name} stays {short(mine, 40)!r} (the file says {short(theirs, 40)!r})")
    known = {email_key(a) for a in _addresses(person)}
    new_addresses = [a for a in contact.emails if email_key(a) not in known]
    if new_addresses:
        if not person.email:
            changes["email"] = new_addresses.pop(0)
        if new_addresses:
            changes["emails"] = [*person.emails, *new_addresses]
    new_tags = [t for t in contact.tags if t not in person.tags]
    if new_tags:
        changes["tags"] = [*person.tags, *new_tags]
    return replace(person, **changes), list(changes), notes  # type: ignore[arg-type]


@dataclass
class _Draft:
    action: str
    source: str
    line: int
    name: str
    reason: str
    slot: Slot | None = None
    changed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rank: int = 0  # which file: the plan lists Connections, then messages, then invitations


class Planner:
    """The people of the store and of the import as the plan stands, and each record's change.

    plan_import feeds it the contacts; an archive's history (linkedin_history.py) then finds
    message senders in it, adds the strangers who wrote, and moves last touches forward.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.index = _Index()
        for person in store.all(Person):
            if not person.is_type:  # a *type* of person is not someone an address book knows
                self.index.add(Slot(person))
        self.drafts: list[_Draft] = []

    def add_contact(
        self, contact: ImportedContact, *, rank: int = 0, connection: bool = False, why_new: str = ""
    ) -> Slot | None:
        """Plan one record: add, update (fill in what is empty) or skip; the person's slot, if any."""
        try:
            clean, notes = _clean(contact)
        except ValidationError as exc:
            name = short(contact.name, 60)
            self.drafts.append(
                _Draft(SKIP, contact.source, contact.line, name, f"{exc.field} {exc.message}", rank=rank)
            )
            return None
        draft = _plan_one(self.index, clean, notes, self.drafts)
        draft.rank = rank
        if draft.action == ADD and why_new:
            draft.reason = why_new
        self.drafts.append(draft)
        slot = draft.slot or (self.index.find(clean) or (None, ""))[0]
        if slot is not None and connection:
            slot.connection = True
        return slot

    def find(self, name: str, url: str) -> Slot | None:
        """A message sender: by profile URL, else by name when exactly one person has it."""
        if url and (slot := self.index.by_url.get(linkedin_key(url))):
            return slot
        same_name = self.index.by_plain_name.get(name_key(name), []) if name.strip() else []
        return same_name[0] if len(same_name) == 1 else None

    def touch(self, slot: Slot, when: str, source: str, line: int, rank: int) -> tuple[bool, str | None]:
        """rule GARDEN: move the last touch forward to ``when``, never back.

        Returns whether it moved, and the last touch before (None if never touched).
        """
        was = slot.person.last_touch
        if was and moments.parse(was) >= moments.parse(when):
            return False, was
        slot.person = replace(slot.person, last_touch=when)
        if slot.change is not None:
            draft = self.drafts[slot.change]
            if draft.action == UPDATE and "last_touch" not in draft.changed:
                draft.changed.append("last_touch")
        else:
            slot.change = len(self.drafts)
            label = f"#{slot.person.id} {slot.person.name}"
            reason = f"last touch of {label}"
            self.drafts.append(_Draft(TOUCH, source, line, slot.person.name, reason, slot, rank=rank))
        return True, was

    def freeze(self, parsed: ParsedFile) -> tuple[tuple[PlannedChange, ...], dict[int, int]]:
        """The changes in file order, and where each draft went (draft index -> change index)."""
        order = sorted(range(len(self.drafts)), key=lambda i: (self.drafts[i].rank, self.drafts[i].line))
        changes = tuple(_freeze(self.drafts[i]) for i in order)
        return changes, {draft: position for position, draft in enumerate(order)}


def plan_import(store: Store, parsed: ParsedFile) -> ImportPlan:
    """Decide what importing ``parsed`` into ``store`` does, record by record; writes nothing."""
    planner = Planner(store)
    planner.drafts = [_Draft(SKIP, skip.source, skip.line, "", skip.reason) for skip in parsed.skipped]
    for contact in parsed.contacts:
        planner.add_contact(contact, connection=parsed.history is not None)
    # an archive: its messages and invitations add touches, newcomers and records to the plan
    history = plan_history(planner, parsed.history) if parsed.history is not None else None
    changes, where = planner.freeze(parsed)
    return ImportPlan(
        parsed=parsed,
        changes=changes,
        store_path=store.path,
        store_writes=store.writes,
        history=history.finish(where) if history is not None else None,
    )


def _plan_one(index: _Index, contact: ImportedContact, notes: list[str], drafts: list[_Draft]) -> _Draft:
    def draft(action: str, reason: str, slot: Slot | None = None, changed: FieldNames = None) -> _Draft:
        return _Draft(action, contact.source, contact.line, contact.name, reason, slot, changed or [], notes)

    found = index.find(contact)
    if found is None:
        slot = Slot(_new_person(contact), change=len(drafts))
        index.add(slot)
        return draft(ADD, "new to netplan", slot)
    slot, why = found
    person, changed, merge_notes = _merged(slot.person, contact)
    notes = [*notes, *merge_notes]
    if slot.change is not None:
        # The same person twice in one file: one record, the later row merged into the earlier.
        earlier = drafts[slot.change]
        slot.person = person
        if earlier.action in (UPDATE, TOUCH):
            earlier.action = UPDATE
            earlier.changed.extend(name for name in changed if name not in earlier.changed)
        index.add(slot)
        return draft(SKIP, f"{why} as {earlier.source}; merged into it")
    label = f"#{slot.person.id} {slot.person.name}"
    if not changed:
        return draft(SKIP, f"already in netplan ({why} as {label}); nothing new")
    slot.person, slot.change = person, len(drafts)
    index.add(slot)
    return draft(UPDATE, f"updates {label} ({why})", slot, changed)


def _freeze(draft: _Draft) -> PlannedChange:
    person = draft.slot.person if draft.slot is not None else None
    if person is not None:
        try:
            person = person.validated()
        except ValidationError as exc:  # defensive: _clean leaves out every value the model refuses
            return PlannedChange(SKIP, draft.source, draft.name, f"{exc.field} {exc.message}")
    return PlannedChange(
        draft.action, draft.source, draft.name, draft.reason, person, tuple(draft.changed), tuple(draft.notes)
    )


# applying ----------------------------------------------------------------------------------


def apply_import(store: Store, plan: ImportPlan, progress: Progress | None = None) -> ImportSummary:
    """Write the plan in one transaction (all or nothing); ``progress(done, total)`` per batch.

    Progress starts with ``(0, total)``; the last report comes just before the one file write.
    People are written first (additions get their ids), then an archive's replies due and
    invitations, which point at them.

    If the store was written since the plan was made (or it is another store), the plan is made
    again first, so nothing stale is written.
    """
    if store.writes != plan.store_writes or store.path != plan.store_path:
        plan = plan_import(store, plan.parsed)
    added_at = [i for i, c in enumerate(plan.changes) if c.action == ADD and c.person is not None]
    additions = [c.person for c in plan.changes if c.action == ADD and c.person is not None]
    updates = [c.person for c in plan.changes if c.action in (UPDATE, TOUCH) and c.person is not None]
    history = plan.history
    records = len(history.replies) + len(history.invitations) if history else 0
    total, done = len(additions) + len(updates) + records, 0
    if progress is not None:
        progress(0, total)
    with store.transaction():
        added_ids: dict[int, int] = {}
        for start in range(0, len(additions), BATCH):
            saved = store.insert_many(additions[start : start + BATCH])
            added_ids.update(zip(added_at[start : start + BATCH], (p.id for p in saved), strict=True))
            done += len(saved)
            if progress is not None:
                progress(done, total)
        for start in range(0, len(updates), BATCH):
            batch = updates[start : start + BATCH]
            store.update_many(batch)
            done += len(batch)
            if progress is not None:
                progress(done, total)
        if history is not None:
            replies, invitations, accepted = history_records(history, added_ids)
            store.insert_many(replies)
            store.insert_many(invitations)
            store.update_many(accepted)
            if progress is not None:
                progress(total, total)
    return plan.summary(dry_run=False)
