"""Drafts read well for any reasonable entry (issue 15 item 11; rules PERSONAL, FOLLOW-THROUGH).

The corpus (tests/unit/draft_corpus.py) holds at least 30 realistic entries per field, typed the ways
people type them: first-person sentences, noun phrases, verb phrases, gerunds, sentences about the
person, notes. Every entry is put through the fragment that uses it and through whole drafts, and
the result is checked for what a reader would notice: "I could I", "could can", "you need hiring",
"her" in a message to her, a sentence without its capital, a reconnect note to someone met today.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from netplan.coach import phrasing
from netplan.coach.draft import template_ids
from netplan.coach.outreach import compose
from netplan.coach.rules import ask_findings, draft_findings, entry_findings
from netplan.core import moments
from netplan.notes.log import log_conversation
from netplan.notes.model import GIVE_KINDS, Conversation, given_value
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person
from tests.unit import draft_corpus as corpus
from tests.unit.coach_data import add_person

NAME = "Dana Ortiz"

# What a reader notices at once (each with the issue's example that motivated it).
AWKWARD = {
    "a doubled subject ('I could I know')": re.compile(r"\bI could I\b|\bI'll I\b|\bI'd be I\b"),
    "two modals ('could can help')": re.compile(r"\b(could|would|will|can) (can|could|would|will)\b"),
    "a need as a gerund ('you need hiring')": re.compile(r"\byou need (?!to\b)\w+ing\b"),
    "a doubled word": re.compile(r"\b(\w+) \1\b", re.IGNORECASE),
    "'help with help'": re.compile(r"\bhelp with help\b"),
    "'to' before a noun ('is to a role')": re.compile(r"\b(is|need|offering) to (a|an|the|my|your)\b"),
    "an article before a plural ('a warm intros')": re.compile(r"\b(a|an) \w+ (intros|contacts)\b"),
    "the person in the third person": re.compile(r"\b(she|he|her|his|him|hers|herself|himself)\b", re.I),
    "a space before punctuation": re.compile(r" [,.;:!?]"),
    "two full stops": re.compile(r"\.\."),
    "a blank": re.compile(r"[\[\]{}]"),
}


def awkward(text: str) -> list[str]:
    """What reads badly in ``text`` (empty: it reads well)."""
    found = [what for what, pattern in AWKWARD.items() if pattern.search(text)]
    for sentence in re.split(r"(?<=[.!?”])\s+|\n+", text.strip()):
        if sentence and sentence[0].islower():
            found.append(f"a sentence without its capital: {sentence[:30]!r}")
    return found


def test_the_corpus_has_at_least_thirty_entries_per_field_of_every_kind() -> None:
    for field in (
        "NEEDS",
        "CAN_HELP",
        "GOALS",
        "PROMISES_MINE",
        "PROMISES_THEIRS",
        "HOW_MET",
        "GIVES",
        "ASKS",
    ):
        assert len(getattr(corpus, field)) >= 30, field
    needs = [phrasing.phrase(text, NAME).shape for text in corpus.NEEDS]
    offers = [phrasing.phrase(text, NAME).shape for text in corpus.CAN_HELP]
    for shapes in (needs, offers):
        assert {"verb", "noun", "gerund", "note"} <= set(shapes)
    assert "mine" in offers and "yours" in needs  # first-person sentences, sentences about them


@pytest.mark.parametrize("entry", corpus.CAN_HELP)
def test_how_i_can_help_reads_as_an_offer_or_is_left_out_and_named(entry: str) -> None:
    person = Person(name=NAME, can_help=entry)
    offer = phrasing.offer_sentence(entry, NAME)
    if offer:
        assert offer.startswith("If it helps, ") and offer.endswith(".")
        assert awkward(offer) == [], offer
        assert entry_findings(person, "connection") == []
    else:  # a note about them ("She could use intros to VCs") is not an offer: said, not forced in
        [finding] = entry_findings(person, "connection")
        assert finding.rule_id == "PERSONAL" and entry.strip() in finding.message


@pytest.mark.parametrize("entry", corpus.NEEDS)
def test_what_they_need_is_said_back_to_them_or_is_left_out_and_named(entry: str) -> None:
    person = Person(name=NAME, needs=entry)
    sentence = phrasing.needs_sentence(entry, NAME)
    if sentence:
        assert sentence.startswith(("You mentioned ", "I noted from our talk: “")), sentence
        assert awkward(sentence) == [], sentence
        assert entry_findings(person, "thank-you") == []
    else:  # "I should send her the deck" is a note to yourself, not what they need
        [finding] = entry_findings(person, "thank-you")
        assert "reads as a note to yourself" in finding.message


@pytest.mark.parametrize("entry", corpus.GOALS)
def test_the_goal_reads_as_my_own_sentence(entry: str) -> None:
    sentence = phrasing.goal_sentence(entry)
    assert sentence and sentence[0].isupper() and sentence.endswith("."), sentence
    assert [what for what in awkward(sentence) if "third person" not in what] == [], sentence


@pytest.mark.parametrize("entry", corpus.HOW_MET)
def test_how_we_met_is_a_place_or_a_memory_or_left_out(entry: str) -> None:
    sentence = phrasing.met_sentence(entry, NAME)
    if sentence:
        assert sentence.startswith(("it was good to meet you ", "I remember that ")), sentence
        assert awkward(sentence[0].upper() + sentence[1:]) == [], sentence
        assert "meet you met" not in sentence


@pytest.mark.parametrize("entry", corpus.PROMISES_MINE)
def test_my_promises_read_as_what_i_will_do(entry: str) -> None:
    sentence = phrasing.promises_sentence("me", [entry], NAME)
    assert sentence.startswith(("As promised, I'll ", "I'll ", "I haven't forgotten")), sentence
    assert awkward(sentence) == [], sentence


@pytest.mark.parametrize("entry", corpus.PROMISES_THEIRS)
def test_their_promises_read_as_thanks_for_the_offer(entry: str) -> None:
    sentence = phrasing.promises_sentence("them", [entry], NAME)
    assert sentence.startswith(("And thank you for ", "Thank you too for your offer")), sentence
    assert awkward(sentence) == [], sentence


def test_several_promises_make_one_sentence_and_the_rest_their_own() -> None:
    mine = ["send the deck", "Send her the pricing sheet", "intro to Sam Lee", "I'll send the reading list"]
    assert phrasing.promises_sentence("me", mine, NAME) == (
        "As promised, I'll send the deck, send you the pricing sheet and send an intro to Sam Lee."
        " I'll send the reading list."
    )
    theirs = ["introduce me to her VP", "feedback on my portfolio", "She'll intro me to Dana"]
    assert phrasing.promises_sentence("them", theirs, NAME) == (
        "And thank you for offering to introduce me to your VP, offering feedback on my portfolio"
        " and saying you'll intro me to Dana."
    )


def test_the_examples_from_the_issue_now_read_well() -> None:
    assert (
        phrasing.offer_sentence("I know two strong analysts", NAME)
        == "If it helps, I know two strong analysts."
    )
    assert phrasing.offer_sentence("can help with intros", NAME) == "If it helps, I could help with intros."
    assert phrasing.needs_sentence("hiring a data analyst for her team", NAME) == (
        "You mentioned hiring a data analyst for your team; I will keep it in mind."
    )


@pytest.mark.parametrize("entry", corpus.GIVES)
def test_a_given_value_keeps_its_kind_and_its_words(entry: str) -> None:
    given = given_value(entry)
    assert given.kind in GIVE_KINDS and given.text.strip()
    assert not given.text.startswith(tuple(f"{kind}:" for kind in GIVE_KINDS))


@pytest.mark.parametrize("entry", corpus.ASKS)
def test_the_coach_on_every_ask_speaks_plainly(store: Store, entry: str) -> None:
    """The coach's messages and proposals for an ask to someone met once: no blanks, no broken
    sentences, whatever the ask's wording (rules ASK-LADDER, SPECIFIC-ASK)."""
    person = add_person(store, NAME, company="Verdant Grid", role="Head of Product")
    met = log_conversation(store, Conversation(person_id=person.id, when=_days_ago(store, 3))).person
    for finding in ask_findings(store, met, entry, ""):
        for text in (finding.message, finding.suggestion):
            assert "[" not in text and "{" not in text, text
            assert not re.search(r"\b(\w+) \1\b", text), text


