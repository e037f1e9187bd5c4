"""The goal, person and venue forms (rule BOW-AND-ARROW: people and venues aim at goals)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from netplan.coach.ladder import COMPUTED, stage_choices, stage_info
from netplan.coach.phrasing import CAN_HELP_PROMPT, NEEDS_PROMPT
from netplan.core.errors import ValidationError
from netplan.core.record import Record
from netplan.store.store import Store
from netplan.targets.model import GOAL_STATUSES, VENUE_KINDS, Goal, GoalLink, Person, Venue
from screens.common.record_form import FormField, RecordForm

WHY_PLACEHOLDER = "one line"


def _goal_options(store: Store) -> list[tuple[str, int]]:
    return [(goal.title, goal.id) for goal in store.all(Goal)]


def stored_why(links: list[GoalLink]) -> str:
    """The why the form shows: the one every linked goal shares ("" when they differ or have none).

    issue 15: the edit form hid the stored why, so saving with the field empty looked like losing it."""
    whys = {link.why for link in links}
    return whys.pop() if len(whys) == 1 else ""


def _links(chosen: list[int], existing: list[GoalLink], why: str, shown: str = "") -> list[GoalLink]:
    """Left as shown, the why of links that stay is kept (each goal its own) and new links take it;
    changed (or cleared), every chosen goal takes the form's why."""
    if why.strip() and not chosen:
        # DESIGN.md, Bad input: a typed why is never dropped without a word
        raise ValidationError("goal_why", "choose the goal it serves above, or leave this empty")
    old = {link.goal_id: link for link in existing}
    unchanged = why.strip() == shown.strip()
    return [
        old[goal_id] if goal_id in old and unchanged else GoalLink(goal_id, why.strip()) for goal_id in chosen
    ]


class GoalForm(RecordForm):
    def __init__(self, store: Store, goal: Goal | None = None) -> None:
        self.original = goal
        fields = [
            FormField("title", "Goal", placeholder="e.g. Move into climate-tech product roles"),
            FormField("why", "Why now", placeholder="what it will change for you"),
            FormField("horizon", "Horizon (YYYY-MM-DD)", placeholder="optional"),
            FormField("status", "Status", "choice", [(s, s) for s in GOAL_STATUSES]),
        ]
        initial: dict[str, Any] = {"status": "active"}
        if goal:
            initial = {
                "title": goal.title,
                "why": goal.why,
                "horizon": goal.horizon or "",
                "status": goal.status,
            }
        super().__init__(store, "Edit goal" if goal else "New goal", fields, initial)

    def build(self, values: dict[str, Any]) -> Record:
        base = self.original or Goal(title="")
        return replace(
            base,
            title=values["title"],
            why=values["why"],
            horizon=values["horizon"] or None,
            status=values["status"],
        )


class PersonForm(RecordForm):
    def __init__(self, store: Store, person: Person | None = None, *, goal_id: int | None = None) -> None:
        self.original = person
        computed = stage_info(store, person).computed if person else "stranger"
        fields = [
            FormField("name", "Name", placeholder="a person, or a type of person"),
            FormField("kind", "Type", "flag", placeholder="A type of person, not a named one"),
            FormField("company", "Company"),
            FormField("role", "Role"),
            FormField("email", "Email"),
            FormField("linkedin", "LinkedIn URL", placeholder="https://www.linkedin.com/in/..."),
            FormField("how_met", "How we met"),
            # Phrases that fit the drafts' sentences (netplan.coach.phrasing; issue 15): "You mentioned you
            # need …", "If it helps, I could …".
            FormField("needs", "What they need", placeholder=NEEDS_PROMPT),
            FormField("can_help", "How I can help", placeholder=CAN_HELP_PROMPT),
            FormField("tags", "Tags", placeholder="comma, separated"),
            FormField("cadence_days", "Stay in touch (days)", placeholder="blank: the default"),
            # rule ASK-LADDER: the stage is computed from history unless you know better.
            FormField("stage_override", "Stage", "choice", stage_choices(computed)),
            FormField("goals", "Goals this person serves", "multi", _goal_options(store)),
            FormField("goal_why", "Why they serve the goal", placeholder=WHY_PLACEHOLDER),
        ]
        initial: dict[str, Any] = {"goals": [goal_id] if goal_id else [], "stage_override": COMPUTED}
        if person:
            initial = {
                "name": person.name,
                "kind": person.is_type,
                "company": person.company,
                "role": person.role,
                "email": person.email,
                "linkedin": person.linkedin,
                "how_met": person.how_met,
                "needs": person.needs,
                "can_help": person.can_help,
                "tags": ", ".join(person.tags),
                "cadence_days": person.cadence_days or "",
                "stage_override": person.stage_override or COMPUTED,
                "goals": [link.goal_id for link in person.goals],
                "goal_why": stored_why(person.goals),
            }
        super().__init__(store, "Edit person" if person else "New person", fields, initial)

    def build(self, values: dict[str, Any]) -> Record:
        base = self.original or Person(name="")
        return replace(
            base,
            name=values["name"],
            kind="type" if values["kind"] else "person",
            company=values["company"],
            role=values["role"],
            email=values["email"],
            linkedin=values["linkedin"],
            how_met=values["how_met"],
            needs=values["needs"],
            can_help=values["can_help"],
            tags=values["tags"],
            cadence_days=values["cadence_days"] or None,
            stage_override=None if values["stage_override"] == COMPUTED else values["stage_override"],
            goals=_links(values["goals"], base.goals, values["goal_why"], self.initial.get("goal_why", "")),
        )


class VenueForm(RecordForm):
    def __init__(self, store: Store, venue: Venue | None = None, *, goal_id: int | None = None) -> None:
        self.original = venue
        fields = [
            FormField("name", "Venue", placeholder="a group, organisation, event series or spot"),
            FormField("kind", "Kind", "choice", [(k, k) for k in VENUE_KINDS]),
            FormField("cadence_days", "Meets every N days", placeholder="optional"),
            FormField("notes", "Notes"),
            FormField("goals", "Goals this venue serves", "multi", _goal_options(store)),
            FormField("goal_why", "Why it serves the goal", placeholder=WHY_PLACEHOLDER),
        ]
        initial: dict[str, Any] = {"kind": VENUE_KINDS[0], "goals": [goal_id] if goal_id else []}
        if venue:
            initial = {
                "name": venue.name,
                "kind": venue.kind,
                "cadence_days": venue.cadence_days or "",
                "notes": venue.notes,
                "goals": [link.goal_id for link in venue.goals],
                "goal_why": stored_why(venue.goals),
            }
        super().__init__(store, "Edit venue" if venue else "New venue", fields, initial)

    def build(self, values: dict[str, Any]) -> Record:
        base = self.original or Venue(name="")
        return replace(
            base,
            name=values["name"],
            kind=values["kind"],
            cadence_days=values["cadence_days"] or None,
            notes=values["notes"],
            goals=_links(values["goals"], base.goals, values["goal_why"], self.initial.get("goal_why", "")),
        )
