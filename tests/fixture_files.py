"""Where the real-world interchange files are: ../shared/fixtures beside the repository root.

They are read in place, never copied into the project. A git worktree sits one folder deeper
(wt/<name>), so the search walks up from the repository root until it finds shared/fixtures.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_fixtures() -> Path:
    for folder in REPO_ROOT.parents:
        candidate = folder / "shared" / "fixtures"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no shared/fixtures folder above {REPO_ROOT}")


def fixture(name: str) -> Path:
    path = shared_fixtures() / name
    assert path.is_file(), f"missing fixture {path}"
    return path
