"""Settings keep the folders `netplan sync` uses, and say what the last sync that changed anything did."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from netplan.store.settings import SYNC_STATE_SETTING, load_settings
from screens.settings_form import SettingsForm
from tests.ui.conftest import SIZE, AppFactory


async def test_settings_save_the_sync_folders_and_show_the_last_sync(
    open_app: AppFactory, tmp_path: Path
) -> None:
    app = open_app(demo=True)
    state = {"at": "2026-11-24T08:00:00+01:00", "closed": 1, "added": 2, "written": 3, "skipped": 0}
    app.store.set_setting(SYNC_STATE_SETTING, state)
    folder = str(tmp_path / "calendars" / "netplan")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SettingsForm)
        line = str(form.query_one("#settings-last-sync", Static).render())
        assert line == "Last sync: 2026-11-24 08:00: 1 to-do closed, 2 people added, 3 files written"
        form.query_one("#field-sync_calendar", Input).focus()
        await pilot.press(*folder)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsForm)
    assert load_settings(app.store).sync_calendar == folder


async def test_a_relative_folder_is_refused_in_the_form_and_kept_as_typed(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SettingsForm)
        assert "none yet" in str(form.query_one("#settings-last-sync", Static).render())
        form.query_one("#field-sync_contacts", Input).focus()
        await pilot.press(*"contacts")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "full path" in str(form.query_one("#form-error", Static).render())
        assert form.query_one("#field-sync_contacts", Input).value == "contacts"
    assert load_settings(app.store).sync_contacts == ""
