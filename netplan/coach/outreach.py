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

from netplan.coach.draft import Draft, template, template_ids
from netplan.coach.introducers import introduction_target, name_at_company
from netplan.coach.ladder import their_work
from netplan.coach.network import network
from netplan.coach.rules import months_silent
from netplan.core import moments
from netplan.core.errors import NotFoundError
from netplan.core.wording import fill, wording
from netplan.notes.log import person_summary, records_where
from netplan.store.exports import write_export
from netplan.store.store import Store
from netplan.targets.model import Goal, Person

DRAFTS_FOLDER = "drafts"  # beside the data file


def _lower_first(text: str) -> str:
    """ "Share my write-up" -> "share my write-up"; "LinkedIn" and "UX study" stay as they are."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


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


def _items(promises: list[str]) -> str:
    return "; ".join(_lower_first(text) for text in promises)


def template_values(store: Store, person: Person) -> dict[str, str]:
    """Everything a template may mention about ``person``; "" where the record knows nothing."""
    fragments = _fragments()
    summary = person_summary(store, person.id)
    values = {
        "first_name": _first_name(person),
        "name": person.name,
        "company": person.company.strip(),
        "role": person.role.strip(),
        "how_met": person.how_met.strip().rstrip("."),
        "can_help_lower": _lower_first(person.can_help),
        "needs_lower": _lower_first(
            person.needs or next((c.needs for c in summary.conversations if c.needs), "")
        ),
        "goal_lower": _lower_first(_goal_title(store, person)),
        "their_work": their_work(person) if person.role or person.company else "",
    }
    values["offer"] = (
        fill(fragments["offer"], values) if values["can_help_lower"] else fragments["offer_unknown"]
    )
    values["how_met_sentence"] = fill(fragments["how_met_sentence"], values) if values["how_met"] else ""
    values["goal_sentence"] = fill(fragments["goal_sentence"], values)
    values["needs_sentence"] = fill(fragments["needs_sentence"], values) if values["needs_lower"] else ""
    last = summary.conversations[0] if summary.conversations else None
    touched = person.last_touch or (last.when if last else "")
    if touched:
        when = moments.parse(touched).astimezone(store.clock.tz)
        values["since"] = fill(fragments["since"], {"since_when": when.strftime("%B %Y")})
    if last is not None:
        kind = fragments["kinds"].get(last.kind, last.kind)
        day = moments.parse(last.when).astimezone(store.clock.tz).strftime("%a %d %b")
        values["last_meeting"] = fill(fragments["meeting"], {"kind": kind, "day": day})
    else:
        values["last_meeting"] = fragments["meeting_unknown"]
    mine = [p.text for p in summary.promises_mine]
    theirs = [p.text for p in summary.promises_theirs]
    values["promises_mine"] = fill(fragments["promises_mine"], {"items": _items(mine)}) if mine else ""
    values["promises_theirs"] = (
        fill(fragments["promises_theirs"], {"items": _items(theirs)}) if theirs else ""
    )
    target = introduction_target(network(store), person)
    if target is not None:
        values |= {
            "target": name_at_company(target),
            "target_first_name": _first_name(target),
            "target_work": their_work(target),
        }
    return values


def _tidy(text: str) -> str:
    """No trailing spaces, no run of blank lines where an optional part was left out."""
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def compose(store: Store, person: Person, template_id: str) -> str:
    """The template ``template_id`` written for ``person`` (one person; rule PERSONAL)."""
    spec = template(template_id)
    values = template_values(store, person)
    if "blurb" in spec:
        # rule SPECIFIC-ASK: the note the contact can forward as it is.
        values["blurb"] = fill(spec["blurb"], values)
    optional = {"offer", "how_met_sentence", "needs_sentence", "since", "promises_mine", "promises_theirs"}
    for key in optional:
        values.setdefault(key, "")
    # An optional part left empty must vanish, not show as a blank: fill() blanks only missing keys.
    body = spec["body"]
    for key in optional:
        if not values[key]:
            body = body.replace("{" + key + "}", "")
    return _tidy(fill(body, values))


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
    found = records_where(store, Draft, lambda doc: doc.get("person_id") == person_id)
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
