"""Post-coffee notes: logging a conversation as one transaction, and the numbers the Notes pane shows.

``log_conversation`` is the one write (rules FOLLOW-48H, FOLLOW-THROUGH, GARDEN); the queries below it
are pure reads returning dataclasses, cheap enough to run on every keystroke of a screen.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TypeVar

from netplan.core import moments
from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.record import Record
from netplan.notes.model import OPEN_STATUSES, Conversation, FollowUp, Promise, meets_listen_target
from netplan.store.store import Store
from netplan.targets.model import Person

R = TypeVar("R", bound=Record)

FOLLOW_UP_HOURS = 48  # rule FOLLOW-48H
COACHING_WEEKS = 8  # "numbers that coach" look back this far
PROMISE_DUE_TIME = (9, 0)  # a promise due on a bare date is due that morning, local time

# A promise as the form or CLI gives it: its text, or (text, due) with due a date, datetime or ISO text.
PromiseInput = str | tuple[str, str | date | datetime | None]

_KIND_PHRASES = {
    "coffee": "the coffee",
    "lunch": "lunch",
    "call": "the call",
    "video": "the video call",
    "event": "our talk at the event",
    "email": "your email",
}


# reading ---------------------------------------------------------------------------------------


# people --------------------------------------------------------------------------------------


def match_person(store: Store, query: str) -> Person:
    """The person named ``query``: exact name (any case), else the one name containing it.

    Types of person are skipped: you log a conversation with someone, not with a type.
    """
    wanted = query.strip().casefold()
    if not wanted:
        raise ValidationError("person", "is required")
    people = [p for p in store.all(Person) if not p.is_type]
    exact = [p for p in people if p.name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    candidates = exact or [p for p in people if wanted in p.name.casefold()]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise NotFoundError(
            f"no person matching {query.strip()!r}; add them first with "
            f"`netplan add person {shlex.quote(query.strip())}`"
        )
    names = ", ".join(repr(p.name) for p in candidates[:5])
    raise ValidationError(
        "person", f"{query.strip()!r} matches several people: {names}; give more of the name"
    )


def record_touch(store: Store, person_id: int, when: str) -> Person:
    """Restart the person's stay-in-touch cadence (rule GARDEN); never moves last_touch backwards."""
    person = store.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"no person with id {person_id}")
    if person.last_touch and moments.parse(person.last_touch) >= moments.parse(when):
        return person
    return store.update(replace(person, last_touch=when))


def _note_needs(store: Store, person: Person, conversation: Conversation) -> Person:
    """ "What they need" from the newest note is what the person needs now (rule MUTUAL; issue 15):
    the person's record, the coach and the thank-you draft read it from there. An older note logged
    late does not overwrite what a newer one said."""
    needs = conversation.needs.strip()
    if not needs or needs == person.needs.strip():
        return person
    newer = any(
        c.needs.strip() and moments.parse(c.when) > moments.parse(conversation.when)
        for c in store.records_of(Conversation, person.id)
        if c.id != conversation.id
    )
    return person if newer else store.update(replace(person, needs=needs))


# logging a conversation ------------------------------------------------------------------------


@dataclass(frozen=True)
class LoggedConversation:
    """What one log wrote: the conversation, the touched person, the follow-up and the promise tasks."""

    conversation: Conversation
    person: Person
    follow_up: FollowUp
    promises: list[Promise]


def _promise_due(field: str, due: object, default: str, store: Store) -> str:
    if due is None or due == "":
        return default
    if isinstance(due, datetime) or (isinstance(due, str) and len(due.strip()) > 10):
        return moments.moment(field, due, tz=store.clock.tz)
    hour, minute = PROMISE_DUE_TIME
    return moments.at_time_on(moments.as_date(field, due), hour, minute, store.clock.tz)


# "send it to pat@example.com @2026-12-03": a due date after a space and an @ (an address's @ has no
# space before it). One parser for `netplan log --promise-mine` and the note form (issue 15).
_DUE_SUFFIX = re.compile(r"^(?P<text>.*?\S)\s+@(?P<due>\S+(?:[ T]\d{1,2}:\d{2})?)\s*$", re.DOTALL)


def promise_input(text: str) -> tuple[str, str | None]:
    """ "send the deck @2026-11-27" -> ("send the deck", "2026-11-27"); no due date: (text, None)."""
    match = _DUE_SUFFIX.match(text.strip())
    if match is None:
        return text.strip(), None
    return match.group("text").strip(), match.group("due")


def promise_items(text: str) -> list[tuple[str, str | None]]:
    """The note form's "send the deck @2026-11-27; call Bo": one promise per ";"."""
    return [promise_input(item) for item in text.split(";") if item.strip()]


def _promise_drafts(
    store: Store, side: str, items: Sequence[PromiseInput], default_due: str
) -> list[tuple[str, str]]:
    drafts = []
    for index, item in enumerate(items):
        text, due = promise_input(item) if isinstance(item, str) else item
        field = f"promise by {side} {index + 1}"
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(field, "needs some text")
        drafts.append((text.strip(), _promise_due(f"{field} due", due, default_due, store)))
    return drafts


def follow_up_text(conversation: Conversation, mine: Sequence[str], theirs: Sequence[str]) -> str:
    """Thank them, send what I promised, remind them of what they offered (rule FOLLOW-THROUGH)."""
    day = moments.parse(conversation.when).strftime("%a %d %b")
    parts = [f"Thank them for {_KIND_PHRASES.get(conversation.kind, 'the conversation')} on {day}."]
    if mine:
        parts.append(f"Send what I promised: {'; '.join(mine)}.")
    if theirs:
        parts.append(f"Remind them of what they offered: {'; '.join(theirs)}.")
    return " ".join(parts)


