"""Pilot: the People filter shows the same rows however a query was reached (issue 17).

The filter narrows from the previous query's hits, keeps recent results and searches all rows in
one regex scan; none of that may change what a user sees. Typing a query letter by letter and
deleting it again must list, at every step, exactly the rows a fresh filter lists for that text,
and the rows an independent reading of the matching rule (each word's letters in order inside one
word of the person, from its start; folded) accepts. Names hold what imports bring: escape
sequences, markup, right-to-left text and overrides, emoji, combining accents, ligatures.
"""

from __future__ import annotations

import random

from textual.widgets import Input

from netplan.targets.model import Person
from netplan.targets.people import PersonRow, fold
from screens.app import NetplanApp
from screens.targets.people_filter import PeopleFilter
from screens.targets.people_view import PeopleView
from tests.reliability.hostile import HOSTILE
from tests.ui.conftest import SIZE, AppFactory

FIRST = ["Priya", "Marcus", "Lena", "Tomás", "Aisha", "Jonas", "Chen", "Sofia", "Ravi", "Nora"]
LAST = ["Raman", "Fischer", "Varga", "Bello", "Weber", "Mendes", "Okafor", "Shah", "Pereira"]
COMPANIES = ["Verdant Grid", "Helio", "Kinfolk", "GridShift", "Open Meter", "Kite Labs", "Prism"]
HOSTILE_NAMES = [
    *(f"Priya {text} Raman" for text in HOSTILE),  # escape codes, markup, RTL override
    "مريم الحسن",  # right to left
    "\u202eMarcus Okafor",
    "👩\u200d🔬 Chen Wei",  # emoji with a zero-width joiner
    "Zoë Ünal",
    "Lena\u0301 Fischer",  # a combining accent of its own
    "ﬁona Pereira",  # a ligature: folds to "fiona"
    "ＰＲＩＹＡ Wide",  # full width: folds to "priya"
    "Straße Priya_Raman",  # ß folds to ss; an underscore is part of a word
    "Line\nBreak Priya",  # a newline inside a name
]
# Typed letter by letter, then deleted letter by letter.
QUERIES = [
    "priya verd",
    "pr ra",
    "ﬁo",
    "pr\u0301i",
    "\u0301",  # folds to nothing: every row
    "👩",
    "\u202e",
    "مر",
    "strass",
    "[/",
    "priya_r",
    "x [/ ",
    "zoe un",
    "break priya",
]


def _word_matches(word: str, text: str) -> bool:
    """The matching rule read directly: ``word``'s letters in order within one run of non-spaces of
    ``text``, the first letter at a word's start unless it is not a letter or digit itself."""
    for start, char in enumerate(text):
        if char != word[0]:
            continue
        before = text[start - 1] if start else " "
        if word[0].isalnum() and (before.isalnum() or before == "_"):
            continue
        position, rest = start + 1, word[1:]
        while rest and position < len(text) and not text[position].isspace():
            if text[position] == rest[0]:
                rest = rest[1:]
            position += 1
        if not rest:
            return True
    return False


def _expected_ids(rows: list[PersonRow], query: str) -> set[int]:
    words = [folded for folded in (fold(word) for word in query.split()) if folded]
    return {row.person.id for row in rows if all(_word_matches(word, row.match_text) for word in words)}


def _add_people(app: NetplanApp) -> None:
    rng = random.Random(17)
    with app.store.transaction():
        for i in range(400):  # over RANK_LIMIT hits for a short query, ranked hits for a long one
            app.store.insert(
                Person(
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                    company=rng.choice(COMPANIES),
                    tags=[rng.choice(["climate", "data", "design"])],
                )
            )
        for name in HOSTILE_NAMES:
            app.store.insert(Person(name=name, company=rng.choice(COMPANIES)))


async def test_typing_then_deleting_lists_what_the_query_typed_fresh_lists(open_app: AppFactory) -> None:
    app = open_app()
    _add_people(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        view = app.screen.query_one(PeopleView)
        box = view.query_one("#people-filter", Input)
        assert box.has_focus
        everyone = [row.person.id for row in view.rows]
        assert len(everyone) == 400 + len(HOSTILE_NAMES)
        seen_ranked = seen_unranked = 0
        for query in QUERIES:
            steps = [
                *(query[:n] for n in range(1, len(query) + 1)),
                *(query[:n] for n in range(len(query) - 1, -1, -1)),
            ]
            for n, expected_value in enumerate(steps):
                if n < len(query):
                    box.insert_text_at_cursor(query[n])
                else:
                    box.action_delete_left()
                await pilot.pause()
                assert box.value == expected_value
                shown = [row.person.id for row in view.shown]
                fresh = [view.rows[i].person.id for i in PeopleFilter().positions(view.rows, box.value)]
                assert shown == fresh, f"after typing/deleting to {box.value!r}"
                assert set(shown) == _expected_ids(view.rows, box.value), box.value
                # what the list draws is what the view lists
                assert view.table.row_count == max(len(shown), 0)
                if shown:
                    assert view.table.row_text(0) == view._text(view.shown[0]).plain
                if 0 < len(shown) <= 250 and box.value.strip():
                    seen_ranked += 1
                if len(shown) > 250 and box.value.strip():
                    seen_unranked += 1
            assert [row.person.id for row in view.shown] == everyone  # all deleted: everyone, in order
        assert seen_ranked and seen_unranked  # both the ranked and the unranked orders were checked
        hostile = {row.person.name: row.person.id for row in view.rows if row.person.name in HOSTILE_NAMES}
        box.value = "priya"
        await pilot.pause()
        listed = {row.person.id for row in view.shown}
        for name in (
            "ＰＲＩＹＡ Wide",
            "Straße Priya_Raman",
            "Line\nBreak Priya",
            *(f"Priya {t} Raman" for t in HOSTILE),
        ):
            assert hostile[name] in listed, name


async def test_the_list_scrolls_within_its_rows_as_the_filter_changes(open_app: AppFactory) -> None:
    """The list's height changes without a layout while its scrollbar stays (issue 17): the scroll
    offset must still stay within the rows, and the scrollbar come and go with them."""
    app = open_app()
    _add_people(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(PeopleView)
        table = view.table
        box = view.query_one("#people-filter", Input)
        await pilot.press("2")  # the People view
        await pilot.pause()
        table.focus()
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == len(view.rows) - 1
        assert table.show_vertical_scrollbar and not table.show_horizontal_scrollbar
        assert table.scroll_offset.y == len(view.rows) - table.scrollable_content_region.height
        box.value = "pri"  # fewer rows, still more than fit: the scrollbar stays, the offset shrinks
        await pilot.pause()
        assert table.scrollable_content_region.height < len(view.shown) < len(view.rows)
        assert table.show_vertical_scrollbar
        assert table.scroll_offset.y <= len(view.shown) - table.scrollable_content_region.height
        assert 0 <= table.cursor - table.scroll_offset.y < table.scrollable_content_region.height
        assert table.max_scroll_y == len(view.shown) - table.scrollable_content_region.height
        box.value = "priya verd"  # a few rows: no scrollbar, the first row at the top
        await pilot.pause()
        assert 0 < len(view.shown) < table.scrollable_content_region.height
        assert not table.show_vertical_scrollbar and table.scroll_offset.y == 0
        box.value = ""
        await pilot.pause()
        assert table.show_vertical_scrollbar
        assert table.max_scroll_y == len(view.rows) - table.scrollable_content_region.height
