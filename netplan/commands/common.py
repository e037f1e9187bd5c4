"""What the subcommands share: opening the store from --db, and printing."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import orjson

from netplan.core.paths import resolve_data_file
from netplan.core.text import safe_text
from netplan.store.store import Store

if TYPE_CHECKING:  # the coach is imported by the commands that report findings, not by every command
    from netplan.coach.rules import Finding


def record_problems(tables: dict[str, dict[str, Any]]) -> list[str]:
    """integrity.record_problems, imported only when a file's records are checked (a file no writer
    noted as checked): it imports every capability, ~40 ms a command need not pay (issue 17)."""
    from netplan import integrity

    return integrity.record_problems(tables)


def open_store(args: argparse.Namespace, *, readonly: bool = False, check_records: bool = True) -> Store:
    """Open the data file named by --db / $NETPLAN_DB / the default (raises DataFileError: exit 3).

    Every record is checked through its model first (``check_records``; only `check`, which lists
    the problems itself, opens without): a wrongly typed record is one line and exit 3, never a
    traceback halfway through a command (issue 14, item 7).
    """
    path = resolve_data_file(getattr(args, "db", None))
    return Store.open(path, readonly=readonly, record_check=record_problems if check_records else None)


# orjson escapes only what JSON requires (the C0 controls); a terminal also obeys DEL, the C1
# controls (U+009B is CSI) and the bidi overrides (DESIGN.md, Security of display). They can only
# stand inside JSON strings, where \uXXXX is the same text to any JSON reader.
_TERMINAL_CONTROLS = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def print_json(document: Any) -> None:
    text = orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()
    sys.stdout.write(_TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def print_findings(findings: Iterable[Finding]) -> None:
    """Coach findings on stderr as `RULE-ID: message`, each suggestion on its own indented line."""
    for finding in findings:
        print(f"{finding.rule_id}: {safe_text(finding.message)}", file=sys.stderr)
        if finding.suggestion:  # the right-sized ask, the introducer, the note to send
            print(f"    {safe_text(finding.suggestion)}", file=sys.stderr)
