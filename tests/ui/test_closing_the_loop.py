"""Pilot: promises close where they are listed; the follow-ups screen acts on the item the user sees
(issue 15, findings 1 and 2; rule FOLLOW-THROUGH)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from netplan.agenda import AgendaItem, agenda_for
from netplan.notes.model import FollowUp, Promise
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.app import NetplanApp
from screens.common.confirm import ConfirmScreen
from screens.common.row_list import RowList
from screens.main_screen import MainScreen
from screens.notes.followups_screen import FollowUpsScreen
from screens.notes.promise_list import PromiseList
from tests.ui.conftest import SIZE, AppFactory


def person(store: Store, name: str) -> Person:
    return next(p for p in store.all(Person) if p.name == name)


def promises_of(store: Store, name: str) -> list[Promise]:
    who = person(store, name)
    return [p for p in store.all(Promise) if p.person_id == who.id]


async def open_person(pilot: Pilot[None], name: str) -> None:
    await pilot.press("slash", *name, "enter")
    await pilot.pause()


async def focus(pilot: Pilot[None], app: NetplanApp, kind: type) -> None:
    """Tab (as a user would) until a widget of ``kind`` has the focus."""
    for _ in range(8):
        if isinstance(app.focused, kind):
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"tab never reached a {kind.__name__}")


async def move_to(pilot: Pilot[None], screen: FollowUpsScreen, kind: str, name: str) -> AgendaItem:
    """Press down until the cursor is on ``name``'s item of ``kind``."""
    for _ in range(len(screen.items)):
        item = screen.selected
        if item is not None and item.kind == kind and item.person == name:
            return item
        await pilot.press("down")
    raise AssertionError(f"no {kind} for {name} on the follow-ups screen")


def promise_lines(app: NetplanApp) -> list[str]:
    promise_list = app.screen.query_one(PromiseList)
    return [str(promise_list.get_option_at_index(i).prompt) for i in range(promise_list.option_count)]


async def test_a_promise_is_marked_done_and_undone_in_the_notes_pane(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_person(pilot, "Priya Raman")
        assert promise_lines(app)[0].startswith("☐ I promised")
        await focus(pilot, app, PromiseList)
        await pilot.press("d")
        await pilot.pause()
        mine = next(p for p in promises_of(app.store, "Priya Raman") if p.by == "me")
        assert not mine.is_open
        # off the agenda (it was overdue there), still listed ticked here, and said on the status line
        assert all("write-up" not in item.text for item in agenda_for(app.store).promises)
        assert any(line.startswith("☑ I promised") for line in promise_lines(app))
        status = str(app.screen.query_one("#status-line", Static).render())
        assert "Done: Send the demand-forecasting write-up" in status
        # the highlight stayed on it: u undoes it
        await pilot.press("u")
        await pilot.pause()
        assert app.store.get(Promise, mine.id) is not None
        reopened = app.store.get(Promise, mine.id)
        assert reopened is not None and reopened.is_open
        assert promise_lines(app)[0].startswith("☐ I promised")


async def test_closing_a_follow_up_offers_to_close_the_promises_it_gathered(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        kinds = {item.kind for _, item in screen.items}
        assert kinds == {"follow_up", "reply", "promise"}  # promises are listed, and closed, here
        first = await move_to(pilot, screen, "follow_up", "Priya Raman")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "Also mark the 2 promises it gathered done?" in question
        assert "Send the demand-forecasting write-up" in question
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert all(not p.is_open for p in promises_of(app.store, "Priya Raman"))
        follow_up = app.store.get(FollowUp, first.id)
        assert follow_up is not None and follow_up.status == "done"
        # the closed item stays listed, ticked, under the cursor: u reopens it
        assert screen.selected == first
        assert "✓ done" in screen.query_one(RowList).row_text(screen.query_one(RowList).cursor)
        await pilot.press("u")
        await pilot.pause()
        follow_up = app.store.get(FollowUp, first.id)
        assert follow_up is not None and follow_up.status == "open"


async def test_saying_no_closes_the_follow_up_alone(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        await move_to(pilot, app.screen, "follow_up", "Priya Raman")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        assert all(p.is_open for p in promises_of(app.store, "Priya Raman"))
        priya = person(app.store, "Priya Raman")
        assert [f.status for f in app.store.all(FollowUp) if f.person_id == priya.id] == ["done"]


async def test_the_cursor_follows_the_item_when_a_nudge_re_sorts_the_list(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        first = await move_to(pilot, screen, "follow_up", "Priya Raman")
        before = [item for _, item in screen.items]
        row_before = screen.query_one(RowList).cursor
        await pilot.press("n")  # nudge 2 is due in 5 working days: the item moves down the list
        await pilot.pause()
        assert screen.query_one(RowList).cursor > row_before  # it moved, and the cursor went with it
        selected = screen.selected
        assert selected is not None and (selected.kind, selected.id) == ("follow_up", first.id)
        # so the next d closes the item the user nudged, not the one that slid under the cursor
        await pilot.press("d")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("n")
            await pilot.pause()
        closed = app.store.get(FollowUp, first.id)
        assert closed is not None and closed.status == "done"
        others = [i for i in before if i.kind == "follow_up" and i.id != first.id]
        assert all(app.store.get(FollowUp, i.id).status != "done" for i in others)  # type: ignore[union-attr]


async def test_enter_opens_the_person_and_the_whole_text_is_readable(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        item = await move_to(pilot, screen, "follow_up", "Priya Raman")
        # the What column is cut at 80 columns; the highlighted item shows in full under the list
        detail = screen.query_one("#followups-detail", Static)
        assert len(item.text) > 60 and item.text in str(detail.render())
        rows = screen.query_one(RowList)
        assert all("reply: Reply about" not in rows.row_text(i) for i in range(rows.row_count))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        selected = app.screen.targets.selected
        assert selected is not None and selected.kind is Person and selected.record_id == item.person_id
