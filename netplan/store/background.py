"""A store's background writes (the planner): a save serializes on the caller's thread and a writer
thread (writer.py) writes the file; a failed write puts memory back to the file, or keeps the changes
unsaved when the file changed behind our back (issue 14)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netplan.core.errors import DataFileChanged, DataFileError, DataFileUnwritable
from netplan.store import schema
from netplan.store.decoding import decode_written
from netplan.store.storage import AtomicOrjsonStorage, FileState, cannot_write, read_data_file
from netplan.store.writer import BackgroundWriter, Deliver


class BackgroundWrites:
    if TYPE_CHECKING:  # given by Store
        path: Path
        save_error: str | None
        failed_writes: int
        on_saved: Callable[[], None] | None
        _storage: AtomicOrjsonStorage
        _readonly: bool
        _writer: BackgroundWriter | None
        _saves: threading.local
        _memory_lock: threading.RLock
        _kept: dict[str, tuple[int, Any]]

        def _reset_tables(self) -> None: ...
        def _moved(self) -> None: ...
        def _saved(self) -> None: ...

    def write_in_background(self, deliver: Deliver) -> None:
        """From now on a save serializes here and a writer thread writes the file (see
        writer.py); ``deliver`` runs its news on the caller's loop (call_soon_threadsafe):
        ``last_saved`` and ``on_saved`` change only when the bytes are on disk."""
        if self._writer is None and not self._readonly:
            writer = BackgroundWriter(self._storage.write_file, deliver, self._landed, self._write_failed)
            self._writer = writer
            self._storage.send = writer.submit

    @property
    def saving(self) -> bool:
        """A background write waits or is in flight: the last change is not on disk yet."""
        return self._writer is not None and self._writer.saving

    def flush(self, *, mine: bool = True) -> None:
        """Wait until every save is on disk; raises DataFileUnwritable if this thread's last save
        was undone by a failed write (``mine=False``, or a thread that saved nothing: if a failed
        write is not yet recovered from)."""
        if self._writer is None:
            return
        error = self._writer.wait()
        last: Future[None] | None = getattr(self._saves, "last", None)
        if mine and last is not None:
            error = last.exception()  # done: nothing waits or is in flight any more
        if error is not None:
            raise self._not_saved(error)

    def _not_saved(self, error: BaseException) -> DataFileError:
        if isinstance(error, DataFileError):
            return error
        if isinstance(error, OSError):
            return cannot_write(self.path, error)
        return DataFileUnwritable(f"{self.path} cannot be written: {error}. Nothing was changed.")

    def _stop_writer(self) -> BaseException | None:
        writer, self._writer = self._writer, None
        if writer is None:
            return None
        self._storage.send = None
        return writer.stop()

    def _landed(self, payload: bytes) -> None:
        self.save_error = None
        self._saved()

    def _write_failed(self, error: BaseException) -> None:
        """On the loop, after a failed background write: memory goes back to the file, and the
        listeners (the status line) say so; the next save tries again.

        A file changed behind our back (or a lock file deleted) is the exception: memory keeps
        every change, shown but unsaved, like an editor's "file changed on disk" (issue 14)."""
        if isinstance(error, DataFileChanged):
            self.save_error = (
                f"{str(error).rstrip('.')}. Your changes stay on screen but are NOT saved; "
                "quit, and reopen to see the file as it is now."
            )
        else:
            with self._memory_lock:  # an import applying on a worker finishes its transaction first
                restored = self._storage.restore_landed()
                self._reset_tables()
                self._kept.clear()
            if restored:
                self.save_error = f"{self._not_saved(error)} Your last change was undone."
            else:  # the file changed, or cannot be read again: memory keeps the changes (issue 14)
                self.save_error = (
                    f"{self._not_saved(error)} Your changes stay on screen but are NOT saved; "
                    "quit, and reopen to see the file as it is now."
                )
        self.failed_writes += 1

        if self._writer is not None:
            self._writer.recovered()
        self._moved()
        if self.on_saved is not None:
            self.on_saved()

    def _reread(self) -> tuple[schema.Tables, FileState]:
        """The file parsed again (memory put back after a failed background write): what this
        store wrote or read, so it is not checked record by record again."""
        raw, on_disk = read_data_file(self.path)
        decode = partial(decode_written, compact=True)
        tables = schema.parse(self.path, raw, newest_backup=None, decode_written=decode)
        del raw
        return schema.migrate(self.path, tables)[0], on_disk
