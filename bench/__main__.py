"""`make bench`: run every benchmark module and print one table. Not part of `make test`."""

from __future__ import annotations

import platform
import sys

from bench import first_frame


def main() -> int:
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"
    )
    rows: list[tuple[str, str]] = []
    for module in (first_frame,):
        rows += module.run()
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
