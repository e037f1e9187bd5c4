"""Helpers for the schedule's Pilot tests: wait for the thread workers, read what a pane shows."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from netplan.schedule.slot import Slot
from netplan.store.store import Store
from screens.schedule.week_pane import DayBox, WeekPane

HOSTILE = "[@click=app.quit]x [/] \x1b]0;pwned\x07\u202e"
HOSTILE_SHOWN = "[@click=app.quit]x [/] ]0;pwned"  # control and bidi characters removed, brackets kept


async def settle(pilot: Pilot[None]) -> None:
    """Let thread workers finish and their results be drawn."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def shown(widget: Static) -> str:
    return str(widget.render())


def week_text(pilot: Pilot[None]) -> str:
    """The Week pane's seven days as shown, one after another."""
    pane = pilot.app.screen.query_one(WeekPane)
    return "\n".join(shown(pane.query_one(f"#day-{i}", DayBox)) for i in range(7))


def day_text(pilot: Pilot[None], index: int) -> str:
    return shown(pilot.app.screen.query_one(WeekPane).query_one(f"#day-{index}", DayBox))


def slot_titled(store: Store, title: str) -> Slot:
    return next(slot for slot in store.all(Slot) if slot.title == title)


async def focus_week(pilot: Pilot[None]) -> WeekPane:
    pane = pilot.app.screen.query_one(WeekPane)
    pane.focus()
    await settle(pilot)
    return pane


async def select_entry(pilot: Pilot[None], title: str) -> WeekPane:
    """Move the Week pane's cursor (with the keys) to the first entry titled ``title``."""
    pane = await focus_week(pilot)
    await pilot.press(*["up"] * len(pane.entries))
    for _ in pane.entries:
        selected = pane.selected
        if selected is not None and selected.slot.title == title:
            return pane
        await pilot.press("down")
    raise AssertionError(f"no entry titled {title!r} this week")
