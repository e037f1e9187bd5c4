"""Property tests (issue 9, item 6): models survive document round trips, and the Store under random
operations (including failed transactions, closing and reopening) always matches an in-memory model."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, precondition, rule

from netplan.core.clock import FixedClock
from netplan.core.errors import ValidationError
from netplan.core.record import Record
from netplan.store.store import Store
from netplan.targets.model import GOAL_STATUSES, PERSON_KINDS, VENUE_KINDS, Goal, GoalLink, Person, Venue

Model = Goal | Person | Venue
CLOCK = FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")

# Any text, including controls, bidi overrides, markup and lone surrogates: what validated() accepts
# must round-trip exactly; what it refuses must be refused with a ValidationError, nothing else.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
hostile = st.sampled_from(["[/]", "x [/", "[@click=app.quit]x", "\x1b]0;pwned\x07", "\x1b[2J", "\u202e", "é"])
text = st.one_of(any_text, hostile)
name = st.one_of(st.text(min_size=1, max_size=30).filter(str.strip), hostile)
day = st.dates().map(lambda d: d.isoformat())
links = st.lists(st.builds(GoalLink, st.integers(1, 50), text), max_size=3)
cadence = st.one_of(st.none(), st.integers(-5, 4000))

goals = st.builds(
    Goal, title=st.one_of(name, text), why=text, horizon=st.one_of(st.none(), day, text),
    status=st.one_of(st.sampled_from(GOAL_STATUSES), text),
)  # fmt: skip
people = st.builds(
    Person,
    name=st.one_of(name, text),
    kind=st.sampled_from(PERSON_KINDS),
    company=text,
    role=text,
    email=st.one_of(st.just(""), st.emails(), text),
    linkedin=st.one_of(st.just(""), st.just("https://www.linkedin.com/in/someone"), text),
    how_met=text,
    needs=text,
    can_help=text,
    tags=st.lists(text, max_size=4),
    goals=links,
    cadence_days=cadence,
    parked=st.booleans(),
)
venues = st.builds(
    Venue, name=st.one_of(name, text), kind=st.sampled_from(VENUE_KINDS), cadence_days=cadence, goals=links,
    notes=text,
)  # fmt: skip


def _round_trip(record: Model) -> None:
    try:
        clean = record.validated()
    except ValidationError as refused:
        assert refused.field and refused.field in str(refused)  # the message names the field
        return
    assert clean.validated() == clean  # cleaning is stable
    stored = orjson.loads(orjson.dumps(clean.to_doc()))  # through the file's encoding
    assert type(clean).from_doc(stored, 7) == replace(clean, id=7)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(goals, people, venues))
def test_model_to_document_to_model_round_trip(record: Model) -> None:
    _round_trip(record)


@settings(max_examples=30)
@given(people)
def test_valid_records_survive_a_real_file(record: Person) -> None:
    try:
        clean = record.validated()
    except ValidationError:
        assume(False)
        return
    folder = Path(tempfile.mkdtemp())
    try:
        with Store.open(folder / "netplan.json", clock=CLOCK) as store:
            stored = store.insert(clean)
        with Store.open(folder / "netplan.json", readonly=True, clock=CLOCK) as again:
            assert again.get(Person, stored.id) == stored == replace(clean, id=stored.id)
    finally:
        shutil.rmtree(folder)


# the Store against a model --------------------------------------------------------------------

KINDS: list[type[Record]] = [Goal, Person, Venue]
valid_goals = st.builds(
    Goal, title=st.text("abc xyz", min_size=1).filter(str.strip), why=st.text(max_size=20)
)
valid_people = st.builds(
    Person, name=st.text("abc xyz", min_size=1).filter(str.strip), company=st.text(max_size=10)
)
valid_venues = st.builds(
    Venue, name=st.text("abc xyz", min_size=1).filter(str.strip), notes=st.text(max_size=20)
)
valid_records = st.one_of(valid_goals, valid_people, valid_venues)
OPS = st.sampled_from(["insert", "update", "remove"])


class Boom(Exception):
    """Raised inside a transaction to abandon it."""


class StoreMatchesModel(RuleBasedStateMachine):
    """Every operation is applied to the Store (on a real file) and to plain dicts; they must agree."""

    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="netplan-prop-"))
        self.path = self.folder / "netplan.json"
        self.store = Store.open(self.path, clock=CLOCK)
        self.model: dict[str, dict[int, Record]] = {kind.TABLE: {} for kind in KINDS}
        self.last_id: dict[str, int] = {kind.TABLE: 0 for kind in KINDS}  # ids are never reused

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # operations, each applied to the store and the model
    def _insert(self, record: Record) -> Record:
        stored = self.store.insert(record)
        table = record.TABLE
        self.last_id[table] += 1
        assert stored.id == self.last_id[table]
        self.model[table][stored.id] = stored
        return stored

    def _update(self, kind: type[Record], pick: int, record: Record) -> None:
        existing = sorted(self.model[kind.TABLE])
        if not existing:
            return
        record_id = existing[pick % len(existing)]
        changed = self.store.update(replace(_as(kind, record), id=record_id))
        self.model[kind.TABLE][record_id] = changed

    def _remove(self, kind: type[Record], pick: int) -> None:
        existing = sorted(self.model[kind.TABLE])
        if not existing:
            return
        record_id = existing[pick % len(existing)]
        self.store.remove(kind, record_id)
        del self.model[kind.TABLE][record_id]

    def _apply(self, op: tuple[str, Any, int, Record]) -> None:
        action, kind, pick, record = op
        if action == "insert":
            self._insert(_as(kind, record))
        elif action == "update":
            self._update(kind, pick, record)
        else:
            self._remove(kind, pick)

    @rule(record=valid_records)
    def insert(self, record: Record) -> None:
        self._insert(record)

    @rule(kind=st.sampled_from(KINDS), pick=st.integers(0, 100), record=valid_records)
    def update(self, kind: type[Record], pick: int, record: Record) -> None:
        self._update(kind, pick, record)

    @rule(kind=st.sampled_from(KINDS), pick=st.integers(0, 100))
    def remove(self, kind: type[Record], pick: int) -> None:
        self._remove(kind, pick)

    @rule(
        ops=st.lists(st.tuples(OPS, st.sampled_from(KINDS), st.integers(0, 100), valid_records), max_size=6)
    )
    def transaction(self, ops: list[tuple[str, Any, int, Record]]) -> None:
        writes = self.store.writes
        with self.store.transaction():
            for op in ops:
                self._apply(op)
        assert self.store.writes - writes <= 1  # one file write, or none

    @rule(
        ops=st.lists(st.tuples(OPS, st.sampled_from(KINDS), st.integers(0, 100), valid_records), max_size=6)
    )
    def transaction_that_fails(self, ops: list[tuple[str, Any, int, Record]]) -> None:
        before_file = self.path.read_bytes()
        before_model = {table: dict(records) for table, records in self.model.items()}
        before_ids = dict(self.last_id)
        try:
            with self.store.transaction():
                for op in ops:
                    self._apply(op)
                raise Boom
        except Boom:
            pass
        self.model, self.last_id = before_model, before_ids
        assert self.path.read_bytes() == before_file

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = Store.open(self.path, clock=CLOCK)

    @precondition(lambda self: any(self.model.values()))
    @rule()
    def reopen_read_only(self) -> None:
        with Store.open(self.path, readonly=True, clock=CLOCK) as reader:
            for kind in KINDS:
                assert reader.all(kind) == sorted(self.model[kind.TABLE].values(), key=_id)

    @invariant()
    def store_matches_model(self) -> None:
        for kind in KINDS:
            expected = sorted(self.model[kind.TABLE].values(), key=_id)
            assert self.store.all(kind) == expected
            assert self.store.count(kind) == len(expected)
            for record in expected:
                assert self.store.get(kind, record.id) == record

    @invariant()
    def file_matches_memory(self) -> None:
        assert orjson.loads(self.path.read_bytes()) == self.store.raw_tables()


def _id(record: Record) -> int:
    return record.id


def _as(kind: type[Record], record: Record) -> Model:
    """The generated record recast as ``kind`` (rules pick the kind and the content separately)."""
    if isinstance(record, Goal | Person | Venue) and isinstance(record, kind):
        return record
    label = str(getattr(record, "title", None) or getattr(record, "name", "x"))
    return Goal(title=label) if kind is Goal else Person(name=label) if kind is Person else Venue(name=label)


StoreMatchesModel.TestCase.settings = settings(
    max_examples=30, stateful_step_count=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_store_matches_an_in_memory_model = StoreMatchesModel.TestCase
