"""Long reliability variants (marker `long`) run only when NETPLAN_LONG_TESTS=1 (.ci/run sets it),
so the default `make test` stays fast."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("NETPLAN_LONG_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="long variant: set NETPLAN_LONG_TESTS=1 (.ci/run does)")
    for item in items:
        if "long" in item.keywords:
            item.add_marker(skip)
