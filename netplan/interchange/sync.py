"""`netplan sync`: the calendar folder out, completed to-dos and contacts in, in one transaction.

``plan_sync`` reads both folders and decides everything without writing: which items completed
to-dos close, what the contacts add or update (the vCard import's merge rules, merge.py: new cards
add parked people, changed cards fill in what is empty, nothing is deleted), which calendar files to
write or remove (vdir.py). The dry run prints that plan. ``apply_sync`` then makes the data changes
in ONE transaction, and only after it is on disk writes the files (so a closed promise is never
shown closed in the folder while the data file still has it open).

Rules: rule FOLLOW-THROUGH (a promise kept on the phone is kept in netplan), rule SMALL-LIST
(contacts join the network parked, not the active targets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from icalendar import Calendar

from netplan.core import moments
from netplan.core.errors import ValidationError
from netplan.interchange.contacts import short
from netplan.interchange.ics import calendar_entries, calendar_of, item_uid, uid_seed, utc_stamp
from netplan.interchange.merge import ImportPlan, apply_import, plan_import
from netplan.interchange.todos import (
    CalendarTodo,
    as_closed,
    calendar_todos,
    close,
    completion,
    shown,
    with_promises_closed,
)
from netplan.interchange.vdir import (
    Manifest,
    Skipped,
    Written,
    digest,
    file_name,
    item_files,
    read_contacts_folder,
    read_manifest,
    remove_item,
    source_digest,
    write_item,
    write_manifest,
)
from netplan.store.settings import SYNC_STATE_SETTING
from netplan.store.store import Store

WRITE, REMOVE = "write", "remove"


@dataclass(frozen=True)
class Closing:
    """A to-do completed elsewhere that closes a netplan item."""

    todo: CalendarTodo
    at: datetime
    file: str

    def line(self) -> str:
        return f"closed {self.todo.ref.describe()} ({self.todo.summary}): completed in {self.file}"


@dataclass(frozen=True)
class FileChange:
    action: str  # WRITE or REMOVE
    name: str
    data: bytes = b""


@dataclass
class SyncPlan:
    """Everything a sync will do; nothing has been written."""

    calendar: Path | None
    contacts: Path | None
    closings: list[Closing] = field(default_factory=list)
    contacts_plan: ImportPlan | None = None
    changes: list[FileChange] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    manifest: Manifest | None = None  # the calendar folder's manifest after the sync
    manifest_changed: bool = False

    @property
    def counts(self) -> dict[str, int]:
        contacts = self.contacts_plan
        return {
            "closed": len(self.closings),
            "added": len(contacts.added) if contacts else 0,
            "updated": len(contacts.updated) if contacts else 0,
            "written": sum(1 for change in self.changes if change.action == WRITE),
            "removed": sum(1 for change in self.changes if change.action == REMOVE),
            "skipped": len(self.skipped),
        }

    @property
    def changes_data(self) -> bool:
        counts = self.counts
        return bool(counts["closed"] or counts["added"] or counts["updated"])

    @property
    def changes_anything(self) -> bool:
        return self.changes_data or bool(self.changes) or self.manifest_changed

    def lines(self, *, dry_run: bool) -> list[str]:
        """What the sync does (or, dry, would do), one line each; safe to print."""
        lines = [closing.line() for closing in self.closings]
        if self.contacts_plan is not None:
            if dry_run:
                lines += [
                    change.describe() for change in self.contacts_plan.changes if change.action != "skip"
                ]
            counts = self.counts
            cards = len(self.contacts_plan.changes)
            lines.append(
                f"contacts {self.contacts}: {counts['added']} added, {counts['updated']} updated, "
                f"{cards - counts['added'] - counts['updated']} unchanged"
            )
        if self.calendar is not None:
            if dry_run:
                lines += [f"{change.action} {self.calendar / change.name}" for change in self.changes]
            counts = self.counts
            lines.append(
                f"calendar {self.calendar}: {counts['written']} written, {counts['removed']} removed, "
                f"{self.unchanged} unchanged"
            )
        if dry_run:
            lines.append("dry run: nothing was written")
        return [short(line, 400) for line in lines]


def _folder(label: str, folder: Path) -> Path:
    folder = folder.expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise ValidationError(label, f"{folder} is not a folder")
    return folder


def _completed_uids(path: Path, data: bytes, now: datetime) -> dict[str, datetime]:
    """UID -> when, for each completed VTODO in one file (ValueError if it does not parse)."""
    calendar = Calendar.from_ical(data)
    found = {}
    for component in calendar.walk("VTODO"):
        at = completion(component, now)
        if at is not None and component.get("uid"):
            found[str(component["uid"])] = at
    return found


def _read_calendar(
    store: Store, folder: Path, plan: SyncPlan
) -> tuple[Manifest, dict[str, bytes], list[CalendarTodo]]:
    """The manifest, the bytes of each file that parses, and the to-dos with what completed closed.

    A file that cannot be read or parsed is added to ``plan.skipped`` and left out of the bytes.
    """
    manifest, broken = read_manifest(folder)
    seed = uid_seed(store)
    if manifest.seed and manifest.seed != seed:
        raise ValidationError(
            "--calendar", f"{folder} is kept by another netplan data file; choose another folder"
        )
    if broken is not None:
        plan.skipped.append(broken)
    now = store.clock.now()
    todos = calendar_todos(store)
    by_uid = {item_uid(seed, todo.ref.key): index for index, todo in enumerate(todos)}
    present: dict[str, bytes] = {}
    for path in item_files(folder, ".ics"):
        try:
            data = path.read_bytes()
        except OSError as exc:
            plan.skipped.append(Skipped(path, f"cannot be read ({exc.strerror or exc})"))
            continue
        known = manifest.files.get(path.name)
        if known is not None and digest(data) == known.written:
            present[path.name] = data  # as netplan wrote it: nothing came back in it
            continue
        try:
            completed = _completed_uids(path, data, now)
        except ValueError as exc:  # icalendar's parse errors are ValueErrors
            plan.skipped.append(Skipped(path, f"not iCalendar ({exc})"))
            continue
        present[path.name] = data
        for uid, at in completed.items():
            index = by_uid.get(uid)
            if index is not None and todos[index].done_at is None:
                plan.closings.append(Closing(todos[index], at, path.name))
                todos[index] = as_closed(todos[index], at, store)
    closing = {c.todo.ref.id for c in plan.closings if c.todo.ref.kind == "promise"}
    if closing:
        todos = with_promises_closed(store, todos, closing)
    return manifest, present, [todo for todo in todos if shown(todo, now)]


def _plan_files(store: Store, folder: Path, plan: SyncPlan) -> None:
    manifest, present, todos = _read_calendar(store, folder, plan)
    broken = {skipped.path.name for skipped in plan.skipped if skipped.path.parent == folder}
    kept = Manifest(seed=uid_seed(store))
    for entry in calendar_entries(store, utc_stamp(store), todos):
        name = file_name(entry.uid)
        known = manifest.files.get(name)
        if name in broken:  # never overwrite what could not be read
            if known is not None:
                kept.files[name] = known
            continue
        # What the entry says, without the VTIMEZONE: generating and writing that is most of the
        # cost, and it follows from the component's TZIDs and the span, which are in the digest.
        source = source_digest(entry.component.to_ical() + f"\n{entry.first}/{entry.last}".encode())
        on_disk = present.get(name)
        if (
            known is not None
            and known.source == source
            and on_disk is not None
            and digest(on_disk) == known.written
        ):
            kept.files[name] = known
            plan.unchanged += 1
            continue
        data = calendar_of([entry]).to_ical()
        plan.changes.append(FileChange(WRITE, name, data))
        kept.files[name] = Written(source, digest(data))
    for name in sorted(set(manifest.files) - set(kept.files)):
        if name in present:
            plan.changes.append(FileChange(REMOVE, name))
    plan.manifest = kept
    plan.manifest_changed = kept.files != manifest.files or kept.seed != manifest.seed


def plan_sync(store: Store, calendar: Path | None, contacts: Path | None) -> SyncPlan:
    """Read both folders and decide what the sync does; writes nothing."""
    if calendar is None and contacts is None:
        raise ValidationError(
            "--calendar",
            "no folder to sync: pass --calendar DIR and/or --contacts DIR, or save them in Settings",
        )
    calendar = _folder("--calendar", calendar) if calendar is not None else None
    contacts = _folder("--contacts", contacts) if contacts is not None else None
    if calendar is not None and calendar == contacts:
        raise ValidationError("--contacts", "must be another folder than the calendar's")
    plan = SyncPlan(calendar, contacts)
    if contacts is not None:
        parsed, skipped = read_contacts_folder(contacts)
        plan.skipped += skipped
        plan.contacts_plan = plan_import(store, parsed)
    if calendar is not None:
        _plan_files(store, calendar, plan)
    return plan


def apply_sync(store: Store, plan: SyncPlan) -> None:
    """The data changes in one transaction (with the sync state), then the calendar files."""
    if not plan.changes_anything:
        return  # nothing new: no file is touched, not even the data file
    with store.transaction():
        if plan.contacts_plan is not None and plan.changes_data:
            apply_import(store, plan.contacts_plan)
        for closing in plan.closings:
            close(store, closing.todo.ref, closing.at)
        state: dict[str, object] = {"at": moments.to_iso(store.clock.now())}
        state.update(plan.counts)
        store.set_setting(SYNC_STATE_SETTING, state)
    if plan.calendar is None:
        return
    try:
        for change in plan.changes:
            if change.action == WRITE:
                write_item(plan.calendar, change.name, change.data)
            else:
                remove_item(plan.calendar, change.name)
        if plan.manifest is not None and plan.manifest_changed:
            write_manifest(plan.calendar, plan.manifest)
    except OSError as exc:
        # The data file already has what came back; the next sync writes the folder again.
        where = exc.filename or plan.calendar
        raise ValidationError("--calendar", f"{where} cannot be written ({exc.strerror or exc})") from None
