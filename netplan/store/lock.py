"""One writer per data file (DESIGN.md): an exclusive flock on ``<file>.lock`` beside it, and a
name nobody can delete.

The kernel drops a flock when its process dies, so a crash, kill -9 or SIGHUP never leaves a stale
lock that blocks the next start: a lock file left behind by a dead netplan is unlocked, and the next
netplan takes it. Deleting the lock file while a netplan runs, though, leaves the flock on the
deleted file, where nobody else sees it: a second netplan would create a new lock file and take
that. DESIGN.md says deleting the lock file does not let a second writer in. So the holder also
binds a Unix socket in Linux's abstract namespace, named after the data file (its folder's device
and inode, and its name): such a name lives in the kernel, not in any folder, so no `rm` can take
it away, and the kernel frees it when the process dies, as it drops the flock. A second netplan
that finds the name taken is refused like one that finds the file locked ("in use", exit 3); it
learns the holder's pid from the socket (SO_PEERCRED), as the lock file would have told it.

Abstract names have no permissions, so another user could bind ours first. Only a holder running
as our own user counts (SO_PEERCRED again); a name held by anyone else is ignored and the flock
alone guards the file, as it does where there is no abstract namespace (outside Linux).

The holder checks before every write that ``<file>.lock`` is still the file it locked (same device
and inode) (``verify``). When it was deleted or replaced, a holder that owns the name knows nobody
else wrote: it locks the lock file it finds there (or a new one) and goes on writing. A holder
without the name refuses to write, since another netplan may have written in between. The lock
file is opened without following a symbolic link: a planted ``<file>.lock -> elsewhere`` never has
its target written.

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
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from netplan import __version__
from netplan.core.errors import DataFileChanged, DataFileLocked, DataFileUnwritable
from netplan.store.storage import FileState

if TYPE_CHECKING:
    import socket

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


def writer_name(lock_file: Path) -> bytes | None:
    """The abstract socket name that stands for ``lock_file`` (None outside Linux): its folder's
    device and inode, so every path to the folder gives the same name, and a digest of its name."""
    if not sys.platform.startswith("linux"):
        return None
    import hashlib  # here, as socket below: only writers pay for them (every command reads lock.py)

    folder = os.stat(lock_file.parent)
    digest = hashlib.sha256(os.fsencode(lock_file.name)).hexdigest()[:32]
    return f"\0netplan-writer {folder.st_dev}:{folder.st_ino} {digest}".encode()


_PEER = "3i"  # struct ucred: pid, uid, gid
_RETAKE_TRIES = 20  # times 10 ms: a refused netplan lets go of the lock file within milliseconds


def _unix_socket() -> socket.socket:
    import socket

    return socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC | socket.SOCK_NONBLOCK)


def _name_holder(name: bytes) -> tuple[bool, int | None]:
    """Whether a netplan of this user holds ``name``, and its pid if the kernel says."""
    import socket
    import struct

    probe = _unix_socket()
    try:
        probe.connect(name)
        peer = probe.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize(_PEER))
        pid, uid, _gid = struct.unpack(_PEER, peer)
    except BlockingIOError:  # its queue is full of refused netplans' probes: a long-running holder
        return True, None
    except OSError:  # bound but not listening: not a netplan
        return False, None
    finally:
        probe.close()
    return uid == os.getuid(), pid


class WriterLock:
    def __init__(self, data_file: Path) -> None:
        self.data_file = data_file
        self.path = lock_path(data_file)
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file we locked
        self._name: socket.socket | None = None  # bound to writer_name(): see the module's note

    def acquire(self) -> None:
        for _attempt in range(5):
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = None
                with contextlib.suppress(OSError, ValueError, IndexError):
                    holder = int(os.read(fd, 32).decode().split()[0])
                os.close(fd)
                raise self._in_use(holder) from None
            held = os.fstat(fd)
            identity = (held.st_dev, held.st_ino)
            if self._current() == identity:
                self._fd, self._identity = fd, identity
                try:
                    self._take_name()
                    self._write(_parse_note(os.pread(fd, 256, 0)))  # our pid; the note stays
                except BaseException:
                    self.release()
                    raise
                return
            # the lock file was deleted or replaced between our open and our flock: the file we
            # locked is not the one the next netplan will find, so try again on the new one
            os.close(fd)
        raise DataFileLocked(f"{self.path} keeps being replaced by another program. Nothing was written.")

    def _in_use(self, pid: int | None) -> DataFileLocked:
        holder = f" (process {pid})" if pid else ""
        return DataFileLocked(
            f"{self.data_file} is in use by another netplan{holder}; close it and try again. "
            "Nothing was written."
        )

    def _take_name(self) -> None:
        """Bind the writer's name, or raise DataFileLocked if a netplan of ours holds it: its lock
        file was deleted, and the flock we just took on a new one guards nothing."""
        name = writer_name(self.path)
        if name is None:
            return
        sock = _unix_socket()
        try:
            sock.bind(name)
            sock.listen()  # a queue for probes (see _forget_probes)
        except OSError as exc:
            sock.close()
            if exc.errno != errno.EADDRINUSE:
                return  # no abstract namespace here: the flock alone guards the file
            ours, pid = _name_holder(name)
            if ours:
                raise self._in_use(pid) from None
            return  # another user's socket squats the name: ignored, the flock alone guards
        self._name = sock

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
        """Before a write: ``<file>.lock`` is still the file this lock holds, or (holding the
        writer's name) is locked again; else raise DataFileChanged."""
        if self._fd is None:
            return
        self._forget_probes()
        if self._current() == self._identity:
            return
        if self._name is None or not self._retake():
            raise DataFileChanged(
                f"{self.path} was deleted or replaced while this netplan held it, so another netplan "
                f"may be writing {self.data_file}; it was not overwritten. Do not delete the lock file "
                "of a running netplan."
            )

    def _retake(self) -> bool:
        """Lock the lock file now at our path (a new one if none): nobody else wrote meanwhile, as
        we hold the writer's name. A netplan refused on the name may hold it for a moment."""
        assert self._fd is not None
        for _attempt in range(_RETAKE_TRIES):
            try:
                fd = self._open()
            except (OSError, DataFileUnwritable):  # a planted link, a folder in the way: refuse
                return False
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                time.sleep(0.01)
                continue
            held = os.fstat(fd)
            if self._current() != (held.st_dev, held.st_ino):
                os.close(fd)  # replaced again between our open and our flock
                continue
            note = None
            with contextlib.suppress(OSError):
                note = _parse_note(os.pread(self._fd, 256, 0))  # the deleted file still holds it
            os.close(self._fd)
            self._fd, self._identity = fd, (held.st_dev, held.st_ino)
            with contextlib.suppress(OSError):
                self._write(note)
            return True
        return False

    def _forget_probes(self) -> None:
        """Each refused netplan's connection waits in our socket's queue: empty it."""
        if self._name is None:
            return
        with contextlib.suppress(OSError):
            while True:
                connection, _address = self._name.accept()
                connection.close()

    def release(self) -> None:
        if self._name is not None:
            self._name.close()
            self._name = None
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
            self._identity = None

    @property
    def held(self) -> bool:
        return self._fd is not None
