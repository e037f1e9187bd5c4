"""Acting on follow-ups, promises and inbound requests: done (and undo), snooze, nudge again, reply.

rule FOLLOW-THROUGH: after the follow-up, a gentle second nudge is proposed 5 working days after an
unanswered one, a third 10 working days after that, and then the item is parked, not nagged forever.
rule ALWAYS-RESPOND: an inbound request gets a reply due in 2 days.
Each action is one write; the ones that reach the person restart their cadence (rule GARDEN).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime

from netplan.core import moments
from netplan.core.errors import NotFoundError, ValidationError
from netplan.notes.log import follow_up_text, record_touch
from netplan.notes.model import MAX_NUDGES, Conversation, FollowUp, InboundRequest, Promise
from netplan.store.store import Store
from netplan.targets.model import Person

# Working days from the previous (unanswered) note to the next nudge, by nudge number.
NUDGE_GAP_WORKING_DAYS = {2: 5, 3: 10}
REPLY_DAYS = 2  # rule ALWAYS-RESPOND


def _follow_up(store: Store, follow_up_id: int) -> FollowUp:
    follow_up = store.get(FollowUp, follow_up_id)
    if follow_up is None:
        raise NotFoundError(f"no follow-up with id {follow_up_id}")
    return follow_up


def _now(store: Store, at: str | datetime | None, field: str = "at") -> str:
    """``at`` as a stored moment (a naive one is local time), or now."""
    return moments.moment(field, at if at is not None else store.clock.now(), tz=store.clock.tz)


def gathered_promises(store: Store, follow_up: FollowUp) -> list[Promise]:
    """The open promises the follow-up gathered: those of its conversation, both sides, in id order."""
    if follow_up.conversation_id is None:
        return []
    return [
        p
        for p in store.records_of(Promise, follow_up.person_id)
        if p.conversation_id == follow_up.conversation_id and p.is_open
    ]


def restated_text(store: Store, follow_up: FollowUp, *, closing: Collection[int] = ()) -> str:
    """What ``follow_up`` says with only its open promises listed, as if the promises ``closing``
    were closed too (a sync plans its files before it closes what came back ticked)."""
    if follow_up.conversation_id is None:
        return follow_up.text
    conversation = store.get(Conversation, follow_up.conversation_id)
    if conversation is None:
        return follow_up.text
    promises = [p for p in gathered_promises(store, follow_up) if p.id not in closing]
    mine = [p.text for p in promises if p.by == "me"]
    theirs = [p.text for p in promises if p.by == "them"]
    return follow_up_text(conversation, mine, theirs)


def restate(store: Store, follow_up: FollowUp) -> FollowUp:
    """An open follow-up's text lists only the promises still open (rule FOLLOW-THROUGH: "send what
    I promised" is the next step until it is sent, and not after). Called in the write that closes or
    reopens a promise or reopens the follow-up; a closed follow-up keeps the text it was sent with."""
    if not follow_up.is_open:
        return follow_up
    text = restated_text(store, follow_up)
    return follow_up if text == follow_up.text else store.update(replace(follow_up, text=text))


def _restate_for(store: Store, promise: Promise) -> None:
    """Restate the open follow-ups that gathered ``promise`` (those of its conversation)."""
    if promise.conversation_id is None:
        return
    for follow_up in store.records_of(FollowUp, promise.person_id):
        if follow_up.conversation_id == promise.conversation_id:
            restate(store, follow_up)


def follow_up_done(
    store: Store, follow_up_id: int, *, at: str | datetime | None = None, with_promises: bool = False
) -> FollowUp:
    """Mark a follow-up sent; it counts as a touch (rule GARDEN). Done twice is still done once.

    ``with_promises`` also closes the promises it gathered (rule FOLLOW-THROUGH: the note sent what
    I promised and reminded them of theirs), in the same transaction.
    """
    follow_up = _follow_up(store, follow_up_id)
    promises = gathered_promises(store, follow_up) if with_promises else []
    if follow_up.status == "done" and not promises:
        return follow_up
    done_at = _now(store, at)
    with store.transaction():
        saved = follow_up
        if follow_up.status != "done":
            saved = store.update(replace(follow_up, status="done", done_at=done_at))
            record_touch(store, follow_up.person_id, done_at)
        for promise in promises:
            store.update(replace(promise, done_at=done_at))
    return saved


def follow_up_reopen(store: Store, follow_up_id: int) -> FollowUp:
    """Undo "done" (or "parked"): the follow-up is open again. The touch it recorded stays (it may
    have been a real touch; last_touch never moves backwards)."""
    follow_up = _follow_up(store, follow_up_id)
    if follow_up.is_open:
        return follow_up
    with store.transaction():
        # Promises closed meanwhile (or with it: done --promises) are no longer to send.
        return restate(store, store.update(replace(follow_up, status="open", done_at=None)))


def snooze(store: Store, follow_up_id: int, until: date | str) -> FollowUp:
    """Move a follow-up to a later day, keeping its time of day."""
    follow_up = _follow_up(store, follow_up_id)
    if not follow_up.is_open:
        raise ValidationError(
            "status", f"the follow-up is {follow_up.status}; only an open one can be snoozed"
        )
    day = moments.as_date("until", until)
    if day <= store.clock.today():
        raise ValidationError("until", f"{day.isoformat()} is not after today")
    due = moments.local(follow_up.due, store.clock.tz)
    new_due = moments.at_time_on(day, due.hour, due.minute, store.clock.tz)
    return store.update(replace(follow_up, status="snoozed", due=new_due))


@dataclass(frozen=True)
class NudgePlan:
    """The next gentle nudge for an unanswered follow-up."""

    nudge: int  # 2 or 3
    due: str  # ISO datetime with offset


def next_nudge(follow_up: FollowUp, sent_at: str | datetime, store: Store) -> NudgePlan | None:
    """When to nudge again if the note sent at ``sent_at`` goes unanswered; None means park it."""
    nudge = follow_up.nudge + 1
    if nudge > MAX_NUDGES:
        return None
    gap = NUDGE_GAP_WORKING_DAYS[nudge]
    return NudgePlan(nudge, moments.add_working_days(sent_at, gap, store.clock.tz))


def nudge_again(store: Store, follow_up_id: int, *, sent_at: str | datetime | None = None) -> FollowUp:
    """The note was sent (at ``sent_at``, default now) and is unanswered: schedule the next gentle
    nudge, or park the item after the third (rule FOLLOW-THROUGH). Sending counts as a touch."""
    follow_up = _follow_up(store, follow_up_id)
    if not follow_up.is_open:
        raise ValidationError(
            "status", f"the follow-up is {follow_up.status}; only an open one can be nudged"
        )
    sent = _now(store, sent_at, "sent_at")
    plan = next_nudge(follow_up, sent, store)
    with store.transaction():
        if plan is None:
            saved = store.update(replace(follow_up, status="parked"))
        else:
            saved = store.update(replace(follow_up, status="open", nudge=plan.nudge, due=plan.due))
        record_touch(store, follow_up.person_id, sent)
    return saved


def _promise(store: Store, promise_id: int) -> Promise:
    promise = store.get(Promise, promise_id)
    if promise is None:
        raise NotFoundError(f"no promise with id {promise_id}")
    return promise


def promise_done(store: Store, promise_id: int, *, at: str | datetime | None = None) -> Promise:
    """Mark a promise kept (mine sent, or theirs delivered); it leaves the agenda (rule FOLLOW-THROUGH)."""
    promise = _promise(store, promise_id)
    if not promise.is_open:
        return promise
    with store.transaction():
        saved = store.update(replace(promise, done_at=_now(store, at)))
        _restate_for(store, saved)
    return saved


def person_promises(store: Store, person_id: int, *, closed_since: str | datetime) -> list[Promise]:
    """A person's promises as the Notes pane lists them: the open ones soonest due first (mine before
    theirs on the same due), then those closed since ``closed_since``, last closed first (to undo)."""
    since = moments.parse(_now(store, closed_since, "closed_since"))
    promises = store.records_of(Promise, person_id)
    still_open = sorted(
        (p for p in promises if p.is_open), key=lambda p: (moments.parse(p.due), p.by != "me", p.id)
    )
    closed = [p for p in promises if p.done_at is not None and moments.parse(p.done_at) >= since]
    closed.sort(key=lambda p: (moments.parse(p.done_at or p.due), p.id), reverse=True)
    return [*still_open, *closed]


def promise_reopen(store: Store, promise_id: int) -> Promise:
    """Undo "done": the promise is open again, with its old due date."""
    promise = _promise(store, promise_id)
    if promise.is_open:
        return promise
    with store.transaction():
        saved = store.update(replace(promise, done_at=None))
        _restate_for(store, saved)
    return saved


def log_inbound(
    store: Store, person_id: int, about: str, received: str | datetime | None = None
) -> InboundRequest:
    """Log "X reached out about Y"; a reply is due 2 days after it arrived (rule ALWAYS-RESPOND)."""
    if store.get(Person, person_id) is None:
        raise NotFoundError(f"no person with id {person_id}")
    arrived = _now(store, received, "received")
    if moments.parse(arrived) > store.clock.now():
        raise ValidationError("received", f"{arrived} is in the future")
    request = InboundRequest(
        person_id=person_id,
        received=arrived,
        about=about,
        reply_due=moments.add_days(arrived, REPLY_DAYS, store.clock.tz),
    )
    return store.insert(request)


def mark_replied(store: Store, inbound_id: int, *, at: str | datetime | None = None) -> InboundRequest:
    """Record the reply to an inbound request; replying is a touch (rule GARDEN)."""
    request = store.get(InboundRequest, inbound_id)
    if request is None:
        raise NotFoundError(f"no inbound request with id {inbound_id}")
    if not request.is_open:
        return request
    replied_at = _now(store, at)
    with store.transaction():
        saved = store.update(replace(request, replied_at=replied_at))
        record_touch(store, request.person_id, replied_at)
    return saved


def reply_reopen(store: Store, inbound_id: int) -> InboundRequest:
    """Undo "replied": the reply is owed again (the touch it recorded stays)."""
    request = store.get(InboundRequest, inbound_id)
    if request is None:
        raise NotFoundError(f"no inbound request with id {inbound_id}")
    if request.is_open:
        return request
    return store.update(replace(request, replied_at=None))
