"""This week's intent: how many of each kind you mean to hold (rules ALWAYS-ON, FORMAL-AND-INFORMAL).

Saved per week with netplan.schedule.planning.set_weekly_intent; it carries forward to later weeks until
changed. Each kind is a field; a bad count is named ("coffee: must be between 0 and 50").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netplan.schedule.planning import set_weekly_intent, weekly_intent
from netplan.schedule.slot import SLOT_KINDS
from netplan.store.store import Store
from screens.common.record_form import FormField, RecordForm


def field_name(kind: str) -> str:
    """A kind as a form field name (widget ids have no spaces): "group meeting" -> "group_meeting"."""
    return kind.replace(" ", "_")


class IntentForm(RecordForm):
    """Returns the saved intent (a dict, maybe empty) or None when cancelled."""

    def __init__(self, store: Store, week_start: date) -> None:
        self.week_start = week_start
        current = weekly_intent(store, week_start)
        fields = [FormField(field_name(kind), kind.capitalize(), placeholder="0") for kind in SLOT_KINDS]
        initial = {field_name(kind): str(current.get(kind, 0)) for kind in SLOT_KINDS}
        heading = f"Intent for the week of {week_start.day} {week_start:%b %Y} (and later weeks)"
        super().__init__(store, heading, fields, initial)

    def build(self, values: dict[str, Any]) -> dict[str, object]:
        return {kind: values[field_name(kind)].strip() or "0" for kind in SLOT_KINDS}

    def persist(self, record: Any) -> Any:
        assert isinstance(record, dict)
        return set_weekly_intent(self.store, self.week_start, record)

    def show_error(self, field: str, message: str) -> None:
        # netplan.schedule.planning names a count "intent.group meeting": point at that kind's field.
        kind = field.removeprefix("intent.")
        super().show_error(field_name(kind) if kind in SLOT_KINDS else field, message)
