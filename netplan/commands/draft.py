"""`netplan draft PERSON [--template ID]`: a draft on stdout, the coach's findings on stderr.

Scriptable (issue 15): the draft is the person's saved draft for the template, else the template
written for them (netplan.coach.outreach.compose); without --template, the template that fits how
you stand with them. The coach's findings on it go to stderr as `RULE-ID: message`, its suggestion
indented on the next line, as `netplan log` prints them (rules PERSONAL, ASK-LADDER, NO-COLD-ASKS).
Read-only: nothing is written.
"""

from __future__ import annotations

import argparse
import sys

from netplan.coach.draft import template, template_ids
from netplan.coach.outreach import compose, draft_for, suggested_template
from netplan.coach.rules import draft_findings
from netplan.commands.common import open_store
from netplan.core.text import safe_text
from netplan.notes.log import match_person


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "draft", parents=[common], help="print a message to one person; the coach's findings on stderr"
    )
    parser.add_argument("person", metavar="PERSON", help="exact name (any case) or a unique part of it")
    parser.add_argument(
        "--template",
        default=None,
        metavar="ID",
        help=f"one of: {', '.join(template_ids())} (default: the one that fits the relationship)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args, readonly=True) as store:
        person = match_person(store, args.person)
        template_id = args.template or suggested_template(store, person)
        template(template_id)  # an unknown template: ValidationError, exit 1
        saved = draft_for(store, person.id, template_id)
        text = saved.text if saved is not None else compose(store, person, template_id)
        findings = draft_findings(store, person, template_id, text)
    print(safe_text(text.strip(), multiline=True))
    for finding in findings:
        print(f"{finding.rule_id}: {safe_text(finding.message)}", file=sys.stderr)
        if finding.suggestion:
            print(f"    {safe_text(finding.suggestion)}", file=sys.stderr)
    return 0
