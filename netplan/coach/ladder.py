"""The ask ladder (rule ASK-LADDER): catch-up < advice < feedback < introduction < referral.

Each relationship stage allows asks up to a highest level (stranger: none directly; new: advice;
acquainted: feedback; rapport: introduction; trusted: referral). The labels, explanations and the
right-sized asks are wording in data/ask_ladder.json; this module holds the order and the lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from netplan.coach.network import network
from netplan.core.wording import fill, wording
from netplan.notes.model import ASK_LEVELS
from netplan.store.store import Store
from netplan.targets.model import Person
from netplan.targets.stage import STAGES, History, compute_stage

COMPUTED = "computed"  # the person form's choice for "no override"


def _ladder() -> dict[str, Any]:
    return wording("ask_ladder")


def level_rank(level: str) -> int:
    """0 for catch-up .. 4 for referral; -1 for no ask or an unknown level."""
    return ASK_LEVELS.index(level) if level in ASK_LEVELS else -1


def highest_level(stage: str) -> str:
    """The biggest ask the stage allows; "" for a stranger (ask nothing directly: rule NO-COLD-ASKS)."""
    return _ladder()["stages"].get(stage, {}).get("highest", "")


def allows(stage: str, level: str) -> bool:
    return level_rank(level) <= level_rank(highest_level(stage))


def level_label(level: str) -> str:
    """ "advice" -> "information/advice"; "" -> "no ask"."""
    return _ladder()["levels"].get(level, {}).get("label", level or "no ask")


def level_explanation(level: str) -> str:
    return _ladder()["levels"].get(level, {}).get("explanation", "")


def right_sized_ask(level: str) -> str:
    """ "advice" -> "an informational conversation"."""
    return _ladder()["levels"].get(level, {}).get("right_sized_ask", level_label(level))


def example_ask(level: str, values: dict[str, str]) -> str:
    """The level's example ask, filled from ``values`` (their_work, company, target)."""
    return fill(_ladder()["levels"].get(level, {}).get("example", ""), values)


def stage_explanation(stage: str) -> str:
    return _ladder()["stages"].get(stage, {}).get("explanation", "")


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # Whole words at the phrase's edges, so "intro to" does not match inside "introvert to".
    start = r"\b" if phrase[:1].isalnum() else ""
    end = r"\b" if phrase[-1:].isalnum() else ""
    return re.compile(start + re.escape(phrase) + end, re.IGNORECASE)


def infer_level(text: str) -> str:
    """The level an ask reads as when none was chosen: the highest level whose words it uses, or ""."""
    inference = _ladder()["inference"]
    for level in reversed(ASK_LEVELS):
        if any(_phrase_pattern(phrase).search(text) for phrase in inference.get(level, [])):
            return level
    return ""


def their_work(person: Person) -> str:
    """ "your work as Head of Product at Verdant Grid", or as much of it as the record knows."""
    role, company = person.role.strip(), person.company.strip()
    if role and company:
        return f"your work as {role} at {company}"
    if company:
        return f"your work at {company}"
    if role:
        return f"your work as {role}"
    return "your work"


@dataclass(frozen=True)
class StageInfo:
    """A person's stage as the Notes pane and the coach show it."""

    stage: str  # the stage in force: the override if set, else the computed one
    computed: str  # what the history says
    overridden: bool
    highest: str  # the biggest ask allowed, "" for a stranger
    highest_label: str
    explanation: str


def stage_info(store: Store, person: Person) -> StageInfo:
    computed = compute_stage(network(store).history.get(person.id) or History())
    overridden = person.stage_override in STAGES
    stage = person.stage_override if overridden and person.stage_override else computed
    highest = highest_level(stage)
    return StageInfo(
        stage=stage,
        computed=computed,
        overridden=overridden,
        highest=highest,
        highest_label=level_label(highest) if highest else "none directly: find an introducer",
        explanation=stage_explanation(stage),
    )


def stage_choices(computed: str) -> list[tuple[str, str]]:
    """The person form's Stage options: "computed" first (the default), then each stage to set by hand."""
    label = fill(_ladder()["stage_choice"]["computed"], {"stage": computed})
    return [(label, COMPUTED), *((stage, stage) for stage in STAGES)]
