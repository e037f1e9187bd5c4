"""Rolling daily backups beside the data file: ``backups/<stem>-YYYY-MM-DD.json``, the last 7 kept.

A migration also keeps the file it is about to rewrite, as ``<stem>-YYYY-MM-DD-before-schema-N.json``;
those are outside the rotation (one per upgrade) so an older netplan's file is never lost.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from datetime import date
from pathlib import Path

from netplan.store.storage import atomic_write_bytes, ensure_private_dir, fsync_dir

KEEP = 7


def backup_dir(data_file: Path) -> Path:
    return data_file.parent / "backups"


def _suffix(data_file: Path) -> str:
    return data_file.suffix or ".json"


def backup_path(data_file: Path, day: date) -> Path:
    return backup_dir(data_file) / f"{data_file.stem}-{day.isoformat()}{_suffix(data_file)}"


def migration_backup_path(data_file: Path, day: date, new_version: int) -> Path:
    name = f"{data_file.stem}-{day.isoformat()}-before-schema-{new_version}{_suffix(data_file)}"
    return backup_dir(data_file) / name


def _daily_name(data_file: Path) -> re.Pattern[str]:
    # Exactly <stem>-YYYY-MM-DD<suffix>: not another data file whose name starts the same way
    # (netplan-work.json beside netplan.json), not a half-written .tmp copy.
    return re.compile(re.escape(data_file.stem) + r"-\d{4}-\d{2}-\d{2}" + re.escape(_suffix(data_file)))


def list_backups(data_file: Path) -> list[Path]:
    """This data file's daily backups, oldest first (their names sort by date)."""
    folder = backup_dir(data_file)
    if not folder.is_dir():
        return []
    pattern = _daily_name(data_file)
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file())


def newest_backup(data_file: Path) -> Path | None:
    found = list_backups(data_file)
    return found[-1] if found else None


def private_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` durably, through a temp file that is 0600 from its first byte
    (removed if the copy fails: a full disk leaves nothing half-written behind)."""
    tmp = target.with_name(f".{target.name}.tmp")
    # O_NOFOLLOW: a symbolic link planted under the temp name is not written through
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an existing leftover keeps its old mode through O_CREAT
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


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
    private_copy(data_file, target)
    for old in list_backups(data_file)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def backup_before_migration(data_file: Path, raw: bytes, today: date, new_version: int) -> Path:
    """Keep ``raw`` (the file as an older netplan wrote it) before a migration rewrites it."""
    target = migration_backup_path(data_file, today, new_version)
    atomic_write_bytes(target, raw)
    return target


def remove_stale_temp_files(data_file: Path) -> None:
    """Delete half-written backup copies left by a killed process (the writer calls this)."""
    folder = backup_dir(data_file)
    if not folder.is_dir():
        return
    # only ours: another data file in the same folder (netplan-work.json) may be mid-backup
    ours = re.compile(r"\." + re.escape(data_file.stem) + r"-\d{4}-\d{2}-\d{2}[^/]*\.tmp")
    for leftover in folder.iterdir():
        if ours.fullmatch(leftover.name):
            leftover.unlink(missing_ok=True)
