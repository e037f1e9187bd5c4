"""`netplan export prep EVENT FILE`: an event's prep checklist as Markdown, to read on a phone.

Arrive-by first (rule ARRIVE-EARLY), then the speakers and the people to meet and why
(rule KNOW-THE-ROOM), the one ask (rule SPECIFIC-ASK), the checklist as task-list items, and the
coach's findings. Names only, never addresses (rule PERSONAL).

User text is made safe (control and bidi characters removed) and its Markdown characters escaped, so
a name like ``[x](javascript:...)`` stays text in a Markdown viewer.
"""

from __future__ import annotations

import re
from pathlib import Path

from netplan.core.text import safe_text
from netplan.events.model import Event
from netplan.events.prep import event_findings
from netplan.events.saved import find_event, missing_person, person_names, venue_name
from netplan.store.exports import write_export
from netplan.store.store import Store
from netplan.targets.model import Goal

# Characters that could make user text a link, an image, HTML, emphasis or a table cell; every user
# line is placed after a list marker or heading, so line-start syntax (#, +, 1.) stays text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(value: object) -> str:
    """One line of user text, safe to show and with Markdown's special characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", safe_text(value)).strip()


def _when(event: Event) -> str:
    start, end = event.start_at, event.end_at
    until = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%a %d %b %Y %H:%M")
    return f"{start.strftime('%a %d %b %Y, %H:%M')} to {until} ({event.tz})"


def prep_markdown(store: Store, event: Event) -> str:
    """The prep sheet for one event."""
    names = person_names(store)
    done, total = event.progress
    lines = [f"# {md(event.title)}", ""]
    lines.append(
        f"**Arrive by {event.arrive_by.strftime('%H:%M')}** ({event.arrive_early_minutes} minutes early)"
    )
    lines.append("")
    lines.append(f"- When: {md(_when(event))}")
    venue = venue_name(store, event)
    if venue:
        lines.append(f"- Where: {md(venue)}")
    goals = [goal.title for goal_id in event.goal_ids if (goal := store.get(Goal, goal_id)) is not None]
    if goals:
        lines.append(f"- Serves: {'; '.join(md(title) for title in goals)}")
    lines += ["", "## Speakers", ""]
    if event.speakers:
        for speaker in event.speakers:
            topic = f": {md(speaker.topic)}" if speaker.topic else ""
            lines.append(f"- **{md(speaker.name)}**{topic}")
    else:
        lines.append("- none listed yet")
    lines += ["", "## People to meet", ""]
    if event.targets:
        for target in event.targets:
            name = names.get(target.person_id, missing_person(target.person_id))
            why = f": {md(target.why)}" if target.why else ""
            lines.append(f"- **{md(name)}**{why}")
    else:
        lines.append("- none picked yet")
    lines += ["", "## My ask", "", f"- {md(event.ask)}" if event.ask else "- (not written yet)"]
    lines += ["", f"## Checklist ({done} of {total} done)", ""]
    lines += [f"- [{'x' if item.done else ' '}] {md(item.text)}" for item in event.checklist]
    findings = event_findings(store, event)
    if findings:
        lines += ["", "## Coach", ""]
        for finding in findings:
            hint = f" {md(finding.suggestion)}" if finding.suggestion else ""
            lines.append(f"- {finding.rule_id}: {md(finding.message)}.{hint}")
    return "\n".join(lines) + "\n"


def export_prep(store: Store, query: str, path: Path, *, force: bool = False) -> str:
    """Write the prep sheet of the event named ``query`` (id or title) to ``path`` (an existing file
    only with ``force``); a one-line summary."""
    event = find_event(store, query)
    write_export(store.path, path, prep_markdown(store, event).encode("utf-8"), force=force)
    return f"wrote the prep checklist for {safe_text(event.title)} to {path}"
