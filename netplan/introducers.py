"""Who in your network could introduce you to someone (rule NO-COLD-ASKS: go through friends).

Your network is everyone you have spoken with (any stage but stranger). Someone is a likely
introducer when they work at the same company, when how you know the person names them ("Intro
from Priya"), or when your notes with them mention the person or their company. Pure reads over
the stored documents, cheap enough to run as a form is typed in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from netplan.cadence import is_active_target
from netplan.model import Person
from netplan.personal import content_words
from netplan.stage import STAGES
from netplan.store import Store
from netplan.wording import fill, wording

MOST_INTRODUCERS = 3
SHARED_HOW_MET_WORDS = 2  # "Design Research Breakfast" in both: they were in the same room

# Text fields of a conversation or promise document that may name people and companies.
_CONVERSATION_TEXT = ("needs", "asked", "notes")


@dataclass(frozen=True)
class Introducer:
    person: Person
    stage: str
    reason: str  # why they could introduce you, for the suggestion


def mentions(haystack: str, needle: str) -> bool:
    """``needle`` appears in ``haystack`` as whole words, ignoring case."""
    needle = needle.strip().casefold()
    return len(needle) >= 2 and bool(re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack.casefold()))


def notes_by_person(store: Store) -> dict[int, str]:
    """Everything you have written about each person (record, conversations, promises), as one text."""
    texts: dict[int, list[str]] = defaultdict(list)
    tables = store.raw_tables()
    for doc in tables.get("conversations", {}).values():
        parts = [str(doc.get(name, "")) for name in _CONVERSATION_TEXT]
        parts += [
            str(item.get("text", "")) if isinstance(item, dict) else str(item) for item in doc.get("gave", [])
        ]
        texts[doc["person_id"]].append(" ".join(parts))
    for doc in tables.get("promises", {}).values():
        texts[doc["person_id"]].append(str(doc.get("text", "")))
    return {person_id: "\n".join(parts) for person_id, parts in texts.items()}


def _record_text(person: Person) -> str:
    return " ".join((person.how_met, person.needs, person.can_help))


def _reason(target: Person, candidate: Person, notes: str) -> tuple[int, str]:
    """(strength, reason): 4 same company, 3 named in how you know the target, 2 met the same way,
    1 your notes with them mention the target or their company; 0 none."""
    words: dict[str, Any] = wording("coach")["introducers"]
    company = target.company.strip()
    if company and candidate.company.strip().casefold() == company.casefold():
        return 4, fill(words["same_company"], {"company": company})
    first = target.name.split()[0]
    how_met = target.how_met.strip()
    if how_met and any(mentions(how_met, name) for name in (candidate.name, candidate.name.split()[0])):
        return 3, fill(words["named_in_how_met"], {"target_first": first, "how_met": how_met})
    shared = content_words(how_met) & content_words(candidate.how_met)
    if len(shared) >= SHARED_HOW_MET_WORDS:
        return 2, fill(words["same_how_met"], {"how_met": how_met})
    text = f"{_record_text(candidate)}\n{notes}"
    for mention in (target.name, company):
        if mention and mentions(text, mention):
            return 1, fill(words["mentions_target"], {"mention": mention})
    return 0, ""


def introducers_for(
    store: Store,
    target: Person,
    stages: dict[int, str],
    *,
    people: Iterable[Person] | None = None,
    notes: dict[int, str] | None = None,
    most: int = MOST_INTRODUCERS,
) -> list[Introducer]:
    """The best introducers to ``target``: strongest reason first, then the closest relationship."""
    notes = notes_by_person(store) if notes is None else notes
    found: list[tuple[int, int, str, Introducer]] = []
    for candidate in store.all(Person) if people is None else people:
        stage = stages.get(candidate.id, "stranger")
        if (
            candidate.id == target.id
            or candidate.is_type
            or not candidate.name.split()
            or stage == "stranger"
        ):
            continue
        strength, reason = _reason(target, candidate, notes.get(candidate.id, ""))
        if strength:
            found.append(
                (
                    -strength,
                    -STAGES.index(stage),
                    candidate.name.casefold(),
                    Introducer(candidate, stage, reason),
                )
            )
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found[:most]]


def introducers_text(introducers: list[Introducer]) -> str:
    """ "Priya Raman (works at Verdant Grid); or Chen Wei (...)"."""
    words = wording("coach")["introducers"]
    return words["join"].join(
        fill(words["one"], {"name": i.person.name, "reason": i.reason}) for i in introducers
    )


def introduction_target(
    store: Store, person: Person, stages: dict[int, str], *, people: Iterable[Person] | None = None
) -> Person | None:
    """Whom ``person`` could introduce you to, for a specific ask (rule SPECIFIC-ASK).

    Someone at their company (people you have not met first), else a target aimed at one of the same
    goals whom you have not met yet, else any target you have not met.
    """
    named = [
        p
        for p in (store.all(Person) if people is None else people)
        if p.id != person.id and not p.is_type and p.name.strip()
    ]

    def closeness(p: Person) -> tuple[int, str]:
        return STAGES.index(stages.get(p.id, "stranger")), p.name.casefold()

    company = person.company.strip().casefold()
    same_company = [p for p in named if company and p.company.strip().casefold() == company]
    if same_company:
        return min(same_company, key=closeness)
    goals = {link.goal_id for link in person.goals}
    unmet = [p for p in named if is_active_target(p) and stages.get(p.id, "stranger") == "stranger"]
    sharing = [p for p in unmet if goals & {link.goal_id for link in p.goals}]
    for group in (sharing, unmet):
        if group:
            return min(group, key=closeness)
    return None


def name_at_company(person: Person) -> str:
    """ "Dana Ortiz at Verdant Grid", or the name alone."""
    company = person.company.strip()
    return f"{person.name} at {company}" if company else person.name
