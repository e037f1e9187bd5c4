"""The composer's domain: templates written for one person, drafts saved on them, one file each."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from netplan.coach.draft import Draft, character_count, length_limit, template_ids, template_label
from netplan.coach.outreach import (
    compose,
    draft_for,
    drafts_for,
    export_draft,
    export_path,
    save_draft,
    slug,
    suggested_template,
)
from netplan.coach.rules import draft_findings
from netplan.core.errors import NotFoundError, ValidationError
from netplan.demo.load import load_demo
from netplan.integrity import run_checks
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.unit.coach_data import add_person, talk

HOSTILE = "[@click=app.quit]x [/] \x1b]0;pwned\x07\u202e"


@pytest.fixture
def demo(store: Store) -> dict[str, Person]:
    load_demo(store)
    return {person.name: person for person in store.all(Person)}


def test_the_five_templates_are_offered_in_order() -> None:
    assert template_ids() == ("connection", "reconnect", "informational", "introduction", "thank-you")
    assert length_limit("connection") == 300 and length_limit("reconnect") is None


@pytest.mark.parametrize("template_id", ["connection", "informational", "thank-you"])
def test_every_template_that_fits_a_known_person_is_personal_and_complete(
    store: Store, demo: dict[str, Person], template_id: str
) -> None:
    priya = demo["Priya Raman"]  # one coffee: stage "new", a follow-up open
    text = compose(store, priya, template_id)
    assert text.startswith("Hi Priya,")
    assert "[" not in text and "{" not in text  # nothing left blank
    assert draft_findings(store, priya, template_id, text) == []


@pytest.mark.parametrize(
    ("template_id", "rule_id", "message", "better"),
    [
        (
            "reconnect",
            "PERSONAL",
            "A reconnect note to Priya, whom you were in touch with 3 days ago",
            "thank-you",
        ),
        ("introduction", "ASK-LADDER", "more than a new relationship allows", "informational"),
    ],
)
def test_a_template_that_does_not_fit_is_flagged_with_the_right_sized_one(
    store: Store, demo: dict[str, Person], template_id: str, rule_id: str, message: str, better: str
) -> None:
    """Issue 15 items 10-11: no "good to send" for a reconnect note to someone met this week, nor for
    an introduction ask to someone met once; the finding names the template that fits."""
    priya = demo["Priya Raman"]
    findings = draft_findings(store, priya, template_id, compose(store, priya, template_id))
    [finding] = [f for f in findings if f.rule_id == rule_id]
    assert message in finding.message
    assert f"“{template_label(better)}” template instead" in finding.suggestion
    assert f"--template {better}" in finding.suggestion


def test_the_connection_note_fits_linkedin(store: Store, demo: dict[str, Person]) -> None:
    for person in demo.values():
        if not person.is_type:
            assert character_count(compose(store, person, "connection")) <= 300, person.name


def test_the_introduction_request_carries_a_note_to_forward_as_it_is(
    store: Store, demo: dict[str, Person]
) -> None:
    text = compose(store, demo["Priya Raman"], "introduction")
    assert "introduce me to Ravi Shah at Verdant Grid by email?" in text
    _, blurb, _ = text.split("----")
    assert blurb.strip().startswith("Hi Ravi, Priya suggested I write to you.")
    assert "Data Scientist at Verdant Grid" in blurb


def test_the_thank_you_reminds_of_promises_both_ways(store: Store, demo: dict[str, Person]) -> None:
    text = compose(store, demo["Priya Raman"], "thank-you")
    assert "Thank you for the coffee on Sat 21 Nov." in text
    assert "As promised, I'll send the demand-forecasting write-up." in text
    assert "And thank you for offering an email intro to Tomás Varga at GridShift." in text


def test_what_the_record_lacks_is_a_blank_the_coach_asks_to_fill(store: Store) -> None:
    bare = add_person(store, "Jo Park")
    text = compose(store, bare, "connection")
    # never met: no "good to meet you" (issue 15), and what the record lacks is a blank
    assert text.startswith("Hi Jo, I'd like to connect and follow [their work].")
    found = {f.message for f in draft_findings(store, bare, "connection", text)}
    assert "The draft still has blanks to fill in: [their work]" in found
    assert "The draft mentions nothing specific to Jo" in found


def test_the_suggested_template_follows_the_relationship(store: Store) -> None:
    assert suggested_template(store, add_person(store, "Ravi Shah")) == "connection"
    met = talk(store, add_person(store, "Chen Wei"), days_ago=1)
    assert suggested_template(store, met) == "thank-you"  # the follow-up is still open
    dormant = talk(store, add_person(store, "Daniel Okafor"), days_ago=500)
    assert suggested_template(store, dormant) == "reconnect"  # rule RECONNECT-FIRST


def test_one_draft_per_person_and_template_saved_and_updated(store: Store) -> None:
    jo = add_person(store, "Jo Park")
    first = save_draft(store, jo.id, "connection", "Hi Jo, first try")
    second = save_draft(store, jo.id, "connection", "Hi Jo, second try")
    save_draft(store, jo.id, "thank-you", "Thanks Jo")
    assert first.id == second.id
    assert [(d.template, d.text) for d in drafts_for(store, jo.id)] == [
        ("connection", "Hi Jo, second try"),
        ("thank-you", "Thanks Jo"),
    ]
    saved = draft_for(store, jo.id, "connection")
    assert saved is not None and saved.updated == "2026-11-24T09:30:00+01:00"
    with pytest.raises(ValidationError, match="template"):
        save_draft(store, jo.id, "mass-mailing", "Hi all")
    with pytest.raises(NotFoundError):
        save_draft(store, 999, "connection", "Hi")


def test_export_writes_one_private_file_beside_the_data_file(store: Store) -> None:
    person = add_person(store, "Tomás Varga")
    path = export_draft(store, person, "connection", "Hi Tomás, good to meet you.\n\n")
    assert path == store.path.parent / "drafts" / f"tomas-varga-{person.id}-connection.txt"
    assert path == export_path(store, person, "connection")
    assert path.read_text(encoding="utf-8") == "Hi Tomás, good to meet you.\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_hostile_name_makes_a_harmless_file_name(store: Store) -> None:
    person = add_person(store, HOSTILE)
    path = export_draft(store, person, "reconnect", "Hi")
    assert path.parent == store.path.parent / "drafts"
    assert Path(path.name).name == path.name and "/" not in path.name
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("\u202e") == "person"


def test_check_names_a_draft_whose_person_is_gone(store: Store) -> None:
    person = add_person(store, "Jo Park")
    draft = save_draft(store, person.id, "connection", "Hi Jo")
    assert run_checks(store) == []
    store.remove(Person, person.id)
    assert run_checks(store) == [f"drafts {draft.id}: refers to missing person {person.id}"]


def test_a_draft_is_for_one_stored_person() -> None:
    with pytest.raises(ValidationError, match="person_id"):
        Draft(person_id=0, template="connection", text="Hi", updated="2026-11-24T09:30:00+01:00").validated()
