"""What needs doing, as iCalendar to-dos: open follow-ups, promises and replies due (VTODO with DUE).

One VTODO per item, for the `.ics` export and the synced calendar folder (sync.py):

- UID from the data file's UID seed and the item (``follow_up/3``), the same on every export, so a
  calendar or a phone updates the to-do instead of adding a second one;
- DUE in UTC (an item's due is a moment; each program shows it in its own zone), and a VALARM at
  DUE (rule FOLLOW-48H, FOLLOW-THROUGH, ALWAYS-RESPOND: the moment the advice asks for);
- a done item stays COMPLETED (with COMPLETED and PERCENT-COMPLETE:100) for DONE_KEPT_DAYS after it
  was done, so a phone shows it ticked; after that it is gone;
- names only, never addresses (rule PERSONAL).

``completion(vtodo)`` reads the other way: when a to-do was completed elsewhere (todoman, a phone
through vdirsyncer), sync.py closes the item with ``close(store, ref, at)``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Alarm, Todo

from netplan.agenda import follow_up_label, promise_label
from netplan.core import moments
from netplan.core.text import safe_text
from netplan.notes.followups import follow_up_done, mark_replied, promise_done, restated_text
from netplan.notes.model import OPEN_STATUSES, FollowUp, InboundRequest, Promise
from netplan.store.store import Store
from netplan.targets.model import Person

DONE_KEPT_DAYS = 30  # a to-do done this many days ago still shows ticked; older ones are gone
KINDS = ("follow_up", "promise", "reply")
_CATEGORY = {"follow_up": "follow-up", "promise": "promise", "reply": "reply"}


@dataclass(frozen=True)
class TodoRef:
    """Which netplan item a to-do stands for: ("promise", 3)."""

    kind: str  # one of KINDS
    id: int

    @property
    def key(self) -> str:
        """The part of the UID that names the item (ics.item_uid)."""
        return f"{self.kind}/{self.id}"

    def describe(self) -> str:
        return f"{_CATEGORY[self.kind]} #{self.id}"


@dataclass(frozen=True)
class CalendarTodo:
    """One follow-up, promise or reply as the calendar shows it."""

    ref: TodoRef
    person: str
    text: str
    due: str  # ISO 8601 with offset
    done_at: str | None = None

    @property
    def summary(self) -> str:
        return safe_text(f"{self.person}: {self.text}")


def _done_since(done_at: str | None, cutoff: datetime) -> bool:
    return done_at is not None and moments.parse(done_at) >= cutoff


def shown(todo: CalendarTodo, now: datetime) -> bool:
    """Open, or done in the last DONE_KEPT_DAYS (a to-do ticked long ago elsewhere is gone at once)."""
    return todo.done_at is None or _done_since(todo.done_at, now - timedelta(days=DONE_KEPT_DAYS))


def calendar_todos(store: Store) -> list[CalendarTodo]:
    """Every open follow-up, promise and reply due, and those done in the last DONE_KEPT_DAYS."""
    cutoff = store.clock.now() - timedelta(days=DONE_KEPT_DAYS)
    people = store.raw_tables().get(Person.TABLE, {})
    names = {int(doc_id): str(doc.get("name", "")) for doc_id, doc in people.items()}

    def name(person_id: int) -> str:
        return names.get(person_id, f"(missing person {person_id})")

    todos: list[CalendarTodo] = []
    # Parked follow-ups (rule FOLLOW-THROUGH: after the third nudge) are neither to do nor done.
    follow_ups = store.records_where(FollowUp, "status", lambda status: status in (*OPEN_STATUSES, "done"))
    for f in follow_ups:
        if f.status == "done" and not _done_since(f.done_at, cutoff):
            continue
        done_at = f.done_at if f.status == "done" else None
        todos.append(
            CalendarTodo(TodoRef("follow_up", f.id), name(f.person_id), follow_up_label(f), f.due, done_at)
        )
    for p in store.records_where(Promise, "done_at", lambda done: done is None or _done_since(done, cutoff)):
        todos.append(
            CalendarTodo(TodoRef("promise", p.id), name(p.person_id), promise_label(p), p.due, p.done_at)
        )
    for r in store.records_where(
        InboundRequest, "replied_at", lambda replied: replied is None or _done_since(replied, cutoff)
    ):
        text = f"Reply about: {r.about}"
        todos.append(CalendarTodo(TodoRef("reply", r.id), name(r.person_id), text, r.reply_due, r.replied_at))
    return todos


def _utc(moment: str) -> datetime:
    parsed = moments.parse(moment).astimezone(UTC)
    return datetime(
        parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second, tzinfo=UTC
    )


def vtodo(todo: CalendarTodo, uid: str, stamp: datetime) -> Todo:
    """The VTODO for one item; an open one has an alarm at DUE."""
    component = Todo()
    component.add("uid", uid)
    component.add("dtstamp", stamp)
    component.add("summary", todo.summary)
    component.add("due", _utc(todo.due))
    component.add("categories", [_CATEGORY[todo.ref.kind]])
    component.add("description", f"netplan {todo.ref.describe()}; tick it here to close it in netplan")
    if todo.done_at is not None:
        component.add("status", "COMPLETED")
        component.add("completed", _utc(todo.done_at))
        component.add("percent-complete", 100)
        return component
    component.add("status", "NEEDS-ACTION")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", todo.summary)
    alarm.add("trigger", timedelta(0), parameters={"RELATED": "END"})  # at DUE
    component.add_component(alarm)
    return component


def completion(component: Any, now: datetime) -> datetime | None:
    """When a VTODO was completed (STATUS:COMPLETED, a COMPLETED time or 100 %), else None.

    A completion without a time, or one in the future (a clock ahead), counts as ``now``.
    """
    status = str(component.get("status", "")).upper()
    percent = component.get("percent-complete")
    completed = component.get("completed")
    try:
        full = percent is not None and int(percent) >= 100
    except (TypeError, ValueError):
        full = False
    if status != "COMPLETED" and completed is None and not full:
        return None
    at = getattr(completed, "dt", None)
    if isinstance(at, datetime) and at.tzinfo is not None:
        return min(at, now)
    return now


def close(store: Store, ref: TodoRef, at: datetime) -> bool:
    """Close the item a completed to-do stands for; False when it is gone or already closed.

    Closing counts as a touch where doing the item by hand does (rule GARDEN).
    """
    if ref.kind == "follow_up":
        follow_up = store.get(FollowUp, ref.id)
        if follow_up is None or not follow_up.is_open:
            return False
        follow_up_done(store, ref.id, at=at)
    elif ref.kind == "promise":
        promise = store.get(Promise, ref.id)
        if promise is None or not promise.is_open:
            return False
        promise_done(store, ref.id, at=at)
    else:
        request = store.get(InboundRequest, ref.id)
        if request is None or not request.is_open:
            return False
        mark_replied(store, ref.id, at=at)
    return True


def as_closed(todo: CalendarTodo, at: datetime, store: Store) -> CalendarTodo:
    """The to-do as it will be once ``close`` has run (a dry run shows this without writing)."""
    return replace(todo, done_at=moments.moment("done_at", at, tz=store.clock.tz))


def with_promises_closed(
    store: Store, todos: list[CalendarTodo], promise_ids: set[int]
) -> list[CalendarTodo]:
    """The to-dos as they will read once the promises ``promise_ids`` are closed: an open follow-up
    no longer lists them (rule FOLLOW-THROUGH; notes.followups.restate), so the next sync has
    nothing left to write."""
    result = []
    for todo in todos:
        follow_up = store.get(FollowUp, todo.ref.id) if todo.ref.kind == "follow_up" else None
        if follow_up is not None and follow_up.is_open:
            text = restated_text(store, follow_up, closing=promise_ids)
            todo = replace(todo, text=follow_up_label(replace(follow_up, text=text)))
        result.append(todo)
    return result
