"""`netplan remind [--to APPRISE_URL ...] [--print]`: each due item once (netplan.interchange.remind).

Read-only on the data file (no writer lock): it runs from a timer while the planner is open. Exit 1
when a reminder could not be sent (it is tried again on the next run).
"""

from __future__ import annotations

import argparse

from netplan.commands.common import open_store, warn


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "remind", parents=[common], help="send each due follow-up, promise, reply and arrive-by once"
    )
    parser.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="APPRISE_URL",
        help="where to send (ntfy://, mailto://, tgram://, json://host/path, ...); repeatable. "
        "Default: Apprise's config file, else desktop notifications",
    )
    parser.add_argument(
        "--print", action="store_true", help="print the reminders instead of sending (they count as sent)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netplan.interchange.remind import apprise_sender, print_sender, send_due

    send = print_sender if args.print else apprise_sender(args.to)
    with open_store(args, readonly=True) as store:
        result = send_due(store, send)
    if result.failed:
        warn(f"netplan: {len(result.failed)} reminder(s) could not be sent; the next run tries again")
        return 1
    if result.sent and not args.print:
        print(f"sent {len(result.sent)} reminder{'s' if len(result.sent) != 1 else ''}")
    return 0
