"""netplan/ never imports textual (DESIGN.md: arrows point one way); the non-TUI CLI runs without it.

Each check runs in a fresh subprocess: in the test process other tests may already have imported
textual, which would hide a leak.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from tests.processes import REPO

WALK_ALL = """
import importlib, pkgutil, sys, orjson
import netplan
names = ["netplan"]
for info in pkgutil.walk_packages(netplan.__path__, "netplan."):
    importlib.import_module(info.name)
    names.append(info.name)
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(orjson.dumps({"imported": names, "leaked": leaked}).decode())
"""

# Runs the real CLI entry point, then reports whether textual was loaded by the time it exits.
CLI_WRAPPER = """
import sys, orjson
from netplan.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as done:
    code = done.code
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(orjson.dumps({"code": code, "leaked": leaked}).decode())
"""


def _run(code: str, *args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = orjson.loads(result.stdout.strip().splitlines()[-1])
    return report


def test_importing_every_netplan_module_leaves_textual_out() -> None:
    report = _run(WALK_ALL)
    imported = report["imported"]
    assert isinstance(imported, list)
    # the walk really covered the package, subpackages included
    for module in ("netplan.store.store", "netplan.store.storage", "netplan.cli", "netplan.commands.check"):
        assert module in imported
    expected = {p.stem for p in (REPO / "netplan").rglob("*.py") if p.stem != "__init__"}
    assert {name.split(".")[-1] for name in imported} >= expected
    assert report["leaked"] == []


def test_check_and_add_run_without_importing_textual(tmp_path: Path) -> None:
    data_file = str(tmp_path / "netplan.json")
    for argv in (
        ["init", "--demo", "--db", data_file],
        ["add", "goal", "Meet five climate PMs", "--db", data_file],
        ["add", "person", "Ann", "--goal", "Meet five climate PMs", "--db", data_file],
        ["check", "--db", data_file],
        ["check", "--json", "--db", data_file],
        ["--help"],
    ):
        report = _run(CLI_WRAPPER, *argv)
        assert report == {"code": 0, "leaked": []}, argv


def test_the_wrapper_would_notice_textual() -> None:
    """Guard against a check that cannot fail: importing textual is seen."""
    report = _run("import textual\n" + CLI_WRAPPER, "--version")
    leaked = report["leaked"]
    assert isinstance(leaked, list) and "textual" in leaked


# Which subcommand modules the real CLI entry point loaded (issue 17: a command pays for its own).
COMMANDS_WRAPPER = """
import sys, orjson
from netplan.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.startswith("netplan.commands."))
print(orjson.dumps({"code": code, "loaded": loaded}).decode())
"""


def test_a_subcommand_imports_only_its_own_module(tmp_path: Path) -> None:
    from netplan.commands import COMMANDS

    data_file = str(tmp_path / "netplan.json")
    assert _run(CLI_WRAPPER, "init", "--demo", "--db", data_file)["code"] == 0
    report = _run(COMMANDS_WRAPPER, "agenda", "--db", data_file)
    assert report["code"] == 0
    loaded = report["loaded"]
    assert isinstance(loaded, list) and "netplan.commands.agenda" in loaded
    others = {f"netplan.commands.{module}" for name, module in COMMANDS.items() if name != "agenda"}
    assert others.isdisjoint(loaded), loaded


def test_help_still_lists_every_subcommand() -> None:
    from netplan.commands import COMMANDS

    result = subprocess.run(
        [sys.executable, "-m", "netplan.cli", "--help"], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    for name in COMMANDS:
        assert f"    {name} " in result.stdout or f"    {name}\n" in result.stdout, name
