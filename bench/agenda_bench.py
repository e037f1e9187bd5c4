"""`netplan agenda` on the power user's file vs. the least any reader pays: start Python, import
orjson and load the same file (issue 9). Reported as a ratio; agenda must not import textual."""

from __future__ import annotations

import resource
import statistics
import subprocess
import time

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


def run() -> list[tuple[str, str] | Target]:
    from bench.big_file import big_data_file

    big = str(big_data_file())
    subprocess.run([str(BIN / "python"), "-c", NO_TEXTUAL, big], check=True, stdout=subprocess.DEVNULL)
    medians = interleaved(
        {
            "floor": [str(BIN / "python"), "-c", f"import orjson; orjson.loads(open({big!r}, 'rb').read())"],
            "agenda": [str(BIN / "netplan"), "agenda", "--db", big],
        }
    )
    (floor, floor_cpu), (agenda, agenda_cpu) = medians["floor"], medians["agenda"]
    return [
        ("python -c 'import orjson' loading the ten years (CPU)", f"{floor_cpu * 1000:.0f} ms"),
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
