"""`netplan export FORMAT FILE`: write the data out. Each format registers itself in EXPORTERS."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path

from netplan.commands.common import open_store
from netplan.store import Store

# format name -> "module:function"; the function(store, target file) returns a one-line summary.
# Imported only when that format is asked for: icalendar and vobject are slow to import, and every
# other command (and the TUI) should not pay for them.
Exporter = Callable[[Store, Path], str]
EXPORTERS: dict[str, str] = {
    "ics": "netplan.interchange.ics:export_ics",
    "json": "netplan.interchange.backup:export_json",
    "vcard": "netplan.interchange.vcard:export_vcard",
}


def exporter(name: str) -> Exporter:
    module_name, _, function_name = EXPORTERS[name].partition(":")
    function: Exporter = getattr(importlib.import_module(module_name), function_name)
    return function


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("export", parents=[common], help="export the data (ics, vcard, json)")
    parser.add_argument("format", choices=sorted(EXPORTERS) or ["none"], help="what to write")
    parser.add_argument("file", type=Path, help="where to write it")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args, readonly=True) as store:
        summary = exporter(args.format)(store, args.file)
    print(summary)
    return 0
