"""Interchange files for the tests: the project's own (tests/fixtures) and real ones (../shared/fixtures).

The project's own files are written here to carry the same features as the real ones (folding, CRLF and
mixed line endings, a BOM, escapes, photos, VTIMEZONE, EXDATE lists), so the suite stays strong on a
fresh clone with nothing beside it. The real files, written by other programs, are read in place and
never copied into the project; a test that needs them is skipped, with the reason, when they are absent
(CI has them). A git worktree sits one folder deeper (wt/<name>), so the search walks up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
OWN_FIXTURES = REPO_ROOT / "tests" / "fixtures"
SHARED_ABSENT = "../shared/fixtures is absent (a clone on its own): no real files of other programs here"


def find_shared_fixtures() -> Path | None:
    for folder in REPO_ROOT.parents:
        candidate = folder / "shared" / "fixtures"
        if candidate.is_dir():
            return candidate
    return None


def shared_fixtures() -> Path:
    """The real files' folder; the calling test is skipped when it is absent."""
    found = find_shared_fixtures()
    if found is None:
        pytest.skip(SHARED_ABSENT)
    return found


def fixture(name: str) -> Path:
    """One real file of another program (skips the test when ../shared/fixtures is absent)."""
    path = shared_fixtures() / name
    assert path.is_file(), f"missing fixture {path}"
    return path


def own_fixture(name: str) -> Path:
    """One of the project's own interchange files (always there)."""
    path = OWN_FIXTURES / name
    assert path.is_file(), f"missing fixture {path}"
    return path
