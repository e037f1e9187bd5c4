"""Where the data file lives: ``--db PATH``, else ``$NETPLAN_DB``, else platformdirs' user data dir."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "NETPLAN_DB"
FILE_NAME = "netplan.json"


def _data_dir() -> Path:
    """data/ (wording, checklists, the demo): inside the package when installed from the wheel
    (pyproject maps it to netplan/data), at the top of the source tree otherwise (editable install)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "data"
    return installed if installed.is_dir() else package.parent / "data"


DATA_DIR = _data_dir()


def default_data_file() -> Path:
    import platformdirs  # ~7 ms a command given --db need not pay (issue 17)

    return Path(platformdirs.user_data_dir("netplan", appauthor=False)) / FILE_NAME


def resolve_data_file(cli_value: str | None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute()
    return default_data_file()
