"""A goal's next step (rule BOW-AND-ARROW meets ALWAYS-ON): the first scheduled occurrence that serves it."""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import DateTime

from netplan.schedule.week import occurrences
from netplan.store.store import Store
from netplan.targets.tree import AimedGoal

NEXT_STEP_HORIZON_DAYS = 28


@dataclass(frozen=True)
class NextStep:
    """The next scheduled occurrence that serves a goal: with one of its people or at one of its venues."""

    start: DateTime
    title: str


def next_steps(store: Store, aimed_goals: list[AimedGoal]) -> dict[int, NextStep]:
    """For each goal, the first upcoming occurrence (within four weeks) aimed at it."""
    now = store.clock.now()
    upcoming = [
        occ
        for occ in occurrences(store, now.date(), now.date().add(days=NEXT_STEP_HORIZON_DAYS))
        if occ.start >= now
    ]
    found: dict[int, NextStep] = {}
    for aimed in aimed_goals:
        people = {person.id for person, _ in aimed.people}
        venues = {venue.id for venue, _ in aimed.venues}
        for occ in upcoming:
            if occ.person_id in people or occ.slot.venue_id in venues:
                who = occ.booked_person_name or occ.person_name or occ.venue_name or ""
                found[aimed.goal.id] = NextStep(occ.start, f"{occ.slot.title}" + (f" ({who})" if who else ""))
                break
    return found
