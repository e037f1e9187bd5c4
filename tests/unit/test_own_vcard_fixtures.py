"""vCard features on the project's own files (they stand in for ../shared/fixtures on a fresh clone):
CRLF, folded lines (one folded inside an address), escaped commas and semicolons, ORG components,
CATEGORIES, several addresses with PREF, an empty EMAIL, a base64 photo (3.0) and a data-URI photo (4.0),
a byte-order mark, mixed line endings, and a name with no N property."""

from __future__ import annotations

from netplan.interchange.merge import apply_import, plan_import
from netplan.interchange.vcard import read_vcards
from netplan.store.store import Store
from netplan.targets.model import Person
from tests.fixture_files import own_fixture

V30 = "own_contacts_v30_crlf_folded.vcf"
V40 = "own_contacts_v40_bom_mixed.vcf"


def test_folded_crlf_card_with_escapes_org_and_categories() -> None:
    card = read_vcards(own_fixture(V30)).contacts[0]
    assert card.name == "Dr. Ilona Varga, PhD"  # FN with an escaped comma
    assert card.emails == ("ilona.varga@northwind.example.com",)  # folded inside the address
    assert (card.company, card.role) == ("Northwind Traders", "Head of Data")  # ORG's first component
    assert card.tags == ("Mentor", "Climate", "Data")


def test_several_addresses_preferred_first_an_empty_one_dropped_and_the_photo_ignored() -> None:
    by_name = {card.name: card for card in read_vcards(own_fixture(V30)).contacts}
    assert by_name["Chidi Okafor"].emails == (
        "chidi.okafor@work.example.com",
        "chidi@home.example.com",
        "c.okafor@other.example.com",
    )
    assert by_name["incomplete"].emails == ()
    assert "Mr. First ; special ; middle Last" in by_name  # escaped semicolons in FN
    assert by_name["Jörg Ümlaut Ä Ö Ü ß"].tags == ("Business",)


def test_bom_mixed_line_endings_data_uri_photo_and_no_n() -> None:
    cards = read_vcards(own_fixture(V40)).contacts
    assert [card.name for card in cards] == ["박서준", "Noor Haddad"]
    assert (cards[1].company, cards[1].emails) == ("Fjord Analytics", ("noor@fjord.example.com",))


def test_own_files_import_once_and_again_add_nothing(store: Store) -> None:
    for name in (V30, V40):
        apply_import(store, plan_import(store, read_vcards(own_fixture(name))))
    assert store.count(Person) == 7
    for name in (V30, V40):
        summary = plan_import(store, read_vcards(own_fixture(name))).summary(dry_run=True)
        assert (summary.added, summary.updated) == (0, 0), name
