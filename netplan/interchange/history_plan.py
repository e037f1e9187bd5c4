"""What an archive import does beyond people: last touches, replies due, invitations remembered.

Pure data (planned in linkedin_history.py, written by merge.apply_import in the same transaction as
the people). A planned record names its person as ``PersonRef``: a stored person's id, or the
position in ImportPlan.changes of the person the same import adds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from netplan.core.text import safe_text
from netplan.notes.invitation import SentInvitation
from netplan.notes.model import InboundRequest


@dataclass(frozen=True)
class PersonRef:
    person_id: int = 0  # a stored person
    added: int = -1  # else: the index of the ADD change in ImportPlan.changes

    def resolve(self, added_ids: dict[int, int]) -> int | None:
        return self.person_id or added_ids.get(self.added)


@dataclass(frozen=True)
class PlannedTouch:
    """rule GARDEN: a person's last touch moves forward to the newest message of a conversation."""

    source: str  # "messages.csv line 12"
    name: str
    when: str  # ISO moment
    was: str | None
    group: bool

    def describe(self) -> str:
        was = self.was[:10] if self.was else "never"
        group = " (group conversation)" if self.group else ""
        return safe_text(f"touch  {self.source}: {self.name}: last touch {self.when[:10]}{group} (was {was})")


@dataclass(frozen=True)
class PlannedReply:
    """rule ALWAYS-RESPOND: someone wrote and waits for an answer; a reply is due in 2 days."""

    source: str
    name: str
    person: PersonRef
    received: str
    about: str
    reply_due: str

    def describe(self) -> str:
        return safe_text(
            f"reply  {self.source}: {self.name} reached out {self.received[:10]}; "
            f"reply due {self.reply_due[:10]}"
        )


@dataclass(frozen=True)
class PlannedInvitation:
    """rule PERSONAL: an invitation I sent, when, and whether a note went with it."""

    source: str
    name: str
    person: PersonRef
    sent_at: str
    with_note: bool
    note: str  # only with --keep-text
    accepted: bool  # they are a connection now
    replaces: int = 0  # the stored invitation this one updates (it was accepted since)

    def describe(self) -> str:
        note = "with a note" if self.with_note else "no note"
        state = "accepted" if self.accepted else "pending"
        return safe_text(f"invite {self.source}: {self.name}: sent {self.sent_at[:10]}, {note}, {state}")


@dataclass(frozen=True)
class HistoryPlan:
    me: str  # the account holder's name, as Profile.csv or the messages say ("" if neither)
    files: tuple[str, ...] = ()  # the archive's files that were read
    touches: tuple[PlannedTouch, ...] = ()
    replies: tuple[PlannedReply, ...] = ()
    invitations: tuple[PlannedInvitation, ...] = ()
    left_out: tuple[str, ...] = field(default_factory=tuple)  # "12 drafts", "3 group members unknown"...

    def describe(self) -> list[str]:
        you = f" (you: {self.me})" if self.me else ""
        lines = [safe_text(f"read   {', '.join(self.files)}{you}")]
        lines += [t.describe() for t in self.touches]
        lines += [r.describe() for r in self.replies]
        lines += [i.describe() for i in self.invitations]
        lines += [safe_text(f"leave  {what}") for what in self.left_out]  # "drafts (never sent): 2"
        return lines

    @property
    def changes(self) -> int:
        return len(self.touches) + len(self.replies) + len(self.invitations)


def history_records(
    plan: HistoryPlan, added_ids: dict[int, int]
) -> tuple[list[InboundRequest], list[SentInvitation], list[SentInvitation]]:
    """The records the plan writes: new inbound requests, new invitations, invitations now accepted."""
    replies, new, changed = [], [], []
    for reply in plan.replies:
        person_id = reply.person.resolve(added_ids)
        if person_id is not None:
            replies.append(InboundRequest(person_id, reply.received, reply.about, reply.reply_due))
    for planned in plan.invitations:
        person_id = planned.person.resolve(added_ids)
        if person_id is None:
            continue
        record = SentInvitation(person_id, planned.sent_at, planned.with_note, planned.note, planned.accepted)
        if planned.replaces:
            changed.append(replace(record, id=planned.replaces))
        else:
            new.append(record)
    return replies, new, changed
