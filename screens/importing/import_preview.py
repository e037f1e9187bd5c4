"""What the import screen shows before anything is written, and how it reads the typed path.

Pure functions over an ImportPlan (they run in the worker thread, so the event loop only swaps
the rows in): the plan's lines as rows, and the skip reasons grouped. Every line comes from
ImportPlan.describe() or the reader's reasons, which are safe text, and goes into rich Text:
names from the file never become markup.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.text import Text

from netplan.core.text import safe_text
from netplan.interchange.merge import SKIP, ImportPlan

FORMATS = (("LinkedIn", "linkedin"), ("vCard", "vcard"))
EXTENSIONS = {".csv": "linkedin", ".zip": "linkedin", ".vcf": "vcard", ".vcard": "vcard"}
# add/update/skip: people; touch/reply/invite/leave/read: a LinkedIn archive's history (issue 19)
ACTION_STYLES = {
    "add": "green",
    "update": "cyan",
    "skip": "dim",
    "touch": "blue",
    "reply": "yellow",
    "invite": "magenta",
    "leave": "dim",
    "read": "dim",
}


def guess_format(path_text: str) -> str | None:
    """The import format for a file name's extension, or None when the extension says nothing."""
    return EXTENSIONS.get(Path(path_text.strip().strip("'\"")).suffix.casefold())


def path_from(text: str) -> Path | None:
    """The typed path: surrounding quotes (a dragged-in file) removed, ~ expanded; None if empty."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return Path(text).expanduser() if text else None


def skip_reasons(plan: ImportPlan) -> list[tuple[str, int]]:
    """Why records would be skipped, grouped, most frequent first (names and ids left out)."""
    reasons: Counter[str] = Counter()
    for change in plan.changes:
        if change.action != SKIP:
            continue
        if change.reason.startswith("already in netplan"):
            reasons["already in netplan, nothing new"] += 1
        elif "merged into" in change.reason:
            reasons["the same person again in the file (merged)"] += 1
        else:
            reasons[safe_text(change.reason)] += 1
    if plan.parsed.blank_rows:
        reasons["blank row"] += plan.parsed.blank_rows
    return reasons.most_common()


def plan_rows(plan: ImportPlan) -> list[Text]:
    """The dry run's lines (ImportPlan.describe: safe text) as rows, the action word coloured."""
    rows = []
    for line in plan.describe():
        action = line.split(" ", 1)[0]
        row = Text(line, no_wrap=True, overflow="ellipsis")
        row.stylize(ACTION_STYLES.get(action, ""), 0, len(action))
        rows.append(row)
    return rows


def reasons_text(plan: ImportPlan) -> Text:
    reasons = skip_reasons(plan)
    if not reasons:
        return Text("")
    text = Text("skipped: ", style="dim")
    text.append("; ".join(f"{count} × {reason}" for reason, count in reasons))
    return text
