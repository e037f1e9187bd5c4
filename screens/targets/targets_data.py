"""What the Targets pane shows, read off the event loop (issue 9), the goal tree first (issue 17).

On a power user's ten years the rows, stages, goal tree and next steps take ~250 ms to read; the
pane's thread worker calls ``read_targets`` on a store snapshot and posts the result back, and the
event loop only builds the few widget lines it shows. At start the goal tree (``read_tree``) is read
on the loading thread and drawn with the main screen's first frame; the People and Slipping rows
(``read_lists``: not on screen) are read after it. Everything here is plain data and rich Text.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from rich.text import Text

from netplan.coach.rules import small_list
from netplan.schedule.next_step import NextStep, next_steps
from netplan.store.settings import load_settings
from netplan.store.store import Store
from netplan.targets.cadence import Slipping, slipping
from netplan.targets.model import Person, Venue
from netplan.targets.people import PersonRow, people_rows
from netplan.targets.tree import AimedGoal, goal_tree


@dataclass(frozen=True)
class TreeData:
    """What the goal tree (the first view) shows, with the warning above every view."""

    warning: Text | None  # rule SMALL-LIST, above every view
    aimed_goals: list[AimedGoal]
    steps: dict[int, NextStep]  # goal id -> its next scheduled step
    loose_people: list[Person]
    loose_venues: list[Venue]


@dataclass(frozen=True)
class TargetsData(TreeData):
    """Every view: the tree's data and the People and Slipping rows."""

    rows: list[PersonRow]  # every person, sorted by due date
    slipping: list[Slipping]


def cap_warning(people: list[Person], cap: int) -> Text | None:
    # rule SMALL-LIST: the warning sits above every view until the list is small again.
    findings = small_list(people, cap)
    if not findings:
        return None
    text = Text("⚠ SMALL-LIST: ", style="bold yellow")
    text.append(findings[0].message + ". ")
    text.append(findings[0].suggestion, style="dim")
    return text


def read_tree(store: Store) -> TreeData:
    aimed_goals, loose_people, loose_venues = goal_tree(store)
    return TreeData(
        warning=cap_warning(store.all(Person), load_settings(store).target_cap),
        aimed_goals=aimed_goals,
        steps=next_steps(store, aimed_goals),
        loose_people=loose_people,
        loose_venues=loose_venues,
    )


def read_lists(store: Store, tree: TreeData) -> TargetsData:
    """The People and Slipping rows, added to the tree's data read from the same store."""
    rows = people_rows(store)  # each row's match_text folded here, off the event loop
    stages = {row.person.id: row.stage for row in rows}
    people = [row.person for row in rows]
    return TargetsData(
        **{field.name: getattr(tree, field.name) for field in fields(TreeData)},
        rows=rows,
        slipping=slipping(people, stages, store.clock.now()),
    )


def read_targets(store: Store) -> TargetsData:
    return read_lists(store, read_tree(store))
