"""RowList: a virtualised list of pre-rendered rows with a cursor (Textual's Line API).

Only the rows on screen are rendered, so replacing thousands of rows on a keystroke costs the
filter, not the widget: DataTable measures every cell on every refill, which took hundreds of
milliseconds at 5,000 people (bench/people_bench.py). Rows are rich Text built by the caller from
safe text, so user data never becomes markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, NamedTuple, Protocol, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

T = TypeVar("T")


class Rows(Protocol):
    """What RowList shows: a list of Text, or anything indexable that builds them on demand."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int, /) -> Text: ...


class LazyRows(Generic[T]):
    """``make(item)`` for each item, built when first drawn: a list of 2,000 people builds the 40
    rows on screen, not 2,000 rich Texts (~150 ms; issue 9). ``make`` may cache."""

    def __init__(self, items: list[T], make: Callable[[T], Text]) -> None:
        self._items = items
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int, /) -> Text:
        return self._make(self._items[index])


def columns(*cells: tuple[Text, int]) -> Text:
    """Cells padded or cut (with an ellipsis) to their widths in terminal cells, one space apart."""
    line = Text(no_wrap=True, overflow="ellipsis")
    for index, (cell, width) in enumerate(cells):
        cell = cell.copy()
        cell.truncate(width, overflow="ellipsis", pad=True)
        if index:
            line.append(" ")
        line.append_text(cell)
    return line


class _Paint(NamedTuple):
    """What a drawn line depends on besides its row."""

    style: Style
    width: int
    scroll_x: int
    room: int  # the content's width: the width less a vertical scrollbar


class RowList(ScrollView, can_focus=True):
    """Rows with a highlighted cursor; posts Highlighted when the cursor moves."""

    DEFAULT_CSS = """
    RowList {
        background: $surface;
    }
    RowList > .row-list--cursor {
        background: $accent 30%;
    }
    RowList:focus > .row-list--cursor {
        background: $accent 60%;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"row-list--cursor"}
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to ``index`` (None when the list is empty)."""

        row_list: RowList
        index: int | None

    def __init__(self, *, empty: Text | None = None, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._rows: Rows = []
        self._empty = empty or Text("Nothing here.", style="dim")
        self._keys: list[int] | None = None
        self._strips: dict[int, Strip] = {}  # drawn rows by key (or index), until invalidate()
        self._strips_for: _Paint | None = None  # the geometry and style the drawn rows were drawn for
        self._paint: _Paint | None = None  # set during one paint (render_lines)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: Rows, cursor: int = 0, keys: list[int] | None = None) -> None:
        """Show ``rows``; with ``keys`` (one stable id per row) rendered rows are reused across calls.

        ``rows`` may be lazy (LazyRows): only the rows drawn are ever built."""
        self._rows = rows
        self._keys = keys
        if keys is None:
            self._strips = {}
        self._set_height(max(len(rows), 1))
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.refresh()

    def _set_height(self, height: int) -> None:
        """Make the list ``height`` rows long (its virtual size).

        Rows are cut to the list's width, so the virtual width is 0: no horizontal scrollbar (the
        width of the widget, as before, showed one of 2 columns beside the vertical scrollbar).
        Textual lays out the whole screen when a virtual size changes (~40 widgets); on a filter
        keystroke only the number of rows changes, so when the vertical scrollbar stays as it is, the
        size is set without a layout and the scrollbar told its new extent (issue 17)."""
        size = Size(0, height)
        if size == self.virtual_size:
            return
        container = self.container_size
        same_scrollbars = (
            bool(container)
            and self.styles.overflow_y == "auto"
            and not self.show_horizontal_scrollbar
            and self.show_vertical_scrollbar == (height > container.height)
        )
        if not same_scrollbars:
            self.virtual_size = size  # a scrollbar comes or goes (or the list is not laid out): a layout
            return
        self.set_reactive(RowList.virtual_size, size)
        self._scroll_update(size)  # the scrollbar's extent, the scroll offset kept within the rows

    def invalidate(self) -> None:
        """Forget rendered rows (call when the rows' content changes under the same keys)."""
        self._strips = {}
        self.refresh()

    def row_text(self, index: int) -> str:
        return self._rows[index].plain

    def is_cut(self, index: int) -> bool:
        """The row is wider than the list: the screen shows its full text elsewhere on focus."""
        return (
            0 <= index < len(self._rows) and self._rows[index].cell_len > self.scrollable_content_region.width
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line needs, once per paint, not once per line: the widget's style (Textual
        # computes it from every ancestor, ~0.3 ms a call: ~11 ms of a 5,000-people filter keystroke),
        # its size, scroll offset and content width (each a walk of styles; issue 17).
        self._paint = paint = self._measure()
        if paint != self._strips_for:  # drawn lines are kept for one geometry and style
            self._strips, self._strips_for = {}, paint
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def _measure(self) -> _Paint:
        return _Paint(
            self.rich_style, self.size.width, self.scroll_offset.x, self.scrollable_content_region.width
        )

    def render_line(self, y: int) -> Strip:
        paint = self._paint or self._measure()
        width, base = paint.width, paint.style
        index = y + self.scroll_offset.y
        if not self._rows:
            text = self._empty if y == 0 else Text("")
            return Strip(text.render(self.app.console)).crop_extend(0, width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        key = self._keys[index] if self._keys is not None else index
        strip = self._strips.get(key) if paint is self._paint else None
        if strip is None:
            strip = Strip(list(self._rows[index].render(self.app.console)))
            room = paint.room  # the width less a vertical scrollbar
            if strip.cell_length > room > 1:  # cut at the edge: say so with an ellipsis (issue 16)
                strip = strip.crop(0, room - 1) + Strip([Segment("…", base)])
            strip = strip.crop_extend(paint.scroll_x, paint.scroll_x + width, base)
            if paint is self._paint:
                self._strips[key] = strip
        if index == self.cursor:
            cursor_style = self.get_component_rich_style("row-list--cursor")
            strip = Strip([Segment(s.text, (s.style or Style()) + cursor_style, s.control) for s in strip])
        return strip

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        if self._rows:
            self.scroll_to_region_of(new)
        self.post_message(self.Highlighted(self, new if self._rows else None))

    def scroll_to_region_of(self, index: int) -> None:
        top = self.scroll_offset.y
        height = max(self.size.height, 1)
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def action_move(self, delta: int) -> None:
        if self._rows:
            self.cursor = max(0, min(self.cursor + delta, len(self._rows) - 1))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.size.height - 1, 1))

    def action_jump(self, index: int) -> None:
        if self._rows:
            self.cursor = index if index >= 0 else len(self._rows) - 1

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._rows):
            self.cursor = index


class FullRow(Static):
    """Under a RowList: the highlighted row's full text when the list cuts it (issue 16), else nothing."""

    DEFAULT_CSS = """
    FullRow {
        height: auto;
        max-height: 4;
        color: $text-muted;
    }
    """

    def follow(self, row_list: RowList, index: int | None, full: Text) -> None:
        self.update(full if index is not None and row_list.is_cut(index) else "")
