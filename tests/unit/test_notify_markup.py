"""`notify()` parses markup (DESIGN.md, Security of display): a notification whose text is built at run
time (names, notes, paths, error messages) must pass markup=False, or "[/]" in a name breaks it and
"[@click=app.quit]" in a name becomes a live link. Checked over every call in screens/."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.processes import REPO


def _unsafe_notifies(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != "notify" or not node.args:
                continue
            built = not isinstance(node.args[0], ast.Constant)
            plain = any(
                k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            )
            if built and not plain:
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_every_notification_built_at_run_time_is_plain_text() -> None:
    assert _unsafe_notifies(REPO / "screens") == []


def test_the_check_sees_an_unsafe_call(tmp_path: Path) -> None:
    """Guard against a check that cannot fail."""
    (tmp_path / "form.py").write_text(
        'self.notify("Saved")\nself.notify(f"Saved {name}")\nself.notify(str(e), markup=False)\n'
    )
    assert _unsafe_notifies(tmp_path) == ["form.py:2"]
