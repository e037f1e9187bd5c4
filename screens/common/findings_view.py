"""FindingsView: the coach's findings as text, safely (user text never becomes markup).

Reusable: the conversation form, the composer and the Coach view mount one and call ``show``.
Anything with ``rule_id`` and ``message`` (and optionally ``severity`` and ``suggestion``) can be
shown, so the notes capability's own findings (LISTEN-20-10) sit beside the coach's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.text import Text
from textual.widgets import Static

from netplan.core.text import safe_text

SEVERITY_STYLES = {"problem": "bold red", "warning": "bold yellow", "info": "bold cyan"}
SEVERITY_MARKS = {"problem": "✖", "warning": "⚠", "info": "ℹ"}


class ShownFinding(Protocol):
    @property
    def rule_id(self) -> str: ...

    @property
    def message(self) -> str: ...


def findings_text(findings: Sequence[ShownFinding], empty: str = "") -> Text:
    """One block per finding: mark, rule ID and message, then the suggestion indented below."""
    if not findings:
        return Text(empty, style="dim")
    lines: list[Text] = []
    for finding in findings:
        severity = str(getattr(finding, "severity", "warning"))
        style = SEVERITY_STYLES.get(severity, "bold yellow")
        line = Text(f"{SEVERITY_MARKS.get(severity, '⚠')} ", style=style)
        line.append(safe_text(finding.rule_id), style=style)
        line.append(": ")
        line.append(safe_text(finding.message))
        lines.append(line)
        suggestion = str(getattr(finding, "suggestion", "") or "")
        if suggestion:
            lines.append(Text("   → ", style="dim") + Text(safe_text(suggestion), style="italic"))
    return Text("\n").join(lines)


class FindingsView(Static):
    """Shows a list of findings; ``show([])`` shows the ``empty`` line (or nothing)."""

    DEFAULT_CSS = """
    FindingsView {
        height: auto;
    }
    """

    def __init__(self, empty: str = "", *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(Text(empty, style="dim"), id=id, classes=classes)
        self.empty = empty
        self.shown: list[ShownFinding] = []

    def show(self, findings: Sequence[ShownFinding]) -> None:
        self.shown = list(findings)
        self.update(findings_text(self.shown, self.empty))

    @property
    def rule_ids(self) -> list[str]:
        """The rule IDs on show, in order (what tests and the status line look at)."""
        return [finding.rule_id for finding in self.shown]
