"""`netplan log PERSON ...`: log a conversation from the shell, in one transaction (DESIGN.md).

Writes the conversation, the person's last touch, the 48-hour follow-up and one task per promise
(rules FOLLOW-48H, FOLLOW-THROUGH). Coach findings on the ask go to stderr as `RULE-ID: message`.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from netplan.coach.rules import Finding, conversation_findings
from netplan.commands.common import open_store, print_findings, print_json
from netplan.core import moments
from netplan.core.errors import ValidationError
from netplan.core.record import Record
from netplan.core.text import safe_text
from netplan.notes.log import LoggedConversation, log_conversation, match_person
from netplan.notes.model import (
    ASK_LEVELS,
    CONVERSATION_KINDS,
    DEFAULT_DURATION,
    GIVE_KINDS,
    Conversation,
    default_split,
    given_value,
    whole_minutes,
)
from netplan.store.store import Store

# Model field -> the option that sets it, so an error names what the user typed.
_OPTION_FOR_FIELD = {
    "when": "--when",
    "kind": "--kind",
    "duration_minutes": "--minutes",
    "listen_minutes": "--listen",
    "ask_minutes": "--ask",
    "asked": "--asked",
    "ask_level": "--ask-level",
    "needs": "--needs",
    "notes": "--notes",
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "log", parents=[common], help="log a conversation; creates its 48-hour follow-up and promise tasks"
    )
    parser.add_argument("person", metavar="PERSON", help="exact name (any case) or a unique part of it")
    parser.add_argument(
        "--when", default=None, metavar="ISO", help="ISO date and time (default now; no offset = local time)"
    )
    parser.add_argument(
        "--kind", default="coffee", metavar="KIND", help=f"one of: {', '.join(CONVERSATION_KINDS)}"
    )
    parser.add_argument(
        "--minutes", default=None, metavar="N", help=f"duration in minutes (default {DEFAULT_DURATION})"
    )
    parser.add_argument(
        "--listen", default=None, metavar="N", help="minutes on them (default two thirds: 20 of 30)"
    )
    parser.add_argument(
        "--ask", default=None, metavar="N", help="minutes on my ask (default the rest: 10 of 30)"
    )
    parser.add_argument(
        "--gave",
        nargs="+",
        action="extend",
        default=[],
        metavar="TEXT",
        help=f"value you gave; start with one of {', '.join(k + ':' for k in GIVE_KINDS)} to say its kind",
    )
    parser.add_argument("--asked", default="", metavar="TEXT", help="what you asked for")
    parser.add_argument("--ask-level", default="", metavar="LEVEL", help=f"one of: {', '.join(ASK_LEVELS)}")
    parser.add_argument("--needs", default="", metavar="TEXT", help="what they need")
    parser.add_argument("--notes", default="", metavar="TEXT", help="free notes")
    parser.add_argument("--promise-mine", action="append", default=[], metavar="TEXT", help="what I promised")
    parser.add_argument(
        "--promise-theirs", action="append", default=[], metavar="TEXT", help="what they promised"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.set_defaults(func=run)


@contextmanager
def _options_named() -> Iterator[None]:
    """Re-raise a model's ValidationError under the option the user typed (e.g. --listen)."""
    try:
        yield
    except ValidationError as exc:
        option = _OPTION_FOR_FIELD.get(exc.field)
        if option is None:
            raise
        raise ValidationError(option, exc.message) from None


def minutes_split(minutes: str | None, listen: str | None, ask: str | None) -> tuple[int, int, int]:
    """Duration, listen and ask minutes; what is left out follows rule LISTEN-20-10's two thirds.

    Given both splits and no length, the length is their sum; given all three, they must add up
    (Conversation.validated_at refuses 45 minutes split 20/1)."""
    listen_minutes = None if listen is None else whole_minutes("listen_minutes", listen)
    ask_minutes = None if ask is None else whole_minutes("ask_minutes", ask)
    if minutes is None and listen_minutes is not None and ask_minutes is not None:
        return listen_minutes + ask_minutes, listen_minutes, ask_minutes
    duration = DEFAULT_DURATION if minutes is None else whole_minutes("duration_minutes", minutes)
    default_listen, default_ask = default_split(duration)
    if listen_minutes is None and ask_minutes is None:
        return duration, default_listen, default_ask
    if listen_minutes is None:
        listen_minutes = max(duration - (ask_minutes or 0), 0)
    if ask_minutes is None:
        ask_minutes = max(duration - listen_minutes, 0)
    return duration, listen_minutes, ask_minutes


def conversation_from(args: argparse.Namespace, store: Store, person_id: int) -> Conversation:
    """The validated conversation the options describe (ValidationError names the option)."""
    with _options_named():
        when = moments.moment("when", args.when if args.when else store.clock.now(), tz=store.clock.tz)
        duration, listen, ask = minutes_split(args.minutes, args.listen, args.ask)
        conversation = Conversation(
            person_id=person_id,
            when=when,
            kind=args.kind,
            duration_minutes=duration,
            listen_minutes=listen,
            ask_minutes=ask,
            needs=args.needs,
            gave=[given_value(text) for text in args.gave],
            asked=args.asked,
            ask_level=args.ask_level,
            notes=args.notes,
        )
        return conversation.validated_at(store.clock.now())


def _record_json(record: Record) -> dict[str, Any]:
    return {"id": record.id, **record.to_doc()}


def _short(when: str, store: Store) -> str:
    local = moments.local(when, store.clock.tz)
    return f"{local:%a %d %b}{moments.year_if_far(local.date(), store.clock.today())} {local:%H:%M}"


def _print_logged(logged: LoggedConversation, store: Store) -> None:
    c = logged.conversation
    share = c.listen_share
    split = f"listened {c.listen_minutes}, asked {c.ask_minutes} of {c.duration_minutes} min"
    if share is not None:
        split += f": {round(share * 100)}% on them"
    print(f"logged {c.kind} with {safe_text(logged.person.name)}, {_short(c.when, store)} ({split})")
    print(f"follow-up due {_short(logged.follow_up.due, store)}: {safe_text(logged.follow_up.text)}")
    for promise in logged.promises:
        whose = "mine" if promise.by == "me" else "theirs"
        print(f"promise ({whose}) due {_short(promise.due, store)}: {safe_text(promise.text)}")


def run(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        person = match_person(store, args.person)
        conversation = conversation_from(args, store, person.id)
        # Findings are worked out before the save (the coach judges the ask against the history so far)
        # and printed after it: they advise, they never block the log.
        findings = conversation_findings(store, person, conversation)
        logged = log_conversation(store, conversation, args.promise_mine, args.promise_theirs)
        if args.json:
            print_json(
                {
                    "person": {"id": logged.person.id, "name": logged.person.name},
                    "conversation": _record_json(logged.conversation),
                    "follow_up": _record_json(logged.follow_up),
                    "promises": [_record_json(p) for p in logged.promises],
                    "findings": [finding_json(f) for f in findings],
                }
            )
        else:
            _print_logged(logged, store)
    print_findings(findings)
    return 0


def finding_json(finding: Finding) -> dict[str, str]:
    return {
        "rule_id": finding.rule_id,
        "severity": getattr(finding, "severity", "warning"),
        "message": finding.message,
        "suggestion": getattr(finding, "suggestion", ""),
    }
