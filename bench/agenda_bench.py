"""`netplan agenda` on the power user's file vs. the least any reader pays: start Python, import
orjson and load the same file (issue 9). Reported as a ratio; agenda must not import textual."""

from __future__ import annotations

import statistics
import subprocess
import time

from bench.first_frame import BIN

RUNS = 7
NO_TEXTUAL = (
    "import sys; from netplan.cli import main; code = main(['agenda', '--db', sys.argv[1]]); "
    "assert 'textual' not in sys.modules, 'netplan agenda imported textual'; sys.exit(code)"
)


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_wall(argv: list[str], runs: int = RUNS) -> float:
    wall(argv)  # warm the file cache
    return statistics.median(wall(argv) for _ in range(runs))


def run() -> list[tuple[str, str]]:
    from bench.big_file import big_data_file

    big = str(big_data_file())
    subprocess.run([str(BIN / "python"), "-c", NO_TEXTUAL, big], check=True, stdout=subprocess.DEVNULL)
    floor = median_wall(
        [str(BIN / "python"), "-c", f"import orjson; orjson.loads(open({big!r}, 'rb').read())"]
    )
    agenda = median_wall([str(BIN / "netplan"), "agenda", "--db", big])
    return [
        ("python -c 'import orjson' loading the ten years", f"{floor * 1000:.0f} ms"),
        (
            "netplan agenda on the ten years (textual not imported: checked)",
            f"{agenda * 1000:.0f} ms ({agenda / floor:.2f}x the orjson load; reported)",
        ),
    ]


if __name__ == "__main__":
    for name, value in run():
        print(f"{name:45} {value}")
