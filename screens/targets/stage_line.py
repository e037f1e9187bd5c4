"""A person's relationship stage and the biggest ask it allows (rule ASK-LADDER), as one Text.

For the Notes pane and the Coach view: ``stage_text(store, person)``.
"""

from __future__ import annotations

from rich.text import Text

from netplan.coach.ladder import stage_info
from netplan.store.store import Store
from netplan.targets.model import Person


def stage_text(store: Store, person: Person) -> Text:
    """ "Stage: new (computed) · biggest ask: information/advice" and the stage's one-line advice."""
    info = stage_info(store, person)
    line = Text("Stage: ", style="dim")
    line.append(info.stage, style="bold")
    if info.overridden:
        line.append(f" (set by hand; history says {info.computed})", style="dim")
    else:
        line.append(" (computed)", style="dim")
    line.append(" · biggest ask: ", style="dim")
    line.append(info.highest_label)
    if info.explanation:
        line.append("\n")
        line.append(info.explanation, style="italic dim")
    return line
