"""Benchmark: import 10,000 generated LinkedIn rows into a data file of 2,000 people.

Measures reading the CSV, planning the merge, and applying it (one transaction, one file write),
then the peak memory of the whole import (tracemalloc, on a second fresh copy so tracing does not
slow the timed run) and the process's peak resident size. Deterministic data (fixed seed, fixed
clock). ``run()`` returns (measure, value) rows for `make bench`; run this module to print them.

    .venv/bin/python -m bench.import_bench
"""

from __future__ import annotations

import csv
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from netplan.core.clock import FixedClock
from netplan.interchange.merge import apply_import, plan_import
from netplan.interchange.readers import read_contacts
from netplan.store.store import Store
from netplan.targets.model import Person

PEOPLE = 2_000
ROWS = 10_000
SEED = 8
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
FIRST = ["Ann", "Bo", "Chidi", "Dana", "Emre", "Fatima", "Goran", "Hana", "Ines", "Jun", "Kofi", "雪", "Zoë"]
LAST = ["Example", "Li", "Okafor", "Novak", "Yilmaz", "Haddad", "Petrov", "Sato", "Costa", "Kim", "王"]
# Month names as LinkedIn writes them, whatever the locale.
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella Labs", "Stark, Inc.", "Wayne Enterprises", "Hooli", ""]
ROLES = ["Engineer", "Product Manager", 'Head of "Growth"', "Designer", "Recruiter", "CTO", ""]


def _identity(i: int) -> tuple[str, str, str, str, str]:
    """Person number i: the same in the data file and in the CSV, so rows meet known people."""
    first, last = FIRST[i % len(FIRST)], f"{LAST[i % len(LAST)]}{i}"
    company, role = COMPANIES[i % len(COMPANIES)], ROLES[(i // 3) % len(ROLES)]
    return first, last, f"https://www.linkedin.com/in/{first.lower()}-{i}", company, role


def seed_people(store: Store) -> None:
    """2,000 people, some with a LinkedIn URL, some with an email address, some with neither."""
    people = []
    for i in range(PEOPLE):
        first, last, url, company, role = _identity(i)
        people.append(
            Person(
                name=f"{first} {last}",
                company=company,
                role=role if i % 2 else "",
                linkedin=url if i % 3 else "",
                email=f"p{i}@example.com" if i % 3 == 0 else "",
            )
        )
    with store.transaction():
        store.insert_many(people)


def write_csv(path: Path) -> None:
    """The current LinkedIn layout; the first 2,000 rows meet the known people (by URL, email or
    name and company), the other 8,000 are new."""
    rng = random.Random(SEED)
    start = date(2015, 1, 1)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(
            'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
            'addresses are missing."\r\n\r\n'
        )
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for i in range(ROWS):
            first, last, url, company, role = _identity(i)
            email = f"p{i}@example.com" if i % 4 == 0 else ""
            day = start + timedelta(days=rng.randrange(3650))
            connected_on = f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"  # 09 Oct 2024
            writer.writerow([first, last, url, email, company, role, connected_on])


def _mb(n_bytes: float) -> str:
    return f"{n_bytes / (1024 * 1024):.1f} MB"


def run() -> list[tuple[str, str]]:
    clock = FixedClock("2026-11-24T09:30:00", tz="Europe/Berlin")
    with tempfile.TemporaryDirectory(prefix="netplan-bench-") as tmp:
        folder = Path(tmp)
        data_file, traced_file = folder / "timed.json", folder / "traced.json"
        csv_file = folder / "Connections.csv"
        with Store.open(data_file, clock=clock) as store:
            seed_people(store)
        shutil.copyfile(data_file, traced_file)
        write_csv(csv_file)

        t0 = time.perf_counter()
        parsed = read_contacts("linkedin", csv_file)
        t1 = time.perf_counter()
        with Store.open(data_file, clock=clock) as store:
            t2 = time.perf_counter()
            plan = plan_import(store, parsed)
            t3 = time.perf_counter()
            summary = apply_import(store, plan)
            t4 = time.perf_counter()
            people_after = store.count(Person)

        tracemalloc.start()
        with Store.open(traced_file, clock=clock) as store:
            apply_import(store, plan_import(store, read_contacts("linkedin", csv_file)))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux

        return [
            ("rows in Connections.csv", f"{ROWS:,} ({_mb(csv_file.stat().st_size)})"),
            ("people before -> after", f"{PEOPLE:,} -> {people_after:,}"),
            ("added / updated / skipped", f"{summary.added:,} / {summary.updated:,} / {summary.skipped:,}"),
            ("read + check CSV", f"{t1 - t0:.2f} s"),
            ("plan merge (dry run)", f"{t3 - t2:.2f} s"),
            ("apply (one transaction)", f"{t4 - t3:.2f} s"),
            ("import total", f"{(t1 - t0) + (t4 - t2):.2f} s"),
            ("peak traced memory (import)", _mb(peak)),
            ("peak RSS (process)", _mb(max_rss_kb * 1024)),
            ("data file after", _mb(data_file.stat().st_size)),
        ]


def print_table(rows: list[tuple[str, str]]) -> None:
    width = max(len(measure) for measure, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 24}")
    for measure, value in rows:
        print(f"{measure:<{width}}  {value}")


def main() -> int:
    print(f"import {ROWS:,} LinkedIn rows into {PEOPLE:,} people")
    print_table(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
