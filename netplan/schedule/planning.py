"""The weekly planning session's figures, as pure functions of the store (rule ALWAYS-ON).

Definitions (the planning screen shows these; tests pin them):

- **Intent**: how many entries of each kind you mean to hold in a week, e.g. ``{"coffee": 2,
  "group meeting": 1}``. Stored per week in the setting ``weekly_intent``, keyed by the ISO date
  of the week's first day. A week without its own intent carries forward the latest earlier one,
  so setting it once holds until you change it.
- **Planned**: the occurrences of the week that are not skipped, counted by kind.
- **Held**: what happened, not what was booked (issue 15): a logged conversation of the week (coffee,
  call and video count as coffee, lunch as lunch, event as event; an email is not a meeting), or an
  occurrence the user confirmed as held (``mark_held``, `h` in the Week pane). A booked coffee whose
  time passed was not necessarily held. A confirmed occurrence and a conversation with the same
  person on the same day count once.
- **Met**: a week met its intent when, for every kind in the intent, held >= intended. A week with
  no intent (or only zeros) has ``met = None``: it neither meets nor counts.
- **Streak**: consecutive weeks that met their intent, counting back from last week; the current
  week is added when it has already met its intent (it is never held against you while under way).

rule ALWAYS-ON: these figures count every week the same way, job search or not; nothing here
looks at whether a search is on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from pendulum.tz.timezone import Timezone

from netplan.core import moments
from netplan.core.errors import ValidationError
from netplan.notes.model import Conversation
from netplan.schedule.invite import is_invitable, last_touch
from netplan.schedule.slot import SLOT_KINDS
from netplan.schedule.week import Occurrence, occurrences, this_week, week_containing, week_start_weekday
from netplan.store.store import Store
from netplan.targets.cadence import due_day
from netplan.targets.model import Person
from netplan.targets.stage import stages_for

INTENT_SETTING = "weekly_intent"
CHART_WEEKS = 12
MAX_INTENT_PER_KIND = 50
MAX_STREAK_WEEKS = 520  # how far back a streak is followed (ten years)


# intent ------------------------------------------------------------------------------------------


def _stored_intents(store: Store) -> dict[str, dict[str, int]]:
    stored = store.setting(INTENT_SETTING, {})
    return stored if isinstance(stored, dict) else {}


def week_key(week_start: date) -> date:
    """The Monday of the ISO week holding the week's middle day: the same week whichever day it starts
    on (Sunday 22 Nov and Monday 23 Nov 2026 both give 23 Nov), so an intent survives a change of the
    week's first day (issue 15)."""
    middle = date(week_start.year, week_start.month, week_start.day) + timedelta(days=3)
    return middle - timedelta(days=middle.weekday())


def _dated(stored: dict[str, dict[str, int]]) -> list[tuple[date, dict[str, int]]]:
    """The stored intents by date, oldest first; a key that is not a date is passed over."""
    found = []
    for key, intent in sorted(stored.items()):
        try:
            found.append((date.fromisoformat(key), intent))
        except ValueError:
            continue
    return found


def _intent_at(stored: dict[str, dict[str, int]], week_start: date) -> dict[str, int]:
    """The intent set for the week starting ``week_start``, else the latest earlier one."""
    key = week_key(week_start)
    by_week = {week_key(day): v for day, v in _dated(stored)}
    earlier = [k for k in by_week if k <= key]
    return dict(by_week[max(earlier)]) if earlier else {}


def weekly_intent(store: Store, week_start: date) -> dict[str, int]:
    """The intent for the week starting ``week_start`` (its own, or carried forward; {} if none)."""
    return _intent_at(_stored_intents(store), week_start)


def clean_intent(intent: dict[str, object]) -> dict[str, int]:
    """Validate an intent: known kinds, whole counts 0..50; zero counts are dropped."""
    clean: dict[str, int] = {}
    for kind, count in intent.items():
        if kind not in SLOT_KINDS:
            raise ValidationError("intent", f"{kind!r} is not a slot kind ({', '.join(SLOT_KINDS)})")
        if isinstance(count, bool) or not isinstance(count, int | str):
            raise ValidationError(f"intent.{kind}", "must be a whole number")
        try:
            number = int(count)
        except ValueError:
            raise ValidationError(f"intent.{kind}", f"{count!r} is not a whole number") from None
        if not 0 <= number <= MAX_INTENT_PER_KIND:
            raise ValidationError(f"intent.{kind}", f"must be between 0 and {MAX_INTENT_PER_KIND}")
        if number:
            clean[kind] = number
    return {kind: clean[kind] for kind in SLOT_KINDS if kind in clean}


