"""After the event: capture the people met, each with one line of context and a next step.

rule ACT-AFTER: don't just go to the next event, take the next step with the people you met.
rule FOLLOW-48H: everyone captured gets a follow-up due 48 hours after the meeting.

``plan_capture`` shows what a capture would do (who is new, who is already known, which names were
typed twice and will be merged) without writing; ``capture_people`` does it in ONE transaction:
people created or matched, how-we-met set from the event, the touch recorded (rule GARDEN), a
follow-up each, and the event's ``met`` list. Speakers are captured the same way: a row named like a
speaker becomes (or is linked to) that speaker's person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from netplan.core import moments
from netplan.core import validate as v
from netplan.core.errors import NotFoundError, ValidationError
from netplan.events.model import Event, Speaker
from netplan.notes.log import FOLLOW_UP_HOURS, record_touch
from netplan.notes.model import FollowUp
from netplan.store.store import Store
from netplan.targets.model import Person

DEFAULT_NEXT_STEP = "Send a personal note or a connection request"  # rule FOLLOW-48H


@dataclass(frozen=True)
class CaptureEntry:
    """One person met, as typed: a name, one line of context, a next step."""

    name: str
    context: str = ""
    next_step: str = ""
    person_id: int | None = None  # set when the row was picked from known people


@dataclass(frozen=True)
class PlannedCapture:
    """What saving one (merged) entry will do."""

    entry: CaptureEntry
    person: Person | None  # the existing person it matches; None: a new person is created
    speaker: Speaker | None  # the event's speaker of that name, if any
    merged: int  # how many typed rows became this one (2 or more: a duplicate)
    already_met: bool  # captured at this event before (another follow-up is added)

    @property
    def is_new(self) -> bool:
        return self.person is None


@dataclass(frozen=True)
class CaptureResult:
    event: Event
    people: list[Person]  # in capture order
    created: list[Person]
    follow_ups: list[FollowUp]
    merged: list[str]  # names typed more than once and merged


def _clean(index: int, entry: CaptureEntry) -> CaptureEntry:
    row = f"row {index + 1}"
    return CaptureEntry(
        name=v.required(f"{row} name", entry.name),
        context=v.optional(f"{row} context", entry.context, max_len=v.NAME_MAX * 2),
        next_step=v.optional(f"{row} next step", entry.next_step, max_len=v.NAME_MAX * 2),
        person_id=entry.person_id or None,
    )


def _join(parts: list[str]) -> str:
    return "; ".join(dict.fromkeys(part for part in parts if part))


def duplicate_names(entries: list[CaptureEntry]) -> list[str]:
    """Names typed more than once (any case), as first typed: the merge offer lists them."""
    seen: dict[str, str] = {}
    repeated: dict[str, None] = {}
    for entry in entries:
        key = entry.name.strip().casefold()
        if not key:
            continue
        if key in seen:
            repeated.setdefault(seen[key], None)
        seen.setdefault(key, entry.name.strip())
    return list(repeated)


def plan_capture(store: Store, event: Event, entries: list[CaptureEntry]) -> list[PlannedCapture]:
    """Validate and merge the rows, and match each to a known person (exact name, any case).

    Rows with the same name are merged into one (contexts and next steps joined), so one person is
    never created twice; types of person are never matched (you met someone, not a type).
    """
    if not entries:
        raise ValidationError("row 1 name", "is required: who did you meet?")
    merged: dict[str, list[CaptureEntry]] = {}
    for index, entry in enumerate(entries):
        clean = _clean(index, entry)
        merged.setdefault(clean.name.casefold(), []).append(clean)
    people = {p.id: p for p in store.all(Person)}
    by_name: dict[str, Person] = {}
    for known in people.values():  # the oldest of any same-named people wins
        if not known.is_type:
            by_name.setdefault(known.name.casefold(), known)
    speakers = {speaker.name.casefold(): speaker for speaker in event.speakers}
    planned = []
    for key, group in merged.items():
        chosen_id = next((e.person_id for e in group if e.person_id), None)
        speaker = speakers.get(key)
        if chosen_id is None and speaker is not None:
            chosen_id = speaker.person_id
        if chosen_id is not None and chosen_id not in people:
            raise NotFoundError(f"no person with id {chosen_id}")
        person = people[chosen_id] if chosen_id is not None else by_name.get(key)
        entry = CaptureEntry(
            name=group[0].name,
            context=_join([e.context for e in group]),
            next_step=_join([e.next_step for e in group]),
            person_id=person.id if person else None,
        )
        already = person is not None and person.id in event.met
        planned.append(PlannedCapture(entry, person, speaker, len(group), already))
    return planned


def met_at(store: Store, event: Event) -> str:
    """When the people were met: the event's end, or now while it is still on; never before it starts
    (captured ahead of the event, the meeting is its start, not a touch before it: issue 15)."""
    now, start, end = store.clock.now(), event.start_at, event.end_at
    if now.timestamp() < start.timestamp():
        return moments.to_iso(start)
    return moments.to_iso(now if now.timestamp() < end.timestamp() else end)


def how_we_met(event: Event, context: str) -> str:
    day = event.start_at.strftime("%d %b %Y")
    line = f"Met at {event.title} ({day})"
    return f"{line}: {context}" if context else line


def follow_up_text(event: Event, entry: CaptureEntry) -> str:
    """What to do within 48 hours (rules FOLLOW-48H, ACT-AFTER)."""
    step = entry.next_step or DEFAULT_NEXT_STEP
    text = f"After {event.title}: {step}."
    return f"{text} Context: {entry.context}." if entry.context else text


def capture_people(store: Store, event_id: int, entries: list[CaptureEntry]) -> CaptureResult:
    """Capture the people met at an event, all in ONE transaction (all of it or none of it).

    Each (merged) row creates a person or matches a known one, sets how-we-met from the event when
    it is still empty, records the touch (rule GARDEN), and creates a follow-up due 48 hours after
    the meeting (rules FOLLOW-48H, ACT-AFTER). The people are added to the event's ``met`` list; a
    speaker captured by name is linked to the person. Validation happens before anything is written.
    """
    event = store.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"no event with id {event_id}")
    planned = plan_capture(store, event, entries)
    when = met_at(store, event)
    due = moments.hours_later(when, FOLLOW_UP_HOURS)
    people: list[Person] = []
    created: list[Person] = []
    follow_ups: list[FollowUp] = []
    with store.transaction():
        for plan in planned:
            person = plan.person
            if person is None:
                person = store.insert(
                    Person(name=plan.entry.name, how_met=how_we_met(event, plan.entry.context))
                )
                created.append(person)
            elif not person.how_met.strip():
                person = store.update(replace(person, how_met=how_we_met(event, plan.entry.context)))
            person = record_touch(store, person.id, when)
            follow_ups.append(
                store.insert(FollowUp(person_id=person.id, due=due, text=follow_up_text(event, plan.entry)))
            )
            people.append(person)
        linked = {
            plan.speaker.name: person.id for plan, person in zip(planned, people, strict=True) if plan.speaker
        }
        speakers = [
            replace(s, person_id=linked[s.name]) if s.person_id is None and s.name in linked else s
            for s in event.speakers
        ]
        met = list(dict.fromkeys([*event.met, *(person.id for person in people)]))
        saved = store.update(replace(event, met=met, speakers=speakers))
    merged = [plan.entry.name for plan in planned if plan.merged > 1]
    return CaptureResult(saved, people, created, follow_ups, merged)
