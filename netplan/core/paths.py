"""Where the data file lives: ``--db PATH``, else ``$NETPLAN_DB``, else platformdirs' user data dir."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "NETPLAN_DB"
FILE_NAME = "netplan.json"
# data/ sits beside the netplan package in the source tree (installed editable by the Makefile).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def default_data_file() -> Path:
    return Path(platformdirs.user_data_dir("netplan", appauthor=False)) / FILE_NAME


def resolve_data_file(cli_value: str | None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute()
    return default_data_file()
