"""`netplan export FORMAT FILE`: write the data out. Each format registers itself in EXPORTERS.

A format that writes one thing named on the command line (`netplan export prep EVENT FILE`)
registers in SUBJECT_EXPORTERS instead; the arguments after FORMAT are checked per format.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from netplan.commands.common import open_store
from netplan.interchange.backup import export_json
from netplan.interchange.ics import export_ics
from netplan.interchange.markdown import export_prep
from netplan.interchange.vcard import export_vcard
from netplan.store import Store

# format name -> function(store, target file) returning a one-line summary for the user.
Exporter = Callable[[Store, Path], str]
EXPORTERS: dict[str, Exporter] = {}
EXPORTERS["ics"] = export_ics
EXPORTERS["json"] = export_json
EXPORTERS["vcard"] = export_vcard

# format name -> function(store, what to export (as typed), target file) returning a summary.
SubjectExporter = Callable[[Store, str, Path], str]
SUBJECT_EXPORTERS: dict[str, SubjectExporter] = {}
SUBJECT_EXPORTERS["prep"] = export_prep  # EVENT: an event's id or title


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "export",
        parents=[common],
        help="export the data (ics, vcard, json), or an event's prep checklist (prep EVENT FILE)",
        usage=f"netplan export {{{','.join(sorted(EXPORTERS))}}} FILE\n       netplan export prep EVENT FILE",
    )
    parser.add_argument("format", choices=sorted({*EXPORTERS, *SUBJECT_EXPORTERS}), help="what to write")
    # nargs="+" so `prep EVENT FILE` and `ics FILE` share one command; run() checks the count.
    parser.add_argument("targets", nargs="+", metavar="FILE", help="where to write it (prep: EVENT FILE)")
    parser.set_defaults(func=run, export_parser=parser)


def run(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.export_parser
    if args.format in SUBJECT_EXPORTERS:
        if len(args.targets) != 2:
            parser.error(f"export {args.format} needs EVENT and FILE")
    elif len(args.targets) != 1:
        parser.error(f"export {args.format} takes one FILE")
    with open_store(args, readonly=True) as store:
        if args.format in SUBJECT_EXPORTERS:
            subject, target = args.targets
            summary = SUBJECT_EXPORTERS[args.format](store, subject, Path(target))
        else:
            summary = EXPORTERS[args.format](store, Path(args.targets[0]))
    print(summary)
    return 0
