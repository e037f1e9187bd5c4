"""`netplan add goal|person|venue ...`: quick capture from the shell (rule BOW-AND-ARROW)."""

from __future__ import annotations

import argparse

from netplan.commands.common import open_store
from netplan.core.text import safe_text
from netplan.store.store import Store
from netplan.targets.model import VENUE_KINDS, Goal, GoalLink, Person, Venue
from netplan.targets.tree import find_goal


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("add", help="add a goal, person or venue")
    what = parser.add_subparsers(dest="what", required=True, metavar="goal|person|venue")

    goal = what.add_parser("goal", parents=[common], help="add a networking goal")
    goal.add_argument("title")
    goal.add_argument("--why", default="", help="why this goal matters now")
    goal.set_defaults(func=run_goal)

    person = what.add_parser("person", parents=[common], help="add a person (or a type of person)")
    person.add_argument("name")
    person.add_argument("--goal", action="append", default=[], help="goal title this person serves")
    person.add_argument("--why", default="", help="why they serve the goal")
    person.add_argument("--company", default="")
    person.add_argument("--role", default="")
    person.add_argument("--email", default="")
    person.add_argument("--linkedin", default="", metavar="URL")
    person.add_argument("--how-met", default="", metavar="TEXT", help="how you met")
    person.add_argument(
        "--needs", default="", metavar="TEXT", help='what they need, e.g. "a data analyst for her team"'
    )
    person.add_argument(
        "--can-help", default="", metavar="TEXT", help='how I can help, e.g. "introduce her to Sam"'
    )
    person.add_argument("--tags", default="", metavar="T,T", help="comma-separated tags")
    person.add_argument("--type", action="store_true", help="a type of person, not a named one")
    person.set_defaults(func=run_person)

    venue = what.add_parser("venue", parents=[common], help="add a venue")
    venue.add_argument("name")
    venue.add_argument("--kind", default="formal group", help=f"one of: {', '.join(VENUE_KINDS)}")
    venue.add_argument("--goal", action="append", default=[], help="goal title this venue serves")
    venue.add_argument("--why", default="", help="why it serves the goal")
    venue.set_defaults(func=run_venue)


def _links(store: Store, titles: list[str], why: str) -> list[GoalLink]:
    return [GoalLink(find_goal(store, title).id, why) for title in titles]


def run_goal(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        goal = store.insert(Goal(title=args.title, why=args.why))
    print(f"added goal {goal.id}: {safe_text(goal.title)}")
    return 0


def run_person(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        person = store.insert(
            Person(
                name=args.name,
                kind="type" if args.type else "person",
                company=args.company,
                role=args.role,
                email=args.email,
                linkedin=args.linkedin,
                how_met=args.how_met,
                needs=args.needs,
                can_help=args.can_help,
                tags=[tag for tag in args.tags.split(",") if tag.strip()],
                goals=_links(store, args.goal, args.why),
            )
        )
    print(f"added {'type of person' if person.is_type else 'person'} {person.id}: {safe_text(person.name)}")
    return 0


def run_venue(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        venue = store.insert(Venue(name=args.name, kind=args.kind, goals=_links(store, args.goal, args.why)))
    print(f"added venue {venue.id}: {safe_text(venue.name)}")
    return 0
