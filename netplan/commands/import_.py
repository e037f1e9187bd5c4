"""`netplan import linkedin|vcard FILE [--dry-run] [--keep-text]`: bring contacts in, all or nothing.

The file is read and checked whole before the data file is opened, so a malformed file changes
nothing (exit 1, one line naming the file and line or card). Imported people join the network, not
the active targets (rule SMALL-LIST).

``linkedin`` takes LinkedIn's archive zip, its unpacked folder, or any one of its CSVs (issue 19):
messages move last touches forward (rule GARDEN), recent messages and invitation notes waiting on
you become replies due (rule ALWAYS-RESPOND), and sent invitations are remembered; after the import
the coach reports, on stderr, the share sent without a note and a note for the pending ones (rule
PERSONAL). Message text is private and kept only with ``--keep-text``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from netplan.commands.common import open_store, print_findings

# The formats `import` reads (netplan.interchange.readers.READERS; the module is imported on use).
FORMATS = ("linkedin", "vcard")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "import", parents=[common], help="import contacts (LinkedIn archive or CSV, vCard)"
    )
    parser.add_argument("format", choices=FORMATS, help="what the file is")
    parser.add_argument(
        "file",
        type=Path,
        help="the file to import (linkedin: the archive zip, its folder, or one of its CSVs)",
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    parser.add_argument(
        "--keep-text",
        action="store_true",
        help="linkedin: keep the text of the messages and notes that want a reply (private; off by default)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netplan.coach.invitations import invitation_findings
    from netplan.interchange.merge import apply_import, plan_import
    from netplan.interchange.readers import read_contacts

    parsed = read_contacts(args.format, args.file, keep_text=args.keep_text)
    if args.dry_run:
        with open_store(args, readonly=True) as store:
            plan = plan_import(store, parsed)
        for line in plan.describe():
            print(line)
        print(plan.summary(dry_run=True).line())
        return 0
    with open_store(args) as store:
        plan = plan_import(store, parsed)
        summary = apply_import(store, plan)
        findings = invitation_findings(store) if plan.history and plan.history.invitations else []
    for change in plan.skipped:
        print(change.describe())
    if plan.history is not None:
        for line in plan.history.describe():
            print(line)
    print(summary.line())
    print_findings(findings)
    return 0
