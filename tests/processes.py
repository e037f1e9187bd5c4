"""Helpers for tests that need a second, real process: a lock holder, and the netplan CLI.

A second process is the only honest way to test the writer lock (flock is per open file, so two
opens in one process would prove less) and the clean release when a holder is killed with SIGKILL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NETPLAN = Path(sys.executable).parent / "netplan"

# The child opens the store for writing, says so, and waits until its stdin closes.
_HOLDER = """
import sys
from netplan.store.store import Store
store = Store.open(sys.argv[1])
print("holding", flush=True)
sys.stdin.read()
store.close()
"""


@contextmanager
def lock_held(data_file: Path) -> Iterator[subprocess.Popen[str]]:
    """A child process holding ``Store.open(data_file)`` (the writer lock) for the with-block."""
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(data_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "holding", (
            f"lock holder failed: {line!r} {child.stderr.read() if child.stderr else ''}"
        )
        yield child
    finally:
        if child.poll() is None:
            assert child.stdin is not None
            child.stdin.close()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()


def kill_hard(child: subprocess.Popen[str]) -> None:
    """SIGKILL: no Python cleanup, no atexit, no finally blocks run in the child."""
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)


def run_netplan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``netplan`` console script."""
    return subprocess.run(
        [str(NETPLAN), *args], capture_output=True, text=True, timeout=60, env=env, cwd=REPO
    )
