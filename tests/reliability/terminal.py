"""Run the real ``netplan`` TUI under a pseudo-terminal, as a user's terminal would.

One small helper for the reliability tests (one writer, hostile text, clean exits): the child gets
the pty as its controlling terminal (so closing the terminal sends it SIGHUP, as closing a window
does), a reader thread drains everything it writes (so it never blocks on a full pty buffer), and
the test waits for text on the screen, sends keys, and reads the raw bytes the terminal received.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tests.processes import NETPLAN, REPO

SIZE = (160, 45)  # columns, rows: the size the UI tests use
FIRST_FRAME_TIMEOUT = 20.0  # generous: the machine is shared; a normal start takes about a second

# Textual's own sequences: entering and leaving the alternate screen.
ALT_SCREEN_ON = b"\x1b[?1049h"
ALT_SCREEN_OFF = b"\x1b[?1049l"

# CSI (7- and 8-bit), OSC (ended by BEL or ST), DCS/APC/PM/SOS strings, other two-byte escapes.
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    rb"|\x1b[P_^X][^\x1b]*(?:\x1b\\)?"
    rb"|\x1b[()*+][0-9A-Za-z]"
    rb"|\x1b[ -~]"
)


def visible_text(raw: bytes) -> str:
    """The printable text in ``raw`` with escape sequences removed (good enough to find words)."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")


class Terminal:
    """A running ``netplan`` on a pseudo-terminal. Use through :func:`open_tui`."""

    def __init__(self, args: list[str], size: tuple[int, int], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=REPO,
            start_new_session=True,  # its own session, whose controlling terminal is the pty
            preexec_fn=_take_controlling_terminal,
        )
        os.close(slave)
        self._output = bytearray()
        self._changed = threading.Condition()
        self._closed = False  # the child closed its side (it exited), or we hung up
        self._hanging_up = threading.Event()
        self._reader = threading.Thread(target=self._drain, name="pty-reader", daemon=True)
        self._reader.start()

    # reading ----------------------------------------------------------------------------------

    def _drain(self) -> None:
        while not self._hanging_up.is_set():
            if not select.select([self.master], [], [], 0.05)[0]:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child's side is closed (it exited)
                chunk = b""
            with self._changed:
                if not chunk:
                    self._closed = True
                    self._changed.notify_all()
                    return
                self._output += chunk
                self._changed.notify_all()
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    @property
    def output(self) -> bytes:
        """Every byte the terminal has received so far."""
        with self._changed:
            return bytes(self._output)

    def screen_text(self, since: int = 0) -> str:
        return visible_text(self.output[since:])

    def wait_for(self, text: str, *, since: int = 0, timeout: float = 10.0) -> None:
        """Wait until ``text`` has been drawn (after byte offset ``since``); fail with what was drawn."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while text not in visible_text(bytes(self._output[since:])):
                left = deadline - time.monotonic()
                if left <= 0 or (self._closed and self.process.poll() is not None):
                    shown = visible_text(bytes(self._output[since:]))[-2000:]
                    raise AssertionError(f"{text!r} never appeared on the terminal; the end of it:\n{shown}")
                self._changed.wait(min(left, 0.2))

    def wait_for_first_frame(self) -> None:
        """The main screen is up: its first pane title, "Targets", has been drawn."""
        self.wait_for("Targets", timeout=FIRST_FRAME_TIMEOUT)

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Wait until nothing new has been drawn for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            seen = len(self._output)
            while time.monotonic() < deadline:
                self._changed.wait(quiet)
                if len(self._output) == seen:
                    return
                seen = len(self._output)

    # writing ----------------------------------------------------------------------------------

    def send(self, keys: str | bytes) -> None:
        """Type ``keys`` (bytes as a terminal sends them: "\\r" is enter, "\\x03" is ctrl+c)."""
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)

    def type_slowly(self, text: str, pause: float = 0.02) -> None:
        """One key at a time, as a person types (a burst could be read as a paste)."""
        for char in text:
            self.send(char)
            time.sleep(pause)

    # ending -----------------------------------------------------------------------------------

    def signal(self, signum: int) -> None:
        os.kill(self.process.pid, signum)

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does: the kernel sends the child SIGHUP."""
        if self._hanging_up.is_set():
            return
        self._hanging_up.set()
        self._reader.join()  # it stops reading first, so the closed descriptor is nobody's
        os.close(self.master)

    def wait_exit(self, timeout: float = 5.0) -> int:
        """The exit status (negative: killed by that signal); fails if it is still running."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            shown = self.screen_text()[-2000:]
            raise AssertionError(f"still running after {timeout} s; its screen ends:\n{shown}") from None
        self._reader.join(timeout=2)  # it has read all there was
        return code

    def terminal_attributes(self) -> list[int | list[bytes | int]]:
        """The pty's termios settings as the child left them (read through our side)."""
        assert not self._hanging_up.is_set(), "the terminal is closed"
        return termios.tcgetattr(self.master)

    def left_alternate_screen(self) -> bool:
        """Textual entered the alternate screen and then left it again, as its last switch."""
        raw = self.output
        return raw.rfind(ALT_SCREEN_ON) >= 0 and raw.rfind(ALT_SCREEN_OFF) > raw.rfind(ALT_SCREEN_ON)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.hang_up()


def _take_controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def tui_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "PYTEST"))}
    env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"})
    env.update(extra or {})
    return env


@contextlib.contextmanager
def open_tui(
    data_file: Path, *args: str, size: tuple[int, int] = SIZE, env: dict[str, str] | None = None
) -> Iterator[Terminal]:
    """``netplan --db data_file [args]`` on a fresh pseudo-terminal; killed at the end if still running."""
    terminal = Terminal([str(NETPLAN), "--db", str(data_file), *args], size, tui_environment(env))
    try:
        yield terminal
    finally:
        terminal.close()
