"""Events: a talk, a meetup, a conference evening, and how to get the most out of it.

An event has a start and an end (ISO 8601 with the offset of the event's IANA zone), speakers, the
people I want to meet there and why (rule KNOW-THE-ROOM), the goals it serves, my one specific ask
(rule SPECIFIC-ASK), and how many minutes early I mean to arrive (rule ARRIVE-EARLY). The prep
checklist lives on the event (its items are generated from data/prep_checklist.json by prep.py),
and so do the people captured after it (``met``, rule ACT-AFTER).

Model only; the logic is in events.py (store, queries, agenda), prep.py (checklist, findings) and
event_capture.py (after the event).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, ClassVar, Self

import pendulum
from pendulum import DateTime

from netplan.core import moments
from netplan.core import validate as v
from netplan.core.errors import ValidationError
from netplan.core.record import Record
from netplan.notes.model import whole_minutes
from netplan.schedule.slot import local_zone_name, zone

ARRIVE_EARLY_MINUTES = 20  # rule ARRIVE-EARLY: the article's client came 20 minutes early
ARRIVE_EARLY_MAX = 240
ASK_MAX = 1_000


def _id(field_name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(field_name, f"{value!r} is not a record id")
    return value


def _optional_id(field_name: str, value: object) -> int | None:
    if value is None or value == 0 or value == "":
        return None
    return _id(field_name, value)


def _ids(field_name: str, values: object) -> list[int]:
    """Record ids, de-duplicated, order kept."""
    if not values:
        return []
    if not isinstance(values, list | tuple):
        raise ValidationError(field_name, "must be a list of record ids")
    return list(dict.fromkeys(_id(field_name, value) for value in values))


def _list(field_name: str, values: object) -> list[Any]:
    if not values:
        return []
    if not isinstance(values, list | tuple):
        raise ValidationError(field_name, "must be a list")
    return list(values)


@dataclass(frozen=True)
class Speaker:
    """Someone speaking at the event, optionally a person in netplan (rule KNOW-THE-ROOM)."""

    name: str
    topic: str = ""
    person_id: int | None = None

    def to_doc(self) -> dict[str, Any]:
        return {"name": self.name, "topic": self.topic, "person_id": self.person_id}

    @classmethod
    def from_doc(cls, doc: Any) -> Speaker:
        if isinstance(doc, Speaker):
            return doc
        if not isinstance(doc, dict):
            raise ValidationError("speakers", f"{doc!r} is not an item")
        return cls(name=doc.get("name", ""), topic=doc.get("topic", ""), person_id=doc.get("person_id"))

    def validated(self, index: int) -> Speaker:
        topic = v.optional("speakers", self.topic, max_len=v.NAME_MAX)
        name = v.optional("speakers", self.name, max_len=v.NAME_MAX)
        if not name:
            about = f" (topic {topic!r})" if topic else ""
            raise ValidationError("speakers", f"speaker {index + 1}{about} has no name")
        return Speaker(name, topic, _optional_id("speakers", self.person_id))


@dataclass(frozen=True)
class EventTarget:
    """A person I expect there and want to meet, with one line on why (rule KNOW-THE-ROOM)."""

    person_id: int
    why: str = ""

    def to_doc(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "why": self.why}

    @classmethod
    def from_doc(cls, doc: Any) -> EventTarget:
        if isinstance(doc, EventTarget):
            return doc
        if not isinstance(doc, dict):
            raise ValidationError("targets", f"{doc!r} is not an item")
        return cls(person_id=doc.get("person_id", 0), why=doc.get("why", ""))

    def validated(self) -> EventTarget:
        why = v.optional("targets", self.why, max_len=v.NAME_MAX)
        return EventTarget(_id("targets", self.person_id), why)


@dataclass(frozen=True)
class ChecklistItem:
    """One prep item: generated from the template (``key`` names it) or added by hand (``custom``)."""

    text: str
    done: bool = False
    custom: bool = False
    key: str = ""  # the template item it was generated from; "" for a custom item

    def to_doc(self) -> dict[str, Any]:
        return {"text": self.text, "done": self.done, "custom": self.custom, "key": self.key}

    @classmethod
    def from_doc(cls, doc: Any) -> ChecklistItem:
        if isinstance(doc, ChecklistItem):
            return doc
        if not isinstance(doc, dict):
            raise ValidationError("checklist", f"{doc!r} is not an item")
        return cls(
            text=doc.get("text", ""),
            done=doc.get("done", False),
            custom=doc.get("custom", False),
            key=doc.get("key", ""),
        )

    def validated(self, index: int) -> ChecklistItem:
        text = v.required("checklist", self.text, max_len=v.NAME_MAX * 2)
        if not isinstance(self.done, bool) or not isinstance(self.custom, bool):
            raise ValidationError("checklist", f"item {index + 1}: done and custom must be true or false")
        return ChecklistItem(text, self.done, self.custom, v.optional("checklist", self.key, max_len=40))


def _moment_in(field_name: str, value: object, tz_name: str) -> str:
    """An ISO moment (a naive one is wall-clock time in the zone), written with the zone's offset."""
    text = moments.moment(field_name, value, tz=zone(tz_name))
    return moments.to_iso(moments.parse(text).astimezone(zone(tz_name)))


