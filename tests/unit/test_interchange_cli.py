"""`netplan import`, `netplan export json|vcard` and `netplan restore` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from netplan.cli import main
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.fixture_files import fixture, own_fixture

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROWS = (
    "Ann,Example,https://www.linkedin.com/in/ann,,Northwind,PM,09 Oct 2024\n"
    "\n"
    "Bo,Li,,bo@example.org,Globex,CTO,01 Jan 2023\n"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "netplan.json"
    assert main(["init", "--db", str(path)]) == 0
    return path


def connections(tmp_path: Path, text: str = HEADER + ROWS) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    return path


def people(db: Path) -> list[str]:
    with Store.open(db, readonly=True) as store:
        return [p.name for p in store.all(Person)]


def test_import_dry_run_prints_the_plan_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    before = db.read_bytes()
    assert main(["import", "linkedin", str(connections(tmp_path)), "--dry-run", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("add    line 2: Ann Example (Northwind)")
    assert out[1].startswith("add    line 4: Bo Li (Globex)")
    assert out[-1].endswith("would be 2 added, 0 updated, 1 skipped (1 blank row); nothing was written")
    assert db.read_bytes() == before


def test_import_then_import_again(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = connections(tmp_path)
    assert main(["import", "linkedin", str(path), "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip().endswith("2 added, 0 updated, 1 skipped (1 blank row)")
    assert main(["import", "linkedin", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("0 added, 0 updated, 3 skipped (1 blank row)")
    assert "already in netplan" in out
    assert sorted(people(db)) == ["Ann Example", "Bo Li"]


def test_import_vcard_fixture(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fixture("syncevolution_eds_contacts_v30_unicode_photo.vcf")  # skipped without ../shared
    assert main(["import", "vcard", str(path), "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip().endswith("17 added, 0 updated, 0 skipped")
    assert "Umlaut Ä Ö Ü ß" in people(db)


def test_import_own_vcard_fixture(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = own_fixture("own_contacts_v30_crlf_folded.vcf")
    assert main(["import", "vcard", str(path), "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip().endswith("5 added, 0 updated, 0 skipped")
    assert "Jörg Ümlaut Ä Ö Ü ß" in people(db)


def test_a_broken_file_exits_1_with_one_line_and_changes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    before = db.read_bytes()
    path = connections(tmp_path, HEADER + ROWS + 'Chidi,"Okafor,,,,,05 May 2022\n')
    assert main(["import", "linkedin", str(path), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"netplan: {path} line 5: broken quoting")
    assert db.read_bytes() == before


def test_vcard_without_end_exits_1(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cut.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:4.0\nFN:Ann Example\n", encoding="utf-8")
    assert main(["import", "vcard", str(path), "--db", str(db)]) == 1
    assert "card 1 (line 1): no END:VCARD" in capsys.readouterr().err


def test_import_a_missing_file_exits_1(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "vcard", str(tmp_path / "absent.vcf"), "--db", str(db)]) == 1
    assert "no such file" in capsys.readouterr().err


def test_import_into_a_file_in_use_exits_3(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db):
        assert main(["import", "linkedin", str(connections(tmp_path)), "--db", str(db)]) == 3
    assert "in use" in capsys.readouterr().err


def test_export_json_and_restore(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", "linkedin", str(connections(tmp_path)), "--db", str(db)])
    backup, again = tmp_path / "backup.json", tmp_path / "again.json"
    assert main(["export", "json", str(backup), "--db", str(db)]) == 0
    assert "2 people" in capsys.readouterr().out
    other = tmp_path / "other" / "netplan.json"
    assert main(["restore", str(backup), "--db", str(other)]) == 0
    assert "restored" in capsys.readouterr().out
    assert main(["export", "json", str(again), "--db", str(other)]) == 0
    assert again.read_bytes() == backup.read_bytes()


def test_restore_refuses_a_file_in_use_with_exit_3(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup.json"
    main(["export", "json", str(backup), "--db", str(db)])
    with Store.open(db):
        assert main(["restore", str(backup), "--db", str(db)]) == 3
    assert "in use" in capsys.readouterr().err


def test_restore_refuses_a_corrupt_backup_with_exit_1(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    before = db.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"netplan_backup": 1, "schema_version": 1, "tables": {"meta": ')
    assert main(["restore", str(bad), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid JSON" in err
    assert db.read_bytes() == before


def test_export_vcard(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", "linkedin", str(connections(tmp_path)), "--db", str(db)])
    target = tmp_path / "people.vcf"
    assert main(["export", "vcard", str(target), "--db", str(db)]) == 0
    assert "wrote 2 people" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8").count("BEGIN:VCARD") == 2


def test_the_lazy_format_lists_match_the_real_registries() -> None:
    # `import` and `export` name their formats without importing the heavy modules; they must agree.
    from netplan.commands.export import EXPORTERS, exporter
    from netplan.commands.import_ import FORMATS
    from netplan.interchange.readers import READERS

    assert sorted(FORMATS) == sorted(READERS)
    for name in EXPORTERS:
        assert callable(exporter(name))
