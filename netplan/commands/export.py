"""`netplan export FORMAT FILE`: write the data out. Each format registers itself in EXPORTERS."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from netplan.commands.common import open_store
from netplan.interchange.backup import export_json
from netplan.interchange.ics import export_ics
from netplan.interchange.vcard import export_vcard
from netplan.store import Store

# format name -> function(store, target file) returning a one-line summary for the user.
Exporter = Callable[[Store, Path], str]
EXPORTERS: dict[str, Exporter] = {}
EXPORTERS["ics"] = export_ics
EXPORTERS["json"] = export_json
EXPORTERS["vcard"] = export_vcard


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("export", parents=[common], help="export the data (ics, vcard, json)")
    parser.add_argument("format", choices=sorted(EXPORTERS) or ["none"], help="what to write")
    parser.add_argument("file", type=Path, help="where to write it")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args, readonly=True) as store:
        summary = EXPORTERS[args.format](store, args.file)
    print(summary)
    return 0
