"""Issue 6's acceptance, on the demo data (netplan.demo.load.load_demo), one test per point."""

from __future__ import annotations

import pytest

from netplan.coach.ladder import stage_info
from netplan.coach.outreach import compose
from netplan.coach.rules import ask_findings, draft_findings
from netplan.demo.load import load_demo
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.unit.coach_data import the


@pytest.fixture
def demo(store: Store) -> dict[str, Person]:
    load_demo(store)
    return {person.name: person for person in store.all(Person)}


def test_asking_a_person_met_once_for_a_referral_warns_and_proposes_an_informational_conversation(
    store: Store, demo: dict[str, Person]
) -> None:
    priya = demo["Priya Raman"]  # one coffee, three days ago
    assert stage_info(store, priya).stage == "new"
    findings = ask_findings(
        store, priya, "Could you refer me for the senior PM role on your team?", "referral"
    )
    ladder = the(findings, "ASK-LADDER")
    assert ladder.severity == "warning"
    assert "referral/recommendation ask is more than a new relationship allows" in ladder.message
    assert ladder.suggestion.startswith(
        'Ask for an informational conversation instead: "Would you have 20 minutes'
    )


def test_asking_a_stranger_proposes_an_introducer_from_your_network(
    store: Store, demo: dict[str, Person]
) -> None:
    tomas = demo["Tomás Varga"]  # never spoken; "Intro from Priya"
    ravi = demo["Ravi Shah"]  # never spoken; works at Verdant Grid, like Priya
    to_tomas = the(ask_findings(store, tomas, "Could we talk about your PM hire?", ""), "NO-COLD-ASKS")
    assert to_tomas.suggestion.startswith(
        "Ask for an introduction instead: Priya Raman (how you know Tomás names them"
    )
    to_ravi = the(ask_findings(store, ravi, "Would you review my load model?", "feedback"), "NO-COLD-ASKS")
    assert to_ravi.suggestion == "Ask for an introduction instead: Priya Raman (works at Verdant Grid)."


def test_a_vague_ask_is_flagged_and_rewritten_specifically(store: Store, demo: dict[str, Person]) -> None:
    lena = demo["Lena Fischer"]  # acquainted: she co-hosts the breakfast with you
    finding = the(ask_findings(store, lena, "Let me know if you hear of anything", ""), "SPECIFIC-ASK")
    assert (
        finding.message
        == 'Vague ask ("Let me know if you hear of anything"): it is easy to agree to and hard to act on'
    )
    # her goal's targets she could introduce you to, by name and company; the right-sized ask for now
    assert (
        '"an email introduction to Hanna Lindqvist at Kite Labs" once you have rapport' in finding.suggestion
    )
    assert "Would you look over my CV with Studio Kinfolk in mind" in finding.suggestion


def test_a_connection_note_over_300_characters_or_with_nothing_personal_is_flagged(
    store: Store, demo: dict[str, Person]
) -> None:
    chen = demo["Chen Wei"]
    note = compose(store, chen, "connection")
    assert draft_findings(store, chen, "connection", note) == []  # the template itself is fine
    long_note = note + " " + "I also wanted to add a few more words about my own background. " * 3
    [too_long] = draft_findings(store, chen, "connection", long_note)
    assert too_long.rule_id == "PERSONAL" and "LinkedIn allows 300" in too_long.message
    generic = "Hi Chen, I'd love to connect and grow my network. Looking forward to staying in touch!"
    [impersonal] = draft_findings(store, chen, "connection", generic)
    assert (
        impersonal.rule_id == "PERSONAL"
        and impersonal.message == "The draft mentions nothing specific to Chen"
    )
    assert "LinkedIn, after her post on carbon accounting" in impersonal.suggestion
