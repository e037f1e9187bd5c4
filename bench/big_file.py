"""The power user's data file (bench/generate.py), written once per `make bench` run and shared
by the benchmarks that open it; each takes its own copy when it will write."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from bench.generate import generate, write_data_file


@cache
def big_data_file() -> Path:
    """A fresh copy of the generated ten years, removed when the process exits."""
    workdir = Path(tempfile.mkdtemp(prefix="netplan-big-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    path = workdir / "ten-years.json"
    write_data_file(path, generate())
    return path


def copy_of_big(workdir: Path) -> Path:
    """A private copy (a bench that writes, or locks, must not touch the shared one)."""
    path = workdir / "ten-years.json"
    shutil.copyfile(big_data_file(), path)
    return path