def _days_ago(store: Store, days: int) -> str:
    return moments.to_iso(store.clock.now().subtract(days=days))


def _person_from_row(store: Store, index: int) -> Person:
    """A person whose every field is the corpus's ``index``-th entry, met once this week, with promises
    both ways and a goal: every fragment of every template has something to say."""
    goal = store.insert(Goal(title=corpus.GOALS[index % len(corpus.GOALS)]))
    person = store.insert(
        Person(
            name=NAME,
            company="Verdant Grid",
            role="Head of Product",
            how_met=corpus.HOW_MET[index % len(corpus.HOW_MET)],
            can_help=corpus.CAN_HELP[index % len(corpus.CAN_HELP)],
            goals=[GoalLink(goal.id)],
        )
    )
    log_conversation(
        store,
        Conversation(
            person_id=person.id,
            when=_days_ago(store, 2),
            needs=corpus.NEEDS[index % len(corpus.NEEDS)],
            gave=[given_value(corpus.GIVES[index % len(corpus.GIVES)])],
        ),
        [corpus.PROMISES_MINE[index % len(corpus.PROMISES_MINE)]],
        [corpus.PROMISES_THEIRS[index % len(corpus.PROMISES_THEIRS)]],
    )
    found = store.get(Person, person.id)
    assert found is not None
    return found


