"""Text boxes that show control characters instead of sending them to the terminal (issue 14, item 6).

A stored name can hold an escape sequence (an import is enough to plant one): Textual's Input and
TextArea draw their text as it is, so `\\x1b]0;pwned\\x07` in a form retitled the terminal and
`\\x1b[2J` cleared it. These boxes hold the same value but draw every C0/C1 control, DEL and bidi
control as a visible stand-in of one character ("␛", "␇", "�"; netplan.core.text.visible_controls),
dimmed and reversed so it reads as a marker. One character for one keeps the cursor and selections
where they are. The value is what was stored until the user edits it (DESIGN.md, Security of display).

Every text box in screens/ is one of these: SafeInput for a line, SafeTextArea for lines, and
SafeSuggestions to complete a name (a completion is drawn as it is, so it never offers a name that
holds a control character; such a name can still be typed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.suggester import SuggestFromList
from textual.widgets import Input, TextArea

from netplan.core.text import safe_text, visible_controls

STAND_IN_STYLE = Style(dim=True, reverse=True)


# A TextArea splits its text into lines with str.splitlines, which also breaks at \r, \v, \f, \x1c-\x1e,
# \x85, U+2028 and U+2029: loaded and read back, a note holding one would come back with a line break
# instead. Those that are not the text's own line ending travel as private-use characters (plane 15,
# U+F0000 + the code), turned back on reading and drawn as their stand-ins.
_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CARRIED = 0xF0000
_CARRIED_CHARS = re.compile(f"[{chr(_CARRIED)}-{chr(_CARRIED + 0x2029)}]")


def _line_ending(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n" if "\n" in text else "\r" if "\r" in text else "\n"


def _carry(text: str) -> str:
    ending = _line_ending(text)
    return _BREAKS.sub(
        lambda m: m.group() if m.group() == ending else "".join(chr(_CARRIED + ord(c)) for c in m.group()),
        text,
    )


def _uncarry(text: str) -> str:
    return _CARRIED_CHARS.sub(lambda m: chr(ord(m.group()) - _CARRIED), text)


def shown_text(value: str, *, multiline: bool = False) -> Text:
    """``value`` as drawn in a text box: each control character as its dimmed stand-in, one for one.

    Built from the visible string: rich's Text would silently drop BEL, BS, VT, FF and CR, moving
    everything after them one place left of where the box thinks it is."""
    shown = visible_controls(value, multiline=multiline)
    text = Text(shown, no_wrap=True, overflow="ignore", end="")
    if shown != value:
        for index, (was, now) in enumerate(zip(value, shown, strict=True)):
            if was != now:
                text.stylize(STAND_IN_STYLE, index, index + 1)
    return text


class SafeInput(Input):
    """An Input that draws control characters as stand-ins; ``value`` is untouched."""

    @property
    def _value(self) -> Text:  # what Input draws and measures its width by
        return super()._value if self.password else shown_text(self.value)

    # Input measures its value to place the cursor and map a click to a character; a control is
    # 0 cells wide to it, its stand-in 1: measure what is drawn.
    def _position_to_cell(self, position: int) -> int:
        return cell_len(visible_controls(self.value[:position]))

    def _cell_offset_to_index(self, offset: int) -> int:
        target = offset + self.scroll_offset.x
        cells = 0
        for index, char in enumerate(visible_controls(self.value)):
            cells += cell_len(char)
            if target < cells:
                return index
        return len(self.value)


class SafeTextArea(TextArea):
    """A TextArea that draws control characters as stand-ins (tab and the line ending are text) and
    gives back exactly the text it was given until the user edits it."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(_carry(text), *args, **kwargs)

    @property
    def text(self) -> str:
        return _uncarry(self.document.text)

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def load_text(self, text: str) -> None:
        super().load_text(_carry(text))

    def get_line(self, line_index: int) -> Text:
        """The line as drawn (TextArea's documented hook for styling a line)."""
        return shown_text(_uncarry(self.document.get_line(line_index)), multiline=True)


class SafeSuggestions(SuggestFromList):
    """Completes from ``names`` that hold no control character (case-insensitive)."""

    def __init__(self, names: Iterable[str]) -> None:
        shown = [name for name in names if safe_text(name) == name]
        super().__init__(shown, case_sensitive=False)
