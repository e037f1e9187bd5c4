"""One writer per data file (DESIGN.md): an exclusive flock on ``<file>.lock`` beside it.

The kernel drops a flock when its process dies, so a crash, kill -9 or SIGHUP never leaves a stale
lock that blocks the next start: a lock file left behind by a dead netplan is unlocked, and the next
netplan takes it. Deleting the lock file while a netplan runs, though, does not free the data file:
the flock stays on the deleted file, and another netplan could create a new lock file and take that.
So the holder checks before every write that ``<file>.lock`` is still the file it locked (same
device and inode) and refuses to write otherwise (``verify``). The lock file is opened without
following a symbolic link: a planted ``<file>.lock -> elsewhere`` never has its target written.

The lock file holds the holder's pid, and after it a note of the data file as this netplan last
read (and checked) or wrote it: its FileState and netplan's version. Every record of a file is
checked through its model on open (issue 14, item 7), which costs seconds on ten years of data; a
file whose FileState matches the note is the file a checking netplan of this version wrote, and
is not checked again. Any other change (an edit, a restore, another program) gets a new inode or
mtime, so the note no longer matches and the next open checks everything.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path

from netplan import __version__
from netplan.core.errors import DataFileChanged, DataFileLocked, DataFileUnwritable
from netplan.store.storage import FileState

_NOTE_VERSION = f"netplan {__version__}"


def checked_state(data_file: Path) -> FileState | None:
    """The FileState noted in the lock file as checked by this version, if any (readers too)."""
    try:
        fd = os.open(lock_path(data_file), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        return _parse_note(os.read(fd, 256))
    except OSError:
        return None
    finally:
        os.close(fd)


def _parse_note(content: bytes) -> FileState | None:
    lines = content.decode("ascii", "replace").splitlines()
    if len(lines) < 3 or lines[2] != _NOTE_VERSION:
        return None
    numbers = lines[1].split()
    if len(numbers) != 4 or not all(n.isascii() and n.isdigit() for n in numbers):
        return None
    return (int(numbers[0]), int(numbers[1]), int(numbers[2]), int(numbers[3]))


def lock_path(data_file: Path) -> Path:
    return data_file.with_name(data_file.name + ".lock")


class WriterLock:
    def __init__(self, data_file: Path) -> None:
        self.data_file = data_file
        self.path = lock_path(data_file)
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file we locked

    def acquire(self) -> None:
        for _attempt in range(5):
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = ""
                with contextlib.suppress(OSError, ValueError, IndexError):
                    pid = int(os.read(fd, 32).decode().split()[0])
                    holder = f" (process {pid})" if pid else ""
                os.close(fd)
                raise DataFileLocked(
                    f"{self.data_file} is in use by another netplan{holder}; close it and try again. "
                    "Nothing was written."
                ) from None
            held = os.fstat(fd)
            identity = (held.st_dev, held.st_ino)
            if self._current() == identity:
                self._fd, self._identity = fd, identity
                try:
                    self._write(_parse_note(os.pread(fd, 256, 0)))  # our pid; the note stays
                except BaseException:
                    self.release()
                    raise
                return
            # the lock file was deleted or replaced between our open and our flock: the file we
            # locked is not the one the next netplan will find, so try again on the new one
            os.close(fd)
        raise DataFileLocked(f"{self.path} keeps being replaced by another program. Nothing was written.")

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise DataFileUnwritable(
                    f"{self.path} is a symbolic link; netplan does not follow a lock file's link "
                    "(remove it if you did not make it). Nothing was written."
                ) from None
            raise

    def _current(self) -> tuple[int, int] | None:
        try:
            now = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return None
        return (now.st_dev, now.st_ino)

    def note_checked(self, state: FileState | None) -> None:
        """Note that the data file with FileState ``state`` holds only records that passed their
        models (None: forget the note). Best effort: without it the next open checks everything."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                self._write(state)

    def _write(self, state: FileState | None) -> None:
        assert self._fd is not None
        note = f"{os.getpid()}\n"
        if state is not None:
            note += " ".join(str(n) for n in state) + f"\n{_NOTE_VERSION}\n"
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, note.encode(), 0)

    def verify(self) -> None:
        """Raise DataFileChanged unless ``<file>.lock`` is still the file this lock holds."""
        if self._fd is None:
            return
        if self._current() != self._identity:
            raise DataFileChanged(
                f"{self.path} was deleted or replaced while this netplan held it, so another netplan "
                f"may be writing {self.data_file}; it was not overwritten. Do not delete the lock file "
                "of a running netplan."
            )

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
            self._identity = None

    @property
    def held(self) -> bool:
        return self._fd is not None
