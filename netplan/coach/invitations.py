"""rule PERSONAL on LinkedIn: how many invitations went without a note, and a note for the pending ones.

The advice: "leave a courteous note rather than the standard '... would like to connect with you'".
The invitations come from the archive import (netplan.notes.invitation). The coach reports the share
sent without a note, and for each invitation still pending that went without one (newest first, a few
at a time) proposes a note built by the composer's connection template. A how-we-met that netplan
wrote itself ("You invited them on LinkedIn ...") says nothing personal, so it is left as a
[how met] blank for the user to fill in.
"""

from __future__ import annotations

from dataclasses import replace

from netplan.coach.outreach import compose
from netplan.coach.rules import Finding, worded_finding
from netplan.core import moments
from netplan.notes.invitation import CONNECTED_ON_LINKEDIN, INVITED_ON_LINKEDIN, SentInvitation
from netplan.store.store import Store
from netplan.targets.model import Person

PROPOSALS = 5  # notes proposed at a time: the newest pending invitations first
_MACHINE_HOW_MET = (
    INVITED_ON_LINKEDIN,
    CONNECTED_ON_LINKEDIN,
    "Invited you on LinkedIn",
    "Wrote to you on LinkedIn",
)


def proposed_note(store: Store, person: Person) -> str:
    """The connection note for ``person``; a how-we-met netplan wrote itself becomes a blank."""
    if person.how_met.startswith(_MACHINE_HOW_MET):
        person = replace(person, how_met="")
    return compose(store, person, "connection")


def invitation_findings(store: Store) -> list[Finding]:
    """The share of sent invitations without a note, then a proposed note per pending one without."""
    sent = store.all(SentInvitation)
    without = [invitation for invitation in sent if not invitation.with_note]
    if not without:
        return []
    share = round(100 * len(without) / len(sent))
    findings = [
        worded_finding(
            "PERSONAL",
            "PERSONAL-INVITATIONS",
            {"without": str(len(without)), "total": str(len(sent)), "share": str(share)},
        )
    ]
    pending = sorted(
        (invitation for invitation in without if invitation.pending),
        key=lambda invitation: (-moments.timestamp(invitation.sent_at), invitation.id),
    )
    for invitation in pending[:PROPOSALS]:
        person = store.get(Person, invitation.person_id)
        if person is None:
            continue
        day = moments.local(invitation.sent_at, store.clock.tz).date().isoformat()
        values = {"name": person.name, "day": day, "note": proposed_note(store, person)}
        findings.append(worded_finding("PERSONAL", "PERSONAL-PENDING", values))
    if len(pending) > PROPOSALS:
        findings.append(
            Finding(
                "PERSONAL",
                "info",
                f"{len(pending) - PROPOSALS} more pending invitations went without a note",
                "Write to the ones above first; the next ones show here once these are answered.",
            )
        )
    return findings
