"""Planning an archive's history: last touches, replies due, invitations (issue 19).

Rules chosen, each visible in the dry run:
- rule GARDEN: every conversation's newest message that is not a draft, sponsored or spam moves each
  other participant's last touch to its moment, whoever wrote it, never backwards. A participant is
  found by profile URL, then by name when exactly one person in netplan has it. Group conversations
  (more than one other participant) touch everyone in them who is known.
- rule ALWAYS-RESPOND: a one-to-one conversation whose newest message is theirs, sent within the
  reply window (setting ``reply_window_days``, default 30), is an inbound request with a reply due
  2 days after it arrived; so is a recent incoming invitation that carries a note. One request per
  person, for the newest such message; none when the person already has a request at least as
  recent, so importing again adds none. An answered (newest message mine), older, or group
  conversation owes nothing. Someone who wrote and is not in netplan is added, parked, so the reply
  can be tracked; other strangers in conversations are left out (counted).
- rule PERSONAL: each invitation I sent is remembered with its moment, whether a note went with it,
  and whether it was accepted (the invitee is a connection); the coach reports the share sent
  without a note and proposes a note for the pending ones (netplan.coach.invitations).
- Message and note text is private: kept (as what a request is about, at most 500 characters) only
  with ``--keep-text``.
- "Me" is the name in Profile.csv when the messages use it; else the name present in the most conversations
  (ties broken by leaving out known people); if that still leaves a choice, the import stops and asks
  for the whole archive.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from netplan.core import moments
from netplan.interchange.contacts import ImportedContact, ImportFileError
from netplan.interchange.history_plan import (
    HistoryPlan,
    PersonRef,
    PlannedInvitation,
    PlannedReply,
    PlannedTouch,
)
from netplan.interchange.identity import name_key
from netplan.interchange.linkedin_archive import ParsedHistory
from netplan.interchange.linkedin_invitations import Invitation
from netplan.interchange.linkedin_messages import ParsedMessages, Participant, Thread, participant_key
from netplan.notes.followups import REPLY_DAYS
from netplan.notes.invitation import CONNECTED_ON_LINKEDIN, INVITED_ON_LINKEDIN, SentInvitation
from netplan.notes.model import InboundRequest
from netplan.store.settings import load_settings

if TYPE_CHECKING:  # merge.py calls this module with its planner
    from netplan.interchange.merge import Planner, Slot

MESSAGES_RANK, INVITATIONS_RANK = 1, 2  # the plan lists Connections, then messages, then invitations


@dataclass
class _Me:
    name: str  # name_key of the account holder ("" when the archive has no messages)
    urls: set[str] = field(default_factory=set)  # participant keys of their profile URLs

    def is_me(self, person: Participant, names: dict[str, str]) -> bool:
        key = participant_key(person)
        return key in self.urls or (bool(self.name) and name_key(_resolved(person, names)) == self.name)


def _resolved(person: Participant, names: dict[str, str]) -> str:
    """A participant's name; a group recipient known only by URL is named from the messages they sent."""
    return person.name or names.get(participant_key(person), "")


@dataclass(frozen=True)
class _Conversation:
    """A thread as planning reads it: the others in it, and its newest message."""

    others: list[Participant]
    group: bool
    owed: bool  # a reply is due (rule ALWAYS-RESPOND)
    when: str
    line: int
    source: str
    day: str
    about: str


@dataclass
class _Pending:
    """A record to plan once the people are frozen (its person is a slot until then)."""

    slot: Slot
    source: str
    name: str
    when: str
    text: str = ""
    with_note: bool = False
    accepted: bool = False
    replaces: int = 0
    order: tuple[int, int] = (0, 0)  # the file's rank and line, for listing in file order


