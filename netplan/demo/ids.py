"""The ids the demo has loaded so far, for sections that refer to earlier ones."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DemoIds:
    """Ids of what the demo has loaded so far, for sections that refer to it."""

    goals: dict[str, int] = field(default_factory=dict)  # by key
    people: dict[str, int] = field(default_factory=dict)  # by name
    venues: dict[str, int] = field(default_factory=dict)  # by name
