"""Fuzzing the data file and the backup (issue 14, acceptance): hypothesis mutates a valid file (field
types, nesting, duplicate keys, record ids, sizes) and runs the commands a user would on it.

Whatever the mutation: never a traceback (every command returns an exit code, with at most one line
on stderr); never an acknowledged write lost (an `add` that says "added" is in the file afterwards,
next to everything that was there); never a refused file changed (a command that fails leaves the
data file byte for byte as it was). Bounded to run in a few seconds; `NETPLAN_LONG_TESTS=1` runs more.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netplan.cli import main
from netplan.core.clock import FixedClock
from netplan.demo.load import load_demo
from netplan.interchange.backup import BACKUP_FORMAT
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation
from netplan.store.store import Store
from netplan.targets.model import Person

Tables = dict[str, Any]  # mutated: a table or a record may be anything
EXAMPLES = 200 if os.environ.get("NETPLAN_LONG_TESTS") == "1" else 40
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@functools.cache
def valid_tables() -> Tables:
    """The demo data and a logged conversation: every kind of record, as a data file holds them."""
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock("2026-11-30T09:00:00", tz="Europe/Berlin")
        with Store.open(Path(folder) / "netplan.json", clock=clock) as store:
            load_demo(store)
            person = store.all(Person)[0]
            conversation = Conversation(person_id=person.id, when=clock.now().isoformat())
            log_conversation(store, conversation, ["send the deck"], [])
            tables: Tables = orjson.loads(orjson.dumps(store.raw_tables()))
    return tables


# mutations ---------------------------------------------------------------------------------------

# Markers in the JSON text that become what json.dumps cannot write: deep nesting, repeated keys.
DEEP = re.compile(r'"@@deep:(\d+)@@"')
REPEAT = re.compile(r'"@@repeat:([^@"]*)@@"')
HOSTILE = ["[/]", "\x1b]0;pwned\x07", "\x1b[2J", "\u202e", "\x9b31m", "é", "", " "]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(HOSTILE),
    st.sampled_from(["2026-11-30", "2026-11-30T10:00:00+01:00", "9999-12-31", "0001-01-01T00:00:00+00:00"]),
    st.sampled_from(["x" * 201, "y" * 20_001, "1" * 5_000]),
    st.sampled_from([f"@@deep:{d}@@" for d in (2, 100, 254, 255, 256, 300, 1_023, 1_024, 1_100)]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip
BAD_IDS = ["0", "01", "-1", "abc", "١", "1" * 5_000, "9" * 16, " 1", "1.0"]
SETTINGS = ["target_cap", "week_start", "dormant_months", "weekly_intent", "ics_uid_seed"]


@st.composite
def mutated_tables(draw: st.DrawFn) -> Tables:
    tables = copy.deepcopy(valid_tables())
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(tables)))
        table = tables[name]
        how = draw(
            st.sampled_from(["field", "field", "field", "record", "id", "repeat", "many", "drop", "table"])
        )
        if not isinstance(table, dict) or not table:
            continue
        doc_id = draw(st.sampled_from(sorted(table)))
        doc = table[doc_id]
        if not isinstance(doc, dict):
            continue
        if how == "field":
            fields = [*doc, "unknown_field"]
            if name == "meta":
                fields += [f"settings.{key}" for key in SETTINGS]
            field = draw(st.sampled_from(fields))
            if field.startswith("settings.") and isinstance(doc.get("settings", {}), dict):
                doc.setdefault("settings", {})[field.split(".", 1)[1]] = draw(values)
            else:
                doc[field] = draw(values)
        elif how == "record":
            table[doc_id] = draw(values)
        elif how == "id":
            table[draw(st.sampled_from(BAD_IDS))] = table.pop(doc_id)
        elif how == "repeat":  # the same record id, or the same table, twice in one object
            if draw(st.booleans()):
                table[f"@@repeat:{doc_id}@@"] = copy.deepcopy(doc)
            else:
                tables[f"@@repeat:{name}@@"] = {}
        elif how == "many":
            last = max((int(i) for i in table if i.isascii() and i.isdigit() and len(i) < 10), default=0)
            for n in range(1, draw(st.integers(1, 2_000)) + 1):
                table[str(last + n)] = copy.deepcopy(doc)
        elif how == "drop" and doc:
            doc.pop(draw(st.sampled_from(sorted(doc))))
        elif how == "drop":
            table.pop(doc_id)
        else:
            tables[name] = draw(values)
    return tables


def to_bytes(document: object) -> bytes:
    text = json.dumps(document, ensure_ascii=False)
    text = DEEP.sub(lambda m: "[" * int(m.group(1)) + "]" * int(m.group(1)), text)
    return REPEAT.sub(lambda m: json.dumps(m.group(1)), text).encode("utf-8", "surrogatepass")


@st.composite
def mutated_backups(draw: st.DrawFn) -> bytes:
    tables = draw(mutated_tables())
    document: dict[str, Any] = {BACKUP_FORMAT: 1, "schema_version": 1, "tables": tables}
    if draw(st.integers(0, 9)) == 0:
        document[draw(st.sampled_from([BACKUP_FORMAT, "schema_version", "tables"]))] = draw(values)
    return to_bytes(document)


# running the commands ----------------------------------------------------------------------------


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def run(*argv: str) -> tuple[int, str, str]:
    """``netplan ARGV`` in process: an exception escaping main() fails the test (a traceback)."""
    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    assert isinstance(code, int)
    text = err.getvalue()
    assert "Traceback" not in text and text.count("\n") <= 1, (
        f"netplan {' '.join(argv)[:80]}: {text[-400:]!r}"
    )
    return code, out.getvalue(), text


def everything_but_the_new_goal(tables: Tables) -> Tables:
    kept = copy.deepcopy(tables)
    kept["meta"]["1"].pop("last_ids", None)
    kept["goals"] = {i: g for i, g in kept.get("goals", {}).items() if g.get("title") != "Fuzz goal"}
    if not kept["goals"]:
        kept.pop("goals")
    return kept


@FUZZ
@given(mutated_tables())
def test_a_mutated_data_file_is_refused_or_used_never_broken(tables: Tables) -> None:
    payload = to_bytes(tables)
    with folder() as where:
        data_file = where / "netplan.json"
        data_file.write_bytes(payload)
        db = ["--db", str(data_file)]
        for argv in (
            ["check"],
            ["people", "--json"],
            ["agenda", "--json"],
            ["export", "ics", str(where / "o.ics")],
        ):
            code, _, _ = run(*argv, *db)
            assert code in (0, 1, 3), (argv, code)
            assert data_file.read_bytes() == payload, f"{argv} changed the file"
        code, out, _ = run("add", "goal", "Fuzz goal", *db)
        event(f"add goal: exit {code}")  # --hypothesis-show-statistics: how many were refused
        if code != 0:
            assert data_file.read_bytes() == payload, "a refused write changed the file"
            return
        assert out.startswith("added goal")  # acknowledged: it must be there, with all that was
        after = orjson.loads(data_file.read_bytes())
        assert "Fuzz goal" in {goal.get("title") for goal in after["goals"].values()}
        assert everything_but_the_new_goal(after) == everything_but_the_new_goal(orjson.loads(payload))
        code, _, _ = run("check", *db)
        assert code in (0, 1)


@FUZZ
@given(mutated_backups())
def test_a_mutated_backup_is_refused_or_restored_whole(payload: bytes) -> None:
    with folder() as where:
        data_file, backup = where / "netplan.json", where / "backup.json"
        data_file.write_bytes(orjson.dumps(valid_tables()))
        backup.write_bytes(payload)
        before = data_file.read_bytes()
        code, _, _ = run("restore", str(backup), "--db", str(data_file))
        event(f"restore: exit {code}")
        if code != 0:
            assert code in (1, 3)
            assert data_file.read_bytes() == before, "a refused restore changed the data file"
            assert not [p.name for p in where.iterdir() if p.name.endswith(".tmp")]
            return
        restored = orjson.loads(data_file.read_bytes())
        assert restored == orjson.loads(payload)["tables"]  # nothing lost on the way in
        for argv in (["check"], ["people"], ["agenda"], ["add", "goal", "After the restore"]):
            code, _, _ = run(*argv, "--db", str(data_file))
            assert code == 0, argv
