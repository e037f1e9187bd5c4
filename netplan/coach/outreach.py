"""The outreach composer's domain (rules PERSONAL, SPECIFIC-ASK, RECONNECT-FIRST, FOLLOW-THROUGH).

One person at a time: a draft has one person and no recipient list, and the export writes one
draft to one file. Templates are data (data/outreach_templates.json); ``compose`` fills them from
the person's record, their goal, their promises (netplan.notes.log.person_summary) and, for an
introduction request, the person they could introduce you to. Whatever the record lacks shows as a
[bracketed blank] which the coach asks the user to fill (netplan.coach.rules.draft_findings).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from netplan.coach import phrasing
from netplan.coach.draft import Draft, template, template_ids
from netplan.coach.introducers import introduction_target, name_at_company
from netplan.coach.ladder import their_work
from netplan.coach.network import network
from netplan.coach.rules import months_silent, relationship
from netplan.core import moments
from netplan.core.errors import NotFoundError
from netplan.core.text import safe_text
from netplan.core.wording import fill, wording
from netplan.notes.log import person_summary
from netplan.store.exports import write_export
from netplan.store.store import Store
from netplan.targets.model import Goal, Person

DRAFTS_FOLDER = "drafts"  # beside the data file


def _first_name(person: Person) -> str:
    return person.name.split()[0] if person.name.split() else person.name


def _fragments() -> dict[str, Any]:
    fragments: dict[str, Any] = wording("outreach_templates")["fragments"]
    return fragments


def _goal_title(store: Store, person: Person) -> str:
    goals = {goal.id: goal for goal in store.all(Goal)}
    for link in person.goals:
        if link.goal_id in goals:
            return goals[link.goal_id].title
    active = [goal for goal in goals.values() if goal.status == "active"]
    return active[0].title if active else ""


def template_values(store: Store, person: Person) -> dict[str, str]:
    """Everything a template may mention about ``person``; "" where the record knows nothing."""
    fragments = _fragments()
    summary = person_summary(store, person.id)
    needs = person.needs or next((c.needs for c in summary.conversations if c.needs), "")
    values = {
        "first_name": _first_name(person),
        "name": person.name,
        "company": person.company.strip(),
        "role": person.role.strip(),
        "their_work": their_work(person) if person.role or person.company else "",
        "offer": phrasing.offer_sentence(person.can_help, person.name) or fragments["offer_unknown"],
        "met_sentence": phrasing.met_sentence(person.how_met, person.name),
        "goal_sentence": phrasing.goal_sentence(_goal_title(store, person)),
        "needs_sentence": phrasing.needs_sentence(needs, person.name),
    }
    last = summary.conversations[0] if summary.conversations else None
    touched = person.last_touch or (last.when if last else "")
    if touched:
        when = moments.parse(touched).astimezone(store.clock.tz)
        values["since"] = fill(fragments["since"], {"since_when": when.strftime("%B %Y")})
    if last is not None:
        kind = fragments["kinds"].get(last.kind, last.kind)
        local = moments.local(last.when, store.clock.tz)
        day = f"{local:%a %d %b}{moments.year_if_far(local.date(), store.clock.today())}"
        values["last_meeting"] = fill(fragments["meeting"], {"kind": kind, "day": day})
    else:
        values["last_meeting"] = fragments["meeting_unknown"]
    values["promises_mine"] = phrasing.promises_sentence(
        "me", [p.text for p in summary.promises_mine], person.name
    )
    values["promises_theirs"] = phrasing.promises_sentence(
        "them", [p.text for p in summary.promises_theirs], person.name
    )
    target = introduction_target(network(store), person)
    if target is not None:
        values |= {
            "target": name_at_company(target),
            "target_first_name": _first_name(target),
            "target_work": their_work(target),
        }
    return values


# Parts a template may leave out: when empty they vanish instead of showing as a [blank].
_OPTIONAL = (
    "offer",
    "met_sentence",
    "goal_sentence",
    "needs_sentence",
    "since",
    "promises_mine",
    "promises_theirs",
)


def _tidy(text: str) -> str:
    """No trailing or doubled spaces, no run of blank lines where an optional part was left out, and
    every sentence starting with a capital."""
    lines = [re.sub(r"(?<=\S) {2,}", " ", line).strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return phrasing.capitalised(text)


def template_body(template_id: str, relation: str) -> str:
    """The template's body for the relationship (see ``relationship``), else its "met" body."""
    bodies: dict[str, str] = template(template_id)["bodies"]
    return bodies.get(relation) or bodies["met"]


