"""End the planner when its terminal is gone, even when no SIGHUP comes (test_terminal_gone.py).

Closing a terminal sends SIGHUP to its session leader only. Started by `make run` (or by any
parent that waits for its children before it dies), netplan gets none: `tmux kill-server` left it
running on the hung-up terminal. Textual's input thread reads the terminal in a loop that never
ends on end-of-file (a hung-up terminal reads as end-of-file forever), so it spun at 100% CPU, and
the planner held the writer lock: the user could not open the file again. (Upstream knows the spin:
Textualize/textual pull request 6690, open.)

A hung-up terminal reports POLLHUP. A thread of ours waits for that in poll() (no CPU while the
terminal lives); then it stops Textual's input thread and ends the planner the way SIGHUP does, so
the pending write finishes, the lock is released and the process exits 128 + SIGHUP.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
from collections.abc import Callable

from textual.driver import Driver

GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


class HangUpWatch:
    """A thread waiting for the terminal the driver reads to hang up; ``stop()`` ends it."""

    def __init__(self, driver: Driver | None, on_hang_up: Callable[[], object]) -> None:
        self._driver = driver
        self._on_hang_up = on_hang_up
        self._wake_read, self._wake_write = os.pipe2(os.O_CLOEXEC)
        self._thread = threading.Thread(target=self._watch, name="netplan-hang-up-watch", daemon=True)

    def start(self) -> HangUpWatch:
        self._thread.start()
        return self

    def _watch(self) -> None:
        terminal = _terminal_fd(self._driver)
        if terminal is None:  # not a terminal (a pipe under `netplan serve`, a test): nothing to watch
            return
        poller = select.poll()
        poller.register(terminal, 0)  # no events asked: poll() still reports a hang-up
        poller.register(self._wake_read, select.POLLIN)
        while True:
            ready = dict(poller.poll())
            if self._wake_read in ready:
                return
            if ready.get(terminal, 0) & GONE:
                break
        # Textual's input thread checks this event between reads: it stops reading end-of-file
        exit_event = getattr(self._driver, "exit_event", None)
        if isinstance(exit_event, threading.Event):
            exit_event.set()
        with contextlib.suppress(RuntimeError):  # the planner's loop has just closed: it is ending
            self._on_hang_up()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake_write, b"x")
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=1.0)
        for fd in (self._wake_read, self._wake_write):
            with contextlib.suppress(OSError):
                os.close(fd)


def _terminal_fd(driver: Driver | None) -> int | None:
    """The terminal Textual's linux driver reads keys from (its ``fileno``: stdin), if it is one."""
    fd = getattr(driver, "fileno", None)
    try:
        return fd if isinstance(fd, int) and os.isatty(fd) else None
    except OSError:
        return None
