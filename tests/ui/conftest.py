"""Pilot fixtures: an app on a temporary data file with the fixed clock, closed afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from netplan.core.clock import FixedClock
from netplan.store.store import Store
from screens.app import NetplanApp, make_app

SIZE = (160, 45)

AppFactory = Callable[..., NetplanApp]


@pytest.fixture
def open_app(data_file: Path, clock: FixedClock) -> Iterator[AppFactory]:
    """open_app(demo=False) -> a NetplanApp on the test data file (stores closed at teardown)."""
    opened: list[Store] = []

    def factory(*, demo: bool = False) -> NetplanApp:
        store = Store.open(data_file, clock=clock)
        opened.append(store)
        if demo:
            from netplan.demo.load import load_demo

            load_demo(store)
        return make_app(store)

    yield factory
    for store in opened:
        store.close()
