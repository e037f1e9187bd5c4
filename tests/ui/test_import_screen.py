"""Pilot: importing contacts from the planner, keyboard only (issue 8, item 5).

A dry run first (counts and the plan), then one write after a confirm; a broken file shows one line
and changes nothing; a large file shows its progress while the UI keeps answering keys. Imported
people are network, parked, never active targets (rule SMALL-LIST).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ProgressBar, Select, Static

from netplan.interchange.contacts import Progress
from netplan.interchange.merge import ImportPlan, ImportSummary, apply_import
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.app import NetplanApp
from screens.common.row_list import RowList
from screens.importing.import_preview import guess_format, path_from
from screens.importing.import_screen import APPLYING, READING, ImportScreen
from screens.status_line import StatusLine
from screens.targets.people_view import PeopleView
from screens.welcome import WelcomeScreen
from tests.fixture_files import own_fixture
from tests.ui.conftest import SIZE, AppFactory
from tests.ui.connections_csv import Row, generated_rows, write_connections

HOSTILE_FIRST = "[@click=app.quit]x [/]"
HOSTILE_LAST = "\x1b]0;pwned\x07"

# A realistic export: a known person (same URL: an update), quoted commas and quotes, CJK and
# emoji names, padded spaces, a blank row, a row without a name, and a repeated connection.
IN = "https://www.linkedin.com/in/"
CONNECTIONS: list[Row | tuple[()]] = [
    ("Priya", "Raman", f"{IN}priya-raman", "priya@verdant.example", "Verdant Grid", "PM", "09 Oct 2024"),
    ("Ravi", "Shah", f"{IN}ravishah", "", "Stark, Inc.", 'Head of "Growth"', "12 Mar 2021"),
    ("雪", "王", f"{IN}xue-wang", "", "Hooli", "Engineer", "01 Jan 2023"),
    (" Zoë 🌱 ", " Example ", f"{IN}zoe-example", "", " Acme ", " CTO ", "5 May 2022"),
    (),
    ("", "", f"{IN}nobody", "", "Globex", "", "02 Feb 2020"),
    ("Ravi", "Shah", f"{IN}ravishah", "ravi@stark.example", "Stark, Inc.", "", "12 Mar 2021"),
]


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work in the temp folder so typed paths are short: Pilot waits for idle after every key."""
    monkeypatch.chdir(tmp_path)


def typed(path: Path) -> str:
    """What the user types: the path relative to the working folder."""
    return os.path.relpath(path)


def import_screen(app: NetplanApp) -> ImportScreen:
    screen = app.screen
    assert isinstance(screen, ImportScreen), f"the import screen is not open: {screen!r}"
    return screen


