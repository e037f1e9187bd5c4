"""Make untrusted text safe to show in a terminal (DESIGN.md, Security of display).

Names and notes come from imports and from other people. Before display we strip C0 and C1
control characters (keeping tab and newline in multi-line notes), DEL, and the bidi controls that
can reorder what the user sees. Escaping markup is the screens' job: they never put user text into
markup at all (they use rich ``Text`` or ``Content``), so no markup escaping happens here.
"""

from __future__ import annotations

import re

# C0 except tab/newline, DEL, C1, and the bidi embedding/override/isolate controls and marks.
_UNSAFE_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WHITESPACE_CONTROLS = re.compile("[\t\n\r\x0b\x0c]")


# What stands in for a control character in a text box: the Unicode control pictures (U+2400..)
# for C0 and DEL, the replacement character for C1 and the bidi controls. One character for one,
# each one cell wide, so positions in the text (the cursor, a selection) stay where they are.
_STAND_INS = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}


def _stand_in(match: re.Match[str]) -> str:
    return _STAND_INS.get(ord(match.group()), "\ufffd")


def visible_controls(text: str, *, multiline: bool = False) -> str:
    """``text`` with each control or bidi character shown as a visible stand-in of one character
    (ESC as "␛", U+202E as "�"): for a text box, which must show the text it holds, not act on it
    (DESIGN.md, Security of display). ``multiline`` keeps tab and newline, as ``safe_text`` does."""
    return (_UNSAFE_MULTILINE if multiline else _UNSAFE_ONE_LINE).sub(_stand_in, text)


def safe_text(value: object, *, multiline: bool = False) -> str:
    """Return ``value`` as text with control and bidi characters removed.

    One-line text (names, titles, table cells) turns tabs and line breaks into spaces first, so a
    name with a newline cannot break a row apart; ``multiline`` keeps tab and newline for notes.
    """
    text = "" if value is None else str(value)
    if multiline:
        return _UNSAFE_MULTILINE.sub("", text.replace("\r\n", "\n"))
    return _UNSAFE_ONE_LINE.sub("", _WHITESPACE_CONTROLS.sub(" ", text))


def one_line(value: object, width: int) -> str:
    """Safe one-line text shortened to ``width`` characters with an ellipsis."""
    text = safe_text(value)
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def count_of(count: int, noun: str, plural: str = "") -> str:
    """ "1 day", "2 days", "0 days": a number with its noun agreeing (issue 15: "1 days")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


ERROR_TEXT_MAX = 160


def short(text: object, limit: int = ERROR_TEXT_MAX) -> str:
    """One line of at most ``limit`` characters, for quoting file content in an error."""
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
