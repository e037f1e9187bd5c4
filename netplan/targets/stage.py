"""Relationship stage (rule ASK-LADDER): computed from history, overridable per person.

stranger: never spoken; new: one conversation; acquainted: two or more, or a follow-up answered;
rapport: three or more touches and you have given value; trusted: help has gone both ways.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from netplan.store.store import Store
from netplan.targets.model import STAGES, Person


@dataclass(frozen=True, slots=True)
class History:
    """What the stage is computed from."""

    conversations: int = 0
    touches: int = 0  # conversations, event meetings, follow-ups done
    gave_value: bool = False  # I gave them something (rule GIVE-FIRST)
    received_help: bool = False  # they did something for me (a promise of theirs kept)
    follow_up_answered: bool = False


def compute_stage(history: History) -> str:
    if history.conversations == 0 and history.touches == 0:
        return "stranger"
    if history.gave_value and history.received_help:
        return "trusted"
    if history.touches >= 3 and history.gave_value:
        return "rapport"
    if history.conversations >= 2 or history.follow_up_answered:
        return "acquainted"
    return "new"


def histories(store: Store) -> dict[int, History]:
    """Each person's history from the stored conversations, follow-ups and promises.

    Kept until the next save: the Notes pane asks on every cursor move, and ten years of
    conversations take ~15 ms to count (issue 9). Callers must not change the result.
    """
    return store.kept("histories", lambda: _read_histories(store.raw_tables()))


def _read_histories(tables: dict[str, dict[str, Any]]) -> dict[int, History]:
    conversations: Counter[int] = Counter()
    gave: set[int] = set()
    for doc in tables.get("conversations", {}).values():
        conversations[doc["person_id"]] += 1
        if doc.get("gave"):
            gave.add(doc["person_id"])
    done_follow_ups: Counter[int] = Counter()
    for doc in tables.get("follow_ups", {}).values():
        if doc.get("status") == "done":
            done_follow_ups[doc["person_id"]] += 1
    # Help came back: a promise of theirs they kept.
    helped = {
        doc["person_id"]
        for doc in tables.get("promises", {}).values()
        if doc.get("by") == "them" and doc.get("done_at")
    }
    # Met at an event (captured: rule ACT-AFTER): they have met you, so they are no stranger (issue 15).
    met_at_events: Counter[int] = Counter()
    for doc in tables.get("events", {}).values():
        for person_id in dict.fromkeys(doc.get("met") or []):
            if isinstance(person_id, int):
                met_at_events[person_id] += 1
    people = set(conversations) | set(done_follow_ups) | helped | set(met_at_events)
    return {
        person_id: History(
            conversations=conversations[person_id],
            touches=conversations[person_id] + done_follow_ups[person_id] + met_at_events[person_id],
            gave_value=person_id in gave,
            received_help=person_id in helped,
            follow_up_answered=done_follow_ups[person_id] > 0,
        )
        for person_id in people
    }


def stage_of(person: Person, history: History | None) -> str:
    if person.stage_override in STAGES:
        return person.stage_override
    return compute_stage(history or History())


def stage_for(store: Store, person: Person) -> str:
    """One person's stage (the Notes pane): no need to build every person's record."""
    return stage_of(person, histories(store).get(person.id))


def stages_for(store: Store, people: list[Person] | None = None) -> dict[int, str]:
    """The stage of every person (or of ``people``, when the caller already has them), by id."""
    known = histories(store)
    return {person.id: stage_of(person, known.get(person.id)) for person in people or store.all(Person)}
