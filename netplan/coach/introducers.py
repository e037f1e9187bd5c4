"""Who in your network could introduce you to someone (rule NO-COLD-ASKS: go through friends), and
whom someone could introduce you to (rule SPECIFIC-ASK: name the person).

Your network is everyone you have spoken with (any stage but stranger). Someone is a likely
introducer when they work at the same company, when how you know the person names them ("Intro
from Priya"), when you met them the same way, or when your notes with them mention the person or
their company. Reads go through netplan.coach.network, so asking again while a form is typed is cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from netplan.coach.network import Network
from netplan.coach.personal import content_words
from netplan.core.wording import fill, wording
from netplan.targets.cadence import is_active_target
from netplan.targets.model import Person
from netplan.targets.stage import STAGES

MOST_INTRODUCERS = 3
SHARED_HOW_MET_WORDS = 2  # "Design Research Breakfast" in both: they were in the same room


@dataclass(frozen=True)
class Introducer:
    person: Person
    stage: str
    reason: str  # why they could introduce you, for the suggestion


def _whole_words(text: str) -> re.Pattern[str] | None:
    text = text.strip().casefold()
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)") if len(text) >= 2 else None


def mentions(haystack: str, needle: str) -> bool:
    """``needle`` appears in ``haystack`` as whole words, ignoring case."""
    pattern = _whole_words(needle)
    return pattern is not None and pattern.search(haystack.casefold()) is not None


def _reason(network: Network, target: Person, candidate: Person) -> tuple[int, str]:
    """(strength, reason): 4 same company, 3 named in how you know the target, 2 met the same way,
    1 your notes with them mention the target or their company; 0 none."""
    words: dict[str, Any] = wording("coach")["introducers"]
    company = target.company.strip()
    if company and candidate.company.strip().casefold() == company.casefold():
        return 4, fill(words["same_company"], {"company": company})
    how_met = target.how_met.strip()
    if how_met and any(mentions(how_met, name) for name in (candidate.name, candidate.name.split()[0])):
        first = target.name.split()[0]
        return 3, fill(words["named_in_how_met"], {"target_first": first, "how_met": how_met})
    if how_met and len(content_words(how_met) & content_words(candidate.how_met)) >= SHARED_HOW_MET_WORDS:
        # The quote is how you met the introducer: "you met them the same way" speaks of them (issue 15).
        return 2, fill(words["same_how_met"], {"how_met": candidate.how_met.strip()})
    text = " ".join(
        (candidate.how_met, candidate.needs, candidate.can_help, network.notes().get(candidate.id, ""))
    )
    for mention in (target.name, company):
        if mention and mentions(text, mention):
            return 1, fill(words["mentions_target"], {"mention": mention})
    return 0, ""


def introducers_for(network: Network, target: Person, *, most: int = MOST_INTRODUCERS) -> list[Introducer]:
    """The best introducers to ``target``: strongest reason first, then the closest relationship."""
    key = ("introducers", target.id)
    if key not in network.memo:
        found: list[tuple[int, int, str, Introducer]] = []
        # Only people you have spoken with: a stranger cannot vouch for you either.
        for person_id, stage in network.stages.items():
            if stage == "stranger" or person_id == target.id or not target.name.split():
                continue
            candidate = network.person(person_id)
            if candidate.is_type or not candidate.name.split():
                continue
            strength, reason = _reason(network, target, candidate)
            if strength:
                introducer = Introducer(candidate, stage, reason)
                found.append((-strength, -STAGES.index(stage), candidate.name.casefold(), introducer))
        found.sort(key=lambda item: item[:3])
        network.memo[key] = [item[3] for item in found]
    introducers: list[Introducer] = network.memo[key]
    return introducers[:most]


def introducers_text(introducers: list[Introducer]) -> str:
    """ "Priya Raman (works at Verdant Grid); or Chen Wei (...)"."""
    words = wording("coach")["introducers"]
    return words["join"].join(
        fill(words["one"], {"name": item.person.name, "reason": item.reason}) for item in introducers
    )


def introduction_target(network: Network, person: Person) -> Person | None:
    """Whom ``person`` could introduce you to, for a specific ask (rule SPECIFIC-ASK).

    Someone at their company (people you have not met first), else a target aimed at one of the same
    goals whom you have not met yet, else any target you have not met.
    """
    key = ("target", person.id)
    if key in network.memo:
        found: Person | None = network.memo[key]
        return found

    def closeness(p: Person) -> tuple[int, str]:
        return STAGES.index(network.stages.get(p.id, "stranger")), p.name.casefold()

    def named(p: Person) -> bool:
        return p.id != person.id and not p.is_type and bool(p.name.strip())

    company = person.company.strip().casefold()
    same_company = [network.person(i) for i in network.by_company.get(company, []) if i != person.id]
    same_company = [p for p in same_company if named(p)]
    target = min(same_company, key=closeness) if same_company else None
    if target is None:
        goals = {link.goal_id for link in person.goals}
        unmet = [
            p
            for p in network.people
            if p.goals and not p.parked and not p.is_type
            if p.id != person.id and network.stages.get(p.id, "stranger") == "stranger"
        ]
        unmet = [p for p in unmet if named(p) and is_active_target(p)]
        sharing = [p for p in unmet if goals & {link.goal_id for link in p.goals}]
        group = sharing or unmet
        target = min(group, key=closeness) if group else None
    network.memo[key] = target
    return target


def name_at_company(person: Person) -> str:
    """ "Dana Ortiz at Verdant Grid", or the name alone."""
    company = person.company.strip()
    return f"{person.name} at {company}" if company else person.name