def set_weekly_intent(store: Store, week_start: date, intent: dict[str, object]) -> dict[str, int]:
    """Store the intent for one week (it carries forward to later weeks without their own)."""
    clean = clean_intent(intent)
    key = week_key(week_start)
    # One intent per week: one set under another first day of the week is replaced, not kept beside it.
    stored = {day.isoformat(): v for day, v in _dated(_stored_intents(store)) if week_key(day) != key}
    stored[key.isoformat()] = clean
    store.set_setting(INTENT_SETTING, dict(sorted(stored.items())))
    return clean


# one week ----------------------------------------------------------------------------------------


# Which slot kind a logged conversation counts as (None: not a meeting the plan counts).
CONVERSATION_AS_SLOT = {
    "coffee": "coffee",
    "call": "coffee",
    "video": "coffee",
    "lunch": "lunch",
    "event": "event",
}


def is_held(occurrence: Occurrence) -> bool:
    """See the module docstring: the user said it took place (and did not skip it)."""
    return not occurrence.skipped and occurrence.date.isoformat() in occurrence.slot.held_dates


def _held(found: list[Occurrence], conversations: list[Conversation], tz: Timezone) -> Counter[str]:
    held = Counter(occ.slot.kind for occ in found if is_held(occ))
    confirmed = {(occ.date, occ.person_id) for occ in found if is_held(occ) and occ.person_id}
    for conversation in conversations:
        kind = CONVERSATION_AS_SLOT.get(conversation.kind)
        day = moments.local_date(conversation.when, tz)
        if kind and (day, conversation.person_id) not in confirmed:
            held[kind] += 1
    return held


@dataclass(frozen=True)
class WeekFigures:
    """Planned vs. held for one week, against its intent."""

    week_start: date
    intent: dict[str, int]
    planned: dict[str, int]
    held: dict[str, int]
    skipped: int

    @property
    def planned_total(self) -> int:
        return sum(self.planned.values())

    @property
    def held_total(self) -> int:
        return sum(self.held.values())

    @property
    def intended_total(self) -> int:
        return sum(self.intent.values())

    @property
    def met(self) -> bool | None:
        if not self.intended_total:
            return None
        return all(self.held.get(kind, 0) >= count for kind, count in self.intent.items())

    @property
    def short_of_intent(self) -> dict[str, int]:
        """Per kind, how many more would have met the intent (only kinds that fell short)."""
        return {k: n - self.held.get(k, 0) for k, n in self.intent.items() if self.held.get(k, 0) < n}


def _figures(
    week_start: date,
    intent: dict[str, int],
    found: list[Occurrence],
    conversations: list[Conversation],
    tz: Timezone,
) -> WeekFigures:
    planned = Counter(occ.slot.kind for occ in found if not occ.skipped)
    held = _held(found, conversations, tz)
    skipped = sum(1 for occ in found if occ.skipped)
    return WeekFigures(week_start, intent, dict(planned), dict(held), skipped)


def _conversations_between(store: Store, first: date, last: date) -> list[Conversation]:
    """The conversations logged from ``first`` to ``last`` (local days, inclusive) that have happened."""
    start, _ = moments.day_bounds(first, store.clock.tz)
    _, end = moments.day_bounds(last, store.clock.tz)
    end = min(end, store.clock.now().timestamp())
    return store.records_where(Conversation, "when", lambda when: start <= moments.timestamp(when) <= end)


def week_figures(store: Store, week_start: date) -> WeekFigures:
    """Intent, planned and held for the week starting on ``week_start``, as of the clock's now."""
    last = week_start + timedelta(days=6)
    found = occurrences(store, week_start, last, include_skipped=True)
    talks = _conversations_between(store, week_start, last)
    return _figures(week_start, weekly_intent(store, week_start), found, talks, store.clock.tz)


