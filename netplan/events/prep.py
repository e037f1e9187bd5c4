"""The pre-event prep checklist and the coach's findings for an event.

The checklist is generated per event from data/prep_checklist.json, with the event's own values
filled in (arrive by 18:10, the speakers' names, the ask...); custom items are added by hand.
Ticking, adding and removing items are single writes.

Findings: no people picked to meet (rule KNOW-THE-ROOM), no ask or a vague one (rule SPECIFIC-ASK),
arriving at the very start (rule ARRIVE-EARLY).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from string import Formatter

import orjson

from netplan.coach import rules as coach
from netplan.coach.rules import Finding
from netplan.core import validate as v
from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.paths import DATA_DIR
from netplan.events.model import ChecklistItem, Event
from netplan.store.store import Store
from netplan.targets.model import Person, Venue

TEMPLATE_FILE = DATA_DIR / "prep_checklist.json"
PLACEHOLDERS = frozenset(
    {"arrive_by", "arrive_early", "start", "title", "venue", "speakers", "targets", "ask"}
)


@dataclass(frozen=True)
class TemplateItem:
    key: str
    rule: str
    text: str


@lru_cache(maxsize=4)
def load_template(path: Path = TEMPLATE_FILE) -> tuple[TemplateItem, ...]:
    """The template's items; a malformed template is a ValueError naming the file and the item."""
    document = orjson.loads(path.read_bytes())
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list) or not items:
        raise ValueError(f"{path}: no list of items")
    loaded: list[TemplateItem] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("key", "text")):
            raise ValueError(f"{path}: item {index + 1} needs a key and a text")
        names = {name for _, name, _, _ in Formatter().parse(item["text"]) if name is not None}
        unknown = names - PLACEHOLDERS
        if unknown:
            raise ValueError(f"{path}: item {item['key']!r} has unknown placeholders {sorted(unknown)}")
        loaded.append(TemplateItem(item["key"], str(item.get("rule", "")), item["text"]))
    if len({item.key for item in loaded}) != len(loaded):
        raise ValueError(f"{path}: item keys must be unique")
    return tuple(loaded)


def _names(store: Store, person_ids: list[int]) -> list[str]:
    people = [store.get(Person, person_id) for person_id in person_ids]
    return [person.name for person in people if person is not None]


def checklist_values(store: Store, event: Event) -> dict[str, str]:
    """The values the template's placeholders are filled with."""
    venue = store.get(Venue, event.venue_id) if event.venue_id else None
    speakers = [speaker.name for speaker in event.speakers]
    targets = _names(store, [target.person_id for target in event.targets])
    return {
        "arrive_by": event.arrive_by.strftime("%H:%M"),
        "arrive_early": str(event.arrive_early_minutes),
        "start": event.start_at.strftime("%H:%M"),
        "title": event.title,
        "venue": venue.name if venue else "the venue",
        "speakers": ", ".join(speakers) if speakers else "find out who is speaking",
        "targets": ", ".join(targets) if targets else "none picked yet",
        "ask": event.ask or "not written yet",
    }


def generate_checklist(
    store: Store, event: Event, template: tuple[TemplateItem, ...] | None = None
) -> list[ChecklistItem]:
    """The template's items with the event's values, ticks kept by key, then the custom items."""
    values = checklist_values(store, event)
    done = {item.key: item.done for item in event.checklist if item.key and not item.custom}
    generated = [
        ChecklistItem(item.text.format_map(values), done.get(item.key, False), False, item.key)
        for item in (template or load_template())
    ]
    return generated + [item for item in event.checklist if item.custom]


# ticking ---------------------------------------------------------------------------------------


def _event(store: Store, event_id: int) -> Event:
    event = store.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"no event with id {event_id}")
    return event


def _item_index(event: Event, index: int) -> int:
    if not 0 <= index < len(event.checklist):
        raise ValidationError("checklist", f"there is no item {index + 1}")
    return index


def toggle_item(store: Store, event_id: int, index: int) -> Event:
    """Tick or un-tick checklist item ``index`` (0-based)."""
    event = _event(store, event_id)
    item = event.checklist[_item_index(event, index)]
    items = list(event.checklist)
    items[index] = replace(item, done=not item.done)
    return store.update(replace(event, checklist=items))


def add_custom_item(store: Store, event_id: int, text: str) -> Event:
    """Add an item of my own at the end of the checklist."""
    event = _event(store, event_id)
    clean = v.required("checklist", text, max_len=v.NAME_MAX * 2)
    return store.update(replace(event, checklist=[*event.checklist, ChecklistItem(clean, custom=True)]))


def remove_custom_item(store: Store, event_id: int, index: int) -> Event:
    """Remove a custom item; the template's items stay (they are the rules' checklist)."""
    event = _event(store, event_id)
    if not event.checklist[_item_index(event, index)].custom:
        raise ValidationError("checklist", "only items you added can be removed")
    items = [item for position, item in enumerate(event.checklist) if position != index]
    return store.update(replace(event, checklist=items))


# findings --------------------------------------------------------------------------------------


def ask_findings(ask: str) -> list[Finding]:
    """rule SPECIFIC-ASK: no ask, or one too vague to act on."""
    text = ask.strip()
    if not text:
        return [
            Finding(
                "SPECIFIC-ASK",
                "warning",
                "No ask written for this event",
                "Write one specific ask naming the person and the action "
                "(an email introduction to Sally Jones at XYZ).",
            )
        ]
    return coach.vague_ask(text)


def event_findings(store: Store, event: Event) -> list[Finding]:
    """The coach's findings for one event (the prep screen and the Markdown export show them)."""
    findings: list[Finding] = []
    if not event.targets:
        findings.append(
            Finding(
                "KNOW-THE-ROOM",
                "warning",
                "No people picked to meet",
                "Pick two or three people expected there, each with one line on why.",
            )
        )
    if not event.speakers:
        findings.append(
            Finding(
                "KNOW-THE-ROOM",
                "info",
                "No speakers listed",
                "Find out who is speaking and prepare one question for each.",
            )
        )
    findings.extend(ask_findings(event.ask))
    if event.arrive_early_minutes == 0:
        findings.append(
            Finding(
                "ARRIVE-EARLY",
                "info",
                "You plan to arrive right at the start",
                "Arrive 20 minutes early: speakers and early arrivals have time to talk then.",
            )
        )
    return findings
