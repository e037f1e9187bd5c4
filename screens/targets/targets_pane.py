"""The Targets pane: goals, and the people and venues aimed at each (rule BOW-AND-ARROW)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TabbedContent, TabPane, Tree
from textual.widgets.tree import TreeNode

from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.text import safe_text
from netplan.schedule.next_step import NextStep
from netplan.store.store import Store
from netplan.targets.model import Goal, Person, Venue
from netplan.targets.tree import AimedGoal
from screens.targets.goal_tree import KeyedLines, Line
from screens.targets.people_view import PeopleView
from screens.targets.slipping_view import SlippingView
from screens.targets.targets_data import TargetsData, TreeData, read_lists, read_targets


@dataclass(frozen=True)
class TargetRef:
    """What a tree line stands for: a goal, person or venue by id (None for group headings)."""

    kind: type[Goal] | type[Person] | type[Venue]
    record_id: int


def person_label(person: Person, why: str = "") -> Text:
    icon = "◇ " if person.is_type else "● "
    label = Text(icon, style="cyan" if person.is_type else "green")
    label.append(safe_text(person.name), style="dim strike" if person.parked else "")
    if person.parked:
        label.append(" parked", style="yellow")
    if person.company:
        label.append(f"  {safe_text(person.company)}", style="dim")
    if why:
        label.append(f"  — {safe_text(why)}", style="italic dim")
    return label


def venue_label(venue: Venue, why: str = "") -> Text:
    label = Text("▣ ", style="magenta")
    label.append(safe_text(venue.name))
    label.append(f"  {venue.kind}", style="dim")
    if why:
        label.append(f"  — {safe_text(why)}", style="italic dim")
    return label


def goal_label(aimed: AimedGoal, step: NextStep | None = None) -> Text:
    """Title, then what is missing (first: the line is cut at the pane's edge), counts, steps."""
    label = Text(safe_text(aimed.goal.title), style="bold")
    if aimed.missing:
        # rule BOW-AND-ARROW: a goal with no people or no venue is not yet aimed.
        label.append(f"  aim first: add {' and '.join(aimed.missing)}", style="bold yellow")
    if aimed.goal.status != "active":
        label.append(f"  ({aimed.goal.status})", style="dim")
    label.append(f"  {len(aimed.people)}p·{len(aimed.venues)}v", style="dim")
    if step is not None:
        label.append(f"  next {step.start.format('ddd D MMM HH:mm')} ", style="green")
        label.append(safe_text(step.title), style="green")
    if aimed.last_touch is not None:
        label.append(f"  last touch {aimed.last_touch.strftime('%-d %b')}", style="dim")
    return label


LOOSE_LIMIT = 30  # unaimed people shown in the goal tree
# People shown under one goal. Every tree line is a node built, and drawn, on the event loop: a
# power user's 2,000 aimed people cost ~0.5 s of stall on each save (issue 9, bench/save_stall.py);
# rule SMALL-LIST keeps a real target list far below this, and the People view (2) lists everyone.
AIMED_LIMIT = 20


def tree_lines(data: TreeData, select: TargetRef | None) -> list[Line[TargetRef]]:
    """The goal tree's lines for ``data``: each goal with its people and venues, then the people
    and venues not aimed yet; ``select`` is shown even beyond the limits."""
    lines: list[Line[TargetRef]] = []
    for aimed in data.aimed_goals:
        shown = aimed.people[:AIMED_LIMIT]
        beyond = aimed.people[AIMED_LIMIT:]
        shown += [(p, link) for p, link in beyond if TargetRef(Person, p.id) == select]
        children = [
            Line(TargetRef(Person, person.id), person_label(person, link.why), TargetRef(Person, person.id))
            for person, link in shown
        ]
        if len(aimed.people) > len(shown):
            more = len(aimed.people) - len(shown)
            hint = f"… {more:,} more people aimed here: press 2 for People"
            children.append(Line("more", Text(hint, style="dim")))
        children += [
            Line(TargetRef(Venue, venue.id), venue_label(venue, link.why), TargetRef(Venue, venue.id))
            for venue, link in aimed.venues
        ]
        ref = TargetRef(Goal, aimed.goal.id)
        lines.append(Line(ref, goal_label(aimed, data.steps.get(aimed.goal.id)), ref, tuple(children)))
    # The wider network (imports, parked people) can run to thousands: the tree shows the unparked
    # people not yet aimed (candidates to aim) up to a limit; the People view (2) lists everyone.
    loose_people, loose_venues = data.loose_people, data.loose_venues
    unaimed = [person for person in loose_people if not person.parked]
    if unaimed or loose_venues:
        loose = [
            Line(TargetRef(Person, person.id), person_label(person), TargetRef(Person, person.id))
            for person in unaimed[:LOOSE_LIMIT]
        ]
        loose += [Line(TargetRef(Venue, v.id), venue_label(v), TargetRef(Venue, v.id)) for v in loose_venues]
        lines.append(Line("loose", Text("Not aimed at a goal", style="dim italic"), None, tuple(loose)))
    hidden = len(loose_people) - min(len(unaimed), LOOSE_LIMIT)
    if hidden:
        hint = f"… {hidden:,} more in your network: press 2 for People"
        lines.append(Line("hidden", Text(hint, style="dim")))
    if not data.aimed_goals and not loose_people and not loose_venues:
        lines.append(Line("empty", Text("No goals yet: press g to add one", style="dim")))
    return lines


class TargetsTree(Tree[TargetRef]):
    """The goal tree; labels are rich Text so names never parse as markup.

    A line longer than the pane ends in an ellipsis instead of widening the tree: no horizontal
    scrollbar at any size (issue 16); the Notes pane shows the highlighted line in full.
    """

    BINDINGS = [Binding("space", "toggle_node", "Expand", show=False)]

    def get_label_width(self, node: TreeNode[TargetRef]) -> int:
        return 0  # never wider than the pane: render_label fits each line to it

    def render_label(self, node: TreeNode[TargetRef], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        room = (
            self.scrollable_content_region.width - (depth if self.show_root else depth - 1) * self.guide_depth
        )
        label.truncate(max(room, 1), overflow="ellipsis")
        return label


class TargetsPane(Vertical):
    """Three views of the targets: the goal tree, all people (filterable), and who is slipping."""

    @dataclass
    class Selected(Message):
        """The highlighted line changed: a goal, person or venue (or a heading: None)."""

        ref: TargetRef | None

    @dataclass
    class Loaded(Message):
        """The worker read the targets at store revision ``revision``."""

        revision: int
        data: TargetsData | str  # str: why it could not read them

    def __init__(self, store: Store, first: tuple[int, TreeData] | None = None) -> None:
        super().__init__(id="targets-pane", classes="pane")
        self.store = store
        self.border_title = "Targets"
        self._asked = -1  # the revision last read (or being read)
        self._shown: tuple[int, TreeData] | None = None  # the revision shown, and its data
        self._select: TargetRef | None = None
        self._tree_lines: KeyedLines[TargetRef] = KeyedLines(TargetsTree(Text("Targets"), id="targets-tree"))
        self._first = first  # the goal tree, read on the loading thread (screens/app.py)

    def compose(self) -> ComposeResult:
        yield Static("", id="cap-warning")
        with TabbedContent(initial="goals-tab", id="targets-tabs"):
            with TabPane("Goals", id="goals-tab"):
                tree = self._tree_lines.tree
                tree.show_root = False
                tree.guide_depth = 2
                yield tree
            with TabPane("People", id="people-tab"):
                yield PeopleView(self.store.clock.now().timestamp())
            with TabPane("Slipping", id="slipping-tab"):
                yield SlippingView()

    @property
    def active_view(self) -> str:
        return self.query_one(TabbedContent).active

    def show_view(self, tab_id: str) -> None:
        if tab_id == "slipping-tab":
            self.query_one(SlippingView).draw()
        self.query_one(TabbedContent).active = tab_id
        focus_target = {
            "goals-tab": "#targets-tree",
            "people-tab": "#people-table",
            "slipping-tab": "#slipping-table",
        }
        self.query_one(focus_target[tab_id]).focus()
        self.post_message(self.Selected(self.selected))

    def on_mount(self) -> None:
        if self._first is not None:
            self._show_first(*self._first)
        # The main screen's revision is the store's, while it is the current screen (issue 13).
        self.watch(self.screen, "revision", self._revision_moved)

    def _show_first(self, revision: int, tree: TreeData) -> None:
        """The goal tree read on the loading thread, drawn in the screen's first frame; the People
        and Slipping rows (not on screen) are read once it is drawn (issue 17: the user's data
        first; read together they held it back by the rows' ~40 ms, and each frame drawn empty
        then filled cost another layout and paint)."""
        self._asked = revision
        self._shown = (revision, tree)
        self._show_warning(tree)
        self._fill_tree(tree, None)
        self.post_message(self.Selected(self.selected))
        if self.store.revision == revision:  # else the revision's own read follows
            self.call_after_refresh(self._read, self.store.snapshot(), tree)

    @property
    def goal_tree(self) -> TargetsTree:
        return self.query_one(TargetsTree)

    @property
    def selected(self) -> TargetRef | None:
        """The selected line, or the line a reload still reading is moving to.

        A key pressed right after a save (add a person to the goal just saved, edit the person
        just added) acts on what the pane is about to show, not on the line before the save.
        """
        view = self.active_view
        pending = self._select
        if pending is not None and (view == "goals-tab" or pending.kind is Person):
            return pending
        if view == "people-tab":
            person_id = self.query_one(PeopleView).selected_id
            return TargetRef(Person, person_id) if person_id is not None else None
        if view == "slipping-tab":
            person_id = self.query_one(SlippingView).selected_id
            return TargetRef(Person, person_id) if person_id is not None else None
        node = self.goal_tree.cursor_node
        return node.data if node is not None else None

    @property
    def current_goal_id(self) -> int | None:
        """The goal the selected line is, or sits under, in the goal tree: a person or venue added
        from there aims at it (rule BOW-AND-ARROW; issue 15: not only when the goal row is selected)."""
        ref = self.selected
        if ref is not None and ref.kind is Goal:
            return ref.record_id
        if self.active_view != "goals-tab":
            return None
        node = self.goal_tree.cursor_node
        while node is not None:
            if isinstance(node.data, TargetRef) and node.data.kind is Goal:
                return node.data.record_id
            node = node.parent
        return None

    def select(self, ref: TargetRef) -> None:
        """Move to ``ref``: now if the pane shows the store's newest revision, else once it does
        (a record just saved appears with the next read)."""
        shown = self._shown
        if shown is not None and shown[0] == self.store.revision and self._select is None:
            self._fill_tree(shown[1], ref)
            self.post_message(self.Selected(self.selected))
        else:
            self._select = ref

    def _revision_moved(self, revision: int) -> None:
        """Read every view once per revision, off the event loop, keeping the selected line.

        A thread worker reads a snapshot of the store (screens/targets/targets_data.py) and posts
        it back; an answer for an older revision is dropped (issue 9: no stall on the loop).
        """
        if revision < 0 or self.store.revision == self._asked:
            return
        self._select = self._select or self.selected
        snapshot = self.store.snapshot()
        self._asked = snapshot.revision
        self._read(snapshot)

    @work(thread=True, exclusive=True, group="targets-pane")
    def _read(self, store: Store, tree: TreeData | None = None) -> None:
        # A worker never touches widgets: it reads and posts the result back.
        try:
            result: TargetsData | str = read_targets(store) if tree is None else read_lists(store, tree)
        except (ValidationError, NotFoundError) as error:
            result = f"{error} (run `netplan check`)"
        self.post_message(self.Loaded(store.revision, result))

    def on_targets_pane_loaded(self, event: Loaded) -> None:
        event.stop()
        if event.revision != self._asked:
            return  # an answer for a revision since superseded
        select, self._select = self._select, None
        data = event.data
        if isinstance(data, str):
            self.notify(f"Could not read the targets: {safe_text(data)}", severity="error", markup=False)
            self.post_message(self.Selected(self.selected))  # the other panes go on (the Week waits for it)
            return
        drawn = self._shown
        self._shown = (event.revision, data)
        self.query_one(PeopleView).load(data.rows, sorted_by="due")
        self.query_one(SlippingView).load(data.slipping, draw=self.active_view == "slipping-tab")
        self._show_warning(data, drawn)
        if drawn is None or drawn[0] != event.revision or select is not None:  # else the tree shows it
            self._fill_tree(data, select)
        self.post_message(self.Selected(self.selected))

    def _show_warning(self, data: TreeData, before: tuple[int, TreeData] | None = None) -> None:
        warning = self.query_one("#cap-warning", Static)
        warning.display = data.warning is not None
        if data.warning is not None and (before is None or data.warning != before[1].warning):
            warning.update(data.warning)  # not again when unchanged: an update lays the screen out

    def _fill_tree(self, data: TreeData, select: TargetRef | None) -> None:
        """Show ``data`` in the goal tree, changing only the lines that differ (goal_tree.py)."""
        self._tree_lines.show(tree_lines(data, select))
        self._move_cursor(select)

    def _move_cursor(self, ref: TargetRef | None) -> None:
        tree = self.goal_tree
        cursor = tree.cursor_node
        if ref is not None and not (cursor is not None and cursor.data == ref):
            for line in range(tree.last_line + 1):
                node = tree.get_node_at_line(line)
                if node is not None and node.data == ref:
                    tree.move_cursor(node)
                    return
        if tree.cursor_line < 0 and tree.last_line >= 0:
            tree.cursor_line = 0

    # Each view's cursor may move while another view is shown (a reload fills all three): the
    # Notes pane follows the shown view's selection only.

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[TargetRef]) -> None:
        event.stop()
        self.post_message(self.Selected(self.selected))

    def on_people_view_highlighted(self, event: PeopleView.Highlighted) -> None:
        event.stop()
        self.post_message(self.Selected(self.selected))

    def on_slipping_view_highlighted(self, event: SlippingView.Highlighted) -> None:
        event.stop()
        self.post_message(self.Selected(self.selected))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        if event.pane.id == "slipping-tab":
            self.query_one(SlippingView).draw()
        self.post_message(self.Selected(self.selected))