def _time_zone(value: object) -> str:
    name = v.optional("tz", value, max_len=64) or local_zone_name()
    try:
        zone(name)
    except ValueError:  # pendulum's InvalidTimezone, and zoneinfo's malformed-key error
        raise ValidationError("tz", f"{name!r} is not a known time zone (e.g. Europe/Berlin)") from None
    return name


@dataclass(frozen=True)
class Event(Record):
    """An event to prepare for and act after (rules ARRIVE-EARLY, KNOW-THE-ROOM, ACT-AFTER)."""

    TABLE: ClassVar[str] = "events"
    title: str
    start: str  # ISO 8601 with the offset of ``tz`` at that moment
    end: str
    tz: str = ""  # IANA zone where it happens; empty means the local zone
    venue_id: int | None = None
    speakers: list[Speaker] = field(default_factory=list)
    targets: list[EventTarget] = field(default_factory=list)  # rule KNOW-THE-ROOM: people to meet
    goal_ids: list[int] = field(default_factory=list)
    ask: str = ""  # rule SPECIFIC-ASK: my one specific ask
    arrive_early_minutes: int = ARRIVE_EARLY_MINUTES  # rule ARRIVE-EARLY
    checklist: list[ChecklistItem] = field(default_factory=list)
    met: list[int] = field(default_factory=list)  # rule ACT-AFTER: people captured after it
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["speakers"] = [speaker.to_doc() for speaker in self.speakers]
        doc["targets"] = [target.to_doc() for target in self.targets]
        doc["checklist"] = [item.to_doc() for item in self.checklist]
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int) -> Self:
        known = {name: doc[name] for name in cls.__dataclass_fields__ if name in doc}
        # Rebuild the nested items; anything malformed is left for validated() to name (netplan check).
        for name, kind in (("speakers", Speaker), ("targets", EventTarget), ("checklist", ChecklistItem)):
            items = known.get(name) or []
            known[name] = [kind.from_doc(item) for item in items] if isinstance(items, list) else items
        for name in ("goal_ids", "met"):
            items = known.get(name) or []
            known[name] = list(items) if isinstance(items, list) else items
        known["id"] = doc_id
        return cls(**known)

    # derived -------------------------------------------------------------------------------

    @property
    def start_at(self) -> DateTime:
        """The start in the event's zone."""
        return _in_zone(self.start, self.tz)

    @property
    def end_at(self) -> DateTime:
        return _in_zone(self.end, self.tz)

    @property
    def arrive_by(self) -> DateTime:
        """rule ARRIVE-EARLY: the start minus the arrive-early minutes, in real (elapsed) minutes.

        pendulum subtracts minutes on the time line, so across a DST change 20 minutes early is
        still 20 minutes of waiting, whatever the wall clock shows.
        """
        return self.start_at.subtract(minutes=self.arrive_early_minutes)

    @property
    def progress(self) -> tuple[int, int]:
        """(items done, items) of the prep checklist."""
        return sum(1 for item in self.checklist if item.done), len(self.checklist)

    # validation ----------------------------------------------------------------------------

    def validated(self) -> Event:
        tz = _time_zone(self.tz)
        start = _moment_in("start", self.start, tz)
        end = _moment_in("end", self.end, tz)
        if moments.parse(end) <= moments.parse(start):
            raise ValidationError("end", f"{_shown(end, tz)} is not after the start {_shown(start, tz)}")
        speakers = [
            Speaker.from_doc(item).validated(index)
            for index, item in enumerate(_list("speakers", self.speakers))
        ]
        targets: dict[int, EventTarget] = {}
        for item in _list("targets", self.targets):
            target = EventTarget.from_doc(item).validated()
            targets.setdefault(target.person_id, target)
        checklist = [
            ChecklistItem.from_doc(item).validated(index)
            for index, item in enumerate(_list("checklist", self.checklist))
        ]
        return replace(
            self,
            title=v.required("title", self.title),
            start=start,
            end=end,
            tz=tz,
            venue_id=_optional_id("venue_id", self.venue_id),
            speakers=speakers,
            targets=list(targets.values()),
            goal_ids=_ids("goal_ids", self.goal_ids),
            ask=v.optional("ask", self.ask, max_len=ASK_MAX),
            arrive_early_minutes=whole_minutes(
                "arrive_early_minutes", self.arrive_early_minutes, most=ARRIVE_EARLY_MAX
            ),
            checklist=checklist,
            met=_ids("met", self.met),
        )


def _in_zone(value: str, tz_name: str) -> DateTime:
    parsed: datetime = moments.parse(value)
    return pendulum.instance(parsed).in_timezone(zone(tz_name or local_zone_name()))


def _shown(value: str, tz_name: str) -> str:
    return _in_zone(value, tz_name).strftime("%Y-%m-%d %H:%M")