@pytest.mark.parametrize("index", range(0, 40, 3))
def test_whole_drafts_built_from_the_corpus_read_well(store: Store, index: int) -> None:
    person = _person_from_row(store, index)
    for template_id in template_ids():
        if template_id == "introduction":
            continue  # its target is someone else in the network; there is nobody else here
        text = compose(store, person, template_id)
        assert awkward(text) == [], (template_id, text)


def test_no_reconnect_wording_to_someone_met_today(store: Store) -> None:
    """Issue 15: a reconnect note "since we last spoke (in November 2026)" to someone met today."""
    person = add_person(store, NAME, company="Verdant Grid")
    log_conversation(store, Conversation(person_id=person.id, when=_days_ago(store, 0)))
    met_today = store.get(Person, person.id)
    assert met_today is not None
    for template_id in template_ids():
        text = compose(store, met_today, template_id)
        for phrase in ("a while", "since we last spoke", "get back in touch", "again"):
            assert phrase not in text, (template_id, text)
    findings = draft_findings(store, met_today, "reconnect", compose(store, met_today, "reconnect"))
    assert any("whom you were in touch with today" in f.message for f in findings)


def test_a_dormant_contact_gets_the_reconnect_wording(store: Store) -> None:
    person = add_person(store, NAME, company="Verdant Grid")
    log_conversation(store, Conversation(person_id=person.id, when=_days_ago(store, 500)))
    dormant = store.get(Person, person.id)
    assert dormant is not None
    text = compose(store, dormant, "reconnect")
    assert "It has been a while since we last spoke (in July 2025)." in text
    assert draft_findings(store, dormant, "reconnect", text) == [] or all(
        f.rule_id == "PERSONAL" and "specific" in f.message
        for f in draft_findings(store, dormant, "reconnect", text)
    )


def test_a_stranger_is_not_told_it_was_good_to_meet_them(store: Store) -> None:
    stranger = add_person(store, NAME, company="Verdant Grid", how_met="Met at PyCon 2026")
    text = compose(store, stranger, "connection")
    assert text.startswith("Hi Dana, I'd like to connect and follow your work at Verdant Grid.")
    captured = store.update(replace(stranger, last_touch=_days_ago(store, 1)))
    assert compose(store, captured, "connection").startswith(
        "Hi Dana, it was good to meet you at PyCon 2026."
    )
