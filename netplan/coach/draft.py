"""Outreach drafts (rule PERSONAL): one person, one template, the text as last typed.

The model only; composing and saving are in netplan.coach.outreach. The templates themselves are data
(data/outreach_templates.json); this module names them and their length limits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from netplan.core import moments
from netplan.core import validate as v
from netplan.core.errors import ValidationError
from netplan.core.record import Record
from netplan.core.wording import wording


def templates() -> list[dict[str, Any]]:
    """The outreach templates in the order the composer offers them."""
    found: list[dict[str, Any]] = wording("outreach_templates")["templates"]
    return found


def template_ids() -> tuple[str, ...]:
    return tuple(template["id"] for template in templates())


def template(template_id: str) -> dict[str, Any]:
    for item in templates():
        if item["id"] == template_id:
            return item
    raise ValidationError("template", f"must be one of: {', '.join(template_ids())}")


def template_label(template_id: str) -> str:
    return str(template(template_id)["label"]) if template_id in template_ids() else template_id


def length_limit(template_id: str) -> int | None:
    """The template's character limit (LinkedIn's 300 for a connection note), or None."""
    if template_id not in template_ids():
        return None
    limit = template(template_id).get("limit")
    return int(limit) if limit else None


@dataclass(frozen=True)
class Draft(Record):
    """A message being written to ONE person (never several recipients: rule PERSONAL)."""

    TABLE: ClassVar[str] = "drafts"
    person_id: int
    template: str
    text: str
    updated: str  # ISO datetime with offset
    id: int = 0

    def validated(self) -> Draft:
        if not isinstance(self.person_id, int) or isinstance(self.person_id, bool) or self.person_id < 1:
            raise ValidationError("person_id", "must name a stored person")
        return replace(
            self,
            template=v.choice("template", self.template, template_ids()),
            text=v.optional("text", self.text),
            updated=moments.moment("updated", self.updated),
        )


def character_count(text: str) -> int:
    """Characters as the message will be sent (LinkedIn counts the note's characters)."""
    return len(text.strip())
