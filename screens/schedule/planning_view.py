"""The weekly planning screen's content: read once (in a worker), then drawn as rich Text.

``load_planning`` gathers netplan.schedule.planning's session (planned vs. held, people due, empty slots,
the consistency record), last week's notes (listen share, follow-ups closed vs. opened) and the
8-week coaching numbers. The ``*_text`` functions only format those figures: every number shown
is one netplan computed, so a test can hold the screen to the domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rich.text import Text

from netplan.core import moments
from netplan.core.text import safe_text
from netplan.notes.log import CoachingNumbers, TalkBalance, coaching_numbers
from netplan.notes.weekly import WeekNotes, week_notes
from netplan.schedule.invite import never_met_targets
from netplan.schedule.planning import ConsistencyRecord, PlanningSession, WeekFigures, planning_session
from netplan.schedule.slot import SLOT_KINDS
from netplan.schedule.week import Occurrence
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.row_list import columns

BAR_LEVELS = " ▁▂▃▄▅▆▇█"
CHART_HEIGHT = 4
MET_MARKS = {True: ("✓", "green"), False: ("✗", "red"), None: ("·", "dim")}  # None: no intent that week
INFORMAL_KINDS = ("coffee", "lunch")  # rule FORMAL-AND-INFORMAL: the weekly plan shows the mix
FORMAL_KINDS = ("group meeting", "event")


@dataclass(frozen=True)
class PlanningView:
    """Everything the planning screen shows."""

    session: PlanningSession
    last_week_notes: WeekNotes
    coaching: CoachingNumbers
    names: dict[int, str]  # person names for the conversations under 2/3
    never_met: list[Person] = field(default_factory=list)  # targets never touched: a first touch


def load_planning(store: Store) -> PlanningView:
    """One read of the store for the whole screen (runs in a thread worker: ~50 ms at 2,000 people)."""
    session = planning_session(store)
    coaching = coaching_numbers(store)
    names: dict[int, str] = {}
    for conversation in coaching.below_target:
        person = store.get(Person, conversation.person_id)
        names[conversation.person_id] = person.name if person else "(deleted)"
    notes = week_notes(store, session.last_week.week_start)
    return PlanningView(session, notes, coaching, names, never_met_targets(store))


def day_label(day: date, near: date | None = None) -> str:
    """ "Thu 3 Dec"; a date in another year than ``near`` (the week planned) shows it: "Tue 1 Sep 2025"."""
    return f"{day:%a} {day.day} {day:%b}{moments.year_if_far(day, near or day)}"


def week_range(start: date) -> str:
    end = start + timedelta(days=6)
    return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"


def _share(balance: TalkBalance) -> str:
    share = balance.listen_share
    return "—" if share is None else f"{round(share * 100)}%"


def _counts(counts: dict[str, int]) -> str:
    parts = [f"{kind} {counts[kind]}" for kind in SLOT_KINDS if counts.get(kind)]
    return ", ".join(parts) if parts else "none"


def kinds_table(week: WeekFigures) -> Text:
    """Intended, planned and held per kind (kinds in the intent first)."""
    kinds = [k for k in SLOT_KINDS if k in week.intent or week.planned.get(k) or week.held.get(k)]
    # 44 cells in all: a row fits the left column at 100x30 without wrapping its mark (issue 16)
    header = Text("  ") + columns(
        (Text("kind"), 14), (Text("intended"), 8), (Text("planned"), 7), (Text("held"), 4)
    )
    header.stylize("dim")
    rows = [header]
    for kind in kinds:
        intended = str(week.intent[kind]) if kind in week.intent else "—"
        held = week.held.get(kind, 0)
        mark = Text("")
        if kind in week.intent:
            mark = Text("✓", style="green") if held >= week.intent[kind] else Text("short", style="yellow")
        rows.append(
            Text("  ")
            + columns(
                (Text(kind), 14),
                (Text(f"{intended:>8}"), 8),
                (Text(f"{week.planned.get(kind, 0):>7}"), 7),
                (Text(f"{held:>4}"), 4),
                (mark, 5),
            )
        )
    return Text("\n").join(rows)


def last_week_text(week: WeekFigures, notes: WeekNotes) -> Text:
    text = Text(f"Last week · {week_range(week.week_start)}", style="bold")
    if week.met is True:
        text.append("   met its intent ✓", style="bold green")
    elif week.met is False:
        text.append("   short of its intent", style="bold yellow")
    text.append(f"\n  held {week.held_total} of {week.planned_total} planned")
    text.append(f" (intent {week.intended_total}, {week.skipped} skipped)\n", style="dim")
    text.append_text(kinds_table(week))
    balance = notes.balance
    text.append(f"\n  Listen share {_share(balance)} over {balance.conversations} conversation(s)")
    text.append("  target ≥ 2/3 · LISTEN-20-10", style="dim")
    text.append(f"\n  Follow-ups: {notes.follow_ups_closed} closed · {notes.follow_ups_opened} opened")
    text.append("  FOLLOW-48H", style="dim")
    return text


def intent_text(week: WeekFigures) -> Text:
    text = Text("This week's intent", style="bold")
    text.append("   n: change it (it holds for later weeks)", style="dim")
    text.append(f"\n  {_counts(week.intent)}" if week.intent else "\n  none set: press n", style="")
    text.append(f"\n  planned {week.planned_total}: {_counts(week.planned)}")
    text.append(f"\n  held so far {week.held_total}: {_counts(week.held)}")
    short = {k: n - week.planned.get(k, 0) for k, n in week.intent.items() if week.planned.get(k, 0) < n}
    if short:
        text.append(
            f"\n  ⚠ fewer planned than intended: {_counts(short)}; add slots on the Week pane (a)",
            style="yellow",
        )
    informal = sum(week.planned.get(k, 0) for k in INFORMAL_KINDS)
    formal = sum(week.planned.get(k, 0) for k in FORMAL_KINDS)
    text.append(f"\n  mix planned: {informal} informal · {formal} formal")
    text.append("  rule FORMAL-AND-INFORMAL", style="dim")
    return text


def bar_rows(values: list[int], height: int = CHART_HEIGHT, width: int = 2) -> list[str]:
    """Vertical bars, one per value, ``width`` cells wide, scaled to the largest value."""
    top = max(values, default=0) or 1
    eighths = [round(value * height * 8 / top) for value in values]
    rows = []
    for row in range(height - 1, -1, -1):
        cells = [BAR_LEVELS[max(0, min(8, level - row * 8))] * width for level in eighths]
        rows.append(" ".join(cells))
    return rows


def consistency_text(record: ConsistencyRecord) -> Text:
    """The streak and a 12-week chart of held entries, each week marked met / short / no intent."""
    weeks = record.weeks
    text = Text("Consistency", style="bold")
    streak_style = "bold green" if record.streak else "bold"
    text.append(f"   {record.streak} weeks in a row met their intent", style=streak_style)
    text.append("\n  Counts every week, whether or not a job search is on (rule ALWAYS-ON).\n", style="dim")
    for line in bar_rows(record.held_series):
        text.append(f"  {line}\n", style="cyan")
    text.append("  " + " ".join(f"{held:>2}" for held in record.held_series) + "  held\n")
    marks = Text("  ")
    for index, met in enumerate(record.met_series):
        under_way = index == len(weeks) - 1 and met is not True
        mark, style = ("…", "dim") if under_way else MET_MARKS[met]
        marks.append(f"{mark:>2}", style=style)
        marks.append(" ")
    marks.append(" met", style="")
    text.append_text(marks)
    text.append(
        "\n  " + " ".join(f"{week.week_start.day:>2}" for week in weeks) + "  day the week starts",
        style="dim",
    )
    first, last = day_label(weeks[0].week_start), day_label(weeks[-1].week_start)
    text.append(f"\n  weeks of {first} … {last}", style="dim")
    return text


def coaching_text(coaching: CoachingNumbers, names: dict[int, str]) -> Text:
    """Issue 5: overall listen share and give/get over 8 weeks; conversations under 2/3 marked."""
    balance = coaching.balance
    text = Text(f"Last {coaching.weeks} weeks", style="bold")
    text.append("   rules LISTEN-20-10, GIVE-FIRST", style="dim")
    text.append(f"\n  Listen share {_share(balance)} over {balance.conversations} conversation(s)")
    if balance.listen_share is not None and not balance.meets_listen_target:
        text.append("  under two thirds", style="bold yellow")
    text.append(f"\n  Gave {balance.gives} · asked {balance.asks}")
    if balance.asks_outnumber_gives:
        text.append("  ⚠ asks outnumber gives: give first", style="bold yellow")
    if coaching.below_target:
        text.append("\n  Under two thirds on them:", style="yellow")
    for conversation in coaching.below_target:
        share = conversation.listen_share
        text.append("\n    ⚠ ", style="yellow")
        text.append(f"{conversation.when[:10]}  ")
        text.append(safe_text(names.get(conversation.person_id, "")), style="bold")
        minutes = f"{conversation.listen_minutes}/{conversation.ask_minutes} min"
        text.append(f"  {round((share or 0) * 100)}% ({minutes})")
    return text


def people_due_rows(session: PlanningSession, never_met: Sequence[Person] = ()) -> list[Text]:
    rows = []
    week_start = session.week_start
    for due in session.people_due:
        when = Text(f"due {day_label(due.due, week_start)}", style="bold red" if due.due < week_start else "")
        rows.append(
            columns(
                (Text(safe_text(due.person.name)), 24),
                (when, 18),
                (Text(f"last touch {day_label(due.last_touch, week_start)}", style="dim"), 25),
            )
        )
    for person in never_met:  # what the invite list proposes too: say so here (issue 15)
        rows.append(
            columns(
                (Text(safe_text(person.name)), 24),
                (Text("first touch", style="cyan"), 16),
                (Text("a target, not met yet", style="dim"), 22),
            )
        )
    return rows


def empty_slot_prompt(occ: Occurrence) -> Text:
    prompt = Text(f"{day_label(occ.start.date())} {occ.start:%H:%M} ", style="bold")
    prompt.append(occ.slot.kind)
    prompt.append(" · ")
    prompt.append(safe_text(occ.slot.title))
    if occ.venue_name:
        prompt.append(f" at {safe_text(occ.venue_name)}", style="dim")
    return prompt


@dataclass(frozen=True)
class PlanningTexts:
    """The screen's sections, drawn in the worker: at 2,000 people over a thousand people can be
    due, and building their rows took ~200 ms, far too long for the event loop."""

    title: Text
    last_week: Text
    intent: Text
    consistency: Text
    coaching: Text
    people_due: list[Text]
    empty_slots: list[Text]


def planning_texts(view: PlanningView) -> PlanningTexts:
    session = view.session
    return PlanningTexts(
        title=Text.assemble(("Weekly planning", "bold"), f" · the week of {week_range(session.week_start)}"),
        last_week=last_week_text(session.last_week, view.last_week_notes),
        intent=intent_text(session.this_week),
        consistency=consistency_text(session.consistency),
        coaching=coaching_text(view.coaching, view.names),
        people_due=people_due_rows(session, view.never_met),
        empty_slots=[empty_slot_prompt(occ) for occ in session.empty_slots],
    )
