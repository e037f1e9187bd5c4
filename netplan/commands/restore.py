"""`netplan restore FILE`: replace the data file with a JSON backup, after validating it fully.

The replaced file is kept in backups/ beside the data file. Exit 1 for a backup that is malformed,
newer or inconsistent (nothing changed); exit 3 if another netplan has the data file open.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from netplan.core.paths import resolve_data_file


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("restore", parents=[common], help="replace the data file with a JSON backup")
    parser.add_argument("file", type=Path, help="a backup written by `netplan export json`")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netplan.interchange.backup import restore_backup

    summary = restore_backup(resolve_data_file(getattr(args, "db", None)), args.file)
    print(summary.line())
    return 0
