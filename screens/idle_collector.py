"""Full garbage collections while the user is idle, not in the middle of a save (issue 9).

Python's cyclic collector now and then walks every tracked object. In the planner that is
Textual's render caches (each line of the screen is a Strip with seven small caches: 100,000+
objects on a full screen), and one full pass took 75-230 ms: the longest stalls measured while a
save redrew the panes (bench/save_stall.py). The young generations are still collected as
usual (a few ms); the full pass runs when no key or click came for ``IDLE_SECONDS``, once per
idle spell, and at the latest every ``MAX_SECONDS`` so a long busy spell cannot grow memory.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_SECONDS = 2.0
MAX_SECONDS = 120.0
NO_AUTOMATIC_FULL_PASS = 1_000_000_000  # gen-1 collections before a full one: never, in practice


class IdleCollector:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._saved: tuple[int, int, int] | None = None
        self._last_activity = now()
        self._last_collection = now()
        self._collected_since_activity = False

    def start(self) -> None:
        """No more automatic full passes; what is alive now (modules, the loaded data file: most
        of the heap, and never cyclic garbage) is left out of every later pass (gc.freeze)."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, NO_AUTOMATIC_FULL_PASS)
        self.freeze()

    def freeze(self) -> None:
        gc.freeze()

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def touched(self) -> None:
        """A key or a click: the user is there."""
        self._last_activity = self._now()
        self._collected_since_activity = False

    def tick(self) -> bool:
        """Called every second or so; collects when due. Returns True if it did."""
        now = self._now()
        idle = now - self._last_activity >= IDLE_SECONDS and not self._collected_since_activity
        if not idle and now - self._last_collection < MAX_SECONDS:
            return False
        gc.collect()
        self._last_collection = now
        self._collected_since_activity = True
        return True
