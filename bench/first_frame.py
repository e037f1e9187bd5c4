"""Time to first frame: launch a program on a pseudo-terminal and wait until a marker shows.

Both netplan and the baseline (a bare Textual app showing one line) are started the same way, as
a user would start them, so the ratio includes interpreter start, imports and the first render.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

T = TypeVar("T")

TARGET = 1.3  # issue 9: first frame at most 1.3x a bare Textual app's

BARE_APP = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("bare-textual-ready")
Bare().run()
"""


def run_on_pty(
    argv: list[str],
    until: Callable[[subprocess.Popen[bytes], bytes], T | None],
    *,
    env: dict[str, str] | None = None,
    timeout: float = 20.0,
) -> T:
    """Start ``argv`` on a 160x45 pseudo-terminal and read what it draws; return ``until(process,
    drawn so far)`` as soon as that is not None (the process is then stopped)."""
    primary, secondary = pty.openpty()
    os.set_blocking(primary, False)
    run_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "160", "LINES": "45", **(env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=run_env,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(secondary)
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([primary], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(primary, 65536)
                except OSError:
                    break
            result = until(proc, seen)
            if result is not None:
                return result
        raise TimeoutError(f"{argv} did not get there within {timeout} s")
    finally:
        stop(proc, primary)
        os.close(primary)


def time_to_marker(argv: list[str], marker: bytes, *, env: dict[str, str] | None = None) -> float:
    """Seconds from spawn until ``marker`` appears on the terminal."""
    start = time.perf_counter()

    def seconds_once_shown(_proc: subprocess.Popen[bytes], seen: bytes) -> float | None:
        return time.perf_counter() - start if marker in seen else None

    return run_on_pty(argv, seconds_once_shown, env=env)


def stop(proc: subprocess.Popen[bytes], primary: int, timeout: float = 10.0) -> None:
    """SIGTERM, reading the terminal meanwhile: netplan exits cleanly on SIGTERM (it restores the
    terminal), and a write to a pseudo-terminal nobody reads would block that exit."""
    os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.perf_counter() + timeout
    while proc.poll() is None and time.perf_counter() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.05)
        if ready:
            try:
                os.read(primary, 65536)
            except OSError:
                break
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=timeout)


def interleaved_medians(cases: dict[str, tuple[list[str], bytes]], runs: int) -> dict[str, float]:
    """Median seconds to each case's marker; the cases take turns, run after run, so a machine
    that gets busier or quieter meanwhile moves every case alike and the ratios stay fair."""
    for argv, marker in cases.values():
        time_to_marker(argv, marker)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (argv, marker) in cases.items():
            times[name].append(time_to_marker(argv, marker))
    return {name: statistics.median(values) for name, values in times.items()}


def run(runs: int = 9, data_file: Path | None = None) -> list[tuple[str, str]]:
    """Rows for the table: bare app, `netplan --demo`, netplan on the power user's file, the ratios."""
    from bench.big_file import big_data_file  # generated once per `make bench` run

    big_file = data_file or big_data_file()
    netplan_big = [str(BIN / "netplan"), "--db", str(big_file)]
    medians = interleaved_medians(
        {
            "bare": ([str(BIN / "python"), "-c", BARE_APP], b"bare-textual-ready"),
            "demo": ([str(BIN / "netplan"), "--demo"], b"Opening"),
            "demo_shown": ([str(BIN / "netplan"), "--demo"], b"Targets"),
            # The planner draws its frame ("Opening <file> …") before it reads the file (issue 9) ...
            "big": (netplan_big, b"Opening"),
            # ... and the panes fill in after: the first goal's title in the tree says they have.
            "filled": (netplan_big, b"Goal 1:"),
        },
        runs,
    )
    bare, demo, demo_shown, big, filled = (
        medians[name] for name in ("bare", "demo", "demo_shown", "big", "filled")
    )
    verdict = "ok" if big / bare <= TARGET else f"MISSED by {big / bare - TARGET:.2f}x"
    return [
        ("first frame: bare Textual app", f"{bare * 1000:.0f} ms"),
        ("first frame: netplan --demo", f"{demo * 1000:.0f} ms ({demo / bare:.2f}x bare)"),
        ("main screen shown: netplan --demo", f"{demo_shown * 1000:.0f} ms ({demo_shown / bare:.2f}x bare)"),
        (
            f"first frame: netplan on the ten years (target <= {TARGET}x bare)",
            f"{big * 1000:.0f} ms ({big / bare:.2f}x bare) {verdict}",
        ),
        ("goal tree filled: netplan on the ten years", f"{filled * 1000:.0f} ms ({filled / bare:.2f}x bare)"),
    ]


if __name__ == "__main__":
    for name, value in run():
        print(f"{name:45} {value}")
