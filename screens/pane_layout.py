"""The main screen's layout by width: three panes side by side, or one at a time below NARROW_BELOW.

At 80x24, or a phone's 60x30 over SSH or `netplan serve`, three panes side by side leave the Week pane
14 columns wide (an event's time wrapped onto two lines). Narrow, one pane fills the width; the
switcher line names the three (click one, or `h` / `l`), and `N` shows the selected person's notes.
The panes are only hidden, never rebuilt: a resize keeps the selection, the scroll position and
anything typed (the people filter).
"""

from __future__ import annotations

import contextlib

from textual import events
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Tab, Tabs

PANES = (("targets-pane", "Targets"), ("week-pane", "Week"), ("notes-pane", "Notes"))
PANE_IDS = tuple(pane_id for pane_id, _ in PANES)
NARROW_BELOW = 100  # columns: from here up the three panes fit (the Week pane gets 22)
SHORT_BELOW = 32  # rows: below this the dialogs fill the screen and drop their frames
# Every screen gets -narrow or -wide, -short or -tall (NetplanApp's breakpoints): netplan.tcss fits
# the dialogs to 80x24 and a phone's 60x30 (issue 16).
HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]


def size_classes(width: int, height: int) -> list[str]:
    """The breakpoint classes Textual gives a screen of this size on its first resize."""
    return [
        next(name for at, name in sorted(points, reverse=True) if size >= at)
        for size, points in ((width, HORIZONTAL_BREAKPOINTS), (height, VERTICAL_BREAKPOINTS))
    ]


class PaneSwitcher(Tabs, can_focus=False):
    """The visible switcher (narrow only): one tab per pane; the keys are on the screen."""

    def __init__(self) -> None:
        super().__init__(*(Tab(label, id=f"show-{pane_id}") for pane_id, label in PANES), id="pane-switcher")


class PaneLayout(Screen[None]):
    """Mixed into the main screen: the width decides the layout; ``shown`` is the pane in view."""

    def __init__(self) -> None:
        super().__init__()
        # Born with the classes of the terminal's size: the first resize then changes no class,
        # where adding them restyled every widget of the screen (~25 ms at start; issue 17).
        with contextlib.suppress(RuntimeError):  # no running app (a screen built outside one)
            self.add_class(*size_classes(*self.app.size), update=False)
        self.shown = "targets-pane"
        self.narrow = False
        self._last_focus: dict[str, Widget] = {}  # per pane: where the user was, to come back to

    def on_resize(self, event: events.Resize) -> None:
        self.apply_width(event.size.width)

    def apply_width(self, width: int) -> None:
        narrow = width < NARROW_BELOW
        if narrow == self.narrow:
            return
        self.narrow = narrow  # the -narrow class itself comes from NetplanApp.HORIZONTAL_BREAKPOINTS
        if narrow:  # the pane being worked in stays in view
            self.show_pane(self._pane_of(self.focused) or self.shown, focus=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pane":
            return self.narrow  # the pane keys exist (and show in the footer) only when narrow
        return True

    def _pane_of(self, widget: Widget | None) -> str | None:
        while widget is not None:
            if widget.id in PANE_IDS:
                return widget.id
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return None

    def show_pane(self, pane_id: str, *, focus: bool = True) -> None:
        self.shown = pane_id
        for other in PANE_IDS:
            self.query_one(f"#{other}").set_class(other == pane_id, "-shown")
        with contextlib.suppress(NoMatches):  # still composing
            self.query_one(PaneSwitcher).active = f"show-{pane_id}"
        if focus:
            self.focus_pane(pane_id)

    def focus_pane(self, pane_id: str) -> None:
        """Focus where the user last was in the pane (the tree, the week, the notes)."""
        last = self._last_focus.get(pane_id)
        if last is not None and last.is_mounted:
            last.focus()
            return
        pane = self.query_one(f"#{pane_id}")
        first = next((w for w in pane.query("*") if w.focusable and not isinstance(w, Tabs)), None)
        (pane if pane.focusable else first or pane).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        pane_id = self._pane_of(event.widget)
        if pane_id is None:
            return
        self._last_focus[pane_id] = event.widget
        if self.narrow and pane_id != self.shown:  # e.g. `/` focuses the filter in Targets
            self.show_pane(pane_id, focus=False)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if not isinstance(event.tabs, PaneSwitcher) or event.tab.id is None:
            return
        event.stop()
        pane_id = event.tab.id.removeprefix("show-")
        if pane_id != self.shown:
            self.show_pane(pane_id)

    def action_pane(self, delta: int) -> None:
        index = PANE_IDS.index(self.shown)
        self.show_pane(PANE_IDS[(index + delta) % len(PANE_IDS)])

    def action_notes(self) -> None:
        """The selected person's notes: in view when narrow, focused when wide."""
        if self.narrow:
            self.show_pane("notes-pane")
        else:
            self.focus_pane("notes-pane")
