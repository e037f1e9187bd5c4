"""Does a draft speak to this one person? (rule PERSONAL: personalise every message; never blast.)

A draft is personal when it mentions something specific to the person: how you met, their company
or role, what they need, or something from your conversations and promises. Their name alone is not
enough (mail merges have names). A draft with several addresses or a group greeting is written to
many. Pure functions over plain text; cheap enough for every keystroke of the composer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from netplan.core.wording import wording
from netplan.notes.model import Conversation, Promise
from netplan.store.store import Store
from netplan.targets.model import Person

_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
_BLANK = re.compile(r"\[[^\[\]\n]{1,60}\]")
_EMAIL = re.compile(r"[^@\s<>,;()\[\]]+@[^@\s<>,;()\[\]]+\.[A-Za-z]{2,}")
_MIN_WORD = 4
_MIN_STEM = 5  # "forecast" matches "forecasting": a shared start this long counts


def content_words(text: str) -> set[str]:
    """The words of ``text`` that can tell one person from another (no stopwords, no short words)."""
    stop = set(wording("coach")["stopwords"])
    words = (m.group(0).casefold().strip("'’-") for m in _WORD.finditer(text))
    return {w for w in words if len(w) >= _MIN_WORD and w not in stop}


def person_texts(store: Store, person: Person) -> list[str]:
    """What you know about the person: their record, conversations and promises."""
    texts = [person.how_met, person.company, person.role, person.needs, person.can_help]
    for conversation in store.records_of(Conversation, person.id):
        texts += [conversation.needs, conversation.notes, conversation.asked]
        texts += [given.text for given in conversation.gave]
    texts += [promise.text for promise in store.records_of(Promise, person.id)]
    return [text for text in texts if text]


def personal_words(store: Store, person: Person) -> set[str]:
    """Words specific to the person; their own name does not count."""
    name = {w.casefold() for w in _WORD.findall(person.name)}
    return {w for text in person_texts(store, person) for w in content_words(text)} - name


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= _MIN_STEM and long.startswith(short)


def personal_mention(text: str, words: Iterable[str]) -> str:
    """The first word of ``text`` specific to the person, or "" if it mentions nothing of theirs."""
    known = list(words)
    for word in sorted(content_words(text)):
        if any(_same_word(word, mine) for mine in known):
            return word
    return ""


def blanks(text: str) -> list[str]:
    """Template blanks still to fill in: "[how met]"."""
    return list(dict.fromkeys(_BLANK.findall(text)))


def group_signal(text: str) -> str:
    """Why the draft reads as written to several people ("2 email addresses", "\"Hi all\""), or ""."""
    addresses = {match.casefold() for match in _EMAIL.findall(text)}
    if len(addresses) > 1:
        return f"{len(addresses)} email addresses"
    folded = text.casefold()
    for greeting in wording("coach")["group_greetings"]:
        if re.search(rf"(?<!\w){re.escape(greeting)}(?!\w)", folded):
            return f'"{greeting}"'
    return ""


def detail_hint(person: Person) -> str:
    """One thing from the record to mention, for the suggestion."""
    for label, value in (
        ("how you met", person.how_met),
        ("what they need", person.needs),
        ("their role", person.role),
        ("their company", person.company),
    ):
        if value.strip():
            return f"{label}: {value.strip()}"
    return "ask what they are working on, and note it on their record"
