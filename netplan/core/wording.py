"""User-facing wording kept in data/ (the ask ladder, the coach's messages, outreach templates).

The files are project data, read once; ``fill`` puts values into a wording's {placeholders}. Values
are inserted literally (str.format_map never re-reads them), and a placeholder with no value shows
as a bracketed blank, e.g. "[how met]", which the PERSONAL check then asks the user to fill in.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import orjson

from netplan.core.paths import DATA_DIR


@cache
def wording(name: str) -> dict[str, Any]:
    """The parsed data/<name>.json (cached: the files ship with netplan and do not change at run time)."""
    data: dict[str, Any] = orjson.loads((DATA_DIR / f"{name}.json").read_bytes())
    return data


class _Blanks(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return blank(key)


def blank(key: str) -> str:
    """How a missing value shows in a draft: "[how met]"."""
    return f"[{key.replace('_', ' ')}]"


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with its {placeholders} filled from ``values``; an empty or missing value is a blank."""
    return template.format_map(_Blanks({key: value for key, value in values.items() if value}))
