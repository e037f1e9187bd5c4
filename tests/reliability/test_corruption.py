"""Corruption (issue 9, item 2): over a hundred broken files, each refused the same way.

Truncated at random offsets, garbage appended, zero bytes, binary, valid JSON of the wrong shape,
a newer schema version: `netplan check` and `netplan add` refuse with one line on stderr and exit 3,
never touch the file, and name the newest backup; copying that backup back gives a file that passes.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import orjson
import pytest

from netplan.cli import main
from netplan.core.clock import FixedClock
from netplan.demo.load import load_demo
from netplan.store import backups, schema
from netplan.store.store import Store
from netplan.targets.model import Goal
from tests.processes import run_netplan

DAY_1 = FixedClock("2026-11-23T09:00:00", tz="Europe/Berlin")
DAY_2 = FixedClock("2026-11-24T09:00:00", tz="Europe/Berlin")


def _good_file(folder: Path) -> tuple[Path, bytes, Path]:
    """A demo data file saved on two days, so a backup exists; returns (file, its bytes, backup)."""
    data_file = folder / "netplan.json"
    with Store.open(data_file, clock=DAY_1) as store:
        load_demo(store)
    with Store.open(data_file, clock=DAY_2) as store:
        store.insert(Goal(title="Second day"))
    newest = backups.newest_backup(data_file)
    assert newest is not None
    return data_file, data_file.read_bytes(), newest


def corrupt_variants(good: bytes, seed: int = 20261124) -> dict[str, bytes]:
    rng = random.Random(seed)
    variants: dict[str, bytes] = {}
    for offset in sorted(rng.sample(range(0, len(good) - 1), 50)):  # never the whole file
        variants[f"truncated at {offset}"] = good[:offset]
    for n, tail in enumerate(
        [b"\x00", b"garbage", b"}", b"]", b",", b"{}", good, b'{"meta": {}}', b"\n\n\x1b[2J", b"\xff\xfe"]
    ):
        variants[f"garbage appended {n}"] = good + tail
    for n, size in enumerate([0, 1, 7, 4096, len(good)]):
        variants[f"zero bytes {n}"] = b"\x00" * size
    variants["whitespace only"] = b" \n\t\r\n"
    for n in range(12):
        variants[f"binary {n}"] = rng.randbytes(rng.randint(1, 5000))
    variants["gzip of the file"] = b"\x1f\x8b\x08\x00" + rng.randbytes(100)
    variants["utf-16 of the file"] = good.decode().encode("utf-16")
    variants["invalid utf-8 in a string"] = good.replace(b'"Second day"', b'"Second \xc3\x28day"')
    variants["nested too deep"] = b"[" * 5000 + b"]" * 5000
    wrong_shapes: list[object] = [
        [],
        [1, 2],
        {},
        0,
        3.5,
        "netplan",
        None,
        True,
        {"meta": []},
        {"meta": {"1": []}},
        {"meta": {"1": {}}},
        {"meta": {"1": {"schema_version": "1"}}},
        {"meta": {"1": {"schema_version": None}}},
        {"meta": {"1": {"schema_version": -3}}},
        {"meta": {"1": {"schema_version": 1}}, "people": []},
        {"meta": {"1": {"schema_version": 1}}, "people": {"1": "Ann"}},
        {"meta": {"1": {"schema_version": 1}}, "people": {"one": {"name": "Ann"}}},
        {"meta": {"1": {"schema_version": 1}}, "people": {"-1": {"name": "Ann"}}},
        {"meta": {"1": {"schema_version": 1}}, "goals": None},
        {"_default": {"1": {"title": "a TinyDB file of another program"}}},
        {"goals": {"1": {"title": "no meta"}}},
        {"meta": {"2": {"schema_version": 1}}},
    ]
    for n, shape in enumerate(wrong_shapes):
        variants[f"wrong shape {n}"] = orjson.dumps(shape)
    tables = orjson.loads(good)
    for version in [schema.SCHEMA_VERSION + 1, schema.SCHEMA_VERSION + 2, 99, 10**6, 2**62]:
        newer = dict(tables)
        newer["meta"] = {"1": {**tables["meta"]["1"], "schema_version": version}}
        variants[f"newer schema {version}"] = orjson.dumps(newer)
    return variants


def test_every_corrupt_variant_is_refused_untouched_naming_the_newest_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file, good, newest = _good_file(tmp_path)
    variants = corrupt_variants(good)
    assert len(variants) >= 100
    before_folder = sorted(p.name for p in tmp_path.rglob("*"))
    for name, payload in variants.items():
        data_file.write_bytes(payload)
        for command in (["check"], ["check", "--json"], ["add", "goal", "X"]):
            code = main([*command, "--db", str(data_file)])
            out, err = capsys.readouterr()
            assert code == 3, f"{name}: {command} exited {code}"
            assert out == "", f"{name}: {command} printed {out!r}"
            lines = err.splitlines()
            assert len(lines) == 1 and lines[0].startswith("netplan: "), f"{name}: {err!r}"
            assert str(data_file) in lines[0], f"{name}: the message does not name the file"
            assert str(newest) in lines[0], f"{name}: the message does not name the newest backup"
            assert "\x1b" not in lines[0] and "\x00" not in lines[0], f"{name}: raw bytes echoed"
        assert data_file.read_bytes() == payload, f"{name}: the file was touched"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before_folder  # nothing new beside it
    assert backups.newest_backup(data_file) == newest

    # the backup named in the message is a good file: putting it back makes netplan work again
    shutil.copyfile(newest, data_file)
    assert main(["check", "--db", str(data_file)]) == 0
    assert main(["add", "goal", "After the restore", "--db", str(data_file)]) == 0


@pytest.mark.parametrize("name", ["truncated", "binary", "wrong shape", "newer schema"])
def test_the_installed_command_refuses_the_same_way(tmp_path: Path, name: str) -> None:
    data_file, good, newest = _good_file(tmp_path)
    payload = next(p for n, p in corrupt_variants(good).items() if n.startswith(name))
    data_file.write_bytes(payload)
    for command in (["check"], ["add", "goal", "X"]):
        result = run_netplan(*command, "--db", str(data_file))
        assert result.returncode == 3 and result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and str(data_file) in lines[0] and str(newest) in lines[0], result.stderr
    assert data_file.read_bytes() == payload
