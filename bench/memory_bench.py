"""Peak memory of the planner on the power user's file vs. a bare Textual app (issue 9).

Both are started on a pseudo-terminal as a user would start them; once the first frame shows, and
again after a settling pause (panes that load after the first frame count too), the peak resident
set (VmHWM in /proc/<pid>/status, Linux) of the process is read. No target: the figure is reported.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

from bench.first_frame import BARE_APP, BIN, ROOT, stop

SETTLE = 2.0  # seconds after the first frame: lets worker-loaded panes fill in before reading the peak


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/<pid>/status (not Linux?)")


def peak_after_first_frame(argv: list[str], marker: bytes, timeout: float = 30.0) -> float:
    primary, secondary = pty.openpty()
    os.set_blocking(primary, False)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "160", "LINES": "45"}
    proc = subprocess.Popen(
        argv, stdin=secondary, stdout=secondary, stderr=secondary, env=env, cwd=ROOT, start_new_session=True
    )
    os.close(secondary)
    seen, shown_at = b"", None
    start = time.perf_counter()
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([primary], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(primary, 65536)
                except OSError:
                    break
            if shown_at is None and marker in seen:
                shown_at = time.perf_counter()
            if shown_at is not None and time.perf_counter() - shown_at >= SETTLE:
                return peak_rss_mb(proc.pid)
        raise TimeoutError(f"{marker!r} did not appear from {argv}")
    finally:
        stop(proc, primary)
        os.close(primary)


def run() -> list[tuple[str, str]]:
    from bench.big_file import big_data_file

    bare = peak_after_first_frame([str(BIN / "python"), "-c", BARE_APP], b"bare-textual-ready")
    big = peak_after_first_frame([str(BIN / "netplan"), "--db", str(big_data_file())], b"Targets")
    return [
        ("peak memory: bare Textual app (VmHWM)", f"{bare:.0f} MB"),
        ("peak memory: netplan on the ten years", f"{big:.0f} MB ({big / bare:.1f}x bare; reported)"),
    ]


if __name__ == "__main__":
    for name, value in run():
        print(f"{name:45} {value}")
