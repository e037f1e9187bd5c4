"""`netplan done promise|follow-up|reply ID [--undo]`: close an item from the agenda (rule FOLLOW-THROUGH).

IDs are those of `netplan agenda --json` (its ``kind`` values, ``follow_up`` included, are accepted
as they are). An unknown ID is bad input: exit 1 with one line on stderr, nothing written. Closing a
closed item (or reopening an open one) changes nothing and says so.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from netplan.commands.common import open_store
from netplan.core.text import count_of, safe_text
from netplan.notes.followups import (
    follow_up_done,
    follow_up_reopen,
    gathered_promises,
    mark_replied,
    promise_done,
    promise_reopen,
    reply_reopen,
)
from netplan.notes.model import FollowUp, InboundRequest, Promise
from netplan.store.store import Store
from netplan.targets.model import Person

Item = FollowUp | InboundRequest | Promise
# kind -> (close, reopen, the model); "follow_up" is agenda --json's spelling of the kind.
ACTIONS: dict[str, tuple[Callable[[Store, int], Item], Callable[[Store, int], Item], type[Item]]] = {
    "promise": (promise_done, promise_reopen, Promise),
    "follow-up": (follow_up_done, follow_up_reopen, FollowUp),
    "reply": (mark_replied, reply_reopen, InboundRequest),
}
ACTIONS["follow_up"] = ACTIONS["follow-up"]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "done", parents=[common], help="close a promise, follow-up or reply (IDs as in agenda --json)"
    )
    parser.add_argument("kind", choices=list(ACTIONS), metavar="promise|follow-up|reply")
    parser.add_argument("id", type=int, metavar="ID", help="the item's id, as `agenda --json` shows it")
    parser.add_argument("--undo", action="store_true", help="reopen the item instead")
    parser.add_argument(
        "--promises", action="store_true", help="follow-up: also close the promises it gathered"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    close, reopen, model = ACTIONS[args.kind]
    kind = "follow-up" if args.kind == "follow_up" else args.kind
    with open_store(args) as store:
        before = store.get(model, args.id)
        gathered = 0
        if args.promises and isinstance(before, FollowUp) and not args.undo:
            gathered = len(gathered_promises(store, before))
            saved: Item = follow_up_done(store, args.id, with_promises=True)
        else:
            saved = (reopen if args.undo else close)(store, args.id)  # NotFoundError: exit 1, nothing written
        person = store.get(Person, saved.person_id)
    name = safe_text(person.name) if person else f"person {saved.person_id}"
    also = f" and the {count_of(gathered, 'promise')} it gathered" if gathered else ""
    if before == saved and not gathered:
        print(f"{kind} {args.id} ({name}) was already {'open' if args.undo else 'done'}")
    else:
        print(f"{'reopened' if args.undo else 'done'}: {kind} {args.id} ({name}){also}")
    return 0
