"""User settings stored in the data file (the settings screen edits them), with their defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netplan.core.errors import ValidationError
from netplan.store.store import Store

DEFAULT_TARGET_CAP = 15  # rule SMALL-LIST
DEFAULT_DORMANT_MONTHS = 12  # rule RECONNECT-FIRST
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Settings:
    target_cap: int = DEFAULT_TARGET_CAP
    week_start: int = 0  # Monday
    dormant_months: int = DEFAULT_DORMANT_MONTHS

    def validated(self) -> Settings:
        for name, value, low, high in (
            ("target_cap", self.target_cap, 1, 500),
            ("week_start", self.week_start, 0, 6),
            ("dormant_months", self.dormant_months, 1, 120),
        ):
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise ValidationError(name, f"must be a whole number from {low} to {high}")
        return self


def settings_problems(stored: dict[str, Any]) -> list[str]:
    """What is wrong with the stored settings (``target_cap: "banana"``), one line each."""
    problems = []
    for name, default in (
        ("target_cap", DEFAULT_TARGET_CAP),
        ("week_start", 0),
        ("dormant_months", DEFAULT_DORMANT_MONTHS),
    ):
        try:
            Settings(**{name: stored.get(name, default)}).validated()
        except ValidationError as exc:
            problems.append(f"settings {exc}")
    return problems


def load_settings(store: Store) -> Settings:
    return Settings(
        target_cap=int(store.setting("target_cap", DEFAULT_TARGET_CAP)),
        week_start=int(store.setting("week_start", 0)),
        dormant_months=int(store.setting("dormant_months", DEFAULT_DORMANT_MONTHS)),
    )


def save_settings(store: Store, settings: Settings) -> None:
    clean = settings.validated()
    with store.transaction():
        store.set_setting("target_cap", clean.target_cap)
        store.set_setting("week_start", clean.week_start)
        store.set_setting("dormant_months", clean.dormant_months)
