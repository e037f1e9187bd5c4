"""One row of issue 17's targets: a figure, its baseline measured in the same run, the ratio, the
target and a verdict. A target is either a ratio to the baseline (data on screen, agenda, memory)
or an absolute bound (a save shown within 150 ms, no stall over 50 ms, a keystroke within a frame);
the ratio is printed either way, so a busy machine shows in the baseline too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    what: str
    figure: float
    baseline_what: str
    baseline: float
    limit: float
    unit: str = "ms"
    ratio_target: bool = True  # False: figure <= limit (in unit), not figure / baseline <= limit
    note: str = ""  # e.g. the CPU time beside the wall time

    @property
    def ratio(self) -> float:
        return self.figure / self.baseline if self.baseline else float("inf")

    @property
    def met(self) -> bool:
        return self.ratio <= self.limit if self.ratio_target else self.figure <= self.limit

    def cells(self) -> tuple[str, str, str, str, str, str]:
        target = f"<= {self.limit:g}x" if self.ratio_target else f"<= {self.limit:g} {self.unit}"
        figure = f"{self.figure:.0f} {self.unit}" if self.figure >= 100 else f"{self.figure:.1f} {self.unit}"
        if self.note:
            figure += f" ({self.note})"
        baseline = f"{self.baseline_what} {self.baseline:.0f} {self.unit}"
        return self.what, figure, baseline, f"{self.ratio:.2f}x", target, "ok" if self.met else "miss"


def table(targets: list[Target]) -> str:
    """The targets as an aligned plain-text table (what `make bench` prints last)."""
    header = ("target", "figure", "baseline (same run)", "ratio", "target", "verdict")
    rows = [header, *(t.cells() for t in targets)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)
