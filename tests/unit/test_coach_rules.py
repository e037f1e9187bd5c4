"""The coach's rules, one table each: a case that fires and a case that must not (docs: ADVICE.md)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netplan.coach import rules as coach
from netplan.coach.rules import (
    Finding,
    ask_findings,
    conversation_findings,
    draft_findings,
    overall_findings,
    person_findings,
    template_findings,
)
from netplan.notes.model import Conversation
from netplan.store.settings import Settings, save_settings
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.unit.coach_data import add_person, at_stage, talk, the


def rules(findings: list[Finding]) -> list[str]:
    return [finding.rule_id for finding in findings]


# rule ASK-LADDER -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "level", "text", "fires"),
    [
        ("new", "referral", "Could you refer me for the PM role?", True),
        ("new", "feedback", "Would you review my CV?", True),
        ("acquainted", "introduction", "Would you introduce me to Dana Ortiz?", True),
        ("rapport", "referral", "Could you refer me for the PM role?", True),
        ("new", "", "Could you refer me for the PM role at Verdant Grid?", True),  # level read from the text
        ("new", "advice", "How did you move from fintech into climate?", False),
        ("new", "catch-up", "Coffee next week to hear about the launch?", False),
        ("acquainted", "feedback", "Would you review my CV?", False),
        ("rapport", "introduction", "Would you introduce me to Dana Ortiz?", False),
        ("trusted", "referral", "Could you refer me for the PM role?", False),
    ],
)
def test_ask_ladder(store: Store, stage: str, level: str, text: str, fires: bool) -> None:
    person = at_stage(store, "Priya Raman", stage, company="Verdant Grid", role="Head of Product")
    assert ("ASK-LADDER" in rules(ask_findings(store, person, text, level))) is fires


def test_ask_ladder_proposes_the_biggest_ask_the_stage_allows(store: Store) -> None:
    new = at_stage(store, "Priya Raman", "new", company="Verdant Grid", role="Head of Product")
    finding = the(ask_findings(store, new, "Refer me?", "referral"), "ASK-LADDER")
    assert "more than a new relationship allows (at most information/advice)" in finding.message
    assert finding.suggestion.startswith("Ask for an informational conversation instead")
    assert "Head of Product at Verdant Grid" in finding.suggestion
    acquainted = at_stage(store, "Chen Wei", "acquainted", company="Carbonlane")
    finding = the(ask_findings(store, acquainted, "Refer me?", "referral"), "ASK-LADDER")
    assert "feedback on one concrete thing" in finding.suggestion and "Carbonlane" in finding.suggestion


# rule NO-COLD-ASKS -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "asked", "fires"), [("stranger", "Coffee?", True), ("new", "Coffee?", False)]
)
def test_no_cold_asks(store: Store, stage: str, asked: str, fires: bool) -> None:
    person = at_stage(store, "Ravi Shah", stage, company="Verdant Grid")
    assert ("NO-COLD-ASKS" in rules(ask_findings(store, person, asked, "catch-up"))) is fires


def test_no_ask_to_a_stranger_means_nothing_to_say(store: Store) -> None:
    assert ask_findings(store, add_person(store, "Ravi Shah"), "", "") == []


def test_a_stranger_ask_names_introducers_from_your_network(store: Store) -> None:
    colleague = talk(store, add_person(store, "Priya Raman", company="Verdant Grid"))
    mentioned = talk(store, add_person(store, "Chen Wei"), asked="Do you know Ravi Shah's team?")
    add_person(store, "Omar Haddad", company="Verdant Grid")  # never spoken: cannot introduce anyone
    ravi = add_person(store, "Ravi Shah", company="Verdant Grid")
    finding = the(ask_findings(store, ravi, "Refer me?", "referral"), "NO-COLD-ASKS")
    assert finding.suggestion.startswith(
        f"Ask for an introduction instead: {colleague.name} (works at Verdant Grid)"
    )
    assert f"{mentioned.name} (your notes with them mention Ravi Shah)" in finding.suggestion
    assert "Omar" not in finding.suggestion


def test_a_stranger_nobody_knows_gets_the_way_in(store: Store) -> None:
    ravi = add_person(store, "Ravi Shah", company="Verdant Grid")
    finding = the(ask_findings(store, ravi, "Refer me?", "referral"), "NO-COLD-ASKS")
    assert "Nobody in your network is linked to Verdant Grid yet" in finding.suggestion


# rule RECONNECT-FIRST --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "dormant_months", "fires"),
    [(400, 12, True), (220, 6, True), (330, 12, False), (20, 1, False)],
)
def test_reconnect_first(store: Store, days_ago: int, dormant_months: int, fires: bool) -> None:
    save_settings(store, Settings(dormant_months=dormant_months))
    person = talk(store, add_person(store, "Daniel Okafor"), days_ago=days_ago, gave=("an article",))
    findings = ask_findings(store, person, "Would you review my CV?", "feedback")
    assert ("RECONNECT-FIRST" in rules(findings)) is fires


def test_a_dormant_contact_has_reconnect_as_the_next_step_in_the_coach_view(store: Store) -> None:
    person = talk(store, add_person(store, "Daniel Okafor"), days_ago=500)
    finding = the(person_findings(store, person), "RECONNECT-FIRST")
    assert finding.message == "Dormant: no touch for 16 months" and "reconnect note" in finding.suggestion


# rule GIVE-FIRST ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history_gave", "history_asked", "gave_now", "fires"),
    [
        ((), "What do you look for in a PM?", 0, True),  # 2 asks, 0 gives
        (("a deck",), "What do you look for in a PM?", 0, True),  # 2 asks, 1 give
        (("a deck", "an intro to Sam Lee"), "", 0, False),  # 1 ask, 2 gives
        ((), "", 1, False),  # 1 ask, 1 give in the same conversation
    ],
)
def test_give_first(
    store: Store, history_gave: tuple[str, ...], history_asked: str, gave_now: int, fires: bool
) -> None:
    person = talk(store, add_person(store, "Marcus Oyelaran"), gave=history_gave, asked=history_asked)
    findings = ask_findings(store, person, "How did you make staff?", "advice", gave_count=gave_now)
    assert ("GIVE-FIRST" in rules(findings)) is fires


def test_give_first_suggests_how_you_can_help(store: Store) -> None:
    person = talk(store, add_person(store, "Marcus Oyelaran", can_help="Review his talk draft"))
    finding = the(ask_findings(store, person, "How did you make staff?", "advice"), "GIVE-FIRST")
    assert finding.message == "Asks outnumber gives with Marcus Oyelaran: 1 ask, 0 gives"
    assert finding.suggestion == "Give first: Review his talk draft."


# rule SPECIFIC-ASK (more phrasings in test_specific_ask.py) -----------------------------------------


@pytest.mark.parametrize(
    ("asked", "fires"),
    [
        ("Let me know if you hear of anything", True),
        ("Would you introduce me to Dana Ortiz at Verdant Grid?", False),
    ],
)
def test_specific_ask(store: Store, asked: str, fires: bool) -> None:
    person = at_stage(store, "Priya Raman", "trusted", company="Verdant Grid")
    assert ("SPECIFIC-ASK" in rules(ask_findings(store, person, asked, "advice"))) is fires


# rule MUTUAL -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "can_help", "fires"),
    [(True, "", True), (True, "Share my forecasting write-up", False), (False, "", False)],
)
def test_mutual(store: Store, target: bool, can_help: str, fires: bool) -> None:
    person = add_person(store, "Jonas Weber", target=target, can_help=can_help)
    assert ("MUTUAL" in rules(person_findings(store, person))) is fires
    assert ("MUTUAL" in rules(ask_findings(store, person, "Would you review my CV?", "feedback"))) is fires


# rule PERSONAL ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "text", "message"),
    [
        (
            "connection",
            "Hi Priya, I'd love to connect and learn more about your work. Best,",
            "nothing specific",
        ),
        (
            "reconnect",
            "Hi Priya, how are you? It has been too long. Let's catch up soon!",
            "nothing specific",
        ),
        ("connection", "Hi Priya, great talk at Climate Product Circle. " + "x" * 260, "LinkedIn allows 300"),
        ("informational", "Hi all, loved the Climate Product Circle talk.", "several people"),
        (
            "informational",
            "Priya, a@x.org and b@y.org: loved the Climate Product Circle talk.",
            "several people",
        ),
        ("connection", "Hi Priya, we met at [event]. Loved the Climate Product Circle talk.", "blanks"),
    ],
)
def test_personal_fires(store: Store, template: str, text: str, message: str) -> None:
    person = add_person(
        store, "Priya Raman", company="Verdant Grid", how_met="Spoke after her talk at Climate Product Circle"
    )
    findings = draft_findings(store, person, template, text)
    assert any(f.rule_id == "PERSONAL" and message in f.message for f in findings), findings


@pytest.mark.parametrize(
    ("template", "text"),
    [
        (
            "connection",
            "Hi Priya, good to meet you after your Climate Product Circle talk. Let's stay in touch.",
        ),
        ("reconnect", "Hi Priya, how is everything at Verdant Grid? No agenda; just wanted to say hello."),
        (
            "connection",
            "Hi Priya, your talk on utility forecasting stayed with me. " + "y" * 220,
        ),  # 280 chars
        ("thank-you", "Hi Priya, thank you for the coffee. As promised: my forecasting write-up, attached."),
    ],
)
def test_personal_does_not_fire(store: Store, template: str, text: str) -> None:
    person = add_person(
        store,
        "Priya Raman",
        company="Verdant Grid",
        how_met="Spoke after her talk at Climate Product Circle",
        needs="Someone who knows utility forecasting",
    )
    assert len(text) <= 300
    # what the text says; whether the template fits a stranger is template_findings' (tested there)
    fits = template_findings(store, person, template)
    assert [f for f in draft_findings(store, person, template, text) if f not in fits] == []


def test_the_connection_limit_is_300_characters_exactly(store: Store) -> None:
    person = add_person(store, "Priya Raman", company="Verdant Grid")
    base = "Hi Priya, all the best at Verdant Grid. "
    exactly = base + "z" * (300 - len(base))
    assert draft_findings(store, person, "connection", exactly) == []
    [finding] = draft_findings(store, person, "connection", exactly + "!")
    assert (finding.rule_id, finding.severity) == ("PERSONAL", "problem")
    assert finding.message == "The connection note is 301 characters; LinkedIn allows 300"
    fits = template_findings(store, person, "informational")  # an ask to a stranger: NO-COLD-ASKS
    assert [f for f in draft_findings(store, person, "informational", exactly + "!") if f not in fits] == []


# rule SMALL-LIST ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("targets", "parked", "fires"), [(3, 0, True), (2, 0, False), (3, 1, False)])
def test_small_list(store: Store, targets: int, parked: int, fires: bool) -> None:
    save_settings(store, Settings(target_cap=2))
    for index in range(targets):
        person = add_person(store, f"Target {index}", target=True, can_help="something")
        if index < parked:
            store.update(replace(person, parked=True))
    assert ("SMALL-LIST" in rules(coach.list_findings(store))) is fires
    assert ("SMALL-LIST" in rules(overall_findings(store))) is fires


# the Coach view -----------------------------------------------------------------------------------------


def test_overall_findings_name_the_person_and_skip_parked_people(store: Store) -> None:
    add_person(store, "Jonas Weber", target=True)
    parked = add_person(store, "Nora Kim", target=True)
    store.update(replace(parked, parked=True))
    messages = [f.message for f in overall_findings(store)]
    assert "Jonas Weber: You know neither what they need nor how you could help" in messages
    assert not any(message.startswith("Nora Kim") for message in messages)
    assert [person.name for person, _ in coach.network_findings(store)] == ["Jonas Weber"]


def test_the_last_vague_ask_and_an_impersonal_saved_draft_show_in_the_coach_view(store: Store) -> None:
    from netplan.coach.outreach import save_draft

    person = talk(store, add_person(store, "Chen Wei", company="Carbonlane"), asked="Any opportunities?")
    save_draft(store, person.id, "connection", "Hi Chen, I'd love to connect. Best,")
    found = {(f.rule_id, f.message) for f in person_findings(store, person)}
    assert ("SPECIFIC-ASK", 'Your last ask was vague ("Any opportunities")') in found
    assert ("PERSONAL", "Saved Connection note (LinkedIn, 300 characters) draft is impersonal") in found


def test_type_of_person_gets_only_mutual(store: Store) -> None:
    kind = store.insert(Person(name="Hiring managers", kind="type"))
    assert person_findings(store, kind) == []


# the coach reads each saved state once (netplan.coach.network) ----------------------------------------


def test_the_coach_sees_every_write_and_nothing_rolled_back(store: Store) -> None:
    jo = add_person(store, "Jo Park")
    assert "NO-COLD-ASKS" in rules(ask_findings(store, jo, "Coffee?", "catch-up"))
    jo = talk(store, jo)
    assert "NO-COLD-ASKS" not in rules(ask_findings(store, jo, "Coffee?", "catch-up"))
    ravi = add_person(store, "Ravi Shah")
    with pytest.raises(RuntimeError), store.transaction():
        talk(store, ravi)
        assert "NO-COLD-ASKS" not in rules(ask_findings(store, ravi, "Coffee?", "catch-up"))
        raise RuntimeError("cancelled")
    assert "NO-COLD-ASKS" in rules(ask_findings(store, ravi, "Coffee?", "catch-up"))
    save_settings(store, Settings(target_cap=1))
    add_person(store, "Target A", target=True, can_help="x")
    add_person(store, "Target B", target=True, can_help="x")
    assert "SMALL-LIST" in rules(overall_findings(store))


def test_the_introducer_suggestion_quotes_how_you_met_the_introducer(store: Store) -> None:
    """Issue 15 item 9: "Priya (you met them the same way: "...")" quoted the stranger's how-we-met,
    not Priya's."""
    jordan = add_person(store, "Jordan Blake", target=True, how_met="Seen at the Design Research Breakfast")
    priya = talk(store, add_person(store, "Priya Raman", how_met="Sat together at Design Research Breakfast"))
    assert priya.id != jordan.id
    finding = the(person_findings(store, jordan), "NO-COLD-ASKS")
    assert 'Priya Raman (you met them the same way: "Sat together at Design Research Breakfast")' in (
        finding.suggestion
    )
    assert "Seen at the Design Research Breakfast" not in finding.suggestion


