"""The targets of BOW-AND-ARROW: goals, the people (named or a *type*) and venues that serve them.

Models are plain dataclasses. ``to_doc()`` gives the TinyDB document, ``from_doc()`` reads one back,
and ``validated()`` returns a cleaned copy or raises ValidationError naming the field. ``id`` is the
TinyDB document id (0 until stored). Other models live beside their logic (see DESIGN notes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from netplan.core import moments
from netplan.core import validate as v
from netplan.core.record import Record

# rule ASK-LADDER: the relationship stages, weakest first.
STAGES = ("stranger", "new", "acquainted", "rapport", "trusted")

GOAL_STATUSES = ("active", "achieved", "dropped")
PERSON_KINDS = ("person", "type")
# rule FORMAL-AND-INFORMAL: venues of both kinds.
VENUE_KINDS = ("formal group", "professional organisation", "conference/meetup", "informal spot")


@dataclass(frozen=True)
class GoalLink:
    """A person or venue aimed at a goal, with one line on why it serves it (rule BOW-AND-ARROW)."""

    goal_id: int
    why: str = ""

    def to_doc(self) -> dict[str, Any]:
        return {"goal_id": self.goal_id, "why": self.why}

    @classmethod
    def from_doc(cls, doc: Any) -> GoalLink:
        if isinstance(doc, int):
            return cls(goal_id=doc)
        return cls(goal_id=int(doc["goal_id"]), why=str(doc.get("why", "")))


def _links_from(value: Any) -> list[GoalLink]:
    if not value:
        return []
    if not isinstance(value, list):
        raise v.ValidationError("goals", "must be a list of goal links")
    links: dict[int, GoalLink] = {}
    for item in value:
        link = item if isinstance(item, GoalLink) else GoalLink.from_doc(item)
        why = v.optional("goals.why", link.why, max_len=v.NAME_MAX)
        links[link.goal_id] = GoalLink(link.goal_id, why)
    return list(links.values())


class Aimed(Record):
    """A record that aims at goals: its stored goal links are read back as GoalLinks."""

    @classmethod
    def read_fields(cls, known: dict[str, Any]) -> dict[str, Any]:
        if "goals" in known:
            known["goals"] = [GoalLink.from_doc(item) for item in known["goals"] or []]
        return known


@dataclass(frozen=True)
class Goal(Record):
    """A networking goal: what you are aiming at now (rule BOW-AND-ARROW)."""

    TABLE: ClassVar[str] = "goals"
    title: str
    why: str = ""
    horizon: str | None = None  # ISO date by which you hope to get there
    status: str = "active"
    id: int = 0

    def validated(self) -> Goal:
        return replace(
            self,
            title=v.required("title", self.title),
            why=v.optional("why", self.why),
            horizon=v.iso_date("horizon", self.horizon),
            status=v.choice("status", self.status, GOAL_STATUSES),
        )


@dataclass(frozen=True)
class Person(Aimed):
    """A named person, or a *type* of person you want to meet (kind "type")."""

    TABLE: ClassVar[str] = "people"
    name: str
    kind: str = "person"
    company: str = ""
    role: str = ""
    email: str = ""
    linkedin: str = ""
    how_met: str = ""
    needs: str = ""  # rule MUTUAL: what they need
    can_help: str = ""  # rule MUTUAL: how I can help
    tags: list[str] = field(default_factory=list)
    goals: list[GoalLink] = field(default_factory=list)
    cadence_days: int | None = None  # rule GARDEN: None means the default for the stage
    parked: bool = False  # rule SMALL-LIST: kept, but not an active target
    stage_override: str | None = None
    last_touch: str | None = None  # ISO datetime of the last logged touch of any kind
    emails: list[str] = field(default_factory=list)  # further addresses from imports
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["goals"] = [link.to_doc() for link in self.goals]
        return doc

    @property
    def is_type(self) -> bool:
        return self.kind == "type"

    def validated(self) -> Person:
        return replace(
            self,
            name=v.required("name", self.name),
            kind=v.choice("kind", self.kind, PERSON_KINDS),
            company=v.optional("company", self.company, max_len=v.NAME_MAX),
            role=v.optional("role", self.role, max_len=v.NAME_MAX),
            email=v.email("email", self.email),
            linkedin=v.url("linkedin", self.linkedin),
            how_met=v.optional("how_met", self.how_met),
            needs=v.optional("needs", self.needs),
            can_help=v.optional("can_help", self.can_help),
            tags=v.tags("tags", self.tags),
            goals=_links_from(self.goals),
            cadence_days=v.positive_days("cadence_days", self.cadence_days),
            parked=bool(self.parked),
            stage_override=_stage_override(self.stage_override),
            emails=[v.email("emails", e) for e in self.emails],
            last_touch=moments.optional_moment("last_touch", self.last_touch),
        )


def _stage_override(value: object) -> str | None:
    """None (computed from history) or one of the relationship stages (rule ASK-LADDER)."""
    if value is None or value == "":
        return None
    return v.choice("stage_override", value, STAGES)


@dataclass(frozen=True)
class Venue(Aimed):
    """Where the people are: a group, an organisation, an event series, or an informal spot."""

    TABLE: ClassVar[str] = "venues"
    name: str
    kind: str = "formal group"
    cadence_days: int | None = None  # how often it meets or you go
    goals: list[GoalLink] = field(default_factory=list)
    notes: str = ""
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["goals"] = [link.to_doc() for link in self.goals]
        return doc

    def validated(self) -> Venue:
        return replace(
            self,
            name=v.required("name", self.name),
            kind=v.choice("kind", self.kind, VENUE_KINDS),
            cadence_days=v.positive_days("cadence_days", self.cadence_days),
            goals=_links_from(self.goals),
            notes=v.optional("notes", self.notes),
        )