class HistoryWork:
    """The history as it is planned: what it asks of the people, then the records it writes."""

    def __init__(self, planner: Planner, history: ParsedHistory) -> None:
        self.planner = planner
        self.history = history
        store = planner.store
        self.now: datetime = store.clock.now()
        self.tz = store.clock.tz
        self.window = load_settings(store).reply_window_days
        self.since = self.now - timedelta(days=self.window)
        self.touches: list[PlannedTouch] = []
        self.replies: dict[int, _Pending] = {}  # by id(slot): one reply per person and import
        self.invitations: list[_Pending] = []
        self.left_out: Counter[str] = Counter()
        self.me_name = history.me  # as shown; inferred from the messages when Profile.csv is absent
        # the newest request each person already has: a message no newer is covered by it
        self.known_replies: dict[int, float] = {}
        for request in store.all(InboundRequest):
            received = moments.timestamp(request.received)
            self.known_replies[request.person_id] = max(
                received, self.known_replies.get(request.person_id, received)
            )
        self.known_invitations = {
            (i.person_id, moments.timestamp(i.sent_at)): i for i in store.all(SentInvitation)
        }

    def finish(self, where: dict[int, int]) -> HistoryPlan:
        """The plan, once the people are frozen (``where``: draft index -> change index)."""

        def ref(slot: Slot) -> PersonRef:
            if slot.person.id:
                return PersonRef(person_id=slot.person.id)
            assert slot.change is not None
            return PersonRef(added=where[slot.change])

        tz = self.tz
        replies = tuple(
            PlannedReply(
                p.source, p.name, ref(p.slot), p.when, p.text, moments.add_days(p.when, REPLY_DAYS, tz)
            )
            for p in sorted(self.replies.values(), key=lambda p: p.order)
        )
        invitations = tuple(
            PlannedInvitation(
                p.source, p.name, ref(p.slot), p.when, p.with_note, p.text, p.accepted, p.replaces
            )
            for p in self.invitations
        )
        return HistoryPlan(
            me=self.me_name,
            files=tuple(self.history.files),
            touches=tuple(self.touches),
            replies=replies,
            invitations=invitations,
            left_out=tuple(f"{what}: {count}" for what, count in self.left_out.items()),
        )

    # people ----------------------------------------------------------------------------------

    def _person(
        self, name: str, url: str, source: str, line: int, rank: int, how_met: str, why: str
    ) -> Slot | None:
        """The person in netplan, or (when ``how_met`` is given) a parked newcomer; None if unknown."""
        slot = self.planner.find(name, url)
        if slot is None and how_met and name:
            contact = ImportedContact(source, line, name=name, linkedin=url, how_met=how_met)
            slot = self.planner.add_contact(contact, rank=rank, why_new=why)
        return slot

    def _day(self, when: datetime) -> str:
        return moments.local(when, self.tz).date().isoformat()

    # messages --------------------------------------------------------------------------------

    def messages(self, messages: ParsedMessages) -> None:
        me = self._me(messages)
        for kind, count in (
            ("draft messages (never sent)", messages.drafts),
            ("messages in the SPAM folder", messages.spam),
            ("sponsored messages or messages from hidden members", messages.sponsored),
        ):
            if count:
                self.left_out[kind] += count
        # Newcomers first, then touches: a stranger added for one thread is touched by all of
        # theirs, so a second import finds nothing more to do (whatever the order of the threads).
        talks = [
            talk for thread in messages.threads.values() if (talk := self._conversation(thread, messages, me))
        ]
        for talk in talks:
            self._newcomers(talk)
        for talk in talks:
            self._touches(talk)

    def _me(self, messages: ParsedMessages) -> _Me:
        names = messages.names_by_url
        counts: Counter[str] = Counter()  # in how many conversations each name takes part
        shown: dict[str, str] = {}
        for thread in messages.threads.values():
            if thread.newest is None:
                continue
            seen = set()
            for person in thread.participants.values():
                name = _resolved(person, names)
                if name:
                    seen.add(name_key(name))
                    shown.setdefault(name_key(name), name)
            counts.update(seen)
        me_name = name_key(self.history.me)
        if me_name not in counts:  # no Profile.csv, or its name is not the one the messages use
            me_name = self._infer_me(messages, counts, shown)
        urls = {key for key, name in names.items() if name_key(name) == me_name}
        return _Me(me_name, urls)

    def _infer_me(self, messages: ParsedMessages, counts: Counter[str], shown: dict[str, str]) -> str:
        """The name in the most conversations; a tie is broken by leaving out people netplan knows."""
        if not counts:
            return name_key(self.history.me)
        top = max(counts.values())
        candidates = [key for key, count in counts.items() if count == top]
        if len(candidates) > 1:
            candidates = [key for key in candidates if self.planner.find(shown[key], "") is None]
        if len(candidates) != 1:
            raise ImportFileError(
                messages.path,
                "cannot tell which of the people in the conversations is you; import the whole archive "
                "(its Profile.csv names you)",
            )
        self.me_name = shown[candidates[0]]
        return candidates[0]

    def _others(self, thread: Thread, names: dict[str, str], me: _Me) -> dict[str, Participant]:
        others: dict[str, Participant] = {}
        for person in thread.participants.values():
            if me.is_me(person, names):
                continue
            name = _resolved(person, names)
            key = name_key(name) if name else participant_key(person)
            known = others.get(key)
            if known is None or (person.url and not known.url):
                others[key] = Participant(name, person.url)
        return others

    def _conversation(self, thread: Thread, messages: ParsedMessages, me: _Me) -> _Conversation | None:
        """What a thread means for netplan, or None (counted as left out) when nothing."""
        names = messages.names_by_url
        newest, sender = thread.newest, thread.newest_from
        if newest is None or sender is None:
            self.left_out["conversations holding only drafts"] += 1
            return None
        if newest > self.now:
            self.left_out["conversations dated after now"] += 1
            return None
        others = self._others(thread, names, me)
        if not others:
            self.left_out["conversations with nobody but you"] += 1
            return None
        group = len(others) > 1
        from_them = not me.is_me(sender, names)
        owed = from_them and not group and newest >= self.since
        if from_them and not group and not owed:
            self.left_out[
                f"conversations waiting on you for more than {self.window} days (no reply due)"
            ] += 1
        day = self._day(newest)
        about = f"their LinkedIn message: {thread.newest_text}" if thread.newest_text else ""
        return _Conversation(
            list(others.values()),
            group,
            owed,
            moments.to_iso(newest),
            thread.newest_line,
            f"{messages.path.name} line {thread.newest_line}",
            day,
            about or f"their LinkedIn message of {day}",
        )

    def _newcomers(self, talk: _Conversation) -> None:
        """rule ALWAYS-RESPOND: someone who wrote and waits for a reply is added (parked) if unknown."""
        if talk.owed:
            person = talk.others[0]
            how_met = f"Wrote to you on LinkedIn on {talk.day}"
            why = "wrote to you on LinkedIn; not in netplan, added parked to track the reply"
            self._person(person.name, person.url, talk.source, talk.line, MESSAGES_RANK, how_met, why)

    def _touches(self, talk: _Conversation) -> None:
        """rule GARDEN: everyone known in the conversation was touched at its newest message."""
        for person in talk.others:
            slot = self.planner.find(person.name, person.url)
            if slot is None:
                self.left_out["people in conversations who are neither in netplan nor connections"] += 1
                continue
            moved, was = self.planner.touch(slot, talk.when, talk.source, talk.line, MESSAGES_RANK)
            if moved:
                self.touches.append(PlannedTouch(talk.source, slot.person.name, talk.when, was, talk.group))
            if talk.owed:
                self._reply(
                    _Pending(slot, talk.source, slot.person.name, talk.when, talk.about, order=(1, talk.line))
                )

    def _reply(self, pending: _Pending) -> None:
        known = self.known_replies.get(pending.slot.person.id)
        if known is not None and moments.timestamp(pending.when) <= known:
            self.left_out["replies due already in netplan"] += 1
            return
        earlier = self.replies.get(id(pending.slot))
        if earlier is None or moments.timestamp(earlier.when) < moments.timestamp(pending.when):
            self.replies[id(pending.slot)] = pending

    # invitations -----------------------------------------------------------------------------

    def invitations_from(self, invitations: list[Invitation], file_name: str) -> None:
        for invitation in invitations:
            source = f"{file_name} line {invitation.line}"
            if invitation.sent_at > self.now:
                self.left_out["invitations dated after now"] += 1
            elif invitation.direction == "INCOMING":
                self._incoming(invitation, source)
            else:
                self._outgoing(invitation, source)

    def _incoming(self, invitation: Invitation, source: str) -> None:
        if not invitation.with_note or invitation.sent_at < self.since:
            self.left_out[f"incoming invitations without a note or older than {self.window} days"] += 1
            return
        day = self._day(invitation.sent_at)
        slot = self._person(
            invitation.name,
            invitation.url,
            source,
            invitation.line,
            INVITATIONS_RANK,
            f"Invited you on LinkedIn on {day}, with a note",
            "invited you on LinkedIn with a note; added parked to track the reply",
        )
        if slot is None:  # no name: nobody to reply to
            self.left_out["incoming invitations from nobody named"] += 1
            return
        about = (
            f"their LinkedIn invitation: {invitation.note}"
            if invitation.note
            else (f"their LinkedIn invitation with a note, {day}")
        )
        when = moments.to_iso(invitation.sent_at)
        self._reply(_Pending(slot, source, slot.person.name, when, about, order=(2, invitation.line)))

    def _outgoing(self, invitation: Invitation, source: str) -> None:
        day = self._day(invitation.sent_at)
        slot = self._person(
            invitation.name,
            invitation.url,
            source,
            invitation.line,
            INVITATIONS_RANK,
            f"{INVITED_ON_LINKEDIN} on {day}",
            "you invited them on LinkedIn; added parked",
        )
        if slot is None:
            self.left_out["invitations to nobody named"] += 1
            return
        accepted = slot.connection or slot.person.how_met.startswith(CONNECTED_ON_LINKEDIN)
        when = moments.to_iso(invitation.sent_at)
        stored = (
            self.known_invitations.get((slot.person.id, moments.timestamp(when))) if slot.person.id else None
        )
        if stored is not None and (stored.accepted or not accepted):
            self.left_out["invitations already in netplan"] += 1
            return
        self.invitations.append(
            _Pending(
                slot,
                source,
                slot.person.name,
                when,
                invitation.note,
                invitation.with_note,
                accepted,
                replaces=stored.id if stored is not None else 0,
            )
        )


def plan_history(planner: Planner, history: ParsedHistory) -> HistoryWork:
    """Add the archive's touches and newcomers to ``planner``; ``finish`` it once the people are frozen."""
    work = HistoryWork(planner, history)
    # invitations first: the people they add are then found in the conversations too
    if history.invitations is not None:
        work.invitations_from(history.invitations.invitations, history.invitations.path.name)
    if history.messages is not None:
        work.messages(history.messages)
    return work
