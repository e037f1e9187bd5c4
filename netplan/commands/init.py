"""`netplan init [--demo]`: create the data file; refuse if it exists."""

from __future__ import annotations

import argparse
import os

from netplan.core.errors import ValidationError
from netplan.core.paths import resolve_data_file
from netplan.demo.load import demo_data, load_demo
from netplan.store.lock import lock_path
from netplan.store.store import Store


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("init", parents=[common], help="create the data file")
    parser.add_argument("--demo", action="store_true", help="fill it with the demo data set")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """All or nothing: the demo is read before the file is made, and a file this command made is
    removed again if filling it fails."""
    path = resolve_data_file(args.db)
    if path.exists():
        raise ValidationError("--db", f"{path} already exists; nothing was changed")
    try:
        demo = demo_data() if args.demo else None
    except (OSError, ValueError) as exc:
        reason = f"the demo data of this install cannot be read ({exc}); nothing was changed"
        raise ValidationError("--demo", reason) from exc
    # only what this command makes may go again: never a link the user made (it may dangle), nor a
    # lock file another netplan holds
    ours = [made for made in (path, lock_path(path)) if not os.path.lexists(made)]
    try:
        with Store.open(path) as store:
            if demo is not None:
                load_demo(store, demo)
    except BaseException:
        for made in ours:
            made.unlink(missing_ok=True)
        raise
    print(f"created {path}" + (" with the demo data" if args.demo else ""))
    return 0
