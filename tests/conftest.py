"""Shared fixtures: a fixed clock, a temporary data file, and the developer's own data kept out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netplan.clock import FixedClock
from netplan.store import Store

# Tuesday 2026-11-24 09:30 in Berlin: every test that needs "now" uses this.
FIXED_NOW = "2026-11-24T09:30:00"
FIXED_TZ = "Europe/Berlin"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's real data file: $NETPLAN_DB and XDG point into tmp_path."""
    monkeypatch.setenv("NETPLAN_DB", str(tmp_path / "default" / "netplan.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FIXED_NOW, tz=FIXED_TZ)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "netplan.json"


@pytest.fixture
def store(data_file: Path, clock: FixedClock) -> Iterator[Store]:
    opened = Store.open(data_file, clock=clock)
    yield opened
    opened.close()
