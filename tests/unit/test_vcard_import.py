"""vCard import (every fixture in ../shared/fixtures) and vCard 4.0 export (rule PERSONAL)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.core.errors import ExportUnwritable
from netplan.interchange.contacts import ImportFileError
from netplan.interchange.merge import apply_import, plan_import
from netplan.interchange.vcard import export_vcard, read_vcards
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.fixture_files import fixture, shared_fixtures


def test_every_vcf_fixture_imports() -> None:
    found = sorted(shared_fixtures().glob("*.vcf"))
    assert len(found) == 6
    counts = {path.name: len(read_vcards(path).contacts) for path in found}
    assert counts == {
        "ezvcard_evolution_v30_folded_categories.vcf": 1,
        "ezvcard_rfc6350_example_v40.vcf": 1,
        "ezvcard_thunderbird_v30_multi_email_photo.vcf": 1,
        "khard_korean_unicode_v40.vcf": 1,
        "khard_photo_v40.vcf": 1,
        "syncevolution_eds_contacts_v30_unicode_photo.vcf": 17,
    }


def test_evolution_v30_folded_lines_org_title_categories() -> None:
    [card] = read_vcards(fixture("ezvcard_evolution_v30_folded_categories.vcf")).contacts
    assert card.name == "Mr. John Richter, James Doe Sr."  # FN with an escaped comma
    assert card.emails == ("john.doe@ibm.com",)  # folded inside the address
    assert card.company == "IBM"  # ORG:IBM;Accounting;Dungeon -> the organisation
    assert card.role == "Money Counter"
    assert card.tags == ("VIP",)


def test_thunderbird_several_emails_all_kept_preferred_first() -> None:
    [card] = read_vcards(fixture("ezvcard_thunderbird_v30_multi_email_photo.vcf")).contacts
    assert card.name == "John Doe"
    assert card.emails == (
        "doe.john@hotmail.com",
        "additional-email@company.com",
        "additional-email1@company.com",
        "additional-email2@company.com",
        "additional-email3@company.com",
    )
    assert card.tags == ("category1", "category2", "category3")
    assert (card.company, card.role) == ("TheOrganization", "TheTitle")


def test_rfc6350_v40_example() -> None:
    [card] = read_vcards(fixture("ezvcard_rfc6350_example_v40.vcf")).contacts
    assert (card.name, card.company) == ("Simon Perreault", "Viagenie")
    assert card.emails == ("simon.perreault@viagenie.ca",)


def test_korean_name_without_n() -> None:
    [card] = read_vcards(fixture("khard_korean_unicode_v40.vcf")).contacts
    assert card.name == "최유림"


def test_photo_is_ignored() -> None:
    [card] = read_vcards(fixture("khard_photo_v40.vcf")).contacts
    assert card.name == "with photo v4"
    assert card.emails == () and card.tags == ()


def test_syncevolution_seventeen_cards_unicode_empty_email_and_four_addresses() -> None:
    cards = read_vcards(fixture("syncevolution_eds_contacts_v30_unicode_photo.vcf")).contacts
    by_name = {card.name: card for card in cards}
    assert len(by_name) == 17
    assert by_name["incomplete"].emails == ()  # an empty EMAIL: line is no address
    assert by_name["Umlaut Ä Ö Ü ß"].tags == ("Business",)
    john = by_name["John Doe"]
    assert len(john.emails) == 4 and john.emails[0] == "john.doe@work.com"
    assert (john.company, john.role, john.tags) == ("Test Inc.", "Senior Tester", ("TEST",))
    assert "Mr. First ; special ; middle Last" in by_name  # escaped semicolons in FN


def test_fixtures_import_into_a_store_and_again_add_nothing(store: Store) -> None:
    for path in sorted(shared_fixtures().glob("*.vcf")):
        apply_import(store, plan_import(store, read_vcards(path)))
    # The two "John Doe" cards of different files differ in company and addresses: two people.
    assert store.count(Person) == 22
    for path in sorted(shared_fixtures().glob("*.vcf")):
        summary = plan_import(store, read_vcards(path)).summary(dry_run=True)
        assert (summary.added, summary.updated) == (0, 0), path.name


def test_name_from_n_when_fn_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "n.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nN:Novak;Dana;;Dr.;\nEND:VCARD\n", encoding="utf-8")
    assert [c.name for c in read_vcards(path).contacts] == ["Dr. Dana Novak"]


def test_card_without_any_name_is_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "anon.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:4.0\nEMAIL:x@example.com\nEND:VCARD\n", encoding="utf-8")
    parsed = read_vcards(path)
    assert parsed.contacts == []
    [skipped] = parsed.skipped
    assert (skipped.source, skipped.reason) == ("card 1 (line 1)", "no name (neither FN nor N)")


def test_v40_pref_orders_the_addresses(tmp_path: Path) -> None:
    path = tmp_path / "pref.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Ines Costa\nEMAIL;PREF=2:two@example.com\nEMAIL:last@example.com\n"
        "EMAIL;PREF=1:one@example.com\nURL:https://www.linkedin.com/in/ines-costa\nEND:VCARD\n",
        encoding="utf-8",
    )
    [card] = read_vcards(path).contacts
    assert card.emails == ("one@example.com", "two@example.com", "last@example.com")
    assert card.linkedin == "https://www.linkedin.com/in/ines-costa"


# malformed files --------------------------------------------------------------------------------


def error_for(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "bad.vcf"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(ImportFileError) as caught:
        read_vcards(path)
    assert "\n" not in str(caught.value)
    return str(caught.value)


GOOD = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Example\nEND:VCARD\n"


def test_vcard_without_end_names_the_card(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD + "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Li\n")
    assert "card 2 (line 5)" in message and "no END:VCARD" in message


def test_card_that_does_not_parse_names_card_and_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD + "BEGIN:VCARD\nVERSION:3.0\nFN;;;:Bo\nEND:VCARD\n")
    assert "card 2 (line 7)" in message and "does not parse" in message


def test_text_outside_a_card(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD + "First Name,Last Name\n")
    assert "line 5" in message and "expected BEGIN:VCARD" in message


def test_empty_and_blank_files(tmp_path: Path) -> None:
    assert "empty" in error_for(tmp_path, b"")
    assert "no BEGIN:VCARD" in error_for(tmp_path, b"\r\n\r\n")


def test_binary_file(tmp_path: Path) -> None:
    assert "binary" in error_for(tmp_path, GOOD.encode() + b"BEGIN:VCARD\nPHOTO:\x00\x01\n")


# export -------------------------------------------------------------------------------------------


def test_export_one_v40_card_per_person_with_only_their_addresses(store: Store, tmp_path: Path) -> None:
    store.insert(
        Person(
            name="Ann Example",
            company="Northwind; Traders, Ltd",
            role="Data Engineer",
            email="ann@example.com",
            emails=["ann@home.example"],
            linkedin="https://www.linkedin.com/in/ann-example",
            tags=["data", "berlin"],
            how_met="Connected on LinkedIn on 2024-10-09",
        )
    )
    store.insert(Person(name="Bo Li", email="bo@example.org"))
    store.insert(Person(name="A hiring manager at a climate startup", kind="type"))
    target = tmp_path / "out" / "people.vcf"
    summary = export_vcard(store, target)
    assert summary.startswith("wrote 2 people")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    cards = list(vobject.readComponents(target.read_text(encoding="utf-8")))
    assert [c.fn.value for c in cards] == ["Ann Example", "Bo Li"]  # the type of person is no contact
    ann, bo = cards
    assert ann.version.value == "4.0"
    # rule PERSONAL: each card carries its own person's addresses and nobody else's.
    assert [e.value for e in ann.contents["email"]] == ["ann@example.com", "ann@home.example"]
    assert [e.value for e in bo.contents["email"]] == ["bo@example.org"]
    assert ann.org.value == ["Northwind; Traders, Ltd"]
    assert ann.categories.value == ["data", "berlin"]


def test_export_then_import_into_an_empty_store_gives_the_same_people(store: Store, tmp_path: Path) -> None:
    hostile = "[/] x [/ \x1b]0;pwned\x07 \u202e"
    store.insert(Person(name="최유림", company="星辰科技", email="yu@example.kr", tags=["seoul"]))
    store.insert(Person(name=hostile, company="[@click=app.quit]x", emails=["h@example.com"]))
    target = tmp_path / "people.vcf"
    export_vcard(store, target)
    other = Store.open(tmp_path / "other.json", clock=store.clock)
    try:
        apply_import(other, plan_import(other, read_vcards(target)))
        people = {p.name: p for p in other.all(Person)}
    finally:
        other.close()
    assert set(people) == {"최유림", hostile}  # kept literally
    assert people["최유림"].company == "星辰科技" and people["최유림"].tags == ["seoul"]
    assert people[hostile].email == "h@example.com"


def test_export_to_a_folder_is_a_one_line_error(store: Store, tmp_path: Path) -> None:
    # exit 3 like any export target that cannot be written (issue 14, item 9)
    with pytest.raises(ExportUnwritable, match="is a folder"):
        export_vcard(store, tmp_path, force=True)


# folding and card boundaries (issue 14, item 12) -------------------------------------------------

# "FN:" + 72 characters fills a 75-octet line, so vobject's fold puts the rest on a line of its own:
# " END:VCARD". netplan cut cards at that line and could not import its own export.
FOLDS_INTO_END = ["A" * 72 + "END:VCARD", "Dana " + "x" * 67 + "END:VCARD", "B" * 72 + "BEGIN:VCARD"]


@pytest.mark.parametrize("name", FOLDS_INTO_END)
def test_a_name_that_folds_into_a_card_boundary_round_trips(store: Store, tmp_path: Path, name: str) -> None:
    store.insert(Person(name=name, company="Northwind"))
    store.insert(Person(name="Bo Li"))
    target = tmp_path / "people.vcf"
    export_vcard(store, target)
    continuation = [line for line in target.read_text(encoding="utf-8").split("\r\n") if line[:1] == " "]
    assert all(line.strip().upper() not in ("END:VCARD", "BEGIN:VCARD") for line in continuation)
    assert [c.fn.value for c in vobject.readComponents(target.read_text(encoding="utf-8"))] == [name, "Bo Li"]
    assert [c.name for c in read_vcards(target).contacts] == [name, "Bo Li"]


# Files vobject reads whose lines, taken one by one, would mislead a reader that cuts at lines.
TRICKY_FILES = {
    "a folded value whose continuation reads END:VCARD": (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + "A" * 72 + "\r\n END:VCARD\r\nEND:VCARD\r\n"
    ),
    "a tab-folded BEGIN:VCARD inside a note": (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy\r\nNOTE:met at\r\n\tBEGIN:VCARD\r\nEND:VCARD\r\n"
    ),
    "LF line ends, a fold of spaces only": "BEGIN:VCARD\nVERSION:3.0\nFN:Di\n   \n END:VCARD\nEND:VCARD\n",
    "a folded BEGIN and END": "BEGIN:VC\r\n ARD\r\nVERSION:3.0\r\nFN:Ed\r\nEND:VC\r\n ARD\r\n",
    "lower case and a group": "begin:vcard\r\nversion:3.0\r\nfn:Fa\r\nitem1.END:VCARD\r\n",
    "a blank line, then a space-led END": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Gu\r\n\r\n END:VCARD\r\n",
    "a folded photo with END:VCARD in it": (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hu\r\nPHOTO;ENCODING=b:AAAA\r\n END:VCARD\r\n AAAA\r\nEND:VCARD\r\n"
    ),
}


def vobject_names(text: str) -> list[str]:
    return [" ".join(card.fn.value.split()) for card in vobject.readComponents(text)]


@pytest.mark.parametrize("name", sorted(TRICKY_FILES))
def test_every_card_vobject_reads_is_read(name: str, tmp_path: Path) -> None:
    text = TRICKY_FILES[name]
    path = tmp_path / "tricky.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    expected = vobject_names(text)
    assert len(expected) == 1  # the case is about something vobject reads
    assert [c.name for c in read_vcards(path).contacts] == expected


TEXT = st.characters(blacklist_categories=("Cs", "Cc"))  # what a name can hold (no NUL, no line break)
BOUNDARY_WORDS = st.sampled_from(["END:VCARD", "BEGIN:VCARD", " ", "=", "\t", "é", "最", "a", "\\", ";", ","])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(
        st.lists(st.one_of(BOUNDARY_WORDS, st.text(TEXT, max_size=30)), min_size=1, max_size=12).map("".join),
        min_size=1,
        max_size=4,
    ),
    width=st.integers(min_value=10, max_value=80),
)
def test_cards_vobject_folds_at_any_width_are_read_as_vobject_reads_them(
    names: list[str], width: int, tmp_path: Path
) -> None:
    cards = []
    for name in names:
        card = vobject.vCard()
        card.add("version").value = "3.0"
        card.add("fn").value = name
        cards.append(card.serialize(lineLength=width))
    text = "".join(cards)
    expected = vobject_names(text)
    path = tmp_path / "folded.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    parsed = read_vcards(path)
    assert [c.name for c in parsed.contacts] == [n for n in expected if n]
    assert len(parsed.contacts) + len(parsed.skipped) == len(expected)
