"""`netplan import linkedin|vcard FILE [--dry-run]`: bring contacts in, all or nothing.

The file is read and checked whole before the data file is opened, so a malformed file changes
nothing (exit 1, one line naming the line or card). Imported people join the network, not the
active targets (rule SMALL-LIST).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from netplan.commands.common import open_store

# The formats `import` reads (netplan.interchange.readers.READERS; the module is imported on use).
FORMATS = ("linkedin", "vcard")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("import", parents=[common], help="import contacts (LinkedIn CSV, vCard)")
    parser.add_argument("format", choices=FORMATS, help="what the file is")
    parser.add_argument("file", type=Path, help="the file to import")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netplan.interchange.merge import apply_import, plan_import
    from netplan.interchange.readers import read_contacts

    parsed = read_contacts(args.format, args.file)
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
    for change in plan.skipped:
        print(change.describe())
    print(summary.line())
    return 0
