"""User settings stored in the data file (the settings screen edits them), with their defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netplan.core.errors import ValidationError
from netplan.store.store import Store

DEFAULT_TARGET_CAP = 15  # rule SMALL-LIST
DEFAULT_DORMANT_MONTHS = 12  # rule RECONNECT-FIRST
# rule ALWAYS-RESPOND: an imported LinkedIn message or invitation note this recent still wants a reply.
DEFAULT_REPLY_WINDOW_DAYS = 30
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Settings:
    target_cap: int = DEFAULT_TARGET_CAP
    week_start: int = 0  # Monday
    dormant_months: int = DEFAULT_DORMANT_MONTHS
    sync_calendar: str = ""  # `netplan sync`: the calendar folder netplan keeps ("" = none saved)
    sync_contacts: str = ""  # `netplan sync`: the contacts folder it reads
    reply_window_days: int = DEFAULT_REPLY_WINDOW_DAYS

    def validated(self) -> Settings:
        for name, value, low, high in (
            ("target_cap", self.target_cap, 1, 500),
            ("week_start", self.week_start, 0, 6),
            ("dormant_months", self.dormant_months, 1, 120),
            ("reply_window_days", self.reply_window_days, 1, 365),
        ):
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise ValidationError(name, f"must be a whole number from {low} to {high}")
        for name, folder in (("sync_calendar", self.sync_calendar), ("sync_contacts", self.sync_contacts)):
            if folder and not Path(folder).expanduser().is_absolute():
                raise ValidationError(name, "must be a full path (starting with / or ~)")
        if self.sync_calendar and self.sync_calendar == self.sync_contacts:
            raise ValidationError("sync_contacts", "must be another folder than the calendar's")
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
        sync_calendar=str(store.setting("sync_calendar", "") or ""),
        sync_contacts=str(store.setting("sync_contacts", "") or ""),
        reply_window_days=int(store.setting("reply_window_days", DEFAULT_REPLY_WINDOW_DAYS)),
    )


def save_settings(store: Store, settings: Settings) -> None:
    clean = settings.validated()
    with store.transaction():
        store.set_setting("target_cap", clean.target_cap)
        store.set_setting("week_start", clean.week_start)
        store.set_setting("dormant_months", clean.dormant_months)
        store.set_setting("sync_calendar", clean.sync_calendar.strip())
        store.set_setting("sync_contacts", clean.sync_contacts.strip())
        store.set_setting("reply_window_days", clean.reply_window_days)


# What the last `netplan sync` that changed anything did (netplan.interchange.sync writes it in the
# sync's transaction); a sync with nothing new writes nothing, not even this.
SYNC_STATE_SETTING = "last_sync"
_SYNC_COUNTS = (
    ("closed", "to-do closed", "to-dos closed"),
    ("added", "person added", "people added"),
    ("updated", "person updated", "people updated"),
    ("written", "file written", "files written"),
    ("removed", "file removed", "files removed"),
    ("skipped", "file skipped", "files skipped"),
)


def last_sync_line(store: Store) -> str:
    """One line for the planner: when the last sync changed something, and what came back."""
    state: Any = store.setting(SYNC_STATE_SETTING)
    if not isinstance(state, dict) or not isinstance(state.get("at"), str):
        return "Last sync: none yet (netplan sync)"
    parts = []
    for key, one, many in _SYNC_COUNTS:
        count = state.get(key)
        if isinstance(count, int) and count > 0:
            parts.append(f"{count} {one if count == 1 else many}")
    when = state["at"][:16].replace("T", " ")
    return f"Last sync: {when}: {', '.join(parts) or 'nothing new'}"
