"""Pilot: "who should I invite?" fills an empty coffee (rules GARDEN, BOW-AND-ARROW)."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from netplan.schedule.invite import invite_candidates
from netplan.targets.model import Person
from screens.schedule.invite_screen import InviteScreen
from tests.ui.conftest import SIZE, AppFactory
from tests.ui.schedule_helpers import HOSTILE, HOSTILE_SHOWN, day_text, select_entry, settle, slot_titled


async def test_invite_books_the_chosen_person_for_this_occurrence_only(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        before = slot_titled(app.store, "Coffee on the staff-engineer path")
        pane = await select_entry(pilot, "Coffee on the staff-engineer path")
        occurrence = pane.selected
        assert occurrence is not None and occurrence.is_empty
        expected = invite_candidates(app.store, occurrence)
        assert expected, "the demo has people to propose"
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InviteScreen)
        options = screen.query_one(OptionList)
        assert options.option_count == len(expected)
        first = str(options.get_option_at_index(0).prompt)
        assert expected[0].person.name in first and f"rule {expected[0].rule_id}" in first
        assert expected[0].reason in first
        await pilot.press("down", "enter")  # the second one proposed
        await settle(pilot)
        chosen = expected[1].person
        after = slot_titled(app.store, "Coffee on the staff-engineer path")
        assert after.bookings == {**before.bookings, "2026-11-27": chosen.id}
        assert after.person_id is None  # the series has no standing person
        assert f"with {chosen.name}" in day_text(pilot, 4)
        assert "nobody yet" not in day_text(pilot, 4)


async def test_invite_is_refused_on_a_booked_or_group_entry(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await select_entry(pilot, "Climate Product Circle")
        await pilot.press("i")
        await pilot.pause()
        assert not isinstance(app.screen, InviteScreen)
        await select_entry(pilot, "Coffee with a climate contact")  # Priya is booked
        await pilot.press("i")
        await pilot.pause()
        assert not isinstance(app.screen, InviteScreen)


async def test_candidates_with_hostile_names_are_shown_literally(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    app.store.insert(Person(name=HOSTILE, company=HOSTILE, last_touch="2026-01-05T10:00:00+01:00"))
    async with app.run_test(size=SIZE) as pilot:
        await select_entry(pilot, "Research lunch")
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InviteScreen)
        prompts = [str(option.prompt) for option in screen.query_one(OptionList).options]
        assert any(HOSTILE_SHOWN in prompt for prompt in prompts)
        assert "proposed" in str(screen.query_one("#invite-status", Static).render())
        assert app.is_running
