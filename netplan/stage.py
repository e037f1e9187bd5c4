"""Relationship stage (rule ASK-LADDER): computed from history, overridable per person.

stranger: never spoken; new: one conversation; acquainted: two or more, or a follow-up answered;
rapport: three or more touches and you have given value; trusted: help has gone both ways.
"""

from __future__ import annotations

from dataclasses import dataclass

from netplan.model import Person
from netplan.store import Store

STAGES = ("stranger", "new", "acquainted", "rapport", "trusted")


@dataclass(frozen=True)
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
    """Each person's history from what the store holds (people without any: stranger)."""
    found: dict[int, History] = {}
    for person in store.all(Person):
        if person.last_touch:
            found[person.id] = History(conversations=1, touches=1)
    return found


def stage_of(person: Person, history: History | None) -> str:
    if person.stage_override in STAGES:
        return person.stage_override
    return compute_stage(history or History())


def stages_for(store: Store) -> dict[int, str]:
    """The stage of every person, by id."""
    known = histories(store)
    return {person.id: stage_of(person, known.get(person.id)) for person in store.all(Person)}
