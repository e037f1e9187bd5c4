"""What happens after a coffee: the conversation, promises both ways, follow-ups, inbound requests.

Models only (the logic is in notes.py and followups.py). Moments are ISO 8601 strings with a UTC
offset (netplan.core.moments). User text is kept literally (trimmed); screens make it safe to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, ClassVar, Self

from netplan.core import moments
from netplan.core import validate as v
from netplan.core.errors import ValidationError
from netplan.core.record import Record
from netplan.core.text import short

CONVERSATION_KINDS = ("coffee", "lunch", "call", "video", "event", "email")
# rule GIVE-FIRST: the kinds of value a conversation can give.
GIVE_KINDS = ("strategy", "person", "resource", "other")
# rule ASK-LADDER: ask levels, smallest first ("" = no ask, or not classified).
ASK_LEVELS = ("catch-up", "advice", "feedback", "introduction", "referral")
PROMISE_SIDES = ("me", "them")  # rule FOLLOW-THROUGH: promises by either side
FOLLOW_UP_STATUSES = ("open", "done", "snoozed", "parked")
OPEN_STATUSES = ("open", "snoozed")  # a follow-up that still wants doing
MAX_NUDGES = 3  # rule FOLLOW-THROUGH: the follow-up, then two gentle nudges, then parked

# rule LISTEN-20-10: a 30-minute coffee is 20 minutes on them and 10 on my ask.
DEFAULT_DURATION = 30
DEFAULT_LISTEN = 20
DEFAULT_ASK = 10
MAX_DURATION = 24 * 60
# A conversation is logged after it happened: a clock a little ahead is forgiven, a later time is not
# (a future conversation would keep its person from ever slipping: issue 15).
FUTURE_GRACE = timedelta(minutes=5)


def whole_minutes(field_name: str, value: object, *, most: int = MAX_DURATION) -> int:
    """Whole, non-negative minutes (from an int or a form's text); the message names the field."""
    if isinstance(value, bool):
        raise ValidationError(field_name, "must be a whole number of minutes")
    if isinstance(value, str):
        text = value.strip()
        digits = text.lstrip("-")
        if not (digits.isascii() and digits.isdigit()):
            raise ValidationError(field_name, f"{short(text)!r} is not a whole number of minutes")
        if len(digits) > len(str(most)):  # also keeps int() off 10,000 digits (issue 14)
            raise ValidationError(field_name, f"is a {len(digits):,}-digit number; at most {most}")
        value = int(text)
    if not isinstance(value, int):
        raise ValidationError(field_name, "must be a whole number of minutes")
    if value < 0:
        raise ValidationError(field_name, "may not be negative")
    if value > most:
        raise ValidationError(field_name, f"is {value} minutes; at most {most}")
    return value


def default_split(duration: int) -> tuple[int, int]:
    """Listen and ask minutes for a duration, two thirds on them (rule LISTEN-20-10): 30 -> (20, 10)."""
    listen = round(duration * 2 / 3)
    return listen, duration - listen


def meets_listen_target(listen: int, ask: int) -> bool:
    """At least two thirds of the time on them (rule LISTEN-20-10); exact in whole numbers."""
    return 3 * listen >= 2 * (listen + ask)


@dataclass(frozen=True)
class GivenValue:
    """One piece of value given in a conversation (rule GIVE-FIRST)."""

    kind: str
    text: str

    def to_doc(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}

    @classmethod
    def from_doc(cls, doc: Any) -> GivenValue:
        if isinstance(doc, str):
            return cls("other", doc)
        return cls(kind=str(doc.get("kind", "other")), text=str(doc.get("text", "")))

    def validated(self, index: int) -> GivenValue:
        return GivenValue(
            kind=v.choice(f"gave {index + 1} kind", self.kind, GIVE_KINDS),
            text=v.required(f"gave {index + 1}", self.text, max_len=v.TEXT_MAX),
        )


def given_value(text: str) -> GivenValue:
    """`--gave "person: intro to Pat Kim"` is a person to meet; text without a kind prefix is "other"."""
    kind, sep, rest = text.partition(":")
    if sep and kind.strip().lower() in GIVE_KINDS and rest.strip():
        return GivenValue(kind.strip().lower(), rest.strip())
    return GivenValue("other", text)


@dataclass(frozen=True)
class Conversation(Record):
    """A logged conversation: the 20/10 split, what they need, what I gave and asked."""

    TABLE: ClassVar[str] = "conversations"
    person_id: int
    when: str  # ISO datetime with offset
    kind: str = "coffee"
    duration_minutes: int = DEFAULT_DURATION
    listen_minutes: int = DEFAULT_LISTEN  # rule LISTEN-20-10: minutes on them
    ask_minutes: int = DEFAULT_ASK  # minutes on my ask
    needs: str = ""  # rule MUTUAL: what they need
    gave: list[GivenValue] = field(default_factory=list)  # rule GIVE-FIRST
    asked: str = ""
    ask_level: str = ""  # rule ASK-LADDER: one of ASK_LEVELS, or ""
    notes: str = ""
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["gave"] = [item.to_doc() for item in self.gave]
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int) -> Self:
        known = {name: doc[name] for name in cls.__dataclass_fields__ if name in doc}
        known["gave"] = [GivenValue.from_doc(item) for item in known.get("gave") or []]
        known["id"] = doc_id
        return cls(**known)

    @property
    def listen_share(self) -> float | None:
        """Share of the talking time spent on them; None when no minutes were recorded."""
        total = self.listen_minutes + self.ask_minutes
        return self.listen_minutes / total if total else None

    @property
    def below_listen_target(self) -> bool:
        """Flagged in Notes and the 8-week numbers (rule LISTEN-20-10)."""
        return not meets_listen_target(self.listen_minutes, self.ask_minutes)

    @property
    def has_ask(self) -> bool:
        """Counted against gives (rule GIVE-FIRST): something was asked."""
        return bool(self.asked.strip())

    def validated(self) -> Conversation:
        person_id = _person_ref(self.person_id)
        duration = whole_minutes("duration_minutes", self.duration_minutes)
        listen = whole_minutes("listen_minutes", self.listen_minutes)
        ask = whole_minutes("ask_minutes", self.ask_minutes)
        if listen + ask > duration:
            raise ValidationError(
                "listen_minutes",
                f"listen {listen} + ask {ask} = {listen + ask} minutes, "
                f"more than the {duration}-minute duration",
            )
        if not isinstance(self.gave, list | tuple):
            raise ValidationError("gave", "must be a list of given values")
        gave = [
            (item if isinstance(item, GivenValue) else GivenValue.from_doc(item)).validated(index)
            for index, item in enumerate(self.gave)
        ]
        ask_level = self.ask_level or ""
        if ask_level and ask_level not in ASK_LEVELS:
            raise ValidationError("ask_level", f"must be one of: {', '.join(ASK_LEVELS)} (or left empty)")
        return replace(
            self,
            person_id=person_id,
            when=moments.moment("when", self.when),
            kind=v.choice("kind", self.kind, CONVERSATION_KINDS),
            duration_minutes=duration,
            listen_minutes=listen,
            ask_minutes=ask,
            needs=v.optional("needs", self.needs),
            gave=gave,
            asked=v.optional("asked", self.asked),
            ask_level=ask_level,
            notes=v.optional("notes", self.notes),
        )

    def validated_at(self, now: datetime) -> Conversation:
        """validated(), for a conversation being logged now: it has happened (``when`` is not after
        ``now``), and its listen and ask minutes add up to its length (rule LISTEN-20-10)."""
        clean = self.validated()
        if moments.parse(clean.when) > now + FUTURE_GRACE:
            day = clean.when[:16].replace("T", " ")
            raise ValidationError("when", f"{day} is in the future: log a conversation once it has happened")
        total = clean.listen_minutes + clean.ask_minutes
        if total != clean.duration_minutes:
            raise ValidationError(
                "listen_minutes",
                f"listen {clean.listen_minutes} + ask {clean.ask_minutes} = {total} minutes, "
                f"but the conversation lasted {clean.duration_minutes}: the split must add up",
            )
        return clean


