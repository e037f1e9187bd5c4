"""What the subcommands share: opening the store from --db, and printing."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from netplan.paths import resolve_data_file
from netplan.store import Store


def open_store(args: argparse.Namespace, *, readonly: bool = False) -> Store:
    """Open the data file named by --db / $NETPLAN_DB / the default (raises DataFileError: exit 3)."""
    return Store.open(resolve_data_file(getattr(args, "db", None)), readonly=readonly)


def print_json(document: Any) -> None:
    sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")


def warn(message: str) -> None:
    print(message, file=sys.stderr)
