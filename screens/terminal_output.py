"""Keep Textual's output thread alive when the terminal goes away (its window closed).

Textual writes the screen from a thread fed by a queue of at most 30 writes. When the terminal is
hung up a write raises OSError (EIO) and that thread ends; the queue then fills, and the next
write, or the shutdown that follows SIGHUP, blocks forever: the planner never exits, and its
last save waits behind it. Here the thread drops what cannot be written and keeps emptying the
queue, so SIGHUP ends the planner as it should (tests/reliability/test_clean_exits.py).
"""

from __future__ import annotations

import contextlib

from textual.drivers._writer_thread import WriterThread


def _run(self: WriterThread) -> None:
    write = self._file.write
    flush = self._file.flush
    get = self._queue.get
    qsize = self._queue.qsize
    gone = False  # the terminal is gone: nothing more is written, the queue is still emptied
    while True:
        text = get()
        if text is None:
            break
        if gone:
            continue
        try:
            write(text)
            if qsize() == 0:
                flush()
        except OSError:
            gone = True
    if not gone:
        with contextlib.suppress(OSError):
            flush()


def keep_output_thread_alive() -> None:
    WriterThread.run = _run  # type: ignore[method-assign]
