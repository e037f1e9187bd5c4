"""`netplan sync [--calendar DIR] [--contacts DIR] [--dry-run]`: the calendar folder out, completed
to-dos and contacts in (netplan.interchange.sync). Folders not given come from Settings.

A file in either folder that cannot be read is named on stderr and skipped; the rest syncs (exit 0).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from netplan.commands.common import open_store, warn
from netplan.core.text import safe_text
from netplan.store.settings import load_settings


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "sync",
        parents=[common],
        help="keep a calendar folder (vdir) for vdirsyncer; read completed to-dos and contacts back",
    )
    parser.add_argument("--calendar", type=Path, metavar="DIR", help="the calendar folder netplan keeps")
    parser.add_argument("--contacts", type=Path, metavar="DIR", help="a contacts folder to read (.vcf files)")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    parser.set_defaults(func=run)


def _saved(folder: str) -> Path | None:
    return Path(folder).expanduser() if folder else None


def run(args: argparse.Namespace) -> int:
    from netplan.interchange.sync import apply_sync, plan_sync

    with open_store(args, readonly=args.dry_run) as store:
        settings = load_settings(store)
        calendar = args.calendar or _saved(settings.sync_calendar)
        contacts = args.contacts or _saved(settings.sync_contacts)
        plan = plan_sync(store, calendar, contacts)
        for skipped in plan.skipped:
            warn(safe_text(f"netplan: {skipped.line()}"))
        if not args.dry_run:
            apply_sync(store, plan)
    for line in plan.lines(dry_run=args.dry_run):
        print(safe_text(line))
    return 0
