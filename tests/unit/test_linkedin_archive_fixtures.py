"""LinkedIn archives as files: the project's own fixture folder, and real exports when the shared
fixtures hold any (issue 19).

tests/unit/fixtures/linkedin_archive_2025 is the standard scenario written once by
linkedin_archive_data.standard() at the tests' fixed clock (BOM, CRLF, the Notes: preamble, a
multi-line quoted message, a mojibake name, AI-chat files to ignore); a test keeps it equal to what
the builder writes, so the two never drift apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netplan.core.clock import FixedClock
from netplan.interchange.merge import apply_import, plan_import
from netplan.interchange.readers import read_contacts
from netplan.store.store import Store
from tests.fixture_files import find_shared_fixtures
from tests.unit.linkedin_archive_data import standard

FOLDER = Path(__file__).parent / "fixtures" / "linkedin_archive_2025"


def test_the_fixture_folder_is_what_the_builder_writes(clock: FixedClock) -> None:
    on_disk = {str(p.relative_to(FOLDER)): p.read_bytes() for p in FOLDER.rglob("*") if p.is_file()}
    assert on_disk == standard(clock.now()).files()


def test_the_fixture_folder_imports_once(data_file: Path, clock: FixedClock) -> None:
    with Store.open(data_file, clock=clock) as store:
        plan = plan_import(store, read_contacts("linkedin", FOLDER))
        assert plan.summary(dry_run=True).history == (7, 4, 3)
        apply_import(store, plan)
        assert not plan_import(store, read_contacts("linkedin", FOLDER)).has_changes


def _real_exports() -> list[Path]:
    folder = find_shared_fixtures()  # at collection: None when ../shared is absent (a clone alone)
    if folder is None:
        return []
    return sorted(p for p in folder.iterdir() if "linkedin" in p.name.casefold())


@pytest.mark.parametrize("path", _real_exports() or [None])
def test_real_linkedin_exports_in_the_shared_fixtures_import(
    path: Path | None, data_file: Path, clock: FixedClock
) -> None:
    if path is None:
        pytest.skip(
            "no real LinkedIn export in ../shared/fixtures (SOURCES.md lists none); "
            "the project's own archives (linkedin_archive_data.py and fixtures/) cover the layouts"
        )
    with Store.open(data_file, clock=clock) as store:
        apply_import(store, plan_import(store, read_contacts("linkedin", path)))
        assert not plan_import(store, read_contacts("linkedin", path)).has_changes
