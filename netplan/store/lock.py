"""One writer per data file (DESIGN.md): an exclusive flock on ``<file>.lock`` beside it.

The kernel drops a flock when its process dies, so a crash, kill -9 or SIGHUP never leaves a stale
lock that blocks the next start; the lock file itself may stay behind, unlocked and harmless.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from netplan.core.errors import DataFileLocked


def lock_path(data_file: Path) -> Path:
    return data_file.with_name(data_file.name + ".lock")


class WriterLock:
    def __init__(self, data_file: Path) -> None:
        self.data_file = data_file
        self.path = lock_path(data_file)
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            with contextlib.suppress(OSError, ValueError):
                pid = int(os.read(fd, 32).decode().strip() or 0)
                holder = f" (process {pid})" if pid else ""
            os.close(fd)
            raise DataFileLocked(
                f"{self.data_file} is in use by another netplan{holder}; close it and try again. "
                "Nothing was written."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
