"""Add or edit a schedule entry (a slot): a series every N weeks, or a one-off on a date.

rules ALWAYS-ON and FORMAL-AND-INFORMAL: standing time for coffees, lunches, group meetings, events
and outreach blocks. The Slot model validates and names the field (end before start, duration 0,
Feb 30, a time in a DST gap, every 0 weeks, an unknown zone); the form shows the error beside that
field and saves nothing. A one-off date, when given, makes a single entry on that day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from textual import work
from textual.message import Message
from textual.widgets import Input

from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import one_line
from netplan.notes.log import match_person
from netplan.schedule.slot import MONTH_WEEKS, SLOT_KINDS, WEEKDAYS, Slot
from netplan.schedule.week import add_slot, update_slot
from netplan.store.store import Store
from netplan.targets.model import Person, Venue
from screens.common.record_form import FormField, RecordForm
from screens.common.safe_input import SafeSuggestions

NOBODY = 0  # the Select's "nobody / nowhere" value (a Slot reads 0 as no id)


def whole_number(field: str, text: str) -> int:
    """The typed number; the Slot model checks its range and names the field."""
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationError(field, f"{text.strip()!r} is not a whole number") from None


def person_names(store: Store) -> list[str]:
    """Named, active people, for completing the "With" field (read in a worker: 2,000 people)."""
    return sorted((p.name for p in store.all(Person) if not p.is_type and not p.parked), key=str.casefold)


def person_id_for(store: Store, name: str) -> int | None:
    """The person called ``name`` (exact, or the one name containing it); blank is nobody."""
    if not name.strip():
        return None
    try:
        return match_person(store, name).id
    except NotFoundError:
        raise ValidationError("person", f"no person named {name.strip()!r}; add them first (p)") from None


def venue_options(store: Store) -> list[tuple[str, int]]:
    venues = sorted(store.all(Venue), key=lambda venue: venue.name.casefold())
    return [("— no venue", NOBODY), *((f"{one_line(v.name, 60)} ({v.kind})", v.id) for v in venues)]


WEEKLY = 0  # the "Or monthly" choice for a weekly series
# "the first Tuesday of the month" (the Weekday field names the day); not "every 4 weeks" (issue 15).
MONTHLY_CHOICES = [
    ("no: every N weeks", WEEKLY),
    *((f"the {name} weekday of the month", number) for number, name in MONTH_WEEKS.items()),
]


class SlotForm(RecordForm):
    def __init__(self, store: Store, slot: Slot | None = None, *, day: date | None = None) -> None:
        self.original = slot
        fields = [
            FormField("title", "Title", placeholder="e.g. Coffee with a climate contact"),
            FormField("kind", "Kind", "choice", [(kind, kind) for kind in SLOT_KINDS]),
            FormField("weekday", "Weekday", "choice", [(name, i) for i, name in enumerate(WEEKDAYS)]),
            FormField("time", "Time (HH:MM)", placeholder="24-hour, e.g. 08:30"),
            FormField("duration_minutes", "Duration (minutes)", placeholder="e.g. 45"),
            FormField("tz", "Time zone", placeholder=f"IANA name; blank: {store.clock.tz.name}"),
            FormField("every_weeks", "Every N weeks", placeholder="1 = weekly, 2 = fortnightly"),
            FormField("month_week", "Or monthly", "choice", MONTHLY_CHOICES),
            FormField("start_date", "Starts (YYYY-MM-DD)"),
            FormField("end_date", "Ends (YYYY-MM-DD)", placeholder="optional: the last day it may fall on"),
            FormField("one_off_date", "One-off date", placeholder="a single entry on YYYY-MM-DD"),
            FormField("person", "With", placeholder="a name (→ completes it); blank: nobody in particular"),
            FormField("venue_id", "Where", "choice", venue_options(store)),
        ]
        if slot is None:
            first = day or store.clock.today()
            initial: dict[str, Any] = {
                "kind": SLOT_KINDS[0],
                "weekday": first.weekday(),
                "time": "08:30",
                "duration_minutes": "30",
                "tz": store.clock.tz.name,
                "every_weeks": "1",
                "month_week": WEEKLY,
                "start_date": first.isoformat(),
                "venue_id": NOBODY,
            }
        else:
            initial = {
                "kind": slot.kind,
                "title": slot.title,
                "weekday": slot.weekday,
                "time": slot.time,
                "duration_minutes": str(slot.duration_minutes),
                "tz": slot.tz,
                "every_weeks": str(slot.every_weeks),
                "month_week": slot.month_week or WEEKLY,
                "start_date": "" if slot.one_off else slot.start_date,
                "end_date": slot.end_date or "",
                "one_off_date": slot.start_date if slot.one_off else "",
                "person": self._name_of(store, slot.person_id),
                "venue_id": slot.venue_id or NOBODY,
            }
        super().__init__(store, "Edit the series" if slot else "New schedule entry", fields, initial)

    def build(self, values: dict[str, Any]) -> Slot:
        one_off_date = values["one_off_date"].strip()
        base = self.original or Slot(kind=SLOT_KINDS[0], title="")
        return replace(
            base,
            kind=values["kind"],
            title=values["title"],
            weekday=int(values["weekday"]),
            time=values["time"].strip(),
            duration_minutes=whole_number("duration_minutes", values["duration_minutes"]),
            tz=values["tz"].strip(),
            every_weeks=whole_number("every_weeks", values["every_weeks"] or "1"),
            month_week=values["month_week"] or None,
            start_date=one_off_date or values["start_date"].strip(),
            end_date=None if one_off_date else values["end_date"].strip() or None,
            one_off=bool(one_off_date),
            person_id=person_id_for(self.store, values["person"]),
            venue_id=values["venue_id"] or None,
        )

    def persist(self, record: Any) -> Any:
        assert isinstance(record, Slot)
        return update_slot(self.store, record) if record.id else add_slot(self.store, record)

    def show_error(self, field: str, message: str) -> None:
        # A one-off's date is its start date: point at the field the user filled in.
        if field == "start_date" and self.values().get("one_off_date", "").strip():
            field = "one_off_date"
        super().show_error("person" if field == "person_id" else field, message)

    @staticmethod
    def _name_of(store: Store, person_id: int | None) -> str:
        person = store.get(Person, person_id) if person_id else None
        return person.name if person else ""

    @dataclass
    class Names(Message):
        """The worker's list of people to complete the "With" field from."""

        names: list[str]

    def set_up_fields(self) -> None:
        self._load_names()

    @work(thread=True, exclusive=True)
    def _load_names(self) -> None:
        self.post_message(self.Names(person_names(self.store)))

    def on_slot_form_names(self, event: SlotForm.Names) -> None:
        self.query_one("#field-person", Input).suggester = SafeSuggestions(event.names)