def test_what_they_need_typed_in_the_note_counts_for_mutual(store: Store) -> None:
    """The note form's coach said "You know neither what they need..." under a "What they need" the
    user had just typed (found by the issue 15 journey test): the note updates the person on save."""
    priya = add_person(store, "Priya Raman", target=True)  # MUTUAL is about targets
    asked = Conversation(person_id=priya.id, when="2026-11-24T08:30:00+01:00", asked="Could we talk?")
    assert "MUTUAL" in rules(conversation_findings(store, priya, asked))
    noted = replace(asked, needs="two pilot customers")
    assert "MUTUAL" not in rules(conversation_findings(store, priya, noted))


# rule NO-COLD-ASKS: the conversation being logged is itself the contact --------------------------


def first_coffee(person: Person, asked: str, level: str) -> Conversation:
    return Conversation(
        person_id=person.id, when="2026-11-24T08:30:00+01:00", asked=asked, ask_level=level
    )


def test_an_ask_in_the_first_conversation_is_not_a_cold_ask(store: Store) -> None:
    """Logging the very first coffee with someone, the coach said "a stranger: you have never spoken"
    about the person the user had just spent 30 minutes with. The advice is about asking people you
    have had no contact with; the coffee is the contact, so an informational ask is fine."""
    priya = add_person(store, "Priya Raman", company="Verdant Grid", role="Head of Product")
    asked = first_coffee(priya, "How did you move from fintech into climate?", "advice")
    findings = conversation_findings(store, priya, asked)
    assert "NO-COLD-ASKS" not in rules(findings)
    assert not any("never spoken" in finding.message for finding in findings)
    assert "ASK-LADDER" not in rules(findings)


def test_a_big_ask_in_the_first_conversation_is_judged_by_the_ladder(store: Store) -> None:
    # rule ASK-LADDER: a new contact is asked for an informational conversation, not a referral
    priya = add_person(store, "Priya Raman", company="Verdant Grid", role="Head of Product")
    asked = first_coffee(priya, "Could you refer me for the PM role?", "referral")
    findings = conversation_findings(store, priya, asked)
    assert "NO-COLD-ASKS" not in rules(findings)
    ladder = the(findings, "ASK-LADDER")
    assert "more than a new relationship allows (at most information/advice)" in ladder.message


def test_an_ask_with_no_conversation_is_still_a_cold_ask(store: Store) -> None:
    # the composer and `netplan draft`: a message to someone never spoken with (rule NO-COLD-ASKS)
    priya = add_person(store, "Priya Raman", company="Verdant Grid")
    assert "NO-COLD-ASKS" in rules(ask_findings(store, priya, "How did you get into climate?", "advice"))
