"""Merging imports into the people already present: plan, dry run, one write, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from netplan.interchange.contacts import ImportFileError
from netplan.interchange.merge import ADD, SKIP, UPDATE, apply_import, linkedin_key, name_key, plan_import
from netplan.interchange.readers import read_contacts
from netplan.store.store import Store
from netplan.targets.model import Goal, GoalLink, Person

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def csv_file(tmp_path: Path, *rows: str, name: str = "Connections.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def import_csv(store: Store, path: Path) -> tuple[int, int, int]:
    summary = apply_import(store, plan_import(store, read_contacts("linkedin", path)))
    return summary.added, summary.updated, summary.skipped


def by_name(store: Store) -> dict[str, Person]:
    return {p.name: p for p in store.all(Person)}


def test_new_people_are_network_not_active_targets(store: Store, tmp_path: Path) -> None:
    goal = store.insert(Goal(title="Move into climate tech"))
    path = csv_file(tmp_path, "Ann,Example,https://www.linkedin.com/in/ann,,Northwind,PM,09 Oct 2024")
    assert import_csv(store, path) == (1, 0, 0)
    ann = by_name(store)["Ann Example"]
    # rule SMALL-LIST: imports add to the network, not to the active targets.
    assert ann.parked is True and ann.goals == []
    assert (ann.company, ann.role, ann.how_met) == ("Northwind", "PM", "Connected on LinkedIn on 2024-10-09")
    assert goal.id  # the goal exists and nothing was linked to it


def test_same_linkedin_url_updates_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    store.insert(Person(name="Ann E.", linkedin="http://linkedin.com/in/Ann/", company="Northwind"))
    row = "Ann,Example,https://www.linkedin.com/in/ann?trk=x,ann@example.com,,PM,09 Oct 2024"
    path = csv_file(tmp_path, row)
    assert import_csv(store, path) == (0, 1, 0)
    [ann] = store.all(Person)
    assert ann.name == "Ann E."  # what the user wrote stays
    assert (ann.email, ann.role, ann.company) == ("ann@example.com", "PM", "Northwind")


def test_same_email_updates(store: Store, tmp_path: Path) -> None:
    store.insert(Person(name="Robert Li", email="x@example.com", emails=["BO@example.org"]))
    path = csv_file(tmp_path, "Bo,Li,https://www.linkedin.com/in/bo,bo@example.org,Globex,CTO,01 Jan 2023")
    assert import_csv(store, path) == (0, 1, 0)
    [bo] = store.all(Person)
    assert bo.linkedin == "https://www.linkedin.com/in/bo" and bo.emails == ["BO@example.org"]


def test_same_normalised_name_and_company_updates(store: Store, tmp_path: Path) -> None:
    store.insert(Person(name="Zoë  Ｍüller", company="ACME"))  # fullwidth M, double space
    path = csv_file(tmp_path, "zoë,Müller,https://www.linkedin.com/in/zm,,acme ,Designer,01 Jan 2023")
    assert import_csv(store, path) == (0, 1, 0)
    assert store.count(Person) == 1


def test_same_name_at_another_company_is_another_person(store: Store, tmp_path: Path) -> None:
    store.insert(Person(name="Ann Example", company="Northwind"))
    assert import_csv(store, csv_file(tmp_path, "Ann,Example,,,Globex,PM,09 Oct 2024")) == (1, 0, 0)
    assert store.count(Person) == 2


def test_an_update_never_overwrites_and_notes_a_different_company(store: Store, tmp_path: Path) -> None:
    store.insert(Person(name="Ann Example", company="Northwind", role="Lead", how_met="Met at PyCon"))
    store.insert(Person(name="Bo Li", linkedin="https://www.linkedin.com/in/bo", company="Initech"))
    path = csv_file(
        tmp_path,
        "Ann,Example,https://www.linkedin.com/in/ann,,Northwind,Engineer,09 Oct 2024",
        "Bo,Li,https://www.linkedin.com/in/bo,,Globex,,09 Oct 2024",
    )
    plan = plan_import(store, read_contacts("linkedin", path))
    ann_change, bo_change = plan.changes
    assert ann_change.action == UPDATE and ann_change.changed == ("linkedin",)
    assert "role stays 'Lead' (the file says 'Engineer')" in ann_change.notes
    assert bo_change.action == UPDATE and bo_change.changed == ("how_met",)
    assert "company stays 'Initech'" in bo_change.describe()
    apply_import(store, plan)
    people = by_name(store)
    assert (people["Ann Example"].role, people["Ann Example"].how_met) == ("Lead", "Met at PyCon")
    assert people["Bo Li"].company == "Initech"


def test_imports_keep_goals_and_parked_state_of_people_already_present(store: Store, tmp_path: Path) -> None:
    goal = store.insert(Goal(title="Find a mentor"))
    store.insert(Person(name="Ann Example", email="ann@example.com", goals=[GoalLink(goal.id, "mentor")]))
    import_csv(store, csv_file(tmp_path, "Ann,Example,,ann@example.com,Northwind,PM,09 Oct 2024"))
    [ann] = store.all(Person)
    assert ann.parked is False and [link.goal_id for link in ann.goals] == [goal.id]


def test_a_type_of_person_is_never_matched(store: Store, tmp_path: Path) -> None:
    store.insert(Person(name="Ann Example", kind="type"))
    assert import_csv(store, csv_file(tmp_path, "Ann,Example,,,,,09 Oct 2024")) == (1, 0, 0)


def test_second_import_of_the_same_file_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "Ann,Example,https://www.linkedin.com/in/ann,,Northwind,PM,09 Oct 2024",
        "Bo,Li,,bo@example.org,Globex,CTO,01 Jan 2023",
        "Chidi,Okafor,,,,,05 May 2022",
        "",
    )
    assert import_csv(store, path) == (3, 0, 1)
    before = store.path.read_bytes()
    writes = store.writes
    assert import_csv(store, path) == (0, 0, 4)
    assert store.count(Person) == 3
    assert store.writes == writes and store.path.read_bytes() == before  # nothing written at all


def test_the_same_person_twice_in_one_file_is_one_person(store: Store, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "Ann,Example,https://www.linkedin.com/in/ann,,Northwind,,09 Oct 2024",
        "Ann,Example,https://www.linkedin.com/in/ann,ann@example.com,Northwind,PM,09 Oct 2024",
    )
    plan = plan_import(store, read_contacts("linkedin", path))
    assert [c.action for c in plan.changes] == [ADD, SKIP]
    assert "as line 2; merged into it" in plan.changes[1].reason
    apply_import(store, plan)
    [ann] = store.all(Person)
    assert (ann.email, ann.role) == ("ann@example.com", "PM")


def test_invalid_values_are_left_out_with_a_note(store: Store, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Ann,Example,not-a-url,ann(at)example.com,Northwind,PM,09 Oct 2024")
    [change] = plan_import(store, read_contacts("linkedin", path)).changes
    assert change.action == ADD
    assert any("not an email address" in note for note in change.notes)
    assert any("LinkedIn URL" in note for note in change.notes)
    assert change.person is not None and (change.person.email, change.person.linkedin) == ("", "")


def test_a_name_too_long_to_store_is_skipped_with_its_line(store: Store, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "A" * 250 + ",Example,,,,,09 Oct 2024", "Bo,Li,,,,,09 Oct 2024")
    plan = plan_import(store, read_contacts("linkedin", path))
    assert [(c.action, c.source) for c in plan.changes] == [(SKIP, "line 2"), (ADD, "line 3")]
    assert "name" in plan.changes[0].reason


def test_dry_run_describes_every_record_and_writes_nothing(store: Store, tmp_path: Path) -> None:
    store.insert(Person(name="Bo Li", email="bo@example.org"))
    path = csv_file(
        tmp_path,
        "Ann,Example,,,Northwind,PM,09 Oct 2024",
        "Bo,Li,,bo@example.org,Globex,CTO,01 Jan 2023",
        ",,,,,,",
        ",,https://www.linkedin.com/in/ghost,,,,01 Jan 2023",
    )
    writes = store.writes
    plan = plan_import(store, read_contacts("linkedin", path))
    lines = plan.describe()
    assert store.writes == writes
    assert lines[0].startswith("add    line 2: Ann Example (Northwind): new to netplan")
    assert lines[1].startswith("update line 3: Bo Li (Globex): updates #1 Bo Li (same email address)")
    assert lines[2] == "skip   line 5: (no name): no first or last name"
    assert lines[3] == "skip   1 blank row(s)"
    assert (
        plan.summary(dry_run=True)
        .line()
        .endswith("would be 1 added, 1 updated, 2 skipped (1 blank row); nothing was written")
    )


def test_dry_run_lines_are_safe_to_print(store: Store, tmp_path: Path) -> None:
    path = csv_file(tmp_path, '"x \x1b]0;pwned\x07",\u202eEvil,,,,,09 Oct 2024')
    [line] = plan_import(store, read_contacts("linkedin", path)).describe()
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line


def test_apply_is_one_write_and_reports_progress(store: Store, tmp_path: Path) -> None:
    store.insert(Person(name="Bo Li", email="bo@example.org"))
    rows = [f"P{i},Example,https://www.linkedin.com/in/p{i},,Acme,PM,09 Oct 2024" for i in range(2_500)]
    path = csv_file(tmp_path, *rows, "Bo,Li,,bo@example.org,Globex,CTO,01 Jan 2023")
    plan = plan_import(store, read_contacts("linkedin", path))
    writes = store.writes
    reports: list[tuple[int, int]] = []
    summary = apply_import(store, plan, progress=lambda done, total: reports.append((done, total)))
    assert store.writes == writes + 1
    assert (summary.added, summary.updated) == (2_500, 1)
    assert reports == [(0, 2_501), (1_000, 2_501), (2_000, 2_501), (2_500, 2_501), (2_501, 2_501)]
    assert store.count(Person) == 2_501


def test_a_stale_plan_is_made_again_before_it_is_applied(store: Store, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Ann,Example,,ann@example.com,Northwind,PM,09 Oct 2024")
    plan = plan_import(store, read_contacts("linkedin", path))
    assert [c.action for c in plan.changes] == [ADD]
    store.insert(Person(name="Ann Example", email="ann@example.com"))  # added meanwhile, say in the TUI
    summary = apply_import(store, plan)
    assert (summary.added, summary.updated) == (0, 1)
    assert store.count(Person) == 1


def test_a_file_broken_at_its_last_row_changes_nothing(store: Store, tmp_path: Path) -> None:
    store.insert(Person(name="Bo Li"))
    before = store.path.read_bytes()
    rows = [f"P{i},Example,,,Acme,PM,09 Oct 2024" for i in range(50)]
    path = csv_file(tmp_path, *rows, 'Last,"Row,,,Acme,PM,09 Oct 2024')
    with pytest.raises(ImportFileError, match="line 52"):
        read_contacts("linkedin", path)
    assert store.path.read_bytes() == before and store.count(Person) == 1


def test_a_failure_while_applying_rolls_everything_back(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.insert(Person(name="Bo Li", email="bo@example.org"))
    before = store.path.read_bytes()
    path = csv_file(tmp_path, "Ann,Example,,,,,09 Oct 2024", "Bo,Li,,bo@example.org,Globex,CTO,01 Jan 2023")
    plan = plan_import(store, read_contacts("linkedin", path))

    def disk_full(records: list[Person]) -> list[Person]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "update_many", disk_full)  # the adds went in first, then this fails
    with pytest.raises(OSError):
        apply_import(store, plan)
    assert store.path.read_bytes() == before
    assert [p.name for p in store.all(Person)] == ["Bo Li"]


def test_identity_keys() -> None:
    assert linkedin_key("HTTPS://www.LinkedIn.com/in/Ann-Example/?trk=abc") == "linkedin.com/in/ann-example"
    assert name_key("  Zoë\tＭüller ") == "zoë müller"
