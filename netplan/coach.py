"""The coach: the rules of ADVICE.md as pure functions that return findings.

Each finding carries its rule ID, a severity, a message and a suggestion. Screens show them; the CLI
prints them on stderr as `RULE-ID: message`.
"""

from __future__ import annotations

from dataclasses import dataclass

from netplan.cadence import is_active_target
from netplan.model import Person

SEVERITIES = ("info", "warning", "problem")


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    message: str
    suggestion: str = ""

    def line(self) -> str:
        return f"{self.rule_id}: {self.message}"


def small_list(people: list[Person], cap: int) -> list[Finding]:
    """rule SMALL-LIST: more active targets than the cap."""
    active = sum(1 for person in people if is_active_target(person))
    if active <= cap:
        return []
    return [
        Finding(
            "SMALL-LIST",
            "warning",
            f"{active} active targets, over your cap of {cap}",
            f"Park {active - cap} so you can give the rest real attention (x parks the selected person).",
        )
    ]


def mutual(person: Person) -> list[Finding]:
    """rule MUTUAL: a target with no known need and no way you can help."""
    if not is_active_target(person) or person.needs.strip() or person.can_help.strip():
        return []
    return [
        Finding(
            "MUTUAL",
            "warning",
            "You know neither what they need nor how you could help",
            "Ask what they are working on; note what they need and one way you can help.",
        )
    ]
