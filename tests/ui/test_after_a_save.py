"""After a save the panes change in place (issue 17): in the goal tree only the lines that differ
change, the others keep their nodes, and a goal the user collapsed stays collapsed; the People
view's cursor stays on its person."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Tree

from netplan.targets.model import Goal, Person
from screens.targets.goal_tree import KeyedLines, Line
from screens.targets.targets_pane import TargetsTree
from tests.ui.conftest import SIZE, AppFactory
from tests.ui.schedule_helpers import settle


def group(key: str, *children: str) -> Line[str]:
    return Line(key, Text(key), key, tuple(Line(c, Text(c), c) for c in children))


class TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        tree = Tree[str]("root", id="tree")
        tree.show_root = False
        yield tree


def shown(tree: Tree[str]) -> list[str]:
    return [str(node.label) for node in (tree.get_node_at_line(i) for i in range(tree.last_line + 1)) if node]


async def test_a_changed_label_keeps_every_node_and_a_new_line_goes_in_place() -> None:
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(Tree)
        lines = KeyedLines(tree)
        assert lines.show([group("goal a", "ann", "bob"), group("goal b", "cy")]) is True
        await pilot.pause()
        nodes = {str(node.label): node for node in tree.root.children}
        ann = tree.root.children[0].children[0]

        # the same keys, one new label: no line moves, every node stays
        renamed = replace(group("goal b", "cy"), label=Text("goal b (2)"))
        assert lines.show([group("goal a", "ann", "bob"), renamed]) is False
        await pilot.pause()
        assert tree.root.children[0] is nodes["goal a"] and tree.root.children[1] is nodes["goal b"]
        assert shown(tree) == ["goal a", "ann", "bob", "goal b (2)", "cy"]

        # a person added in the middle of a group, another removed: the rest keep their nodes
        assert lines.show([group("goal a", "ann", "dee"), group("goal b", "cy", "eve")]) is True
        await pilot.pause()
        assert shown(tree) == ["goal a", "ann", "dee", "goal b", "cy", "eve"]
        assert tree.root.children[0].children[0] is ann

        # the kept lines in another order: that group is built again, in the new order
        lines.show([group("goal a", "dee", "ann"), group("goal b", "cy", "eve")])
        await pilot.pause()
        assert shown(tree) == ["goal a", "dee", "ann", "goal b", "cy", "eve"]

        # a goal added at the top level: the whole tree again
        lines.show([group("goal c"), group("goal a", "dee"), group("goal b")])
        await pilot.pause()
        assert shown(tree) == ["goal c", "goal a", "dee", "goal b"]


async def test_a_collapsed_goal_stays_collapsed_when_a_save_changes_its_people(open_app: AppFactory) -> None:
    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(TargetsTree)
        goal_node = next(node for node in tree.root.children if node.data and node.data.kind is Goal)
        person_node = next(node for node in goal_node.children if node.data and node.data.kind is Person)
        goal_node.collapse()
        await settle(pilot)
        ref = person_node.data
        assert ref is not None
        person = app.store.get(Person, ref.record_id)
        assert person is not None
        app.store.update(replace(person, parked=True))  # a save from elsewhere: every pane re-reads
        await settle(pilot)
        assert tree.root.children[0] is goal_node and not goal_node.is_expanded
        assert "parked" in str(person_node.label)  # the line changed in place


async def test_a_note_saved_from_the_people_view_keeps_that_person_selected(open_app: AppFactory) -> None:
    """The save re-sorts the people by due date: the cursor follows the person, not the row number,
    so the Notes pane shows the note just saved."""
    from textual.widgets import OptionList

    from screens.targets.people_view import PeopleView

    app = open_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "down")
        await settle(pilot)
        view = app.screen.query_one(PeopleView)
        noted = view.selected_id
        assert noted is not None and view.shown[0].person.id != noted
        await pilot.press("n", *"Wants an intro to a grid operator", "ctrl+s")
        await settle(pilot)
        assert view.selected_id == noted
        assert view.shown[1].person.id != noted  # the save moved them down the list
        listing = app.screen.query_one("#notes-conversations", OptionList)
        assert "Wants an intro to a grid operator" in str(listing.get_option_at_index(0).prompt)
