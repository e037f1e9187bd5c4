"""`netplan check [--json]`: verify the data file (parse, schema, references). Read-only."""

from __future__ import annotations

import argparse

from netplan.commands.common import open_store, print_json
from netplan.core.text import safe_text
from netplan.integrity import run_checks


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("check", parents=[common], help="verify the data file")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args, readonly=True, check_records=False) as store:
        problems = run_checks(store)
        counts = {name: len(table) for name, table in store.raw_tables().items() if name != "meta"}
        if args.json:
            print_json(
                {
                    "file": str(store.path),
                    "ok": not problems,
                    "schema_version": store.schema_version,
                    "counts": counts,
                    "problems": problems,
                }
            )
        else:
            summary = ", ".join(f"{n} {name}" for name, n in sorted(counts.items())) or "empty"
            if problems:
                print(f"{store.path}: {len(problems)} problem(s)")
                for problem in problems:
                    print(f"  {safe_text(problem)}")
            else:
                print(f"{store.path}: ok (schema {store.schema_version}; {summary})")
    return 1 if problems else 0
