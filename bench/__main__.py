"""`make bench`: run every benchmark module and print one table of their rows. Not part of `make test`.

Each module in BENCH_MODULES has ``run()``, returning rows: (what, figure) pairs, reported, and
``Target``s (bench/verdict.py: figure, baseline from the same run, ratio, target, verdict), printed
last in a table of their own (issue 17); add a module by appending its name here. Modules are
imported one at a time, so one that loads the UI does not slow another that must not.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import time

from bench.verdict import Target, table

BENCH_MODULES = [
    "bench.save_bench",
    "bench.first_frame",
    "bench.people_bench",
    "bench.import_bench",
    "bench.linkedin_archive_bench",
    "bench.agenda_bench",
    "bench.memory_bench",
    "bench.save_stall",
]


def machine() -> str:
    cpus = os.cpu_count() or "?"
    return f"{platform.system()} {platform.machine()}, {cpus} cores, Python {platform.python_version()}"


def main() -> int:
    wanted = sys.argv[1:]
    rows: list[tuple[str, str]] = []
    targets: list[Target] = []
    for name in BENCH_MODULES:
        if wanted and not any(w in name for w in wanted):
            continue
        started = time.perf_counter()
        module = importlib.import_module(name)
        for row in module.run():
            if isinstance(row, Target):
                targets.append(row)
            else:
                rows.append(row)
        print(f"# {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    print(f"netplan benchmarks on {machine()}, load average {os.getloadavg()[0]:.1f} at the end")
    if rows:
        width = max(len(what) for what, _ in rows)
        print(f"{'what'.ljust(width)}  figure")
        print(f"{'-' * width}  {'-' * 14}")
        for what, figure in rows:
            print(f"{what.ljust(width)}  {figure}")
    if targets:
        print()
        print(table(targets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
