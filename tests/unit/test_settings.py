"""Settings live in the data file and are validated (rule SMALL-LIST's cap is one of them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netplan.core.errors import ValidationError
from netplan.store.settings import Settings, load_settings, save_settings
from netplan.store.store import Store


def test_defaults_then_saved_settings_survive_a_reopen(store: Store, data_file: Path) -> None:
    assert load_settings(store) == Settings(target_cap=15, week_start=0, dormant_months=12)
    assert load_settings(store).reply_window_days == 30  # rule ALWAYS-RESPOND, LinkedIn imports
    save_settings(store, Settings(target_cap=20, week_start=6, dormant_months=18, reply_window_days=14))
    store.close()
    with Store.open(data_file) as reopened:
        assert load_settings(reopened) == Settings(
            target_cap=20, week_start=6, dormant_months=18, reply_window_days=14
        )


@pytest.mark.parametrize(
    "bad",
    [
        Settings(target_cap=0),
        Settings(week_start=7),
        Settings(dormant_months=-1),
        Settings(reply_window_days=0),
        Settings(reply_window_days=366),
    ],
)
def test_out_of_range_settings_are_refused_naming_the_field(store: Store, bad: Settings) -> None:
    with pytest.raises(ValidationError):
        save_settings(store, bad)
    assert load_settings(store) == Settings()
