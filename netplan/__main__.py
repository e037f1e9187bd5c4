"""`python -m netplan`: the same as the `netplan` command (`netplan serve` starts the planner this way)."""

import sys

from netplan.cli import main

if __name__ == "__main__":  # pragma: no cover - the import walk in the tests must not run it
    sys.exit(main())
