"""Add or edit an event (rules ARRIVE-EARLY, KNOW-THE-ROOM, SPECIFIC-ASK).

A RecordForm whose speakers and people-to-meet fields are multi-line: one ``Name — topic`` (or
``Name — why``) per line. Errors show inline naming the field (end before start, arrive-early out of
range, a speaker with no name, an unknown person to meet) and keep everything typed.
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import TextArea

from netplan.events.lines import event_from_form, form_values, unknown_targets
from netplan.events.model import ARRIVE_EARLY_MINUTES, Event
from netplan.events.saved import save_event
from netplan.store.store import Store
from netplan.targets.model import Goal, Person, Venue
from screens.common.new_people import offer_new_people
from screens.common.record_form import FormField, RecordForm
from screens.common.safe_input import SafeTextArea

LINE_FIELDS = ("speakers", "targets")  # multi-line text areas


class EventForm(RecordForm):
    def __init__(self, store: Store, event: Event | None = None) -> None:
        self.original = event
        venues: list[tuple[str, int]] = [("(no venue)", 0), *((v.name, v.id) for v in store.all(Venue))]
        goals = [(goal.title, goal.id) for goal in store.all(Goal)]
        fields = [
            FormField("title", "Event", placeholder="e.g. Staff+ Engineering Meetup: platform teams"),
            FormField("venue_id", "Venue", "choice", venues),
            FormField("date", "Date (YYYY-MM-DD)"),
            FormField("start", "Starts (HH:MM)", placeholder="18:30"),
            FormField("end", "Ends (HH:MM)", placeholder="21:00, or YYYY-MM-DD HH:MM"),
            FormField("tz", "Time zone", placeholder="e.g. Europe/Berlin"),
            FormField("arrive_early_minutes", "Arrive early (minutes)", placeholder="rule ARRIVE-EARLY: 20"),
            FormField("speakers", "Speakers", placeholder="one per line: Name — topic"),
            FormField("targets", "People to meet", placeholder="one per line: Name — why (2 or 3)"),
            FormField("goal_ids", "Goals it serves", "multi", goals),
            FormField("ask", "My one specific ask", placeholder="name the person and the action"),
        ]
        if event is not None:
            initial = form_values(store, event)
        else:
            tomorrow = store.clock.today().add(days=1)
            initial = {
                "venue_id": 0,
                "date": tomorrow.isoformat(),
                "start": "18:30",
                "end": "20:30",
                "tz": store.clock.tz.name,
                "arrive_early_minutes": str(ARRIVE_EARLY_MINUTES),
                "goal_ids": [],
            }
        super().__init__(store, "Edit event" if event else "New event", fields, initial)

    def _widget_for(self, spec: FormField) -> Widget:
        if spec.name in LINE_FIELDS:
            text = str(self.initial.get(spec.name) or "")
            widget_id = f"field-{spec.name}"
            return SafeTextArea(text, id=widget_id, placeholder=spec.placeholder, classes="form-lines")
        return super()._widget_for(spec)

    def values(self) -> dict[str, Any]:
        values = super().values()
        for name in LINE_FIELDS:
            values[name] = self.query_one(f"#field-{name}", TextArea).text
        return values

    def action_save(self) -> None:
        """Names in "People to meet" that nobody has are offered as new people (issue 15)."""
        missing = unknown_targets(self.store, self.values()["targets"])
        if not missing:
            self.save_with()
            return

        def add_people() -> None:
            for name in missing:
                self.store.insert(Person(name=name))

        offer_new_people(
            self,
            missing,
            "the event",
            lambda: self.save_with(add_people),
            self.query_one("#field-targets").focus,
        )

    def build(self, values: dict[str, Any]) -> Event:
        return event_from_form(self.store, values, self.original)

    def persist(self, record: Any) -> Event:
        assert isinstance(record, Event)
        return save_event(self.store, record)
