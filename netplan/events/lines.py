"""Events as a form types them: a date and times, and speakers and people to meet as lines.

Speakers are lines ``Name — topic`` (an em or en dash, or `` - ``); a speaker whose name is a
person in netplan is linked to them. People to meet are lines ``Name — why``: the name must be a
person (or a type of person) in netplan: exact name in any case, else the one name containing it.
Errors name the form's field and the line, so the form can point at them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from netplan.core import moments
from netplan.core import validate as v
from netplan.core.errors import ValidationError
from netplan.events.model import Event, EventTarget, Speaker
from netplan.events.saved import missing_person, person_names
from netplan.schedule.slot import parse_time, wall_clock, zone
from netplan.store.store import Store
from netplan.targets.model import Person

SEPARATORS = (" — ", " – ", " - ", "—", "–")


def split_line(line: str) -> tuple[str, str]:
    """``Name — rest`` as (name, rest), both trimmed; a line without a separator is all name."""
    for separator in SEPARATORS:
        if separator in line:
            name, rest = line.split(separator, 1)
            return name.strip(), rest.strip()
    return line.strip(), ""


def _lines(text: str) -> list[tuple[int, str]]:
    """The typed lines (the form's text area ends each with a newline). Only a newline ends one: a
    stored name may hold a carriage return or another character str.splitlines() breaks at, and
    must come back as the one name it is (issue 14: an edit saved without a change changes nothing)."""
    return [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]


def parse_speakers(store: Store, text: str, known: list[Speaker] | None = None) -> list[Speaker]:
    """Speakers from lines; a name matching a person (or a speaker already linked) keeps the link."""
    links = {s.name.casefold(): s.person_id for s in known or [] if s.person_id is not None}
    people = {p.name.casefold(): p.id for p in reversed(store.all(Person)) if not p.is_type}
    speakers = []
    for number, line in _lines(text):
        name, topic = split_line(line)
        if not name:
            raise ValidationError("speakers", f"line {number} has no name (write Name — topic)")
        key = name.casefold()
        speakers.append(Speaker(name, topic, links.get(key) or people.get(key)))
    return speakers


def speaker_lines(event: Event) -> str:
    return "\n".join(f"{s.name} — {s.topic}" if s.topic else s.name for s in event.speakers)


def _candidates(people: list[Person], name: str) -> tuple[list[Person], bool]:
    """The people ``name`` may mean, and whether they are exact (any case) matches."""
    wanted = name.casefold()
    exact = [p for p in people if p.name.casefold() == wanted]
    return exact or [p for p in people if wanted in p.name.casefold()], bool(exact)


def _match(people: list[Person], number: int, name: str) -> Person:
    candidates, exact = _candidates(people, name)
    if len(candidates) == 1 or exact:
        return candidates[0]
    if not candidates:
        raise ValidationError(
            "targets", f"line {number}: no person named {name!r}; save to add them as a new person"
        )
    names = ", ".join(p.name for p in candidates[:4])
    raise ValidationError("targets", f"line {number}: {name!r} matches {names}; give more of the name")


def parse_targets(store: Store, text: str) -> list[EventTarget]:
    """People to meet from lines ``Name — why`` (rule KNOW-THE-ROOM)."""
    people = store.all(Person)
    targets = []
    for number, line in _lines(text):
        name, why = split_line(line)
        if not name:
            raise ValidationError("targets", f"line {number} has no name (write Name — why)")
        targets.append(EventTarget(_match(people, number, name).id, why))
    return targets


def unknown_targets(store: Store, text: str) -> list[str]:
    """The names in "People to meet" lines that match nobody: the form offers them as new people."""
    people = store.all(Person)
    unknown: list[str] = []
    for _, line in _lines(text):
        name, _why = split_line(line)
        if name and not _candidates(people, name)[0] and name.casefold() not in map(str.casefold, unknown):
            unknown.append(name)
    return unknown


def target_lines(store: Store, event: Event) -> str:
    names = person_names(store)
    lines = []
    for target in event.targets:
        name = names.get(target.person_id, missing_person(target.person_id))
        lines.append(f"{name} — {target.why}" if target.why else name)
    return "\n".join(lines)


def _zone_name(value: object, store: Store) -> str:
    name = v.optional("tz", value, max_len=64) or store.clock.tz.name
    try:
        zone(name)
    except ValueError:
        raise ValidationError("tz", f"{name!r} is not a known time zone (e.g. Europe/Berlin)") from None
    return name


def _end(text: object, day: date, tz: str) -> str:
    """The end as ``HH:MM`` (the start's day) or ``YYYY-MM-DD HH:MM``."""
    value = v.required("end", text, max_len=16)
    if " " in value:
        day_text, _, time_text = value.partition(" ")
        day = moments.as_date("end", day_text)
        value = time_text.strip()
    hour, minute = parse_time("end", value)
    return moments.to_iso(wall_clock(day, hour, minute, tz))


def event_from_form(store: Store, values: Mapping[str, Any], base: Event | None = None) -> Event:
    """An (unsaved) event from the form's values, on top of ``base`` when editing."""
    tz = _zone_name(values.get("tz"), store)
    day_text = v.iso_date("date", values.get("date"))
    if day_text is None:
        raise ValidationError("date", "is required (YYYY-MM-DD)")
    day = date.fromisoformat(day_text)
    hour, minute = parse_time("start", values.get("start"))
    venue = values.get("venue_id")
    original = base or Event(title="", start="", end="")
    return replace(
        original,
        title=values.get("title", ""),
        tz=tz,
        start=moments.to_iso(wall_clock(day, hour, minute, tz)),
        end=_end(values.get("end"), day, tz),
        venue_id=venue if isinstance(venue, int) and venue > 0 else None,
        arrive_early_minutes=values.get("arrive_early_minutes", original.arrive_early_minutes),
        speakers=parse_speakers(store, values.get("speakers", ""), original.speakers),
        targets=parse_targets(store, values.get("targets", "")),
        goal_ids=list(values.get("goal_ids", [])),
        ask=values.get("ask", ""),
    )


def form_values(store: Store, event: Event) -> dict[str, Any]:
    """The form's values for an existing event (the inverse of event_from_form)."""
    start, end = event.start_at, event.end_at
    same_day = end.date() == start.date()
    return {
        "title": event.title,
        "venue_id": event.venue_id or 0,
        "date": start.date().isoformat(),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M") if same_day else end.strftime("%Y-%m-%d %H:%M"),
        "tz": event.tz,
        "arrive_early_minutes": str(event.arrive_early_minutes),
        "speakers": speaker_lines(event),
        "targets": target_lines(store, event),
        "goal_ids": list(event.goal_ids),
        "ask": event.ask,
    }
