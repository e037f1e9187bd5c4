"""rule ASK-LADDER: the order of asks, what each stage allows, the stage override; wording is data."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netplan.coach import ladder
from netplan.core.errors import ValidationError
from netplan.core.wording import wording
from netplan.notes.model import ASK_LEVELS
from netplan.store.store import Store
from netplan.targets.model import Person
from netplan.targets.stage import STAGES
from tests.unit.coach_data import add_person, talk


@pytest.mark.parametrize(
    ("stage", "highest", "allowed", "refused"),
    [
        ("stranger", "", [], ["catch-up", "advice"]),
        ("new", "advice", ["catch-up", "advice"], ["feedback"]),
        ("acquainted", "feedback", ["feedback"], ["introduction"]),
        ("rapport", "introduction", ["introduction"], ["referral"]),
        ("trusted", "referral", ["referral"], []),
    ],
)
def test_each_stage_allows_asks_up_to_its_highest(
    stage: str, highest: str, allowed: list[str], refused: list[str]
) -> None:
    assert ladder.highest_level(stage) == highest
    assert all(ladder.allows(stage, level) for level in allowed)
    assert not any(ladder.allows(stage, level) for level in refused)


def test_the_levels_are_in_order_smallest_first() -> None:
    assert [ladder.level_rank(level) for level in ASK_LEVELS] == [0, 1, 2, 3, 4]
    assert ladder.level_label("advice") == "information/advice"
    assert ladder.level_label("introduction") == "introduction to a named person"
    assert ladder.right_sized_ask("advice") == "an informational conversation"


def test_every_level_and_stage_has_its_wording_in_data() -> None:
    data = wording("ask_ladder")
    for level in ASK_LEVELS:
        assert {"label", "explanation", "right_sized_ask", "example"} <= set(data["levels"][level])
    assert set(data["stages"]) == set(STAGES)
    for spec in wording("coach")["findings"].values():
        assert spec["severity"] in ("info", "warning", "problem") and spec["message"] and spec["suggestion"]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Could you refer me for the PM opening?", "referral"),
        ("Would you put in a good word with the hiring manager?", "referral"),
        ("Would you introduce me to Dana Ortiz?", "introduction"),
        ("Could you put me in touch with their CTO?", "introduction"),
        ("Would you review my CV?", "feedback"),
        ("How did you move into climate?", "advice"),
        ("Shall we catch up next month?", "catch-up"),
        ("Nice to see you", ""),
        ("I'm an introvert to be honest", ""),  # "intro" inside a word is not an introduction
    ],
)
def test_the_level_is_read_from_the_text_when_none_is_chosen(text: str, level: str) -> None:
    assert ladder.infer_level(text) == level


def test_stage_info_is_computed_and_can_be_overridden(store: Store) -> None:
    person = talk(store, add_person(store, "Chen Wei"))
    info = ladder.stage_info(store, person)
    assert (info.stage, info.computed, info.overridden, info.highest) == ("new", "new", False, "advice")
    trusted = store.update(replace(person, stage_override="trusted"))
    info = ladder.stage_info(store, trusted)
    assert (info.stage, info.computed, info.overridden, info.highest_label) == (
        "trusted",
        "new",
        True,
        "referral/recommendation",
    )
    stranger = ladder.stage_info(store, add_person(store, "Ravi Shah"))
    assert stranger.highest == "" and "introducer" in stranger.highest_label


def test_the_person_form_offers_computed_first() -> None:
    choices = ladder.stage_choices("new")
    assert choices[0] == ("computed from history (now: new)", ladder.COMPUTED)
    assert [value for _, value in choices[1:]] == list(STAGES)


def test_an_unknown_stage_override_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        Person(name="Chen Wei", stage_override="best friends").validated()
    assert error.value.field == "stage_override"
    assert Person(name="Chen Wei", stage_override="").validated().stage_override is None
