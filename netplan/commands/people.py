"""`netplan people [QUERY] [--json]`: list people with stage, last touch and due date. Read-only."""

from __future__ import annotations

import argparse

from netplan.commands.common import open_store, print_json
from netplan.core.text import one_line
from netplan.targets.people import matches_plain, people_rows


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("people", parents=[common], help="list people")
    parser.add_argument("query", nargs="?", default="", help="match name, company, role or tags")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args, readonly=True) as store:
        rows = [row for row in people_rows(store) if matches_plain(row, args.query)]
    if args.json:
        print_json({"people": [row.to_json() for row in rows]})
        return 0
    for row in rows:
        due = row.due.strftime("%Y-%m-%d") if row.due else "-"
        last = row.last_touch.strftime("%Y-%m-%d") if row.last_touch else "-"
        parked = " (parked)" if row.person.parked else ""
        print(
            f"{one_line(row.person.name, 32):32}  {one_line(row.person.company, 20):20}  "
            f"{row.stage:10}  last {last:10}  due {due}{parked}"
        )
    if not rows:
        print("no people match" if args.query else "no people yet: netplan add person NAME")
    return 0
