""" "Who should I invite?": people to propose for an empty coffee or lunch occurrence.

Candidates come from three sources, asked in order; a person appears once, under the first
source that proposes them: people with a follow-up overdue by the occurrence's day (rule
FOLLOW-48H: a coffee is a good way to close it), then people slipping past their stay-in-touch
cadence (rule GARDEN), then targets of active goals with no step this week (rule BOW-AND-ARROW).
Types of people, parked people (rule SMALL-LIST) and anyone already on the schedule that week are
never proposed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from netplan.core.text import count_of
from netplan.notes.model import FollowUp
from netplan.schedule.week import Occurrence, occurrences, week_containing, week_start_weekday
from netplan.store.store import Store
from netplan.targets.cadence import cadence_days, due_day, parse_moment
from netplan.targets.model import Goal, Person
from netplan.targets.stage import stages_for


@dataclass(frozen=True)
class InviteCandidate:
    """A person proposed for an occurrence, and why (one line, citing the rule)."""

    person: Person
    source: str  # "follow-up", "slipping", "goal target"
    reason: str
    rule_id: str


@dataclass(frozen=True)
class InviteContext:
    """What the sources share: the occurrence, its week, and who is already scheduled that week."""

    occurrence: Occurrence
    week_start: date
    scheduled_person_ids: frozenset[int]
    people: list[Person]  # everyone, read once for all sources
    stages: dict[int, str]  # relationship stage by person id (the cadence depends on it)

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)


def last_touch(person: Person) -> datetime | None:
    """The person's last logged touch, or None (never touched, or an unreadable value)."""
    return parse_moment(person.last_touch)


def touch_due(person: Person, stage: str = "stranger") -> date | None:
    """When the next touch is due (rule GARDEN: netplan.targets.cadence); None if never touched."""
    return due_day(person, stage)


def is_invitable(person: Person) -> bool:
    """A named, active person: not a *type* of person, not parked (rule SMALL-LIST)."""
    return not person.is_type and not person.parked


def follow_up_candidates(store: Store, context: InviteContext) -> list[InviteCandidate]:
    """People with an open follow-up due by the occurrence's day, the longest overdue first."""
    day = context.occurrence.date
    people = {person.id: person for person in context.people if is_invitable(person)}
    due: dict[int, str] = {}
    for follow_up in store.all(FollowUp):
        touched = parse_moment(follow_up.due)
        if follow_up.is_open and follow_up.person_id in people and touched and touched.date() <= day:
            due[follow_up.person_id] = min(due.get(follow_up.person_id, follow_up.due), follow_up.due)
    ordered = sorted(due.items(), key=lambda item: (item[1], people[item[0]].name.casefold()))
    return [
        InviteCandidate(people[person_id], "follow-up", f"follow-up due {when[:10]}", "FOLLOW-48H")
        for person_id, when in ordered
    ]


def slipping_candidates(store: Store, context: InviteContext) -> list[InviteCandidate]:
    """People whose stay-in-touch cadence has run out by the occurrence's day, most overdue first."""
    day = context.occurrence.date
    due_people = []
    for person in context.people:
        due = touch_due(person, context.stages.get(person.id, "stranger"))
        if due is not None and due <= day and is_invitable(person):
            due_people.append((due, person))
    due_people.sort(key=lambda item: (item[0], item[1].name.casefold()))
    found = []
    for due, person in due_people:
        touched = last_touch(person)
        assert touched is not None
        every = cadence_days(person, context.stages.get(person.id, "stranger"))
        reason = f"slipping: last touch {touched.date()}, due every {count_of(every, 'day')} since {due}"
        found.append(InviteCandidate(person, "slipping", reason, "GARDEN"))
    return found


def goal_target_candidates(store: Store, context: InviteContext) -> list[InviteCandidate]:
    """Targets of active goals with no step this week (no touch this week), longest untouched first."""
    goals = {goal.id: goal for goal in store.all(Goal) if goal.status == "active"}
    week_start = context.week_start
    picked: list[tuple[str, str, Person, Goal]] = []
    for person in context.people:
        goal = next((goals[link.goal_id] for link in person.goals if link.goal_id in goals), None)
        if goal is None or not is_invitable(person):
            continue
        touched = last_touch(person)
        if touched is not None and touched.date() >= week_start:
            continue  # a touch this week is a step
        picked.append((touched.date().isoformat() if touched else "", person.name.casefold(), person, goal))
    picked.sort(key=lambda item: (item[0], item[1]))
    return [
        InviteCandidate(
            person, "goal target", f"target of {goal.title!r}: no step this week", "BOW-AND-ARROW"
        )
        for _, _, person, goal in picked
    ]


def never_met_targets(store: Store) -> list[Person]:
    """Named, active targets of active goals never touched yet, A to Z: not "due a touch" (there is
    no cadence before a first meeting), yet the invite list proposes them (rule BOW-AND-ARROW), so the
    planning screen names them too (issue 15: it said "Nobody is due a touch" beside them)."""
    goals = {goal.id for goal in store.all(Goal) if goal.status == "active"}
    found = [
        person
        for person in store.all(Person)
        if is_invitable(person)
        and last_touch(person) is None
        and any(link.goal_id in goals for link in person.goals)
    ]
    return sorted(found, key=lambda person: person.name.casefold())


def invite_context(store: Store, occurrence: Occurrence) -> InviteContext:
    week_start = week_containing(occurrence.date, week_start_weekday(store))
    week = occurrences(store, week_start, week_start + timedelta(days=6))
    scheduled = frozenset(occ.person_id for occ in week if occ.person_id is not None)
    people = store.all(Person)
    return InviteContext(occurrence, week_start, scheduled, people, stages_for(store, people))


def invite_candidates(
    store: Store,
    occurrence: Occurrence,
    *,
    limit: int = 10,
) -> list[InviteCandidate]:
    """Whom to invite to ``occurrence``: each source in order, one entry per person, at most ``limit``."""
    context = invite_context(store, occurrence)
    seen = set(context.scheduled_person_ids)
    found: list[InviteCandidate] = []
    for source in (follow_up_candidates, slipping_candidates, goal_target_candidates):
        for candidate in source(store, context):
            if candidate.person.id in seen:
                continue
            seen.add(candidate.person.id)
            found.append(candidate)
            if len(found) >= limit:
                return found
    return found
