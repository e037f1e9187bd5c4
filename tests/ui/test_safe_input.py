"""The safe text boxes (issue 14, item 6): stored control characters are drawn as stand-ins, never
as themselves, and the value is exactly what was stored until the user edits it."""

from __future__ import annotations

from textual.app import App, ComposeResult

from netplan.core.text import visible_controls
from screens.common.safe_input import SafeInput, SafeSuggestions, SafeTextArea
from tests.reliability.hostile import HOSTILE, OBEYED, TERMINAL_EXTRAS

LINE = " ".join((*HOSTILE, *TERMINAL_EXTRAS))
# str.splitlines breaks at all of these: a plain TextArea gives the note back with new lines in it
NOTE = f"first {LINE}\nvertical\x0btab\x0cform\x1cfs\x85nel\u2028ls and a\rcarriage\ttab\nlast"


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield SafeInput(value=LINE, id="line")
        yield SafeTextArea(NOTE, id="note")


def drawn(strip: object) -> str:
    return "".join(segment.text for segment in strip)  # type: ignore[attr-defined]


async def test_controls_are_drawn_as_stand_ins_and_the_values_kept() -> None:
    app = Boxes()
    async with app.run_test(size=(200, 12)) as pilot:
        line, note = app.query_one("#line", SafeInput), app.query_one("#note", SafeTextArea)
        line.focus()
        await pilot.pause()
        shown = drawn(line.render_line(0))
        assert visible_controls(LINE) in shown and not set(shown) & OBEYED
        rows = [drawn(note.render_line(y)) for y in range(3)]
        assert not set("".join(rows)) & (OBEYED - {"\t"}), rows
        assert "␛]0;pwned␇" in rows[0] and "vertical␋tab␌form␜fs�nel" in rows[1]
        assert line.value == LINE and note.text == NOTE  # opened, not edited: exactly as stored
        # the cursor is drawn after the last stand-in, where the box measures it
        assert line._position_to_cell(len(LINE)) == len(LINE)
        note.focus()
        note.move_cursor(note.document.end)
        await pilot.press("x")
        assert note.text == NOTE + "x"  # an edit keeps every other character


def test_a_name_holding_a_control_character_is_never_offered_as_a_completion() -> None:
    suggestions = SafeSuggestions(["Eve \x1b]0;pwned\x07", "Evelyn Park"])
    assert suggestions._suggestions == ["Evelyn Park"]
