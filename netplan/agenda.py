"""What needs attention on a day: events, follow-ups, promises, replies, and slipping people.

An item is on a day's agenda when it is still open and due that day or before (then it is overdue);
each list has the overdue items first (rule FOLLOW-THROUGH: overdue promises are the most visible
thing). Days are the user's calendar days (the store's clock zone).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from netplan.core import moments
from netplan.core.text import count_of
from netplan.events.saved import AgendaEvent, agenda_events
from netplan.notes.model import OPEN_STATUSES, FollowUp, InboundRequest, Promise
from netplan.store.store import Store
from netplan.targets import cadence
from netplan.targets.cadence import may_slip
from netplan.targets.model import Person
from netplan.targets.stage import stages_for


@dataclass(frozen=True)
class AgendaItem:
    """One thing to do for one person."""

    kind: str  # "follow_up", "promise", "reply" or "slipping"
    id: int  # the FollowUp, Promise or InboundRequest id (the person's id for "slipping")
    person: str
    person_id: int
    due: str  # ISO 8601 with offset
    text: str
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "person": self.person,
            "person_id": self.person_id,
            "due": self.due,
            "text": self.text,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class Agenda:
    date: date
    events: list[AgendaEvent]
    follow_ups: list[AgendaItem]
    promises: list[AgendaItem]
    replies: list[AgendaItem]
    slipping: list[AgendaItem]

    @property
    def is_empty(self) -> bool:
        return not (self.events or self.follow_ups or self.promises or self.replies or self.slipping)

    def to_json(self) -> dict[str, Any]:
        """The document `netplan agenda --json` prints (DESIGN.md)."""
        return {
            "date": self.date.isoformat(),
            "events": [event.to_json() for event in self.events],
            "follow_ups": [item.to_json() for item in self.follow_ups],
            "promises": [item.to_json() for item in self.promises],
            "replies": [item.to_json() for item in self.replies],
            "slipping": [item.to_json() for item in self.slipping],
        }


def _ordered(items: list[AgendaItem]) -> list[AgendaItem]:
    # timestamps, not datetimes: comparing datetimes with different offsets is slow in bulk
    return sorted(items, key=lambda item: (not item.overdue, moments.timestamp(item.due), item.id))


@dataclass(frozen=True)
class _Task:
    """An open follow-up, promise or reply, before it is placed on a day."""

    kind: str
    id: int
    person_id: int
    due: str
    text: str


def _open_tasks(store: Store) -> dict[str, list[_Task]]:
    # C-level tests (no Python call per document: 30,000 of them on ten years; issue 17)
    is_none = partial(operator.is_, None)
    follow_ups = store.records_where(FollowUp, "status", OPEN_STATUSES.__contains__)
    promises = store.records_where(Promise, "done_at", is_none)
    replies = store.records_where(InboundRequest, "replied_at", is_none)
    return {
        "follow_up": [_Task("follow_up", f.id, f.person_id, f.due, follow_up_label(f)) for f in follow_ups],
        "promise": [_Task("promise", p.id, p.person_id, p.due, promise_label(p)) for p in promises],
        # "They asked about": the follow-ups screen already says "reply" in its own column (issue 15)
        "reply": [
            _Task("reply", r.id, r.person_id, r.reply_due, f"They asked about: {r.about}") for r in replies
        ],
    }


class _Placer:
    """Places tasks on a day: the person's name, and whether the task is overdue by then.

    The day's bounds are worked out once as timestamps, so placing thousands of tasks stays cheap.
    """

    def __init__(self, store: Store, day: date) -> None:
        self.tz = store.clock.tz
        self.day = day
        self.names = {person_id: str(name or "") for person_id, name in store.column(Person, "name").items()}
        self.day_starts, self.day_ends = moments.day_bounds(day, self.tz)

    def item(self, task: _Task, at: float | None = None) -> AgendaItem:
        at = moments.timestamp(task.due) if at is None else at
        name = self.names.get(task.person_id, f"(missing person {task.person_id})")
        return AgendaItem(task.kind, task.id, name, task.person_id, task.due, task.text, at < self.day_starts)

    def due_by_day(self, tasks: list[_Task]) -> list[AgendaItem]:
        """The tasks due on the day or before it, overdue first, then soonest first."""
        timed = [(at, task) for task in tasks if (at := moments.timestamp(task.due)) < self.day_ends]
        timed.sort(key=lambda pair: (pair[0] >= self.day_starts, pair[0], pair[1].id))
        return [self.item(task, at) for at, task in timed]


def follow_up_label(follow_up: FollowUp) -> str:
    if follow_up.nudge > 1:
        return f"Gentle nudge {follow_up.nudge} of 3: {follow_up.text}"
    return follow_up.text


def promise_label(promise: Promise) -> str:
    return f"{'I promised' if promise.by == 'me' else 'They promised'}: {promise.text}"


def _plain(day: date) -> date:
    """A standard-library date (pendulum's Date makes day arithmetic many times slower)."""
    return date(day.year, day.month, day.day)


def slipping_people(store: Store, day: date) -> list[AgendaItem]:
    """People whose cadence has lapsed by ``day``.

    Never-touched targets are not slipping: there is no relationship to keep warm yet.
    """
    day = _plain(day)
    placer = _Placer(store, day)
    people = store.all(Person)
    stages = stages_for(store, people)
    tz = store.clock.tz
    slipping = []
    for person in (p for p in people if may_slip(p)):
        assert person.last_touch is not None
        every = cadence.cadence_days(person, stages.get(person.id, "stranger"))
        touched = moments.parse(person.last_touch).astimezone(tz)  # once: 2,000 people on ten years
        ago = (day - touched.date()).days
        if ago < every:
            continue
        due = moments.add_days(touched, every, tz)
        text = f"Stay in touch: last touch {count_of(ago, 'day')} ago (every {count_of(every, 'day')})"
        slipping.append(placer.item(_Task("slipping", person.id, person.id, due, text)))
    return _ordered(slipping)


def agenda_for(store: Store, day: date | None = None) -> Agenda:
    """Everything open that is due on ``day`` (default today) or overdue by then."""
    day = _plain(day or store.clock.today())
    placer = _Placer(store, day)
    tasks = _open_tasks(store)
    events = agenda_events(store, day)
    return Agenda(
        date=day,
        events=sorted(events, key=lambda e: moments.parse(e.start)),
        follow_ups=placer.due_by_day(tasks["follow_up"]),
        promises=placer.due_by_day(tasks["promise"]),
        replies=placer.due_by_day(tasks["reply"]),
        slipping=slipping_people(store, day),
    )


@dataclass(frozen=True)
class FollowUpBoard:
    """Follow-ups, replies and promises for the follow-ups screen: overdue, due today, upcoming
    (soonest first; rule FOLLOW-THROUGH: a promise is closed where it is listed)."""

    overdue: list[AgendaItem]
    due_today: list[AgendaItem]
    upcoming: list[AgendaItem]


def follow_up_board(store: Store, day: date | None = None) -> FollowUpBoard:
    day = _plain(day or store.clock.today())
    placer = _Placer(store, day)
    tasks = _open_tasks(store)
    everything = _ordered([placer.item(t) for t in [*tasks["follow_up"], *tasks["reply"], *tasks["promise"]]])
    return FollowUpBoard(
        overdue=[i for i in everything if i.overdue],
        due_today=[i for i in everything if not i.overdue and moments.timestamp(i.due) < placer.day_ends],
        upcoming=[i for i in everything if moments.timestamp(i.due) >= placer.day_ends],
    )
