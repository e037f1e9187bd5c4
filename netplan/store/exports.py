"""Writing a file the user asked for (an export, a draft) without ever touching a file the store owns.

DESIGN.md: exports never overwrite the data file, its lock or backups, and overwrite another existing
file only with --force (issue 14, item 3: `netplan export ics DATAFILE` used to destroy the data).
The store owns its data file, the lock beside it, the backups folder and its save temp files. They
are compared by real path (a symlink to the data file is the data file) and, for a file that
exists, by inode (so is a hard link), both for the path as given and for its real path.

The payload goes to a temp file (0600 from its first byte) in the target's real folder, which is
flushed and fsync'd and then takes the target's name in one step: ``os.replace`` when replacing is
allowed, else ``os.link``, which the kernel refuses if a file of that name appeared meanwhile. A
reader of the target sees the old file or the new one, never a part; a failure leaves no temp file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from netplan.core.errors import ExportRefused, ExportTargetExists, ExportUnwritable
from netplan.store.backups import backup_dir
from netplan.store.lock import lock_path
from netplan.store.storage import ensure_private_dir, fsync_dir, temp_prefix


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def owned_reason(data_file: Path, target: Path) -> str | None:
    """Why ``target`` is a file the store of ``data_file`` owns, or None if it is not one of them."""
    real = _real(target)
    for data in dict.fromkeys([Path(os.path.abspath(data_file)), _real(data_file)]):
        if real == _real(data) or _same_file(target, data):
            return "is the data file; an export never writes onto it"
        if real == _real(lock_path(data)) or _same_file(target, lock_path(data)):
            return "is the data file's lock; an export never writes onto it"
        if real.is_relative_to(_real(backup_dir(data))):
            return "is in the data file's backups folder; an export never writes there"
        if real.parent == _real(data).parent and real.name.startswith(temp_prefix(data)):
            return "is a temp file of the data file; an export never writes onto it"
    return None


def check_target(data_file: Path, target: Path, *, force: bool) -> None:
    """Refuse, before any work, a target the store owns or an existing one without ``force``."""
    reason = owned_reason(data_file, target)
    if reason is not None:
        raise ExportRefused(str(target), reason)
    if os.path.isdir(target):
        raise ExportUnwritable(f"{target} is a folder; name a file to write. Nothing was written.")
    if os.path.lexists(target) and not force:
        raise ExportTargetExists(str(target), "exists; add --force to replace it")


def write_export(data_file: Path, target: Path | str, payload: bytes, *, force: bool = False) -> None:
    """Write ``payload`` to ``target`` (its real path: a symlink is written through), 0600, in one step."""
    target = Path(target)
    check_target(data_file, target, force=force)
    final = _real(target)
    tmp_name: str | None = None
    try:
        ensure_private_dir(final.parent)
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(final), suffix=".tmp", dir=final.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp_name, final)
        else:
            _link_new(tmp_name, final, target)
        tmp_name = None
        fsync_dir(final.parent)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ExportUnwritable(f"{target} cannot be written ({reason}). Nothing was written.") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _link_new(tmp_name: str, final: Path, target: Path) -> None:
    """Give the temp file the target's name only if no file has it (checked by the kernel)."""
    try:
        os.link(tmp_name, final)
    except FileExistsError:
        raise ExportTargetExists(str(target), "exists; add --force to replace it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # a filesystem without hard links (FAT, some network mounts): checked just before instead
        if os.path.lexists(final):
            raise ExportTargetExists(str(target), "exists; add --force to replace it") from None
        os.replace(tmp_name, final)
        return
    os.unlink(tmp_name)
