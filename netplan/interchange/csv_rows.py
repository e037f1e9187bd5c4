"""CSV rows with the line each starts on, read strictly: what the LinkedIn readers share.

The csv module runs in strict mode over read_lines (UTF-8 with or without BOM, CRLF or LF, bounded
lines), so broken quoting raises ImportFileError naming the line where the row starts (csv's own
line_num is where it ends, which is not where a user looks for a multi-line quoted field).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from netplan.interchange.contacts import ImportFileError, NumberedLine, Progress, Source, read_lines, short


def csv_problem(exc: csv.Error) -> str:
    """A csv error in words a user can act on."""
    message = str(exc)
    if "unexpected end of data" in message:
        return "broken quoting: a quoted field is not closed before the end of the file"
    if "expected after" in message:
        return "broken quoting: text after a closing quote (a quote inside a field must be doubled)"
    if "field larger than field limit" in message:
        return f"a field is longer than {csv.field_size_limit():,} characters"
    return f"not valid CSV ({message})"


def cell_key(cell: str) -> str:
    """A header cell compared without case or spacing: "Sent At" == " sent  at"."""
    return " ".join(cell.split()).casefold()


def is_blank(row: list[str]) -> bool:
    return not "".join(row).strip()


class CsvRows:
    """csv rows of a file or archive member, each with the line it starts on."""

    def __init__(self, source: Path | Source, progress: Progress | None = None) -> None:
        self.path = source if isinstance(source, Path) else source.path
        self._reader = csv.reader(
            self._lines(read_lines(source, progress)), strict=True, skipinitialspace=True
        )

    @staticmethod
    def _lines(lines: Iterator[NumberedLine]) -> Iterator[str]:
        for line in lines:
            yield line.text + "\n"

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            start = self._reader.line_num + 1
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ImportFileError(self.path, csv_problem(exc), where=f"line {start}") from None
            yield start, row


def check_width(path: Path, line: int, row: list[str], width: int) -> None:
    """A data row must have as many fields as the header (all or nothing: the line is named)."""
    if len(row) != width:
        raise ImportFileError(
            path,
            f"{len(row)} fields, but the header has {width} (a comma outside quotes, or a missing field?)",
            where=f"line {line}",
        )


class CsvTable:
    """A CSV whose first non-blank row is its header: the data rows, blank ones skipped, each checked.

    ``required`` columns must be in the header (any order, any case); ``what`` names the file in
    the error when they are not. ``cell(row, name)`` reads a column by name ("" when absent).
    """

    def __init__(
        self, source: Path | Source, progress: Progress | None, required: tuple[str, ...], what: str
    ) -> None:
        self.rows = CsvRows(source, progress)
        self.path = self.rows.path
        self.required = required
        self.what = what
        self.columns: dict[str, int] = {}
        self.has_header = False

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        width = 0
        for line, row in self.rows:
            if is_blank(row):
                continue
            if not self.has_header:
                self._header(line, row)
                width = len(row)
                continue
            check_width(self.path, line, row, width)
            yield line, row
        if not self.has_header:
            raise ImportFileError(self.path, "the file has no header row; nothing to import")

    def _header(self, line: int, row: list[str]) -> None:
        keys = [cell_key(cell) for cell in row]
        missing = [name for name in self.required if cell_key(name) not in keys]
        if missing:
            raise ImportFileError(
                self.path,
                f"not a LinkedIn {self.what}: no {', '.join(missing)} column "
                f"(found: {short(','.join(row), 100)})",
                where=f"line {line}",
            )
        self.columns = {key: index for index, key in reversed(list(enumerate(keys)))}  # the first of a name
        self.has_header = True

    def has(self, name: str) -> bool:
        return cell_key(name) in self.columns

    def cell(self, row: list[str], name: str) -> str:
        index = self.columns.get(cell_key(name))
        return "" if index is None else row[index].strip()