def _person_ref(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValidationError("person_id", "must name a stored person")
    return value


def _optional_ref(field_name: str, value: object) -> int | None:
    if value is None or value == 0:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValidationError(field_name, "must be a record id")
    return value


@dataclass(frozen=True)
class Promise(Record):
    """Something promised in a conversation, by me or by them, with a due date (rule FOLLOW-THROUGH)."""

    TABLE: ClassVar[str] = "promises"
    person_id: int
    conversation_id: int | None
    by: str  # "me" or "them"
    text: str
    due: str  # ISO datetime with offset
    done_at: str | None = None
    id: int = 0

    @property
    def is_open(self) -> bool:
        return self.done_at is None

    def validated(self) -> Promise:
        return replace(
            self,
            person_id=_person_ref(self.person_id),
            conversation_id=_optional_ref("conversation_id", self.conversation_id),
            by=v.choice("by", self.by, PROMISE_SIDES),
            text=v.required("text", self.text, max_len=v.TEXT_MAX),
            due=moments.moment("due", self.due),
            done_at=moments.optional_moment("done_at", self.done_at),
        )


@dataclass(frozen=True)
class FollowUp(Record):
    """A note to send: 48 hours after a meeting (rule FOLLOW-48H), then up to two gentle nudges."""

    TABLE: ClassVar[str] = "follow_ups"
    person_id: int
    due: str  # ISO datetime with offset
    text: str
    conversation_id: int | None = None
    inbound_id: int | None = None
    status: str = "open"
    nudge: int = 1  # 1 = the follow-up itself; 2 and 3 = gentle nudges (rule FOLLOW-THROUGH)
    done_at: str | None = None
    id: int = 0

    @property
    def is_open(self) -> bool:
        """Still wants doing: open, or snoozed to a later day."""
        return self.status in OPEN_STATUSES

    def validated(self) -> FollowUp:
        nudge = self.nudge
        if not isinstance(nudge, int) or isinstance(nudge, bool) or not 1 <= nudge <= MAX_NUDGES:
            raise ValidationError("nudge", f"must be 1 to {MAX_NUDGES}")
        return replace(
            self,
            person_id=_person_ref(self.person_id),
            due=moments.moment("due", self.due),
            text=v.required("text", self.text, max_len=v.TEXT_MAX),
            conversation_id=_optional_ref("conversation_id", self.conversation_id),
            inbound_id=_optional_ref("inbound_id", self.inbound_id),
            status=v.choice("status", self.status, FOLLOW_UP_STATUSES),
            done_at=moments.optional_moment("done_at", self.done_at),
        )


@dataclass(frozen=True)
class InboundRequest(Record):
    """Someone reached out about something; a reply is due in 2 days (rule ALWAYS-RESPOND)."""

    TABLE: ClassVar[str] = "inbound_requests"
    person_id: int
    received: str  # ISO datetime with offset
    about: str
    reply_due: str
    replied_at: str | None = None
    id: int = 0

    @property
    def is_open(self) -> bool:
        return self.replied_at is None

    def validated(self) -> InboundRequest:
        return replace(
            self,
            person_id=_person_ref(self.person_id),
            received=moments.moment("received", self.received),
            about=v.required("about", self.about, max_len=v.TEXT_MAX),
            reply_due=moments.moment("reply_due", self.reply_due),
            replied_at=moments.optional_moment("replied_at", self.replied_at),
        )
