"""What the coach reads, indexed once per store revision: people, their stages and histories,
conversations and drafts by person (the store's typed queries), people by company, the names you
have on record.

The conversation form asks the coach on every keystroke; nothing is saved while the user types, so
the index is kept (per Store, weakly) until the next write and every keystroke after the first costs
next to nothing. Inside a transaction nothing is kept: what is read there may still roll back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pendulum

from netplan.coach.draft import Draft
from netplan.coach.specific_ask import KnownNames
from netplan.core import moments
from netplan.notes.model import Conversation, Promise
from netplan.store.settings import Settings, load_settings
from netplan.store.store import Store
from netplan.targets.model import Person
from netplan.targets.stage import History, histories, stage_of


def _given_text(item: object) -> str:
    """A stored piece of value given: {"kind", "text"} (or, in older files, the text alone)."""
    return str(item.get("text", "")) if isinstance(item, dict) else str(item)


@dataclass
class Network:
    store: Store
    people_by_id: dict[int, Person]
    settings: Settings
    history: dict[int, History]
    stages: dict[int, str]
    by_company: dict[str, list[int]]  # casefolded company -> person ids
    # filled on first use
    _known: KnownNames | None = None
    _notes: dict[int, str] | None = None
    _conversations: dict[int, list[Conversation]] = field(default_factory=dict)
    memo: dict[tuple[str, int], Any] = field(default_factory=dict)  # per-person results of the rules

    @classmethod
    def read(cls, store: Store) -> Network:
        """Index the people (the store keeps them per revision; the panes read the same list)."""
        known = histories(store)
        people = {person.id: person for person in store.all(Person)}
        stages = {person_id: stage_of(person, known.get(person_id)) for person_id, person in people.items()}
        by_company: dict[str, list[int]] = defaultdict(list)
        for person_id, person in people.items():
            company = person.company.strip().casefold()
            if company:
                by_company[company].append(person_id)
        return cls(
            store=store,
            people_by_id=people,
            settings=load_settings(store),
            history=known,
            stages=stages,
            by_company=dict(by_company),
        )

    def person(self, person_id: int) -> Person:
        return self.people_by_id[person_id]

    @property
    def people(self) -> list[Person]:
        """Every person, in id order."""
        return list(self.people_by_id.values())

    def stage(self, person: Person) -> str:
        """The person's stage as given (a form may pass an edited, unsaved override)."""
        return stage_of(person, self.history.get(person.id))

    def conversations(self, person_id: int) -> list[Conversation]:
        """The person's conversations, oldest first."""
        if person_id not in self._conversations:
            found = self.store.records_of(Conversation, person_id)
            found.sort(key=lambda c: (moments.timestamp(c.when), c.id))
            self._conversations[person_id] = found
        return self._conversations[person_id]

    def drafts(self, person_id: int) -> list[Draft]:
        return self.store.records_of(Draft, person_id)

    def asks_and_gives(self, person_id: int) -> tuple[int, int]:
        """Conversations with an ask, and pieces of value given (as notes.log.TalkBalance counts them)."""
        conversations = self.conversations(person_id)
        return sum(1 for c in conversations if c.has_ask), sum(len(c.gave) for c in conversations)

    def known_names(self) -> KnownNames:
        if self._known is None:
            self._known = KnownNames(
                name for person in self.people_by_id.values() for name in (person.name, person.company)
            )
        return self._known

    def notes(self) -> dict[int, str]:
        """Everything written about each person (conversations, promises), as one text per person.

        Read a field at a time (Store.column): ten years hold 20,000 conversations, and building
        each one to read its text cost more than the search that uses it.
        """
        if self._notes is None:
            texts: dict[int, list[str]] = defaultdict(list)
            columns = [self.store.column(Conversation, name) for name in ("needs", "asked", "notes")]
            gave = self.store.column(Conversation, "gave")
            for conversation_id, person_id in self.store.column(Conversation, "person_id").items():
                parts = [str(column[conversation_id] or "") for column in columns]
                parts += [_given_text(item) for item in gave[conversation_id] or []]
                texts[person_id].append(" ".join(parts))
            promise_texts = self.store.column(Promise, "text")
            for promise_id, person_id in self.store.column(Promise, "person_id").items():
                texts[person_id].append(str(promise_texts[promise_id] or ""))
            self._notes = {person_id: "\n".join(parts) for person_id, parts in texts.items()}
        return self._notes

    def months_silent(self, person: Person) -> int | None:
        """Whole months since the last touch when that is dormant (rule RECONNECT-FIRST), else None."""
        touches = [conversation.when for conversation in self.conversations(person.id)]
        if person.last_touch:
            touches.append(person.last_touch)
        if not touches:
            return None
        last = pendulum.instance(max(moments.parse(when) for when in touches))
        months = last.diff(self.store.clock.now()).in_months()
        return months if months >= self.settings.dormant_months else None


def network(store: Store) -> Network:
    """The index for the store's current saved state (built on the first question after a write)."""
    return store.kept("network", lambda: Network.read(store))
