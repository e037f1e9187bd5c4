"""`netplan export FORMAT FILE`: write the data out. Each format registers itself in EXPORTERS.

A format that writes one thing named on the command line (`netplan export prep EVENT FILE`)
registers in SUBJECT_EXPORTERS instead; the arguments after FORMAT are checked per format.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from netplan.commands.common import open_store
from netplan.store.storage import cannot_write
from netplan.store.store import Store

# format name -> "module:function"; the function(store, target file) returns a one-line summary.
# Imported only when that format is asked for: icalendar and vobject are slow to import, and every
# other command (and the TUI) should not pay for them.
Exporter = Callable[[Store, Path], str]
EXPORTERS: dict[str, str] = {
    "ics": "netplan.interchange.ics:export_ics",
    "json": "netplan.interchange.backup:export_json",
    "vcard": "netplan.interchange.vcard:export_vcard",
}
# format name -> "module:function"; function(store, what to export as typed, target file) -> summary.
SubjectExporter = Callable[[Store, str, Path], str]
SUBJECT_EXPORTERS: dict[str, str] = {
    "prep": "netplan.interchange.markdown:export_prep",  # EVENT: an event's id or title
}


def _load(spec: str) -> Any:
    module_name, _, function_name = spec.partition(":")
    return getattr(importlib.import_module(module_name), function_name)


def exporter(name: str) -> Exporter:
    function: Exporter = _load(EXPORTERS[name])
    return function


def subject_exporter(name: str) -> SubjectExporter:
    function: SubjectExporter = _load(SUBJECT_EXPORTERS[name])
    return function


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
    target = Path(args.targets[-1])
    with open_store(args, readonly=True) as store:
        try:
            if args.format in SUBJECT_EXPORTERS:
                summary = subject_exporter(args.format)(store, args.targets[0], target)
            else:
                summary = exporter(args.format)(store, target)
        except OSError as exc:  # a full disk, a read-only file system, a folder as the target: exit 3
            raise cannot_write(target, exc) from None  # the atomic write left no temp file behind
    print(summary)
    return 0
