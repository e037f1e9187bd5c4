"""Pilot: the composer, the Coach view, the stage override and live findings (issue 6)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Select, Static, TextArea

from netplan.notes.model import Conversation
from netplan.targets.model import GoalLink, Person
from screens.app import NetplanApp
from screens.coach.coach_screen import CoachScreen
from screens.coach.composer_screen import ComposerScreen
from screens.common.confirm import ConfirmScreen
from screens.common.findings_view import FindingsView
from screens.common.record_form import RecordForm
from screens.main_screen import MainScreen
from screens.notes.conversation_form import ConversationForm
from screens.targets.targets_pane import TargetRef
from tests.ui.conftest import SIZE, AppFactory

HOSTILE = "[@click=app.quit]x [/] \x1b]0;pwned\x07\u202e"


def person_named(app: NetplanApp, name: str) -> Person:
    return next(p for p in app.store.all(Person) if p.name == name)


async def select_person(app: NetplanApp, pilot: Pilot[None], name: str) -> Person:
    person = person_named(app, name)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.select(TargetRef(Person, person.id))
    await pilot.pause()
    await pilot.pause()
    return person


def shown(app: NetplanApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_composer_counts_linkedins_300_characters_as_you_type(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select_person(app, pilot, "Chen Wei")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.screen.template_id == "informational"  # met, follow-up done: the next step
        await pilot.press("shift+tab", "enter", "up", "up", "enter")  # the template list: connection
        await pilot.pause()
        composer = app.screen
        assert isinstance(composer, ComposerScreen) and composer.template_id == "connection"
        note = composer.text
        assert shown(app, "#composer-count") == f"{len(note)} / 300 characters"
        assert composer.query_one("#composer-findings", FindingsView).rule_ids == []
        await pilot.click("#composer-text")
        await pilot.press("end", *(" " + "z" * (300 - len(note) - 1)))
        await pilot.pause()
        assert shown(app, "#composer-count") == "300 / 300 characters"
        assert composer.query_one("#composer-findings", FindingsView).rule_ids == []
        await pilot.press("!")
        await pilot.pause()
        assert shown(app, "#composer-count") == "301 / 300 characters  1 over LinkedIn's limit"
        view = composer.query_one("#composer-findings", FindingsView)
        assert view.rule_ids == ["PERSONAL"]
        assert "The connection note is 301 characters; LinkedIn allows 300" in str(view.render())


async def test_the_composer_flags_an_impersonal_draft_live_and_keeps_it_on_close(
    open_app: AppFactory,
) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        chen = await select_person(app, pilot, "Chen Wei")
        await pilot.press("o")
        await pilot.pause()
        composer = app.screen
        assert isinstance(composer, ComposerScreen)
        area = composer.query_one("#composer-text", TextArea)
        area.select_all()
        await pilot.press(*"Hi Chen, I'd love to connect and grow my network.")
        await pilot.pause()
        view = composer.query_one("#composer-findings", FindingsView)
        assert view.rule_ids == ["PERSONAL"]
        assert "The draft mentions nothing specific to Chen" in str(view.render())
        await pilot.press(*" Your post on carbon accounting was great.")
        await pilot.pause()
        assert view.rule_ids == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    from netplan.coach.outreach import draft_for

    saved = draft_for(app.store, chen.id, "informational")
    assert saved is not None and saved.text.endswith("Your post on carbon accounting was great.")


async def test_the_composer_saves_copies_and_writes_a_file(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        priya = await select_person(app, pilot, "Priya Raman")
        await pilot.press("o")
        await pilot.pause()
        composer = app.screen
        assert isinstance(composer, ComposerScreen) and composer.template_id == "thank-you"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Draft saved on Priya Raman" in shown(app, "#composer-status")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.clipboard == composer.text.strip()
        await pilot.press("ctrl+o")
        await pilot.pause()
        path = app.store.path.parent / "drafts" / f"priya-raman-{priya.id}-thank-you.txt"
        assert path.read_text(encoding="utf-8") == composer.text.strip() + "\n"
        assert str(path) in shown(app, "#composer-status")
        first = path.read_bytes()

        # written again: the earlier file is replaced only on a yes (issue 14, item 3)
        composer.query_one("#composer-text", TextArea).load_text("A second version")
        for answer, expected in (("n", first), ("y", b"A second version\n")):
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert str(path) in str(app.screen.query_one("#confirm-question", Static).render())
            await pilot.press(answer)
            await pilot.pause()
            assert app.screen is composer and path.read_bytes() == expected
        assert str(path) in shown(app, "#composer-status")


async def test_outreach_needs_a_named_person(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select_person(app, pilot, "Hiring managers at grid-software startups")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # one person at a time; a type of person is not one


async def test_the_coach_view_lists_findings_for_the_person_and_the_network(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select_person(app, pilot, "Tomás Varga")
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        coach = app.screen
        assert isinstance(coach, CoachScreen)
        mine = coach.query_one("#coach-person-findings", FindingsView)
        assert mine.rule_ids == ["NO-COLD-ASKS"]
        assert "Find an introducer: Priya Raman" in str(mine.render())
        assert "Stage: stranger (computed)" in shown(app, "#coach-stage")
        network = shown(app, "#coach-network")
        assert "Jonas Weber" in network and "MUTUAL: You know neither what they need" in network
        assert "Sofia Mendes" in network and "Lena Fischer (you met them the same way" in network
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_hostile_text_shows_literally_in_the_coach_view_and_composer(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    app.store.insert(Person(name=HOSTILE, how_met=HOSTILE, company=HOSTILE, goals=person_goals(app)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select_person(app, pilot, HOSTILE)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "[@click=app.quit]x [/]" in shown(app, "#coach-person")
        assert "\x1b" not in shown(app, "#coach-network")
        await pilot.press("escape", "o")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        heading = str(app.screen.query_one("#composer-heading", Static).render())
        assert "[@click=app.quit]x [/]" in heading and "\u202e" not in heading
        await pilot.click("#composer-heading")
        await pilot.pause()
        assert app.is_running


def person_goals(app: NetplanApp) -> list[GoalLink]:
    return list(person_named(app, "Priya Raman").goals)


async def test_the_stage_can_be_set_by_hand_in_the_person_form(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        chen = await select_person(app, pilot, "Chen Wei")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        stage = form.query_one("#field-stage_override", Select)
        assert stage.value == "computed"
        assert "computed from history (now: acquainted)" in str(
            stage.query_one("SelectCurrent #label", Static).render()
        )
        stage.value = "trusted"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.store.get(Person, chen.id).stage_override == "trusted"  # type: ignore[union-attr]
        assert "stage: trusted (set by hand)" in shown(app, "#notes-details")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-stage_override", Select).value = "computed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.get(Person, chen.id).stage_override is None  # type: ignore[union-attr]


async def test_a_referral_ask_of_a_new_contact_shows_ask_ladder_before_saving(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select_person(app, pilot, "Priya Raman")  # one coffee: a new contact
        conversations_before = app.store.count(Conversation)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConversationForm)
        form.query_one("#field-ask_level", Select).value = "referral"
        await pilot.click("#field-asked")
        await pilot.press(*"Could you refer me for the senior PM role?")
        await pilot.pause()
        findings = str(form.query_one("#form-findings", Static).render())
        assert "ASK-LADDER" in findings and "more than a new relationship allows" in findings
        assert app.store.count(Conversation) == conversations_before  # nothing saved yet


async def test_coach_and_outreach_are_in_the_command_palette_and_help(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Coach" in titles and "Outreach" in titles
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = " ".join(str(widget.render()) for widget in app.screen.query(Static))
        assert "Coach: findings for the selected person" in help_text
        assert "Outreach: write to the selected person" in help_text


async def test_the_composer_shows_the_coachs_finding_and_proposes_the_right_sized_note(
    open_app: AppFactory,
) -> None:
    """Issue 15 item 10: an introduction ask to a stranger is not "good to send"; the composer shows
    what the Coach view says (NO-COLD-ASKS) and ctrl+r switches to the message that fits."""
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select_person(app, pilot, "Tomás Varga")  # never spoken with: a stranger
        await pilot.press("o")
        await pilot.pause()
        composer = app.screen
        assert isinstance(composer, ComposerScreen)
        assert composer.template_id == "connection"
        composer.query_one("#composer-template", Select).value = "introduction"
        await pilot.pause()
        view = composer.query_one("#composer-findings", FindingsView)
        assert "NO-COLD-ASKS" in view.rule_ids
        assert "good to send" not in str(view.render())
        assert "Use the “Connection note (LinkedIn, 300 characters)” template instead" in str(view.render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert composer.template_id == "connection"
        assert composer.text.startswith("Hi Tomás, I'd like to connect")
        assert "NO-COLD-ASKS" not in composer.query_one("#composer-findings", FindingsView).rule_ids
