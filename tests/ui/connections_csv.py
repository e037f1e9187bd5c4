"""Write LinkedIn Connections.csv files the way LinkedIn exports them today, for the import tests.

The current layout: a ``Notes:`` line, one quoted notice line and a blank line, then the header
and one row per connection, UTF-8 with a BOM and CRLF line ends. ``generated_rows(n)`` makes n
distinct, deterministic connections for the large-file tests. Run it to make a file to try:

    .venv/bin/python -m tests.ui.connections_csv /tmp/Connections.csv 5000
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from pathlib import Path

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
NOTICE = (
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"'
)
Row = tuple[str, str, str, str, str, str, str]  # in HEADER's order

FIRST = ("Ann", "Bo", "Chidi", "Dana", "Emre", "Fatima", "Goran", "Hana", "Ines", "Jun", "Kofi", "雪", "Zoë")
LAST = ("Example", "Li", "Okafor", "Novak", "Yilmaz", "Haddad", "Petrov", "Sato", "Costa", "Kim", "王")
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella Labs", "Stark, Inc.", "Hooli", "")
ROLES = ("Engineer", "Product Manager", 'Head of "Growth"', "Designer", "CTO", "")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def write_connections(path: Path, rows: Iterable[Row | tuple[()]]) -> Path:
    """The file LinkedIn ships: preamble, header, rows (an empty tuple writes a blank row)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(f"Notes:\r\n{NOTICE}\r\n\r\n")
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in rows:
            if row:
                writer.writerow(row)
            else:
                handle.write("\r\n")
    return path


def generated_rows(count: int) -> list[Row]:
    """``count`` different people (distinct URLs), every fourth with an email address."""
    rows = []
    for i in range(count):
        first, last = FIRST[i % len(FIRST)], f"{LAST[i % len(LAST)]}{i}"
        email = f"person{i}@example.com" if i % 4 == 0 else ""
        connected_on = f"{1 + i % 28:02d} {MONTHS[i % 12]} {2015 + i % 10}"  # like 09 Oct 2024
        url = f"https://www.linkedin.com/in/{first.lower()}-{i}"
        company, role = COMPANIES[i % len(COMPANIES)], ROLES[i % len(ROLES)]
        rows.append((first, last, url, email, company, role, connected_on))
    return rows


if __name__ == "__main__":
    target, how_many = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
    write_connections(target, generated_rows(how_many))
    print(f"wrote {how_many} connections to {target}")
