"""The real TUI on a data file full of hostile text, under a pseudo-terminal: no control character
from the data reaches the terminal (issue 9, item 4; DESIGN.md, Security of display). New data:
add it to write_hostile_file with its own tag; a new screen: one line in STEPS.

Textual writes escape sequences of its own, so the data's are told apart by markers: every stored
text is wrapped in a tag ("N3" ... "3N") and each of its control characters, with its neighbours,
makes a byte string that only the data could produce (b"3\\x1b[2J3N"). Those must never reach the
terminal, while the tagged text with the controls removed must: the records were on screen.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import orjson
import pendulum

from netplan.core.text import safe_text
from netplan.events.model import Event, EventTarget, Speaker
from netplan.events.saved import save_event
from netplan.notes.followups import log_inbound
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation, GivenValue
from netplan.schedule.slot import Slot
from netplan.schedule.week import add_slot
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person, Venue
from tests.reliability.hostile import HOSTILE, TERMINAL_EXTRAS, marked, raw_fragments
from tests.reliability.terminal import Terminal, open_tui

TEXTS = (*HOSTILE, *TERMINAL_EXTRAS)
# Tags: N name, C company, R role, H how met, E needs, P can help, W why, V venue, O venue notes,
# G goal, Y goal why, T conversation notes, A asked, I gave, M my promise, F their promise, Q inbound.


def tagged(letter: str, index: int) -> str:
    return marked(f"{letter}{index}", TEXTS[index])


def write_hostile_file(path: Path) -> list[str]:
    """A data file whose every text field holds hostile text; returns every text stored."""
    stored: list[str] = []

    def t(letter: str, index: int) -> str:
        stored.append(tagged(letter, index))
        return stored[-1]

    now = pendulum.now()
    with Store.open(path) as store, store.transaction():
        goal = store.insert(Goal(title=t("G", 0), why=t("Y", 0)))
        people = []
        for i in range(len(TEXTS)):
            people.append(
                store.insert(
                    Person(
                        name=t("N", i),
                        company=t("C", i),
                        role=t("R", i),
                        how_met=t("H", i),
                        needs=t("E", i),
                        can_help=t("P", i),
                        tags=[t("S", i)],
                        goals=[GoalLink(goal.id, t("W", i))],
                    )
                )
            )
        for i in range(len(TEXTS)):
            store.insert(Venue(name=t("V", i), notes=t("O", i), goals=[GoalLink(goal.id, t("W", i))]))
        for i, person in enumerate(people):
            when = now.subtract(days=1 + 40 * i)  # some recent, some slipping
            conversation = Conversation(
                person_id=person.id,
                when=when.isoformat(),
                needs=t("E", i),
                gave=[GivenValue("other", t("I", i))],
                asked=t("A", i),
                notes=t("T", i),
            )
            log_conversation(store, conversation, [t("M", i)], [t("F", i)])
            log_inbound(store, person.id, t("Q", i), now.subtract(hours=1).isoformat())
    return stored


# The walk: (keys, text that shows the step was drawn). Down the tree line by line: each person's
# details and conversations in Notes (multi-line notes drop a lone carriage return, hence
# multiline); then the People and Slipping views and the follow-ups. A new screen: one line here.
STEPS: list[tuple[str, str]] = [
    *(("\x1b[B", safe_text(tagged("T", i), multiline=True)) for i in range(len(TEXTS))),
    ("2", safe_text(tagged("C", 0))),  # People: names and companies
    ("3", safe_text(tagged("N", len(TEXTS) - 1))),  # Slipping: the longest silence is there
    ("1", "Targets"),
    # follow-ups, promises and replies: the oldest first (its note names my promise), then the end of
    # the list, the replies, with what they were about
    ("f", safe_text(tagged("M", len(TEXTS) - 1))),
    ("\x1b[F", safe_text(tagged("Q", len(TEXTS) - 1))),
    ("\x1b", "Targets"),
]


def walk_the_screens(tui: Terminal) -> None:
    tui.wait_for_first_frame()
    for keys, shows in STEPS:
        start = len(tui.output)
        tui.send(keys)
        tui.wait_for(shows, since=start)
    tui.settle(quiet=0.2)
    tui.send("q")
    assert tui.wait_exit() == 0


def test_no_control_character_from_the_data_reaches_the_terminal(tmp_path: Path) -> None:
    data_file = tmp_path / "netplan.json"
    stored = write_hostile_file(data_file)
    with open_tui(data_file) as tui:
        walk_the_screens(tui)
        raw = tui.output
        screen = tui.screen_text()

    leaked = sorted({fragment for text in stored for fragment in raw_fragments(text) if fragment in raw})
    assert leaked == [], f"control characters from the data reached the terminal: {leaked}"
    assert re.search(rb"\x1b\][^\x07\x1b]*pwned", raw) is None, "an OSC sequence carried the data"
    assert "\u202e".encode() not in raw and "\x9b".encode() not in raw  # as UTF-8, what a terminal obeys

    # ...and the records were on screen, with the controls taken out
    for letter in ("N", "C", "R", "E", "P", "H", "T", "A", "I", "M", "F", "V", "Q"):
        missing = [tagged(letter, i) for i in range(len(TEXTS)) if not shown(tagged(letter, i), screen)]
        assert missing == [], f"never shown (tag {letter}): {missing}"


def shown(text: str, screen: str) -> bool:
    """On screen as one-line or as multi-line text (which keeps line breaks, drops carriage returns)."""
    return safe_text(text) in screen or safe_text(text, multiline=True) in screen


# every form, opened on stored hostile text (issue 14, item 6) -----------------------------------

# One record of each kind whose every text holds every hostile string: whichever form opens, each
# of its text boxes shows all of them. Tags as above (N name, T slot title, E event title...).
EVERYTHING = " ".join(TEXTS)


def everything(letter: str) -> str:
    return marked(f"{letter}9", EVERYTHING)


def write_hostile_forms_file(path: Path) -> list[str]:
    """A goal, a person, a venue, a weekly slot this week, an event tomorrow: hostile text throughout."""
    stored: list[str] = []

    def t(letter: str) -> str:
        stored.append(everything(letter))
        return stored[-1]

    with Store.open(path) as store, store.transaction():
        today = store.clock.today()
        goal = store.insert(Goal(title=t("G"), why=t("Y")))
        person = store.insert(
            Person(
                name=t("N"),
                company=t("C"),
                role=t("R"),
                how_met=t("H"),
                needs=t("E"),
                can_help=t("P"),
                goals=[GoalLink(goal.id, t("W"))],
            )
        )
        venue = store.insert(Venue(name=t("V"), notes=t("O"), goals=[GoalLink(goal.id, t("W"))]))
        add_slot(
            store,
            Slot(
                kind="coffee",
                title=t("L"),
                weekday=today.weekday(),
                time="23:30",
                start_date=today.subtract(days=14).isoformat(),
                person_id=person.id,
                venue_id=venue.id,
            ),
        )
        start = store.clock.now().start_of("day").add(days=1, hours=18, minutes=30)
        save_event(
            store,
            Event(
                title=t("X"),
                start=start.isoformat(),
                end=start.add(hours=2).isoformat(),
                tz=store.clock.tz.name,
                speakers=[Speaker(name=t("S"), topic=t("K"))],
                targets=[EventTarget(person.id, t("Z"))],
                ask=t("A"),
            ),
        )
    return stored


# (keys, what the opened screen shows, how it ends): "save" presses ctrl+s and then escape (should the
# form refuse a value and stay open); "close" presses escape; "stay" leaves it open for the next step.
# Saving without an edit must change nothing.
DOWN, TAB, ESCAPE, CTRL_S = "\x1b[B", "\t", "\x1b", "\x13"
FORM_STEPS: list[tuple[tuple[str, ...], str, str]] = [
    (("e",), "Edit goal", "save"),  # the goal is the first line of the tree
    ((DOWN, "e"), "Edit person", "save"),
    (("n",), "After the conversation", "close"),  # the note form, With prefilled with the person
    (("i",), "Someone reached out", "close"),  # the inbound form, prefilled likewise
    (("o",), "Outreach to", "close"),  # the composer: the template speaks the person's name
    ((DOWN, "e"), "Edit venue", "save"),
    ((TAB,), "", "stay"),  # to the Week pane: the slot is this week's only entry
    (("e",), "Edit the series", "save"),
    (("E",), "X9[/] x", "stay"),  # the Events screen, once it lists the event
    (("e",), "Edit event", "save"),
    ((ESCAPE, ","), "Settings", "save"),  # leave the Events screen; settings
]
ESCAPE_WAIT = 0.4  # a lone ESC is told from the start of a key sequence by a pause


def read_tables(path: Path) -> dict[str, object]:
    tables = orjson.loads(path.read_bytes())
    return {name: tables.get(name) for name in ("goals", "people", "venues", "slots", "events")}


def test_no_form_sends_stored_control_characters_to_the_terminal(tmp_path: Path) -> None:
    data_file = tmp_path / "netplan.json"
    stored = write_hostile_forms_file(data_file)
    before = read_tables(data_file)
    with open_tui(data_file) as tui:
        tui.wait_for_first_frame()
        tui.settle(quiet=0.3)
        for keys, shows, ending in FORM_STEPS:
            start = len(tui.output)
            for key in keys:
                tui.send(key)  # one write: a key sequence stays one key
                time.sleep(ESCAPE_WAIT if key == ESCAPE else 0.15)
            tui.wait_for(shows, since=start)
            tui.settle(quiet=0.3)
            if ending == "stay":
                continue
            if ending == "save":
                tui.send(CTRL_S)
                tui.settle(quiet=0.4)
            tui.send(ESCAPE)
            time.sleep(ESCAPE_WAIT)
            tui.settle(quiet=0.3)
        tui.send("q")
        assert tui.wait_exit(timeout=20) == 0  # generous: the machine is shared
        raw = tui.output
        screen = tui.screen_text()

    leaked = sorted({fragment for text in stored for fragment in raw_fragments(text) if fragment in raw})
    assert leaked == [], f"control characters from the data reached the terminal: {leaked}"
    assert re.search(rb"\x1b\][^\x07\x1b]*pwned", raw) is None, "the terminal title was changed"
    assert "\u202e".encode() not in raw and "\x9b".encode() not in raw
    # ...while the text boxes showed them, as stand-ins, and saving without an edit changed nothing
    assert "␛]0;pwned␇" in screen and "␛[2J" in screen
    assert read_tables(data_file) == before
