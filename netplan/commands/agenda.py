"""`netplan agenda [--date YYYY-MM-DD] [--json]`: what needs attention on a day. Read-only."""

from __future__ import annotations

import argparse
import gc
import sys
from datetime import date

from netplan.agenda import Agenda, AgendaItem, agenda_for
from netplan.commands.common import open_store, print_json
from netplan.core import moments
from netplan.core import validate as v
from netplan.core.text import safe_text
from netplan.store.store import Store


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "agenda", parents=[common], help="events, follow-ups, promises and replies due on a day"
    )
    parser.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="the day (default today)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.set_defaults(func=run)


def _when(value: str, store: Store, today: date) -> str:
    # the standard library's astimezone, not pendulum: the ten years' ~3,000 lines took 300 ms (issue 17)
    local = moments.parse(value).astimezone(store.clock.tz)
    return f"{local:%a %d %b}{moments.year_if_far(local.date(), today)} {local:%H:%M}"


def _item_line(item: AgendaItem, store: Store, today: date) -> str:
    mark = "! overdue " if item.overdue else "  "
    return f"  {mark}{_when(item.due, store, today)}  {safe_text(item.person)}: {safe_text(item.text)}"


def agenda_lines(agenda: Agenda, store: Store) -> list[str]:
    """What `netplan agenda` prints, line by line."""
    lines = [f"Agenda for {agenda.date.strftime('%a %d %b %Y')}"]
    if agenda.is_empty:
        return [*lines, "  nothing due"]
    today = store.clock.today()  # read once: each read of the clock is a pendulum.now()
    if agenda.events:
        lines.append("Events")
        for event in agenda.events:
            # rule ARRIVE-EARLY: the arrive-by time comes first
            arrive = moments.parse(event.arrive_by).astimezone(store.clock.tz).strftime("%H:%M")
            where = f" at {safe_text(event.where)}" if event.where else ""
            lines.append(
                f"    arrive by {arrive}  {_when(event.start, store, today)}  {safe_text(event.title)}{where}"
            )
    sections = (
        ("Follow-ups", agenda.follow_ups),
        ("Promises", agenda.promises),
        ("Replies due", agenda.replies),
        ("Slipping", agenda.slipping),
    )
    for title, items in sections:
        if items:
            lines.append(title)
            lines += [_item_line(item, store, today) for item in items]
    return lines


def print_agenda(agenda: Agenda, store: Store) -> None:
    # one write: on a terminal (line-buffered) ten years' ~3,000 print() calls were ~3,000 writes,
    # 15-20 ms (issue 17)
    sys.stdout.write("".join(f"{line}\n" for line in agenda_lines(agenda, store)))


def run(args: argparse.Namespace) -> int:
    # A short read-only command builds no cyclic garbage worth collecting, and each of Python's
    # collections walks every parsed document of the file: ~70 ms on ten years (issue 17).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open_store(args, readonly=True) as store:
            day_text = v.iso_date("--date", args.date)
            day = date.fromisoformat(day_text) if day_text else store.clock.today()
            agenda = agenda_for(store, day)
            if args.json:
                print_json(agenda.to_json())
            else:
                print_agenda(agenda, store)
    finally:
        if collecting:
            gc.enable()
    return 0
