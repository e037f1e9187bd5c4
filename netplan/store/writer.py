"""The planner's file writes, on a thread of their own (issue 9: no event-loop stall over 50 ms).

A save in the planner changes memory and serializes it on the event loop (~30 ms for a power
user's 18 MB), then hands the bytes here; the atomic write and its fsyncs (40-75 ms, more on a slow
disk) happen on this thread while the loop keeps drawing. Each payload is the whole file, so when
saves come faster than the disk only the newest waiting one is written: nothing is lost, since it
contains every change before it. The outcome of each write goes back to the loop through
``deliver`` (the loop's ``call_soon_threadsafe``): only then does the planner say "saved".

After a failed write the writer drops what waits and refuses new payloads (the save fails, and its
transaction rolls back) until the loop has put memory back to what is on disk (``recovered``), so
the file and memory never drift apart. ``submit`` answers each payload with a Future: it is done
when the write that carried the payload (itself, or a newer whole file that replaced it while it
waited) landed, or failed with that write's error. Whoever saved holds its own answer, so a worker
learns what became of its save even after the loop has recovered from the failure (an import
applying on a worker must not say "imported" then).
The command line does not use this: it writes synchronously and waits.
"""

from __future__ import annotations

import contextlib
import errno
import threading
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial

Deliver = Callable[[Callable[[], None]], object]


class BackgroundWriter:
    def __init__(
        self,
        write: Callable[[bytes], None],
        deliver: Deliver,
        on_landed: Callable[[bytes], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        self._write = write
        self._deliver = deliver
        self._on_landed = on_landed
        self._on_failed = on_failed
        self._cond = threading.Condition()
        self._pending: bytes | None = None
        self._busy = False
        self._stopping = False
        self.failed: BaseException | None = None  # the last write's error, until ``recovered``
        self._answers: list[Future[None]] = []  # of the payload waiting, and of those it replaced
        self._thread = threading.Thread(target=self._run, name="netplan-writer", daemon=True)
        self._thread.start()

    @property
    def saving(self) -> bool:
        """True while a payload waits or is being written."""
        with self._cond:
            return self._busy or self._pending is not None

    def submit(self, payload: bytes) -> Future[None]:
        """Queue ``payload`` (the whole file); the Future is done when it is on disk, or failed."""
        with self._cond:
            if self._stopping:
                raise RuntimeError("the writer has stopped")
            if self.failed is not None:  # memory is about to go back to the file: refused
                raise OSError(errno.EIO, "an earlier save could not be written; try again")
            answer: Future[None] = Future()
            self._pending = payload  # a newer whole file replaces one still waiting
            self._answers.append(answer)
            self._cond.notify_all()
            return answer

    def recovered(self) -> None:
        """The loop restored memory from the file: accept payloads again."""
        with self._cond:
            self.failed = None

    def wait(self) -> BaseException | None:
        """Block until nothing waits or is being written; returns the error of a failed write
        not yet recovered from."""
        with self._cond:
            while self._busy or self._pending is not None:
                self._cond.wait()
            return self.failed

    def stop(self) -> BaseException | None:
        """Write what waits, end the thread; returns the error of a failed write, if any."""
        error = self.wait()
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join()
        return error

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._stopping:
                    self._cond.wait()
                if self._pending is None:
                    return
                payload, self._pending = self._pending, None
                answers, self._answers = self._answers, []  # this payload stands for all of them
                self._busy = True
            try:
                self._write(payload)
            except BaseException as error:  # noqa: BLE001 - every failure goes back to the loop
                with self._cond:
                    self.failed = error
                    self._pending = None  # dropped: its savers hear of this write's failure
                    answers += self._answers
                    self._answers = []
                    for answer in answers:
                        answer.set_exception(error)
                    self._busy = False
                    self._cond.notify_all()
                self._send(partial(self._on_failed, error))
                continue
            with self._cond:
                for answer in answers:
                    answer.set_result(None)
                self._busy = False
                self._cond.notify_all()
            self._send(partial(self._on_landed, payload))

    def _send(self, callback: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # the event loop has closed: nobody is left to tell
            self._deliver(callback)
