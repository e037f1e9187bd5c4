"""`make bench`: run the benchmarks and print the table (see bench/README in the project README)."""

from __future__ import annotations

import sys


def main() -> int:
    print("no benchmarks yet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
