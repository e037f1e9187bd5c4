"""Settings, stored in the data file: the active-target cap (rule SMALL-LIST), week start, dormancy,
and how recent an imported LinkedIn message must be to still want a reply (rule ALWAYS-RESPOND)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from netplan.core.errors import ValidationError
from netplan.core.text import safe_text
from netplan.store.settings import WEEKDAYS, Settings, last_sync_line, load_settings, save_settings
from netplan.store.store import Store
from screens.common.record_form import FormField, RecordForm


def _whole(field: str, value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a whole number") from None


class SettingsForm(RecordForm):
    def __init__(self, store: Store) -> None:
        current = load_settings(store)
        fields = [
            FormField("target_cap", "Active targets, at most", placeholder="15"),
            FormField("week_start", "Weeks start on", "choice", [(day, i) for i, day in enumerate(WEEKDAYS)]),
            FormField("dormant_months", "Dormant after (months)", placeholder="12"),
            FormField("sync_calendar", "Calendar folder (sync)", placeholder="~/.calendars/netplan"),
            FormField("sync_contacts", "Contacts folder (sync)", placeholder="~/.contacts/default"),
            FormField("reply_window_days", "LinkedIn replies due for (days)", placeholder="30"),
        ]
        initial = {
            "target_cap": current.target_cap,
            "week_start": current.week_start,
            "dormant_months": current.dormant_months,
            "sync_calendar": current.sync_calendar,
            "sync_contacts": current.sync_contacts,
            "reply_window_days": current.reply_window_days,
        }
        super().__init__(store, "Settings", fields, initial)

    def build(self, values: dict[str, Any]) -> Settings:
        return Settings(
            target_cap=_whole("target_cap", values["target_cap"]),
            week_start=int(values["week_start"]),
            dormant_months=_whole("dormant_months", values["dormant_months"]),
            sync_calendar=str(values["sync_calendar"]).strip(),
            sync_contacts=str(values["sync_contacts"]).strip(),
            reply_window_days=_whole("reply_window_days", values["reply_window_days"]),
        ).validated()

    def set_up_fields(self) -> None:
        # `netplan sync` runs outside the planner (a timer); what it last did is shown with its folders.
        line = Static(Text(safe_text(last_sync_line(self.store)), style="dim"), id="settings-last-sync")
        self.query_one("#form").mount(line, before="#form-error")

    def persist(self, record: Any) -> Any:
        assert isinstance(record, Settings)
        save_settings(self.store, record)
        return record