# the consistency record --------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsistencyRecord:
    """Weeks in a row that met their intent, and the last weeks for a chart (oldest first)."""

    streak: int
    weeks: list[WeekFigures]

    @property
    def held_series(self) -> list[int]:
        """Held per week, oldest first: the Sparkline's data."""
        return [week.held_total for week in self.weeks]

    @property
    def met_series(self) -> list[bool | None]:
        return [week.met for week in self.weeks]


def _week_series(
    store: Store, first: date, weeks: int, stored: dict[str, dict[str, int]]
) -> list[WeekFigures]:
    """Figures for ``weeks`` consecutive weeks from ``first``, from one expansion."""
    week_start = week_start_weekday(store)
    by_week: dict[date, list[Occurrence]] = {first + timedelta(weeks=i): [] for i in range(weeks)}
    last_day = first + timedelta(weeks=weeks) - timedelta(days=1)
    for occ in occurrences(store, first, last_day, include_skipped=True):
        by_week.setdefault(week_containing(occ.start.date(), week_start), []).append(occ)
    talks: dict[date, list[Conversation]] = {}
    for conversation in _conversations_between(store, first, last_day):
        day = moments.local_date(conversation.when, store.clock.tz)
        talks.setdefault(week_containing(day, week_start), []).append(conversation)
    tz = store.clock.tz
    return [
        _figures(ws, _intent_at(stored, ws), by_week[ws], talks.get(ws, []), tz)
        for ws in sorted(by_week)[:weeks]
    ]


def consistency(
    store: Store, *, weeks: int = CHART_WEEKS, current_week: date | None = None
) -> ConsistencyRecord:
    """The streak, and the last ``weeks`` weeks up to and including the current one (oldest first)."""
    current = current_week or this_week(store)
    stored = _stored_intents(store)
    series = _week_series(store, current - timedelta(weeks=weeks - 1), weeks, stored)
    streak = 1 if series[-1].met else 0
    earlier = series[:-1]
    for _ in range(MAX_STREAK_WEEKS // CHART_WEEKS):
        for week in reversed(earlier):
            if not week.met:
                return ConsistencyRecord(streak, series)
            streak += 1
        first = earlier[0].week_start if earlier else current
        if not stored or min(stored) >= first.isoformat():
            break  # no intent before this: earlier weeks cannot have met one
        earlier = _week_series(store, first - timedelta(weeks=CHART_WEEKS), CHART_WEEKS, stored)
    return ConsistencyRecord(streak, series)


# the planning session ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonDue:
    """Someone whose stay-in-touch cadence comes due by the end of the week (rule GARDEN)."""

    person: Person
    due: date
    last_touch: date


def people_due(store: Store, week_start: date) -> list[PersonDue]:
    """Active named people due a touch by the end of the week (including overdue), earliest first."""
    week_end = week_start + timedelta(days=6)
    due_people = []
    people = store.all(Person)
    stages = stages_for(store, people)
    for person in people:
        touched = last_touch(person)
        if touched is None or not is_invitable(person):
            continue
        due = due_day(person, stages.get(person.id, "stranger"))
        if due is not None and due <= week_end:
            due_people.append(PersonDue(person, due, touched.date()))
    due_people.sort(key=lambda item: (item.due, item.person.name.casefold()))
    return due_people


def empty_slots(store: Store, week_start: date) -> list[Occurrence]:
    """Coffee and lunch occurrences of the week with nobody booked that have not started yet."""
    now = store.clock.now()
    found = occurrences(store, week_start, week_start + timedelta(days=6))
    return [occ for occ in found if occ.is_empty and occ.start > now]


@dataclass(frozen=True)
class PlanningSession:
    """Everything the weekly planning screen shows."""

    week_start: date
    last_week: WeekFigures
    this_week: WeekFigures
    people_due: list[PersonDue]
    empty_slots: list[Occurrence]
    consistency: ConsistencyRecord


def planning_session(store: Store, week_start: date | None = None) -> PlanningSession:
    """The planning session for the week starting ``week_start`` (default: the current week)."""
    current = week_start or this_week(store)
    record = consistency(store, current_week=current)
    last, this = record.weeks[-2], record.weeks[-1]
    return PlanningSession(
        week_start=current,
        last_week=last,
        this_week=this,
        people_due=people_due(store, current),
        empty_slots=empty_slots(store, current),
        consistency=record,
    )
