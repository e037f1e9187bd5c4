"""Rolling daily backups beside the data file: ``backups/<stem>-YYYY-MM-DD.json``, the last 7 kept."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from netplan.storage import ensure_private_dir

KEEP = 7


def backup_dir(data_file: Path) -> Path:
    return data_file.parent / "backups"


def backup_path(data_file: Path, day: date) -> Path:
    return backup_dir(data_file) / f"{data_file.stem}-{day.isoformat()}{data_file.suffix or '.json'}"


def list_backups(data_file: Path) -> list[Path]:
    """This data file's backups, oldest first (their names sort by date)."""
    folder = backup_dir(data_file)
    if not folder.is_dir():
        return []
    prefix = f"{data_file.stem}-"
    return sorted(p for p in folder.iterdir() if p.name.startswith(prefix) and p.is_file())


def newest_backup(data_file: Path) -> Path | None:
    found = list_backups(data_file)
    return found[-1] if found else None


def backup_before_first_write(data_file: Path, today: date) -> Path | None:
    """Copy the data file into backups/ if today has no backup yet; keep the newest KEEP.

    Called before each write; only the first write of a day copies anything. Returns the new
    backup's path, or None.
    """
    if not data_file.exists():
        return None
    target = backup_path(data_file, today)
    if target.exists():
        return None
    ensure_private_dir(target.parent)
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(data_file, tmp)
    os.chmod(tmp, 0o600)
    os.replace(tmp, target)
    for old in list_backups(data_file)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target
