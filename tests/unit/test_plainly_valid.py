"""The record check's fast path (issue 17): conversations, follow-ups and promises that are plainly
valid skip their models, so a file no writer has checked opens in a fraction of the time; it never
lets through a record its model refuses, and a bad record is refused in the same words as before
(issue 14, item 7)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netplan import integrity
from netplan.cli import main
from netplan.core.errors import ValidationError
from netplan.core.record import Record
from netplan.notes.model import Conversation, FollowUp, Promise
from netplan.store import schema

GOOD: dict[type[Record], dict[str, Any]] = {
    Conversation: {
        "person_id": 3,
        "when": "2026-11-02T10:00:00+01:00",
        "kind": "coffee",
        "duration_minutes": 30,
        "listen_minutes": 20,
        "ask_minutes": 10,
        "needs": "a mentor in climate tech",
        "gave": [{"kind": "person", "text": "intro to Pat Kim"}, "an article"],
        "asked": "how they hire",
        "ask_level": "advice",
        "notes": "",
    },
    FollowUp: {
        "person_id": 3,
        "due": "2026-11-04T10:00:00+01:00",
        "text": "Thank them",
        "conversation_id": 5,
        "inbound_id": None,
        "status": "open",
        "nudge": 1,
        "done_at": None,
    },
    Promise: {
        "person_id": 3,
        "conversation_id": 5,
        "by": "me",
        "text": "send the deck",
        "due": "2026-11-09T10:00:00+01:00",
        "done_at": "2026-11-08T09:30:00+01:00",
    },
}
FIELDS = {
    Conversation: integrity.CONVERSATION_FIELDS,
    FollowUp: integrity.FOLLOW_UP_FIELDS,
    Promise: integrity.PROMISE_FIELDS,
}
MISSING = object()
ODD_VALUES: list[object] = [
    MISSING, None, "", " ", "\t", 0, -1, 1, 3, 4, 11, 21, 29, 1440, 1441, True, False, 1.5, "30", "abc",
    [], {}, ["x"], [5], ["  "], [{"text": "x"}], [{"kind": 5, "text": "x"}],
    [{"kind": "person", "text": " "}],
    [{"kind": "person", "text": "x", "more": 1}], [{"kind": "gift", "text": "x"}], {"kind": "person"},
    "2026-02-30T10:00:00+00:00", "1899-12-31T23:00:00+00:00", "3000-01-01T00:00:00+00:00",
    "2999-12-31T23:00:00+00:00", "2026-01-01T10:00:00", "2026-01-01T10:00:00Z", "2026-01-01 10:00:00+00:00",
    " 2026-01-01T10:00:00+00:00", "2026-01-01T10:00:00+24:00", "2026-01-01T24:00:00+00:00", "2026-01-01",
    "2026-01-01T10:00:00.5+00:00", "Tomás", "\udcff", "x" * 20_000, "x" * 20_001, " x ", "open", "done",
    "snoozed", "parked", "me", "them", "coffee", "lunch", "advice", "catch-up", "person", "other",
]  # fmt: skip


def model_problems(kind: type[Record], doc: dict[str, Any]) -> list[str]:
    """What the check said before the fast path: the record through its model alone."""
    try:
        kind.from_doc(doc, 7).validated()
    except Exception as exc:
        return [f"{kind.TABLE} 7: {exc if isinstance(exc, ValidationError) else integrity._odd(exc)}"]
    return []


def changed(kind: type[Record], changes: dict[str, object]) -> dict[str, Any]:
    doc = dict(GOOD[kind])
    for name, value in changes.items():
        if value is MISSING:
            doc.pop(name, None)
        else:
            doc[name] = value
    return doc


def assert_same_verdict(kind: type[Record], doc: dict[str, Any]) -> None:
    expected = model_problems(kind, doc)
    if integrity.PLAINLY_VALID[kind](doc):
        assert expected == [], f"fast path accepted a {kind.__name__} its model refuses: {doc!r}"
    assert integrity._kind_problems({kind.TABLE: {"7": doc}}, kind) == expected


@pytest.mark.parametrize("kind", list(GOOD), ids=lambda kind: kind.__name__)
def test_the_documents_netplan_writes_take_the_fast_path(kind: type[Record]) -> None:
    written = kind.from_doc(GOOD[kind], 7).validated().to_doc()
    assert integrity.PLAINLY_VALID[kind](GOOD[kind])
    assert integrity.PLAINLY_VALID[kind](written)


@pytest.mark.parametrize("kind", list(GOOD), ids=lambda kind: kind.__name__)
def test_each_fast_path_knows_every_field_of_its_model(kind: type[Record]) -> None:
    """A field added to a model must be checked here too (until then its documents go to the model)."""
    assert set(FIELDS[kind]) == {f.name for f in dataclasses.fields(kind)} - {"id"}  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", list(GOOD), ids=lambda kind: kind.__name__)
def test_a_bad_field_of_each_kind_is_refused_in_the_models_words(kind: type[Record]) -> None:
    refused = 0
    for name in [*FIELDS[kind], "id", "TABLE", "surprise"]:
        for value in ODD_VALUES:
            doc = changed(kind, {name: value})
            assert_same_verdict(kind, doc)
            refused += bool(model_problems(kind, doc))
    assert refused > 50  # the odd values do reach the model's refusals


_VALUES = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.integers(min_value=-3, max_value=2_000),
    st.text(max_size=30),
    st.lists(
        st.one_of(st.text(max_size=5), st.dictionaries(st.sampled_from(["kind", "text"]), st.text())),
        max_size=3,
    ),
)


@pytest.mark.parametrize("kind", list(GOOD), ids=lambda kind: kind.__name__)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_several_odd_fields_at_once_never_slip_past_the_model(
    kind: type[Record], data: st.DataObject
) -> None:
    names = sorted(FIELDS[kind])
    changes = data.draw(st.dictionaries(st.sampled_from(names), _VALUES, min_size=1, max_size=3))
    assert_same_verdict(kind, changed(kind, changes))


def test_a_bad_follow_up_in_a_file_no_writer_checked_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = tmp_path / "netplan.json"
    tables = schema.empty_tables()
    tables["people"] = {"3": {"name": "Ann Example"}}
    tables["follow_ups"] = {"1": GOOD[FollowUp], "2": changed(FollowUp, {"due": "soon"})}
    data_file.write_bytes(orjson.dumps(tables))
    before = data_file.read_bytes()

    assert main(["agenda", "--db", str(data_file)]) == 3

    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "has an invalid record: follow_ups 2: due: 'soon' needs a time as well" in err
    assert data_file.read_bytes() == before