def compose(store: Store, person: Person, template_id: str) -> str:
    """The template ``template_id`` written for ``person`` (one person; rule PERSONAL), in the body
    that fits how you stand with them: no reconnect wording to someone met today (issue 15)."""
    spec = template(template_id)
    values = template_values(store, person)
    if "blurb" in spec:
        # rule SPECIFIC-ASK: the note the contact can forward as it is.
        values["blurb"] = _tidy(fill(_without_empty(spec["blurb"], values), values))
    body = template_body(template_id, relationship(network(store), person))
    # Names and notes come from imports and other people: a draft to send carries no control or
    # bidi character (DESIGN.md, Security of display), whatever the record holds.
    return safe_text(_tidy(fill(_without_empty(body, values), values)), multiline=True)


def _without_empty(wording_text: str, values: dict[str, str]) -> str:
    """An optional part left empty must vanish, not show as a blank: fill() blanks only missing keys."""
    for key in _OPTIONAL:
        if not values.get(key):
            wording_text = wording_text.replace("{" + key + "}", "")
    return wording_text


def suggested_template(store: Store, person: Person) -> str:
    """The template to start with: reconnect for a dormant contact (rule RECONNECT-FIRST: the only
    next step), the thank-you while a follow-up is open (rule FOLLOW-THROUGH), a connection note for
    someone you have not spoken with, else an informational-conversation request."""
    if months_silent(store, person) is not None:
        return "reconnect"
    summary = person_summary(store, person.id)
    if summary.next_follow_up is not None and summary.conversations:
        return "thank-you"
    if not summary.conversations:
        return "connection"
    return "informational"


# drafts ------------------------------------------------------------------------------------------


def drafts_for(store: Store, person_id: int) -> list[Draft]:
    """The person's saved drafts, in the templates' order."""
    order = {template_id: index for index, template_id in enumerate(template_ids())}
    found = store.records_of(Draft, person_id)
    return sorted(found, key=lambda draft: (order.get(draft.template, len(order)), draft.id))


def draft_for(store: Store, person_id: int, template_id: str) -> Draft | None:
    return next((d for d in drafts_for(store, person_id) if d.template == template_id), None)


def save_draft(store: Store, person_id: int, template_id: str, text: str) -> Draft:
    """Save the person's draft for the template (one per person and template), stamped now."""
    if store.get(Person, person_id) is None:
        raise NotFoundError(f"no person with id {person_id}")
    now = moments.to_iso(store.clock.now())
    existing = draft_for(store, person_id, template_id)
    if existing is not None:
        return store.update(replace(existing, text=text, updated=now))
    return store.insert(Draft(person_id=person_id, template=template_id, text=text, updated=now))


def slug(text: str) -> str:
    """ "Tomás Varga" -> "tomas-varga": a file name part with nothing a shell or a folder could trip on."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "person"


def drafts_folder(store: Store) -> Path:
    """<data folder>/drafts: created 0700, beside the data file."""
    return store.path.parent / DRAFTS_FOLDER


def export_path(store: Store, person: Person, template_id: str) -> Path:
    return drafts_folder(store) / f"{slug(person.name)}-{person.id}-{template_id}.txt"


def export_draft(store: Store, person: Person, template_id: str, text: str, *, force: bool = False) -> Path:
    """Write one draft to <data folder>/drafts/<name>-<id>-<template>.txt (0600), atomically; an
    existing file only with ``force`` (ExportTargetExists otherwise), never a file the store owns."""
    template(template_id)  # refuses an unknown template (ValidationError)
    path = export_path(store, person, template_id)
    write_export(store.path, path, (text.strip() + "\n").encode("utf-8"), force=force)
    return path
