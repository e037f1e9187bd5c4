"""A fixed schedule data set for the invite and planning tests (clock: Tue 2026-11-24 09:30 Berlin).

Weeks start on Monday. Slots start the week of Monday 2026-10-05; the intent
``{"coffee": 2, "group meeting": 1}`` is set from the week of 2026-10-26:

- Climate Product Circle, group meeting, Thursdays 18:30, skipped on 2026-10-29;
- Coffee with a climate contact, Tuesdays 08:00-08:30, Priya booked every Tuesday 10-06 .. 11-24;
- Coffee with Marcus, Fridays 08:00, Marcus standing;
- Research lunch, every 2 weeks on Wednesdays from 10-07, never booked (not held);
- Outreach block, Mondays 16:00;
- Open coffee, a one-off on Thursday 2026-11-26 08:00, nobody booked yet.

So the week of 10-26 missed the group meeting, 11-02, 11-09 and 11-16 met the intent, and the
current week has held one coffee so far.
"""

from __future__ import annotations

from datetime import date, timedelta

from netplan.schedule.planning import set_weekly_intent
from netplan.schedule.slot import Slot
from netplan.schedule.week import add_slot, mark_held, occurrences
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person


def build(store: Store) -> dict[str, int]:
    ids: dict[str, int] = {}
    with store.transaction():
        climate = store.insert(Goal(title="Move into climate tech"))
        old = store.insert(Goal(title="An old goal", status="achieved"))
        aim = [GoalLink(climate.id, "")]

        def person(name: str, **fields: object) -> None:
            ids[name] = store.insert(Person(name=name, **fields)).id  # type: ignore[arg-type]

        person("Priya Raman", goals=aim, last_touch="2026-11-17T08:30:00+01:00")
        person("Marcus Oyelaran", last_touch="2026-09-01T10:00:00+02:00")  # overdue, but on Friday
        person("Ravi Shah", goals=aim, last_touch="2026-10-01T10:00:00+02:00")  # due 10-31
        person("Chen Wei", cadence_days=14, last_touch="2026-11-01T12:00:00+01:00")  # due 11-15
        person("Lena Fischer", goals=aim, last_touch="2026-10-30T09:00:00+01:00")  # due 11-29
        person("Aisha Bello", goals=aim, last_touch="2026-11-20T09:00:00+01:00")  # due 12-20
        person("Tomás Varga", goals=aim)  # never touched
        person("Sofia Mendes", goals=aim, last_touch="2026-11-23T10:00:00+01:00")  # a step this week
        person("Daniel Okafor", goals=aim, parked=True, last_touch="2026-01-01T10:00:00+01:00")
        person("Hiring managers", kind="type", goals=aim, last_touch="2026-01-01T10:00:00+01:00")
        person("Jonas Weber", goals=[GoalLink(old.id, "")])  # only an achieved goal

        def slot(name: str, **fields: object) -> Slot:
            values: dict[str, object] = {"tz": "Europe/Berlin", "start_date": "2026-10-05"}
            values.update(fields)
            made = add_slot(store, Slot(**values))  # type: ignore[arg-type]
            ids[name] = made.id
            return made

        slot(
            "circle",
            kind="group meeting",
            title="Climate Product Circle",
            weekday=3,
            time="18:30",
            duration_minutes=90,
            skipped_dates=["2026-10-29"],
        )
        tuesdays = [date(2026, 10, 6) + timedelta(weeks=i) for i in range(8)]
        slot(
            "coffee",
            kind="coffee",
            title="Coffee with a climate contact",
            weekday=1,
            time="08:00",
            bookings={day.isoformat(): ids["Priya Raman"] for day in tuesdays},
        )
        slot(
            "marcus",
            kind="coffee",
            title="Coffee with Marcus",
            weekday=4,
            time="08:00",
            person_id=ids["Marcus Oyelaran"],
        )
        slot(
            "lunch",
            kind="lunch",
            title="Research lunch",
            weekday=2,
            time="12:30",
            duration_minutes=60,
            every_weeks=2,
        )
        slot(
            "outreach", kind="outreach block", title="Outreach", weekday=0, time="16:00", duration_minutes=45
        )
        slot("open", kind="coffee", title="Open coffee", time="08:00", start_date="2026-11-26", one_off=True)
        set_weekly_intent(store, date(2026, 10, 26), {"coffee": 2, "group meeting": 1})
        confirm_what_happened(store)
    return ids


def confirm_what_happened(store: Store) -> None:
    """The user confirmed (`h`) every past occurrence that had someone booked or needed no one: the
    planning counts what the user says happened, not what was booked (issue 15)."""
    alone = ("group meeting", "event", "outreach block")
    now = store.clock.now()
    for occ in occurrences(store, date(2026, 1, 1), now.date()):
        if occ.end <= now and (occ.person_id is not None or occ.slot.kind in alone):
            mark_held(store, occ.slot.id, occ.date)