def shown(screen: ImportScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def start(pilot: Pilot[None]) -> None:
    """The app on an empty new file greets with the welcome screen: start empty."""
    await pilot.pause()
    if isinstance(pilot.app.screen, WelcomeScreen):
        await pilot.press("e")
        await pilot.pause()


async def until_idle(pilot: Pilot[None], screen: ImportScreen, timeout: float = 30.0) -> None:
    """Let the worker finish and its last message be shown."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while screen.busy:
        assert time.monotonic() < deadline, f"the import worker is still {screen.busy!r}"
        await pilot.pause(0.02)
    await pilot.pause()


async def dry_run(pilot: Pilot[None], path: Path) -> ImportScreen:
    """From the main screen: shift+i, type the path, enter; wait for the preview."""
    await pilot.press("I")
    await pilot.pause()
    screen = import_screen(pilot.app)  # type: ignore[arg-type]
    await pilot.press(*typed(path), "enter")
    await until_idle(pilot, screen)
    return screen


async def apply(pilot: Pilot[None], screen: ImportScreen) -> None:
    await pilot.press("a")
    await pilot.pause()
    await pilot.press("y")  # the confirm
    await until_idle(pilot, screen)


def people_named(app: NetplanApp) -> dict[str, Person]:
    return {person.name: person for person in app.store.all(Person)}


def test_the_format_follows_the_extension_and_a_dragged_in_path_loses_its_quotes() -> None:
    assert guess_format("~/Downloads/Connections.CSV") == "linkedin"
    assert guess_format("'contacts.vcf'") == "vcard"
    assert guess_format("export.txt") is None
    assert path_from("  '/tmp/my contacts.vcf' ") == Path("/tmp/my contacts.vcf")
    assert path_from("~/Connections.csv") == Path.home() / "Connections.csv"
    assert path_from("   ") is None


async def test_linkedin_csv_dry_run_apply_and_a_second_import_that_adds_nothing(
    open_app: AppFactory, tmp_path: Path
) -> None:
    path = write_connections(tmp_path / "Connections.csv", CONNECTIONS)
    app = open_app()
    app.store.insert(
        Person(name="Priya Raman", company="Verdant Grid", linkedin="https://linkedin.com/in/priya-raman")
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        writes_before = app.store.writes
        screen = await dry_run(pilot, path)
        assert screen.query_one("#import-format", Select).value == "linkedin"  # guessed from .csv
        counts = shown(screen, "#import-counts")
        assert "would be 3 added, 1 updated, 3 skipped (1 blank row)" in counts
        reasons = shown(screen, "#import-reasons")
        assert "1 × blank row" in reasons
        assert "1 × no first or last name" in reasons
        assert "1 × the same person again in the file (merged)" in reasons
        plan_list = screen.query_one(RowList)
        lines = [plan_list.row_text(i) for i in range(plan_list.row_count)]
        assert lines[0].startswith("update") and "Priya Raman" in lines[0]
        assert any(line.startswith("add") and "Zoë 🌱 Example (Acme)" in line for line in lines)
        assert app.store.writes == writes_before  # a dry run writes nothing

        await apply(pilot, screen)
        assert "imported" in shown(screen, "#import-counts")
        assert "3 added, 1 updated, 3 skipped" in shown(screen, "#import-counts")
        people = people_named(app)
        assert set(people) == {"Priya Raman", "Ravi Shah", "雪 王", "Zoë 🌱 Example"}
        ravi = people["Ravi Shah"]
        assert ravi.company == "Stark, Inc." and ravi.role == 'Head of "Growth"'
        assert ravi.email == "ravi@stark.example"  # the repeated row merged into the first
        assert ravi.how_met == "Connected on LinkedIn on 2021-03-12"
        # rule SMALL-LIST: imported people are network, parked, aimed at no goal
        assert all(p.parked and not p.goals for n, p in people.items() if n != "Priya Raman")
        assert people["Priya Raman"].email == "priya@verdant.example"  # the update filled it in

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        shown_people = {row.person.name for row in app.screen.query_one(PeopleView).rows}
        assert {"Ravi Shah", "雪 王", "Zoë 🌱 Example"} <= shown_people  # the main screen reloaded

        writes_after = app.store.writes
        again = await dry_run(pilot, path)
        assert "would be 0 added, 0 updated, 7 skipped" in shown(again, "#import-counts")
        await pilot.press("a")
        await pilot.pause()
        assert "Nothing to write" in shown(again, "#import-message")
        assert app.store.writes == writes_after
        assert len(app.store.all(Person)) == 4


@pytest.mark.parametrize(
    ("file_name", "content", "expected"),
    [
        ("broken.csv", None, "line 7: broken quoting"),
        ("binary.csv", b"First Name,Last Name\x00\x01\x02\n", "line 1: binary data"),
        ("missing.csv", b"", "no such file"),
    ],
)
async def test_a_bad_file_shows_one_line_and_changes_nothing(
    open_app: AppFactory, tmp_path: Path, file_name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / file_name
    if content is None:  # the current layout, broken at its last row (all or nothing)
        write_connections(path, CONNECTIONS[:2])
        with path.open("a", encoding="utf-8") as handle:
            handle.write('Lena,Fischer,https://www.linkedin.com/in/lena,,"Acme,CTO,01 Jan 2024\r\n')
    elif file_name != "missing.csv":
        path.write_bytes(content)
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        people_before = app.store.all(Person)
        writes_before = app.store.writes
        screen = await dry_run(pilot, path)
        message = screen.query_one("#import-message", Static)
        text = str(message.render())
        assert expected in text and text.startswith(file_name)  # names the file
        assert "\n" not in text and message.has_class("error")
        assert screen.query_one(RowList).row_count == 0
        assert shown(screen, "#import-counts") == ""
        assert screen.query_one("#import-path").has_focus  # to correct the path
        await pilot.press("tab", "tab", "a")  # from the plan list: nothing previewed, nothing to apply
        await pilot.pause()
        assert "Nothing previewed yet" in shown(screen, "#import-message")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        assert app.store.writes == writes_before
        assert app.store.all(Person) == people_before


async def test_a_vcard_fixture_imports_with_the_format_guessed_from_its_extension(
    open_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = own_fixture("own_contacts_v30_crlf_folded.vcf")
    monkeypatch.chdir(path.parent)
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = await dry_run(pilot, path)
        assert screen.query_one("#import-format", Select).value == "vcard"
        assert "would be 5 added, 0 updated, 0 skipped" in shown(screen, "#import-counts")
        await apply(pilot, screen)
        people = people_named(app)
        assert len(people) == 5
        assert "Jörg Ümlaut Ä Ö Ü ß" in people and people["Chidi Okafor"].company == "Acme Robotics"
        assert all(person.parked for person in people.values())  # rule SMALL-LIST


async def test_the_format_can_be_chosen_by_hand_when_the_extension_says_nothing(
    open_app: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "export.txt"
    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Amal Haddad\r\nORG:Globex\r\nEND:VCARD\r\n"
    path.write_text(card, encoding="utf-8")
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = await dry_run(pilot, path)  # read as LinkedIn CSV, the default
        assert "line 1: not a LinkedIn Connections.csv" in shown(screen, "#import-message")
        await pilot.press("tab", "enter")  # to the format, open it
        await pilot.pause()
        await pilot.press("down", "enter")  # vCard
        await pilot.pause()
        assert screen.query_one("#import-format", Select).value == "vcard"
        await pilot.press("shift+tab", "enter")  # back to the path: dry run again
        await until_idle(pilot, screen)
        assert "would be 1 added" in shown(screen, "#import-counts")
        await apply(pilot, screen)
        assert [p.name for p in app.store.all(Person)] == ["Amal Haddad"]


async def test_hostile_names_display_literally_and_fire_nothing(open_app: AppFactory, tmp_path: Path) -> None:
    row = (HOSTILE_FIRST, HOSTILE_LAST, "", "", "[b]Evil[/b] Corp", "x [/", "01 Jan 2024")
    path = write_connections(tmp_path / "Connections.csv", [row])
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = await dry_run(pilot, path)
        plan_list = screen.query_one(RowList)
        assert plan_list.row_count == 1
        line = plan_list.row_text(0)
        assert "[@click=app.quit]x [/]" in line and "[b]Evil[/b] Corp" in line
        assert "\x1b" not in line and "\x07" not in line
        rendered = "".join(segment.text for segment in plan_list.render_line(0))
        assert "[@click=app.quit]x [/]" in rendered and "\x1b" not in rendered
        await pilot.click(RowList, offset=(18, 0))  # on the would-be link
        await pilot.pause()
        await apply(pilot, screen)
        assert app.return_code is None and app.is_running  # nothing quit the app
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2")  # the People view
        await pilot.pause()
        people_row = app.screen.query_one(PeopleView).table.row_text(0)
        assert people_row.startswith("(parked) [@click=app.qu") and "[b]Evil[/b] Co" in people_row
        await pilot.click("#people-table", offset=(14, 0))
        await pilot.pause()
        assert app.return_code is None and app.is_running
        # stored as written (the file is the user's data); only the display strips controls
        assert [p.name for p in app.store.all(Person)] == [f"{HOSTILE_FIRST} {HOSTILE_LAST}"]


LARGE = 5_000


# Pilot.press waits (up to a second a key) for the process to go idle, which it is not while a
# worker runs; these tests send keys with App.simulate_key and poll with plain sleeps instead.


async def until(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        assert time.perf_counter() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.002)


async def answer_time(app: NetplanApp, screen: ImportScreen, key: str, answer: str) -> float:
    """Seconds from pressing ``key`` until the screen shows ``answer``; the worker must still run."""
    start_time = time.perf_counter()
    app.simulate_key(key)
    await until(lambda: answer in shown(screen, "#import-message"), f"an answer to {key!r}")
    elapsed = time.perf_counter() - start_time
    assert screen.busy, "the worker ended before the key was answered: the measure says nothing"
    return elapsed


def hold_the_write(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the import worker inside its one transaction, after the first batch, until released.

    So a key pressed "while the import is being written" cannot race the end of the write.
    """
    release = threading.Event()

    def held_apply(store: Store, plan: ImportPlan, progress: Progress | None = None) -> ImportSummary:
        def report(done: int, total: int) -> None:
            if progress is not None:
                progress(done, total)
            if done > 0:
                release.wait(timeout=10)

        return apply_import(store, plan, report)

    monkeypatch.setattr("screens.importing.import_screen.apply_import", held_apply)
    return release


async def test_a_large_file_shows_progress_to_the_end_while_the_ui_keeps_answering(
    open_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_connections(tmp_path / "Connections.csv", generated_rows(LARGE))
    size = path.stat().st_size
    shown_progress: list[tuple[str, int, int | None]] = []
    show_progress = ImportScreen._show_progress

    def recording(screen: ImportScreen, phase: str, done: int, total: int | None) -> None:
        shown_progress.append((phase, done, total))
        show_progress(screen, phase, done, total)

    monkeypatch.setattr(ImportScreen, "_show_progress", recording)
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("I")
        await pilot.pause()
        screen = import_screen(app)
        gaps: list[float] = []  # between ticks of a 20 ms timer on the event loop while busy
        last_tick = time.perf_counter()

        def tick() -> None:
            nonlocal last_tick
            now = time.perf_counter()
            if screen.busy:
                gaps.append(now - last_tick)
            last_tick = now

        screen.set_interval(0.02, tick)
        await pilot.press(*typed(path))
        app.simulate_key("enter")
        await until(lambda: screen.busy == READING, "the dry run to start")
        dry_run_answer = await answer_time(app, screen, "enter", "Wait: the dry run is running")
        await until_idle(pilot, screen)
        reading = [(done, total) for phase, done, total in shown_progress if phase == READING]
        assert reading[-1] == (size, size)  # the bar reached the end of the file
        assert any(0 < done < size for done, _ in reading)  # and moved on the way
        assert "would be 5000 added" in shown(screen, "#import-counts")
        assert screen.query_one(RowList).row_count == LARGE

        release = hold_the_write(monkeypatch)
        await pilot.press("a")
        app.simulate_key("y")
        await until(lambda: screen.busy == APPLYING, "the import to start")
        apply_answer = await answer_time(app, screen, "escape", "Wait: the import is being written")
        release.set()
        await until_idle(pilot, screen)
        applying = [(done, total) for phase, done, total in shown_progress if phase == APPLYING]
        assert applying[-1] == (LARGE, LARGE)
        assert any(0 < done < LARGE for done, _ in applying)
        assert screen.query_one(ProgressBar).percentage == 1
        assert app.store.count(Person) == LARGE
        print(
            f"\nkey answered in {dry_run_answer * 1000:.0f} ms (dry run), "
            f"{apply_answer * 1000:.0f} ms (apply); "
            f"longest event-loop gap {max(gaps) * 1000:.0f} ms over {len(gaps)} ticks"
        )
        # Generous bounds for a shared, loaded 2-core machine (measured there: keys answered in
        # 30-500 ms, loop gaps up to ~600 ms); a dry run or import on the event loop would hold
        # every key for the whole run, and `busy` would never be seen while a key is answered.
        measured = f"answers {dry_run_answer:.3f} s, {apply_answer:.3f} s; loop gap {max(gaps):.3f} s"
        assert dry_run_answer < 1.0 and apply_answer < 1.0, measured
        assert max(gaps) < 1.5, measured


async def test_escape_cancels_a_running_dry_run_and_closes(open_app: AppFactory, tmp_path: Path) -> None:
    path = write_connections(tmp_path / "Connections.csv", generated_rows(LARGE))
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        writes_before = app.store.writes
        await pilot.press("I")
        await pilot.pause()
        screen = import_screen(app)
        await pilot.press(*typed(path))
        app.simulate_key("enter")
        await until(lambda: screen.busy == READING, "the dry run to start")
        app.simulate_key("escape")
        await until(lambda: not isinstance(app.screen, ImportScreen), "the screen to close")
        assert screen.plan is None
        assert app.store.writes == writes_before


async def test_quitting_while_the_import_is_written_waits_for_the_one_write(
    open_app: AppFactory, tmp_path: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_connections(tmp_path / "Connections.csv", generated_rows(LARGE))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = await dry_run(pilot, path)
        release = hold_the_write(monkeypatch)
        await pilot.press("a")
        app.simulate_key("y")
        await until(lambda: screen.busy == APPLYING, "the import to start")
        threading.Timer(0.5, release.set).start()  # the write ends half a second after the quit
        app.simulate_key("ctrl+q")
        await until(lambda: not app.is_running, "the app to quit", timeout=30)
    # the store was not let go of under the write: the whole import is on disk
    app.store.close()
    with Store.open(data_file, readonly=True) as reopened:
        assert reopened.count(Person) == LARGE


async def test_a_failed_write_says_so_in_one_line_and_leaves_the_store_as_it_was(
    open_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_connections(tmp_path / "Connections.csv", generated_rows(30))
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        people_before = app.store.all(Person)
        screen = await dry_run(pilot, path)

        def disk_full(target: Path, payload: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("netplan.store.storage.atomic_write_bytes", disk_full)
        await apply(pilot, screen)
        message = screen.query_one("#import-message", Static)
        assert message.has_class("error")
        assert str(message.render()).startswith("Not imported: ")
        assert "No space left on device. Nothing was changed." in str(message.render())
        assert app.store.all(Person) == people_before  # rolled back, in memory too
        status = app.screen_stack[-2].query_one(StatusLine)  # the main screen's, under the import
        assert "Your last change was undone" in str(status.render())
        monkeypatch.undo()
        await apply(pilot, screen)  # the same preview, once the disk has room
        assert "30 added" in shown(screen, "#import-counts")
        assert app.store.count(Person) == len(people_before) + 30
        assert "saved " in str(status.render()) and "undone" not in str(status.render())


async def test_the_result_of_an_earlier_run_is_dropped(open_app: AppFactory, tmp_path: Path) -> None:
    path = write_connections(tmp_path / "Connections.csv", CONNECTIONS)
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await dry_run(pilot, path)
        message_before = shown(screen, "#import-message")
        rows_before = screen.query_one(RowList).row_count
        stale = screen.run_number - 1
        screen.post_message(ImportScreen.Stopped(stale, "an error from an earlier run"))
        screen.post_message(ImportScreen.Progressed(stale, READING, 1, 10))
        await pilot.pause()
        assert shown(screen, "#import-message") == message_before
        assert screen.plan is not None and screen.query_one(RowList).row_count == rows_before
        assert not screen.busy


async def test_the_import_key_is_in_the_command_palette(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Import" in titles
