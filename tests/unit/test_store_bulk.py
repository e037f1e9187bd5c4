"""Store.insert_many / update_many: one table operation for a batch, validated, in id order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from netplan.core.clock import FixedClock
from netplan.core.errors import NotFoundError, ValidationError
from netplan.store.store import Store
from netplan.targets.model import Goal, Person


def test_insert_many_gives_ids_and_is_one_write(store: Store) -> None:
    store.insert(Person(name="Already here"))
    writes = store.writes
    added = store.insert_many([Person(name=f"  P{i}  ") for i in range(3)])
    assert store.writes == writes + 1
    assert [(p.id, p.name) for p in added] == [(2, "P0"), (3, "P1"), (4, "P2")]  # validated: trimmed
    assert [p.name for p in store.all(Person)] == ["Already here", "P0", "P1", "P2"]


def test_insert_many_refuses_an_invalid_record_and_writes_nothing(store: Store) -> None:
    with pytest.raises(ValidationError, match="email"):
        store.insert_many([Person(name="Ann"), Person(name="Bo", email="nope")])
    assert store.count(Person) == 0


def test_insert_many_takes_one_kind(store: Store) -> None:
    with pytest.raises(TypeError):
        store.insert_many([Person(name="Ann"), Goal(title="Mentor")])


def test_update_many_replaces_by_id_in_one_write(store: Store) -> None:
    people = store.insert_many([Person(name=f"P{i}") for i in range(12)])
    writes = store.writes
    changed = [replace(people[i], company=f"C{i}") for i in (11, 0, 5)]  # any order
    store.update_many(changed)
    assert store.writes == writes + 1
    companies = {p.id: p.company for p in store.all(Person)}
    assert (companies[12], companies[1], companies[6], companies[2]) == ("C11", "C0", "C5", "")
    assert [p.id for p in store.all(Person)] == list(range(1, 13))  # still in id order


def test_update_many_refuses_a_missing_id_and_changes_nothing(store: Store) -> None:
    [ann] = store.insert_many([Person(name="Ann")])
    with pytest.raises(NotFoundError):
        store.update_many([replace(ann, company="Acme"), Person(name="Ghost", id=99)])
    assert store.all(Person)[0].company == ""


def test_insert_many_never_reuses_a_removed_records_id(data_file: Path, clock: FixedClock) -> None:
    """A removed person's id stays theirs, also after a reopen: a reference still holding it (a
    conversation, an export's UID) must not find someone else."""
    with Store.open(data_file, clock=clock) as store:
        ann, bo = store.insert_many([Person(name="Ann"), Person(name="Bo")])
        store.remove(Person, bo.id)
    with Store.open(data_file, clock=clock) as store:
        [cy] = store.insert_many([Person(name="Cy")])
        assert cy.id not in {ann.id, bo.id}
        assert store.insert(Person(name="Di")).id > cy.id  # insert and insert_many share one counter
