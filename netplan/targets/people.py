"""The people list: one row per person with stage, last touch and due date (rule GARDEN).

Shared by the People view and `netplan people --json`, so the two always agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netplan.store.store import Store
from netplan.targets.cadence import due_at, is_active_target, parse_moment
from netplan.targets.model import Goal, Person
from netplan.targets.stage import stages_for

SORT_KEYS = ("due", "name", "last touch")


def fold(text: str) -> str:
    """Case-folded, accents dropped (NFKD without combining marks): what the people filter compares."""
    folded = text.casefold()
    if folded.isascii():
        return folded  # most names: nothing to decompose (the filter folds 5,000 rows on a keystroke)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@dataclass(frozen=True, slots=True)
class PersonRow:
    # slots, no cached properties (issue 17: 2,000 rows on the ten years, each ~0.5 KB lighter)
    person: Person
    stage: str
    last_touch: datetime | None
    due: datetime | None
    goal_titles: tuple[str, ...]
    goal_whys: tuple[str, ...] = ()  # why they serve each goal, in goal_titles' order
    # search_text folded for matching: any case, and "Tomás" found by "tomas"; folded when the row is
    # read (off the event loop in the planner), not on the filter's first keystroke
    match_text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "match_text", fold(self.search_text))

    @property
    def search_text(self) -> str:
        """What the filter matches: name, company, role and tags."""
        p = self.person
        return " ".join(part for part in (p.name, p.company, p.role, " ".join(p.tags)) if part)

    def to_json(self) -> dict[str, Any]:
        p = self.person
        return {
            "id": p.id,
            "name": p.name,
            "kind": p.kind,
            "company": p.company,
            "role": p.role,
            "stage": self.stage,
            "last_touch": self.last_touch.isoformat() if self.last_touch else None,
            "due": self.due.isoformat() if self.due else None,
            "parked": p.parked,
            "active": is_active_target(p),
            "goals": list(self.goal_titles),
            # every other field of the record (issue 15: `people --json` carries every field)
            "goal_links": [
                {"goal": title, "why": why}
                for title, why in zip(
                    self.goal_titles, self.goal_whys or [""] * len(self.goal_titles), strict=True
                )
            ],
            "email": p.email,
            "emails": list(p.emails),
            "linkedin": p.linkedin,
            "how_met": p.how_met,
            "needs": p.needs,
            "can_help": p.can_help,
            "tags": list(p.tags),
            "cadence_days": p.cadence_days,
            "stage_override": p.stage_override,
        }


def people_rows(store: Store) -> list[PersonRow]:
    goals = {goal.id: goal.title for goal in store.all(Goal)}
    people = store.all(Person)
    stages = stages_for(store, people)
    tz = store.clock.tz
    rows = []
    for person in people:
        stage = stages.get(person.id, "stranger")
        links = [link for link in person.goals if link.goal_id in goals]
        titles = tuple(goals[link.goal_id] for link in links)
        whys = tuple(link.why for link in links)
        last = parse_moment(person.last_touch, tz)
        rows.append(PersonRow(person, stage, last, due_at(person, stage, tz), titles, whys))
    return sort_rows(rows, "due")


def _due_key(row: PersonRow) -> tuple[int, float, str]:
    # Soonest (most overdue) first; people never touched (no due date) after everyone with one.
    if row.due is None:
        return (1, 0.0, row.person.name.casefold())
    return (0, row.due.timestamp(), row.person.name.casefold())


def _last_touch_key(row: PersonRow) -> tuple[int, float, str]:
    # Longest since the last touch first; never touched first of all.
    if row.last_touch is None:
        return (0, 0.0, row.person.name.casefold())
    return (1, row.last_touch.timestamp(), row.person.name.casefold())


_SORTS: dict[str, Callable[[PersonRow], Any]] = {
    "due": _due_key,
    "name": lambda row: (row.person.name.casefold(), row.person.id),
    "last touch": _last_touch_key,
}


def sort_rows(rows: list[PersonRow], key: str) -> list[PersonRow]:
    return sorted(rows, key=_SORTS[key])


def matches_plain(row: PersonRow, query: str) -> bool:
    """A plain case-insensitive substring match (the CLI's QUERY)."""
    return query.casefold() in row.search_text.casefold()
