"""One post-coffee save on a power user's file, as ratios measured in the same run (issue 9).

- save: ``with store.transaction():`` insert a conversation-like document and update a person;
- floor: ``orjson.dumps`` of the same data plus an atomic, fsync'd replace (what any durable
  whole-file JSON save must pay);
- stock TinyDB: ``TinyDB(path)`` with its default JSONStorage inserting one document into a copy
  of the same data.

Targets: save at most 1.5x the floor, and at least 5x faster than stock TinyDB.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB

from bench.generate import conversation_doc, generate, write_data_file
from netplan.core.clock import Clock
from netplan.notes.model import Conversation
from netplan.store.store import Store
from netplan.targets.model import Person

RUNS = 9
TARGET_VS_FLOOR = 1.5
TARGET_VS_TINYDB = 5.0


def floor_save(path: Path, tables: dict[str, Any]) -> None:
    """The least a durable whole-file save can do: dump, write a temp, fsync, rename, fsync the folder."""
    payload = orjson.dumps(tables)
    tmp = path.with_name(path.name + ".floor-tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(workdir: Path, runs: int = RUNS) -> dict[str, float]:
    """Median milliseconds of the three saves, interleaved run by run so drift hits all alike."""
    tables = generate()
    store_file, floor_file, tinydb_file = (
        workdir / "store.json",
        workdir / "floor.json",
        workdir / "tinydb.json",
    )
    size = write_data_file(store_file, tables)
    shutil.copyfile(store_file, floor_file)
    shutil.copyfile(store_file, tinydb_file)
    rng = random.Random(7)
    samples: dict[str, list[float]] = {"save": [], "floor": [], "tinydb": []}
    store = Store.open(store_file, clock=Clock("UTC"))
    stock = TinyDB(tinydb_file)
    try:
        person_count = store.count(Person)

        def post_coffee_save() -> None:
            person = store.get(Person, rng.randint(1, person_count))
            assert person is not None
            with store.transaction():
                store.insert(Conversation.from_doc(conversation_doc(rng, person.id, _now()), 0))
                store.update(replace(person, last_touch=_now().isoformat()))

        def floor() -> None:
            floor_tables = store.raw_tables()  # the same data the save just wrote
            floor_save(floor_file, floor_tables)

        def stock_insert() -> None:
            stock.table("conversations").insert(conversation_doc(rng, 1, _now()))

        post_coffee_save()  # warm-up: the first write of the day also makes the daily backup
        stock_insert()
        for _ in range(runs):
            samples["save"].append(_timed(post_coffee_save))
            samples["floor"].append(_timed(floor))
            samples["tinydb"].append(_timed(stock_insert))
    finally:
        store.close()
        stock.close()
    result = {name: _median_ms(values) for name, values in samples.items()}
    result["file_mb"] = size / 1e6
    return result


def _now() -> datetime:
    return datetime.now(UTC)


def run() -> list[tuple[str, str]]:
    """The rows `make bench` prints: (what, figure)."""
    workdir = Path(tempfile.mkdtemp(prefix="netplan-bench-"))
    try:
        ms = measure(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    vs_floor = ms["save"] / ms["floor"]
    vs_tinydb = ms["tinydb"] / ms["save"]
    ok_floor = "ok" if vs_floor <= TARGET_VS_FLOOR else "MISSED"
    ok_tinydb = "ok" if vs_tinydb >= TARGET_VS_TINYDB else "MISSED"
    return [
        (
            "data file (2,000 people, 20,000 conversations, 1,000 events, 200 slots)",
            f"{ms['file_mb']:.1f} MB",
        ),
        (
            f"save: insert conversation + update person, one transaction (median of {RUNS})",
            f"{ms['save']:.1f} ms",
        ),
        ("floor: orjson.dumps + atomic fsync'd replace", f"{ms['floor']:.1f} ms"),
        ("stock TinyDB JSONStorage: insert one document", f"{ms['tinydb']:.1f} ms"),
        (f"save / floor (target <= {TARGET_VS_FLOOR}x)", f"{vs_floor:.2f}x {ok_floor}"),
        (f"stock TinyDB / save (target >= {TARGET_VS_TINYDB:.0f}x)", f"{vs_tinydb:.1f}x {ok_tinydb}"),
    ]
