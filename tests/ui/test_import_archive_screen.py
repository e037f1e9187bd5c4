"""The import screen with a whole LinkedIn archive (issue 19): the zip is guessed as LinkedIn, the dry
run counts last touches, replies due and invitations and lists them, nothing is written until `a`,
the apply writes them in one go (with progress), and a second dry run has nothing to write. The
reply window is a setting in the settings form."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select

from netplan.core.clock import FixedClock
from netplan.notes.invitation import SentInvitation
from netplan.notes.model import InboundRequest
from netplan.store.settings import load_settings
from screens.common.findings_view import FindingsView
from screens.common.row_list import RowList
from tests.ui.conftest import SIZE, AppFactory
from tests.ui.test_import_screen import apply, dry_run, people_named, shown, start, until_idle
from tests.unit.linkedin_archive_data import standard


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # typed paths stay short


@pytest.mark.parametrize("small", [False, True])
async def test_archive_dry_run_apply_and_again(
    open_app: AppFactory, clock: FixedClock, tmp_path: Path, small: bool
) -> None:
    path = standard(clock.now()).write_zip(tmp_path / "export.zip")
    app = open_app()
    async with app.run_test(size=(60, 30) if small else SIZE) as pilot:
        await start(pilot)
        writes_before = app.store.writes
        screen = await dry_run(pilot, path)
        assert screen.query_one("#import-format", Select).value == "linkedin"  # guessed from .zip
        counts = shown(screen, "#import-counts")
        assert "would be 10 added" in counts and "7 last touches, 4 replies due, 3 invitations" in counts
        plan_list = screen.query_one(RowList)
        lines = [plan_list.row_text(i) for i in range(plan_list.row_count)]
        assert any(line.startswith("reply  messages.csv line 8: José Núñez") for line in lines)
        assert any(line.startswith("invite Invitations.csv line 4: Ines Costa") for line in lines)
        assert app.store.writes == writes_before  # a dry run writes nothing

        await apply(pilot, screen)
        assert "imported" in shown(screen, "#import-counts")
        assert app.store.count(InboundRequest) == 4 and app.store.count(SentInvitation) == 3
        assert people_named(app)["Ann Example"].last_touch is not None
        assert "replies due are on the agenda" in shown(screen, "#import-message")

        writes_after = app.store.writes
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")  # the coach: rule PERSONAL on the invitations sent
        await pilot.pause()
        invitations = app.screen.query_one("#coach-invitation-findings", FindingsView)
        assert invitations.rule_ids == ["PERSONAL", "PERSONAL"]
        text = str(invitations.render())
        assert "2 of the 3 LinkedIn invitations you sent (67%) went without a note" in text
        assert "Ines Costa: your LinkedIn invitation of" in text and "Hi Ines" in text
        await pilot.press("escape")
        await pilot.pause()
        again = await dry_run(pilot, path)
        assert "0 last touches, 0 replies due, 0 invitations" in shown(again, "#import-counts")
        await pilot.press("a")
        await pilot.pause()
        assert "Nothing to write" in shown(again, "#import-message")
        assert app.store.writes == writes_after


async def test_the_reply_window_is_in_the_settings_form_at_60x30(open_app: AppFactory) -> None:
    app = open_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await start(pilot)
        await pilot.press("comma")
        await pilot.pause()
        field = app.screen.query_one("#field-reply_window_days", Input)
        assert field.value == "30"
        field.focus()
        await pilot.pause()
        assert field.region.bottom <= 30  # scrolled into view on a phone-sized terminal
        field.value = "14"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_settings(app.store).reply_window_days == 14


async def test_keep_text_is_a_choice_made_before_the_dry_run(
    open_app: AppFactory, clock: FixedClock, tmp_path: Path
) -> None:
    path = standard(clock.now()).write_zip(tmp_path / "export.zip")
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = await dry_run(pilot, path)
        screen.query_one("#import-keep-text", Checkbox).value = True  # ticked after the preview
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert "changed since the dry run" in shown(screen, "#import-message")
        screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")  # preview again, now keeping the text
        await until_idle(pilot, screen)
        await apply(pilot, screen)
        abouts = {r.about for r in app.store.all(InboundRequest)}
        assert "their LinkedIn message: Hi Jordan, may I ask about your team?" in abouts