def log_conversation(
    store: Store,
    conversation: Conversation,
    promises_mine: Sequence[PromiseInput] = (),
    promises_theirs: Sequence[PromiseInput] = (),
) -> LoggedConversation:
    """Save a conversation with everything it implies, in ONE transaction (all or nothing).

    Writes the conversation, the person's last touch (rule GARDEN), a follow-up due exactly 48 hours
    later (rule FOLLOW-48H) that gathers the thank-you and both sides' promises, and one promise task
    per promise (rule FOLLOW-THROUGH; due defaults to the follow-up's due). Everything is validated
    before the write starts, so bad input raises ValidationError with nothing saved.
    """
    clean = conversation.validated_at(store.clock.now())
    if store.get(Person, clean.person_id) is None:
        raise NotFoundError(f"no person with id {clean.person_id}")
    follow_up_due = moments.hours_later(clean.when, FOLLOW_UP_HOURS)
    mine = _promise_drafts(store, "me", promises_mine, follow_up_due)
    theirs = _promise_drafts(store, "them", promises_theirs, follow_up_due)
    text = follow_up_text(clean, [t for t, _ in mine], [t for t, _ in theirs])
    with store.transaction():
        saved = store.insert(clean)
        person = record_touch(store, saved.person_id, saved.when)
        person = _note_needs(store, person, saved)
        follow_up = store.insert(
            FollowUp(person_id=saved.person_id, conversation_id=saved.id, due=follow_up_due, text=text)
        )
        promises = [
            store.insert(Promise(saved.person_id, saved.id, side, promise_text, due))
            for side, drafts in (("me", mine), ("them", theirs))
            for promise_text, due in drafts
        ]
    return LoggedConversation(saved, person, follow_up, promises)


# the Notes pane --------------------------------------------------------------------------------


def _newest_first(conversations: list[Conversation]) -> list[Conversation]:
    return sorted(conversations, key=lambda c: (moments.parse(c.when), c.id), reverse=True)


def conversations_for(store: Store, person_id: int) -> list[Conversation]:
    """The person's conversations, newest first."""
    return _newest_first(store.records_of(Conversation, person_id))


@dataclass(frozen=True)
class TalkBalance:
    """Listen share and give/get over some conversations (rules LISTEN-20-10, GIVE-FIRST)."""

    conversations: int
    listen_minutes: int
    ask_minutes: int
    gives: int  # value items given
    asks: int  # conversations with an ask

    @property
    def listen_share(self) -> float | None:
        """sum listen / sum (listen + ask); None before any minutes are logged."""
        total = self.listen_minutes + self.ask_minutes
        return self.listen_minutes / total if total else None

    @property
    def meets_listen_target(self) -> bool:
        return meets_listen_target(self.listen_minutes, self.ask_minutes)

    @property
    def asks_outnumber_gives(self) -> bool:
        """rule GIVE-FIRST: the coach warns when this is true."""
        return self.asks > self.gives


def talk_balance(conversations: Sequence[Conversation]) -> TalkBalance:
    return TalkBalance(
        conversations=len(conversations),
        listen_minutes=sum(c.listen_minutes for c in conversations),
        ask_minutes=sum(c.ask_minutes for c in conversations),
        gives=sum(len(c.gave) for c in conversations),
        asks=sum(1 for c in conversations if c.has_ask),
    )


@dataclass(frozen=True)
class PersonSummary:
    """The top of the Notes pane for one person."""

    person: Person
    conversations: list[Conversation]  # newest first
    balance: TalkBalance
    promises_mine: list[Promise]  # open, soonest due first
    promises_theirs: list[Promise]
    next_follow_up: FollowUp | None


def _by_due(items: list[Promise]) -> list[Promise]:
    return sorted(items, key=lambda p: (moments.parse(p.due), p.id))


def person_summary(store: Store, person_id: int) -> PersonSummary:
    person = store.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"no person with id {person_id}")
    conversations = conversations_for(store, person_id)
    promises = [p for p in store.records_of(Promise, person_id) if p.done_at is None]
    follow_ups = [f for f in store.records_of(FollowUp, person_id) if f.status in OPEN_STATUSES]
    next_follow_up = min(follow_ups, key=lambda f: (moments.parse(f.due), f.id), default=None)
    return PersonSummary(
        person=person,
        conversations=conversations,
        balance=talk_balance(conversations),
        promises_mine=_by_due([p for p in promises if p.by == "me"]),
        promises_theirs=_by_due([p for p in promises if p.by == "them"]),
        next_follow_up=next_follow_up,
    )


@dataclass(frozen=True)
class CoachingNumbers:
    """Overall listen share and give/get over the last weeks, and the conversations under 2/3."""

    since: str  # ISO datetime the window starts
    weeks: int
    balance: TalkBalance
    below_target: list[Conversation]  # newest first (rule LISTEN-20-10)


def coaching_numbers(store: Store, *, weeks: int = COACHING_WEEKS) -> CoachingNumbers:
    now = store.clock.now()
    since = now.subtract(weeks=weeks)  # calendar weeks: same wall-clock time across DST
    start, end = since.timestamp(), now.timestamp()
    window = _newest_first(
        store.records_where(Conversation, "when", lambda when: start <= moments.timestamp(when) <= end)
    )
    return CoachingNumbers(
        since=moments.to_iso(since),
        weeks=weeks,
        balance=talk_balance(window),
        below_target=[c for c in window if c.below_listen_target],
    )
