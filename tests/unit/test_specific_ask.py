"""rule SPECIFIC-ASK: vague asks are flagged, specific ones are not; the specific form is proposed."""

from __future__ import annotations

import pytest

from netplan.coach.rules import ask_findings
from netplan.coach.specific_ask import is_vague, vague_reason
from netplan.store.store import Store
from tests.unit.coach_data import add_person, at_stage, the

VAGUE = [
    "Let me know if you hear of anything",  # the contract's own example
    "let me know if you hear of anything!",
    "Let me know if you see any openings",
    "Is there anyone I should connect with?",
    "Anyone else you think I should talk to?",
    "Do you know anybody I could reach out to?",
    "Any opportunities at your company?",
    "Are there any PM openings on your team?",
    "Any leads would be great.",
    "Keep me in mind if something comes up.",
    "Please keep an eye out for me",
    "If anything comes up, please ping me",
    "Could I pick your brain sometime?",
    "Can you help me find a job?",
    "Do you know anyone hiring?",
    "Any advice?",
    "Happy to hear any thoughts you have",
    "I'd appreciate whatever you can do.",
    "Please think of me if a role opens",
    "Anyone in your network who might need a PM?",
    "I'm open to anything, really",
    "Could you help me?",
    "Could you help me out?",
    "What should I do?",
    "Who should I talk to?",
    "Could you send me anything useful?",
    "Could you introduce me to someone?",
]

SPECIFIC = [
    "Would you introduce me to Dana Ortiz at Verdant Grid by email?",  # the contract's own example
    "Could you introduce me to Tomás Varga at GridShift by email?",
    "Could you refer me for the senior PM opening?",
    "Would you review my CV for the product role?",
    "How did you make the move from fintech to climate?",
    "What did your staff promotion case look like?",
    "Which data teams in the sector are growing?",
    "Would you co-host the next Design Research Breakfast?",
    "Could you look over my portfolio case study?",
    "Would you forward my one-page summary to your hiring manager?",
    "Could we have a call next Tuesday about your pricing page?",
    "Do you know anyone at Verdant Grid who works on load forecasting?",
    "Could you tell me how your team plans utility data projects?",
    "Would you share your promotion packet?",
    "Could I shadow your research session on Thursday?",
    "Can you put me in touch with the head of data at OpenMeter?",
    "What skills does a product manager need for grid software?",
    "Would you give me feedback on my talk draft?",
    "Could you recommend me to Nora for the tech talks?",
    "Would you read my two-paragraph pitch for the Climate Product Circle?",
    "Could you send me the slides from your talk?",
]


@pytest.mark.parametrize("asked", VAGUE)
def test_vague_asks_are_flagged(asked: str) -> None:
    assert is_vague(asked), asked


@pytest.mark.parametrize("asked", SPECIFIC)
def test_specific_asks_are_not_flagged(asked: str) -> None:
    assert not is_vague(asked), vague_reason(asked)


def test_at_least_twenty_phrasings_either_way() -> None:
    assert len(set(VAGUE)) >= 20 and len(set(SPECIFIC)) >= 20


def test_a_name_you_have_on_record_is_specific_even_in_lower_case() -> None:
    assert is_vague("could you ask ravi about the team?")
    assert not is_vague("could you ask ravi shah about the team?", ["Ravi Shah", "Verdant Grid"])


def test_the_reason_quotes_the_vague_phrase_or_says_what_is_missing() -> None:
    assert vague_reason("Let me know if you hear of anything") == '"Let me know if you hear of anything"'
    assert vague_reason("Could you help me?") == "no named person, company or concrete action"
    assert vague_reason("") == ""


def test_the_suggestion_names_someone_at_their_company_from_your_records(store: Store) -> None:
    priya = at_stage(store, "Priya Raman", "rapport", company="Verdant Grid")
    add_person(store, "Ravi Shah", company="Verdant Grid")
    finding = the(ask_findings(store, priya, "Any opportunities?", ""), "SPECIFIC-ASK")
    assert finding.message == 'Vague ask ("Any opportunities"): it is easy to agree to and hard to act on'
    assert (
        finding.suggestion
        == 'Name the person and the action, e.g. "an email introduction to Ravi Shah at Verdant Grid".'
    )


def test_without_a_name_on_record_the_suggestion_shows_the_form_to_fill(store: Store) -> None:
    jo = at_stage(store, "Jo Park", "trusted")
    finding = the(ask_findings(store, jo, "Keep me in mind!", ""), "SPECIFIC-ASK")
    assert '"an email introduction to <name> at <company>"' in finding.suggestion


def test_below_rapport_the_specific_form_waits_and_a_right_sized_ask_is_offered(store: Store) -> None:
    priya = at_stage(store, "Priya Raman", "new", company="Verdant Grid", role="Head of Product")
    add_person(store, "Ravi Shah", company="Verdant Grid")
    finding = the(ask_findings(store, priya, "Any opportunities?", ""), "SPECIFIC-ASK")
    assert '"an email introduction to Ravi Shah at Verdant Grid" once you have rapport' in finding.suggestion
    assert "20 minutes for an informational conversation" in finding.suggestion


def test_an_events_ask_is_judged_by_the_same_detector() -> None:
    from netplan.coach.rules import vague_ask

    [finding] = vague_ask("Any leads?")
    assert (finding.rule_id, finding.severity) == ("SPECIFIC-ASK", "warning")
    assert (
        finding.suggestion
        == 'Name the person and the action, e.g. "an email introduction to <name> at <company>".'
    )
    assert vague_ask("Ask Grace for an email introduction to the compiler team lead") == []
