"""A LinkedIn invitation I sent: when, whether a note went with it, and whether it was accepted.

rule PERSONAL: "leave a courteous note rather than the standard ... would like to connect with you".
Imported from the archive's Invitations.csv (netplan.interchange); the coach reports the share sent
without a note and proposes a note for the pending ones. The note itself is kept only when the user
asks (`--keep-text`): it is private.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from netplan.core import moments
from netplan.core import validate as v
from netplan.core.errors import ValidationError
from netplan.core.record import Record

CONNECTED_ON_LINKEDIN = "Connected on LinkedIn"  # how_met of a person read from Connections.csv
INVITED_ON_LINKEDIN = "You invited them on LinkedIn"  # how_met of someone added from an invitation


@dataclass(frozen=True)
class SentInvitation(Record):
    TABLE: ClassVar[str] = "linkedin_invitations"
    person_id: int
    sent_at: str  # ISO datetime with offset
    with_note: bool = False
    note: str = ""
    accepted: bool = False
    id: int = 0

    @property
    def pending(self) -> bool:
        return not self.accepted

    def validated(self) -> SentInvitation:
        if not isinstance(self.person_id, int) or isinstance(self.person_id, bool) or self.person_id < 1:
            raise ValidationError("person_id", "must name a stored person")
        return replace(
            self,
            sent_at=moments.moment("sent_at", self.sent_at),
            with_note=bool(self.with_note),
            note=v.optional("note", self.note),
            accepted=bool(self.accepted),
        )
