"""Builders for the coach's tests: people at a chosen stage, with a chosen history (fixed clock)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from netplan.coach.rules import Finding
from netplan.core import moments
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation, GivenValue
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person


def add_person(store: Store, name: str, *, target: bool = False, **fields: Any) -> Person:
    """A person; ``target=True`` aims them at a goal (an active target)."""
    goals = []
    if target:
        goal = next(iter(store.all(Goal)), None) or store.insert(Goal(title="Move into climate tech"))
        goals = [GoalLink(goal.id)]
    return store.insert(Person(name=name, goals=goals, **fields))


def talk(
    store: Store,
    person: Person,
    *,
    days_ago: int = 7,
    gave: tuple[str, ...] = (),
    asked: str = "",
    ask_level: str = "",
) -> Person:
    """Log a conversation ``days_ago`` days before the fixed now; returns the person as stored after."""
    when = moments.to_iso(store.clock.now().subtract(days=days_ago))
    conversation = Conversation(
        person_id=person.id,
        when=when,
        gave=[GivenValue("resource", text) for text in gave],
        asked=asked,
        ask_level=ask_level,
    )
    return log_conversation(store, conversation).person


def at_stage(store: Store, name: str, stage: str, **fields: Any) -> Person:
    """A person the stage is set for by hand (one conversation behind them unless a stranger)."""
    person = add_person(store, name, **fields)
    if stage != "stranger":
        person = talk(store, person, gave=("a useful article",))
    return store.update(replace(person, stage_override=stage))


def the(findings: list[Finding], rule_id: str) -> Finding:
    """The one finding of ``rule_id`` (fails if there is none, or several)."""
    [finding] = [f for f in findings if f.rule_id == rule_id]
    return finding
