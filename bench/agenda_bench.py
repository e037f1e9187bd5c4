"""`netplan agenda` on the power user's file vs. the least any reader pays: start Python, import
orjson and load the same file (issue 9). Reported as a ratio; agenda must not import textual."""

from __future__ import annotations

import atexit
import compileall
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.first_frame import BIN
from bench.verdict import Target

RUNS = 7
TARGET = 1.5  # issue 17: at most 1.5x the orjson load
NO_TEXTUAL = (
    "import sys; from netplan.cli import main; code = main(['agenda', '--db', sys.argv[1]]); "
    "assert 'textual' not in sys.modules, 'netplan agenda imported textual'; sys.exit(code)"
)


def wall(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def interleaved(cases: dict[str, list[str]], runs: int = RUNS) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each case; the cases take turns, so load moves them alike."""
    for argv in cases.values():
        wall(argv)  # warm the file cache
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, argv in cases.items():
            times[name].append(wall(argv))
    return {
        name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for name, got in times.items()
    }


def cold_copy(big: str) -> str:
    """A copy of the file no netplan writer has opened: every record is checked first (issue 14,
    item 7); readers never note a file as checked (lock.py), so it stays unchecked run after run."""
    folder = Path(tempfile.mkdtemp(prefix="netplan-cold-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return str(shutil.copyfile(big, folder / "ten-years.json"))


def compiled() -> None:
    """netplan's bytecode written, as an installed netplan has it: a checkout run with
    PYTHONDONTWRITEBYTECODE would compile its modules on every start (~60 ms) and time that."""
    import netplan

    compileall.compile_dir(Path(netplan.__file__).parent, quiet=1)


def note_as_checked(big: str) -> None:
    """Open the file once as a writer would (the planner, `add`...): a user's file was last written
    by netplan, so the record check has been noted and readers skip it, as the bench's runs now do."""
    from netplan.integrity import record_problems
    from netplan.store.store import Store

    Store.open(big, record_check=record_problems).close()


def run() -> list[tuple[str, str] | Target]:
    from bench.big_file import big_data_file

    big = str(big_data_file())
    cold = cold_copy(big)
    note_as_checked(big)
    compiled()
    subprocess.run([str(BIN / "python"), "-c", NO_TEXTUAL, big], check=True, stdout=subprocess.DEVNULL)
    medians = interleaved(
        {
            "floor": [str(BIN / "python"), "-c", f"import orjson; orjson.loads(open({big!r}, 'rb').read())"],
            "agenda": [str(BIN / "netplan"), "agenda", "--db", big],
            "cold": [str(BIN / "netplan"), "agenda", "--db", cold],
        }
    )
    (floor, floor_cpu), (agenda, agenda_cpu), (first, first_cpu) = (
        medians["floor"],
        medians["agenda"],
        medians["cold"],
    )
    return [
        ("python -c 'import orjson' loading the ten years (CPU)", f"{floor_cpu * 1000:.0f} ms"),
        (
            "netplan agenda, ten years no writer has opened (all records checked)",
            f"{first * 1000:.0f} ms (CPU {first_cpu * 1000:.0f} ms)",
        ),
        Target(
            "netplan agenda on the ten years (textual not imported: checked)",
            agenda * 1000,
            "python + orjson load",
            floor * 1000,
            TARGET,
            note=f"CPU {agenda_cpu * 1000:.0f} ms, {agenda_cpu / floor_cpu:.2f}x the load's",
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(row.cells() if isinstance(row, Target) else row)
