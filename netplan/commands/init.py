"""`netplan init [--demo]`: create the data file; refuse if it exists."""

from __future__ import annotations

import argparse

from netplan.core.errors import ValidationError
from netplan.core.paths import resolve_data_file
from netplan.demo.load import load_demo
from netplan.store.store import Store


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("init", parents=[common], help="create the data file")
    parser.add_argument("--demo", action="store_true", help="fill it with the demo data set")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = resolve_data_file(args.db)
    if path.exists():
        raise ValidationError("--db", f"{path} already exists; nothing was changed")
    with Store.open(path) as store:
        if args.demo:
            load_demo(store)
    print(f"created {path}" + (" with the demo data" if args.demo else ""))
    return 0
