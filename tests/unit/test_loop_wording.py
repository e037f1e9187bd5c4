"""The domain side of issue 15's smaller findings: counts agree with their nouns, the targets never
met, the names "People to meet" does not know yet, and the people filter's folding."""

from __future__ import annotations

from datetime import date

from netplan.agenda import agenda_for
from netplan.core.text import count_of
from netplan.events.lines import unknown_targets
from netplan.schedule.invite import never_met_targets
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person
from netplan.targets.people import fold


def test_a_count_agrees_with_its_noun() -> None:
    assert [count_of(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert count_of(1, "person", "people") == "1 person" and count_of(3, "person", "people") == "3 people"


def test_a_daily_cadence_says_1_day(store: Store) -> None:
    store.insert(Person(name="Daily", cadence_days=1, last_touch="2026-11-23T10:00:00+01:00"))
    [item] = agenda_for(store, date(2026, 11, 24)).slipping
    assert item.text == "Stay in touch: last touch 1 day ago (every 1 day)"


def test_never_met_targets_are_the_untouched_named_active_targets_of_active_goals(store: Store) -> None:
    active = store.insert(Goal(title="Climate"))
    paused = store.insert(Goal(title="Done", status="achieved"))
    link = [GoalLink(active.id, "")]
    store.insert(Person(name="Zed New", goals=link))
    store.insert(Person(name="Amy New", goals=link))
    store.insert(Person(name="Met", goals=link, last_touch="2026-11-01T10:00:00+01:00"))
    store.insert(Person(name="Parked", goals=link, parked=True))
    store.insert(Person(name="A type", kind="type", goals=link))
    store.insert(Person(name="Paused goal", goals=[GoalLink(paused.id, "")]))
    store.insert(Person(name="No goal"))
    assert [p.name for p in never_met_targets(store)] == ["Amy New", "Zed New"]


def test_unknown_targets_are_the_names_that_match_nobody_once_each(store: Store) -> None:
    store.insert(Person(name="Priya Raman"))
    text = "priya — product\nKai Moreno — storage\n\nkai moreno — again\nNo Body"
    assert unknown_targets(store, text) == ["Kai Moreno", "No Body"]


def test_fold_drops_case_and_accents() -> None:
    assert fold("Tomás VARGA") == "tomas varga" and fold("Ærø") == "ærø"
