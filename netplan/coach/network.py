"""What the coach reads, indexed once per saved state of the data file: people, their stages and
histories, conversations and drafts by person, people by company, the names you have on record.

The conversation form asks the coach on every keystroke; nothing is saved while the user types, so
the index is kept (per Store, weakly) until the next write and every keystroke after the first costs
next to nothing. Inside a transaction nothing is kept: what is read there may still roll back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pendulum

from netplan.coach.specific_ask import KnownNames
from netplan.core import moments
from netplan.notes.model import Conversation
from netplan.store.settings import Settings, load_settings
from netplan.store.store import Store
from netplan.targets.model import Person
from netplan.targets.stage import STAGES, History, compute_stage, histories, stage_of

# Text fields of a conversation document that may name people and companies.
_CONVERSATION_TEXT = ("needs", "asked", "notes")


def _gave_texts(doc: dict[str, Any]) -> list[str]:
    return [
        str(item.get("text", "")) if isinstance(item, dict) else str(item) for item in doc.get("gave", [])
    ]


@dataclass
class Network:
    store: Store
    person_docs: dict[int, dict[str, Any]]
    settings: Settings
    history: dict[int, History]
    stages: dict[int, str]
    conversation_docs: dict[int, list[tuple[int, dict[str, Any]]]]
    draft_docs: dict[int, list[tuple[int, dict[str, Any]]]]
    by_company: dict[str, list[int]]  # casefolded company -> person ids
    # filled on first use
    _people: dict[int, Person] = field(default_factory=dict)
    _known: KnownNames | None = None
    _notes: dict[int, str] | None = None
    _conversations: dict[int, list[Conversation]] = field(default_factory=dict)
    memo: dict[tuple[str, int], Any] = field(default_factory=dict)  # per-person results of the rules

    @classmethod
    def read(cls, store: Store) -> Network:
        """Index the stored documents; people become dataclasses only when a rule looks at them."""
        tables = store.raw_tables()
        known = histories(store)
        person_docs = {int(doc_id): doc for doc_id, doc in tables.get(Person.TABLE, {}).items()}
        conversation_docs: dict[int, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        for doc_id, doc in tables.get(Conversation.TABLE, {}).items():
            conversation_docs[doc["person_id"]].append((int(doc_id), doc))
        draft_docs: dict[int, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        for doc_id, doc in tables.get("drafts", {}).items():
            draft_docs[doc["person_id"]].append((int(doc_id), doc))
        by_company: dict[str, list[int]] = defaultdict(list)
        stages = {}
        for person_id, doc in person_docs.items():
            company = str(doc.get("company") or "").strip().casefold()
            if company:
                by_company[company].append(person_id)
            override = doc.get("stage_override")
            stages[person_id] = (
                override if override in STAGES else compute_stage(known.get(person_id, History()))
            )
        return cls(
            store=store,
            person_docs=person_docs,
            settings=load_settings(store),
            history=known,
            stages=stages,
            conversation_docs=dict(conversation_docs),
            draft_docs=dict(draft_docs),
            by_company=dict(by_company),
        )

    def person(self, person_id: int) -> Person:
        if person_id not in self._people:
            self._people[person_id] = Person.from_doc(self.person_docs[person_id], person_id)
        return self._people[person_id]

    @property
    def people(self) -> list[Person]:
        """Every person, in id order."""
        return [self.person(person_id) for person_id in self.person_docs]

    def ids_where(self, keep: Callable[[dict[str, Any]], bool]) -> list[int]:
        """Ids of the people whose stored document passes ``keep`` (no dataclasses built)."""
        return [person_id for person_id, doc in self.person_docs.items() if keep(doc)]

    def stage(self, person: Person) -> str:
        """The person's stage as given (a form may pass an edited, unsaved override)."""
        return stage_of(person, self.history.get(person.id))

    def conversations(self, person_id: int) -> list[Conversation]:
        """The person's conversations, oldest first."""
        if person_id not in self._conversations:
            found = [
                Conversation.from_doc(doc, doc_id)
                for doc_id, doc in self.conversation_docs.get(person_id, [])
            ]
            found.sort(key=lambda c: (moments.timestamp(c.when), c.id))
            self._conversations[person_id] = found
        return self._conversations[person_id]

    def asks_and_gives(self, person_id: int) -> tuple[int, int]:
        """Conversations with an ask, and pieces of value given (as notes.log.TalkBalance counts them)."""
        docs = [doc for _, doc in self.conversation_docs.get(person_id, [])]
        asks = sum(1 for doc in docs if str(doc.get("asked", "")).strip())
        gives = sum(len(doc.get("gave") or []) for doc in docs)
        return asks, gives

    def known_names(self) -> KnownNames:
        if self._known is None:
            self._known = KnownNames(
                str(doc.get(key) or "") for doc in self.person_docs.values() for key in ("name", "company")
            )
        return self._known

    def notes(self) -> dict[int, str]:
        """Everything written about each person (conversations, promises), as one text per person."""
        if self._notes is None:
            texts: dict[int, list[str]] = defaultdict(list)
            tables = self.store.raw_tables()
            for docs in self.conversation_docs.values():
                for _, doc in docs:
                    parts = [str(doc.get(name, "")) for name in _CONVERSATION_TEXT] + _gave_texts(doc)
                    texts[doc["person_id"]].append(" ".join(parts))
            for doc in tables.get("promises", {}).values():
                texts[doc["person_id"]].append(str(doc.get("text", "")))
            self._notes = {person_id: "\n".join(parts) for person_id, parts in texts.items()}
        return self._notes

    def months_silent(self, person: Person) -> int | None:
        """Whole months since the last touch when that is dormant (rule RECONNECT-FIRST), else None."""
        touches = [str(doc["when"]) for _, doc in self.conversation_docs.get(person.id, [])]
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
