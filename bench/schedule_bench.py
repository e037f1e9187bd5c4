"""The Week pane, the planning screen and the invite list: demo data vs. a big file.

`python -m bench.schedule_bench`. The big file is the demo plus 2,000 people (most touched in the
last year, a third aimed at a goal), 200 slots and 400 logged conversations, all seeded. Reading a
week, the planning figures and the invite candidates happen in thread workers; what runs on the
event loop is drawing the result (render_days, the planning screen's handler) and opening the slot
form (beside the settings form, whose cost is the modal itself). Medians of 7 runs, in milliseconds;
a form's time is wall time to mount and draw in the headless test driver, so compare it only with
the baseline measured in the same run.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from functools import partial
from pathlib import Path

from netplan.core.clock import FixedClock
from netplan.demo.load import load_demo
from netplan.notes.log import log_conversation
from netplan.notes.model import Conversation
from netplan.schedule.invite import invite_candidates
from netplan.schedule.slot import SLOT_KINDS, Slot
from netplan.schedule.week import add_slot, this_week, week_view
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person
from screens.schedule.planning_view import load_planning, planning_texts
from screens.schedule.week_entries import load_week

NOW, ZONE = "2026-11-24T09:30:00", "Europe/Berlin"
RUNS = 7


def clock() -> FixedClock:
    return FixedClock(NOW, tz=ZONE)


def make_big_file(path: Path, people: int = 2000, slots: int = 200, seed: int = 11) -> None:
    rng = random.Random(seed)
    with Store.open(path, clock=clock()) as store:
        load_demo(store)
        now = store.clock.now()
        with store.transaction():
            goal = store.insert(Goal(title="A big goal"))
            ids = []
            for i in range(people):
                touched = now - timedelta(days=rng.randint(0, 400)) if rng.random() < 0.8 else None
                person = Person(
                    name=f"Person {i}",
                    goals=[GoalLink(goal.id, "")] if rng.random() < 0.3 else [],
                    last_touch=touched.isoformat() if touched else None,
                )
                ids.append(store.insert(person).id)
            current = this_week(store)
            for i in range(slots):
                start = current - timedelta(weeks=rng.randint(0, 30))
                slot = add_slot(
                    store,
                    Slot(
                        kind=rng.choice(SLOT_KINDS),
                        title=f"Slot {i}",
                        weekday=rng.randint(0, 6),
                        time=f"{rng.randint(7, 20):02d}:{rng.choice(['00', '30'])}",
                        duration_minutes=rng.choice([30, 45, 60, 90]),
                        every_weeks=rng.choice([1, 1, 2, 4]),
                        start_date=start.isoformat(),
                    ),
                )
                if slot.is_one_on_one and rng.random() < 0.5:
                    store.update(replace(slot, person_id=rng.choice(ids)))
            for _ in range(400):
                when = now - timedelta(days=rng.randint(1, 120), hours=rng.randint(0, 8))
                listen = rng.randint(10, 25)
                log_conversation(
                    store,
                    Conversation(
                        person_id=rng.choice(ids),
                        when=when.isoformat(),
                        duration_minutes=30,
                        listen_minutes=listen,
                        ask_minutes=30 - listen,
                    ),
                )


def median_ms(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def event_loop_costs(path: Path) -> dict[str, float]:
    """What runs on the event loop: drawing a week, moving the cursor, drawing the planning screen."""
    from textual.screen import Screen

    from screens.app import make_app
    from screens.schedule.planning_screen import PlanningScreen
    from screens.schedule.slot_form import SlotForm
    from screens.schedule.week_pane import WeekPane
    from screens.settings_form import SettingsForm

    store = Store.open(path, clock=clock())
    app = make_app(store)
    found: dict[str, float] = {}
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.screen.query_one(WeekPane)
        found["draw a new week: first step"] = median_ms(pane.render_days)
        await pilot.pause()
        data = pane.data
        assert data is not None
        day_costs = [median_ms(partial(pane._render_day, data, index)) for index in range(7)]
        found["draw a new week: slowest day"] = max(day_costs)
        found["move the cursor"] = median_ms(lambda: pane.action_move(1))

        async def time_screen(make: Callable[[], Screen[object]]) -> float:
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                await app.push_screen(make())
                await pilot.pause()
                times.append((time.perf_counter() - start) * 1000)
                app.pop_screen()
                await pilot.pause()
            return statistics.median(times)

        found["open the slot form"] = await time_screen(lambda: SlotForm(store))
        found["open the settings form (baseline)"] = await time_screen(lambda: SettingsForm(store))
        found["push an empty screen"] = await time_screen(Screen)
        await app.push_screen(PlanningScreen(store))
        await app.workers.wait_for_complete()
        await pilot.pause()
        planning = app.screen
        assert isinstance(planning, PlanningScreen) and planning.view is not None
        loaded = PlanningScreen.Loaded(planning._asked, planning.view, planning_texts(planning.view))
        found["draw the planning screen: first step"] = median_ms(
            lambda: planning.on_planning_screen_loaded(loaded)
        )
        await pilot.pause()
        texts = loaded.texts
        assert texts is not None
        revision = planning._asked
        found["draw the planning screen: slowest step"] = max(
            median_ms(partial(planning._show_section, revision, "#plan-consistency", texts.consistency)),
            median_ms(partial(planning._show_section, revision, "#plan-last-week", texts.last_week)),
            median_ms(partial(planning._show_people_due, revision, texts)),
            median_ms(partial(planning._show_empty_slots, revision, texts)),
        )
    store.close()
    return found


def measure(path: Path) -> dict[str, float]:
    with Store.open(path, clock=clock(), readonly=True) as store:
        week = this_week(store)
        empty = next(occ for occ in week_view(store, week) if occ.is_empty)
        found = {
            "read the week (worker)": median_ms(lambda: load_week(store, week)),
            "planning figures (worker)": median_ms(lambda: load_planning(store)),
            "invite candidates (worker)": median_ms(lambda: invite_candidates(store, empty)),
        }
    found.update(asyncio.run(event_loop_costs(path)))
    return found


def run() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        demo, big = Path(folder) / "demo.json", Path(folder) / "big.json"
        with Store.open(demo, clock=clock()) as store:
            load_demo(store)
        make_big_file(big)
        small, large = measure(demo), measure(big)
    return [
        (name, f"demo {small[name]:6.1f} ms   2,000 people / 200 slots {large[name]:6.1f} ms")
        for name in small
    ]


if __name__ == "__main__":
    for name, value in run():
        print(f"{name:34} {value}")
