"""Reading a file netplan wrote a piece at a time (issue 17): the same tables as a whole-file
parse, in ordinary dicts, and any file netplan did not write left to the whole-file path."""

from __future__ import annotations

import sys
from typing import Any

import orjson
import pytest

from netplan.store import decoding
from netplan.store.decoding import decode_written


def _written(tables: dict[str, Any]) -> bytes:
    return orjson.dumps(tables)


def _many(n: int) -> dict[str, Any]:
    return {
        "meta": {"1": {"schema_version": 1, "last_ids": {"things": n}, "settings": {"a": {"b": {}}}}},
        "things": {
            str(i): {
                "person_id": 1000 + i % 7,
                "when": f"2020-01-{1 + i % 28:02d}T09:00:00+00:00",
                "kind": ["coffee", "call"][i % 2],
                "gave": [{"kind": "intro", "text": f"note {i}"}] if i % 3 else [],
                "bookings": {"2020-01-01": {"seat": i}, "2020-01-08": {}} if i % 5 == 0 else {},
                "text": '},"9":{ a brace in text }}' if i % 11 == 0 else f"text {i}",
            }
            for i in range(1, n + 1)
        },
        "empty": {},
        "after": {"1": {"x": [1, {"y": None}]}},
    }


@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize("piece", [64, 1024, decoding.PIECE])
def test_pieces_give_the_tables_a_whole_parse_gives(
    monkeypatch: pytest.MonkeyPatch, piece: int, compact: bool
) -> None:
    monkeypatch.setattr(decoding, "PIECE", piece)
    raw = _written(_many(400))
    tables = decode_written(raw, compact=compact)
    assert tables == orjson.loads(raw)
    assert tables is not None and orjson.dumps(tables) == raw  # the same order: a save writes the same file
    assert [list(table) for table in tables.values()] == [list(table) for table in orjson.loads(raw).values()]


def test_documents_are_ordinary_dicts_that_change_like_any_other() -> None:
    tables = decode_written(_written(_many(30)), compact=True)
    assert tables is not None
    doc = tables["things"]["5"]
    assert type(doc) is dict and type(doc["gave"][0]) is dict
    doc["kind"] = "lunch"
    doc["new field"] = 1
    del doc["when"]
    assert tables["things"]["3"]["kind"] == "call"  # a shared value changed in one document only
    assert list(doc)[-1] == "new field" and "when" not in doc
    assert orjson.loads(orjson.dumps(doc))["kind"] == "lunch"


def test_a_writer_shares_repeated_short_values_and_its_documents_are_smaller() -> None:
    raw = _written(_many(200))
    tables = decode_written(raw, compact=True)
    whole = orjson.loads(raw)
    assert tables is not None
    assert tables["things"]["2"]["kind"] is tables["things"]["4"]["kind"]
    assert tables["things"]["1"]["person_id"] is tables["things"]["8"]["person_id"]
    compact = sum(sys.getsizeof(doc) for doc in tables["things"].values())
    plain = sum(sys.getsizeof(doc) for doc in whole["things"].values())
    assert compact < plain / 2
    plain_again = decode_written(raw)  # a reader (a command that exits) does not spend the time
    assert plain_again is not None and sys.getsizeof(plain_again["things"]["1"]) == sys.getsizeof(
        whole["things"]["1"]
    )


@pytest.mark.parametrize(
    "raw",
    [
        b'{"meta":{"1":{"schema_version":1}}, "goals":{}}',  # a space: not what orjson writes
        b'{\n  "meta": {"1": {"schema_version": 1}}\n}',  # pretty-printed by hand
        b'{"meta":{"1":{"schema_version":1}},"meta":{}}',  # a table twice
        b'{"meta":{"1":{"schema_version":1},"1":{}}}',  # a document id twice
        b'{"meta":{"1":{"a":1,"a":2}}}',  # a field twice
        b'{"meta":{"1":{"x":1.0}}}',  # orjson writes 1.0 the same, but 1e0 not:
        b'{"meta":{"1":{"x":1e0}}}',
        b'{"meta":{"1":{"x":"\\u00e9"}}}',  # an escape orjson does not write
        b'{"meta":{"1":{"schema_version":1}}',  # cut short
        b'{"meta":{"1":{"schema_version":1}}}}',  # one brace too many
        b"[]",  # what orjson writes, but not tables (the whole-file path says so)
        b"",
        b"{",
    ],
)
def test_a_file_netplan_did_not_write_goes_to_the_whole_file_parse(raw: bytes) -> None:
    try:
        parsed = orjson.loads(raw)
        same = isinstance(parsed, dict) and orjson.dumps(parsed) == raw
    except orjson.JSONDecodeError:
        same = False
    assert (decode_written(raw) is not None) == same
    if same:
        assert decode_written(raw) == orjson.loads(raw)


def test_a_cut_that_keeps_landing_inside_documents_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decoding, "PIECE", 1)
    nested: dict[str, Any] = {"meta": {"1": {"deep": {str(n): {"x": {}} for n in range(1, 40)}}}}
    raw = _written(nested)
    assert decode_written(raw) is None  # every cut inside the one document: the whole-file path
