"""The hostile strings of DESIGN.md (Security of display), and how to tell their bytes on a terminal.

Names and notes come from imports and from other people: markup that would close a style (`[/]`,
`x [/`), markup that would run an action when clicked (`[@click=app.quit]x`), an OSC sequence that
would retitle the terminal, a CSI sequence that would clear it, and a right-to-left override.
"""

from __future__ import annotations

HOSTILE = ("[/]", "x [/", "[@click=app.quit]x", "\x1b]0;pwned\x07", "\x1b[2J", "\u202e")

# Beyond DESIGN.md, for the terminal test: the 8-bit CSI (U+009B, which a UTF-8 terminal may obey
# as ESC [), a carriage return (would redraw the line from its start) and a backspace.
TERMINAL_EXTRAS = ("\x9b2J", "a\rb", "c\x08d")

# What a terminal obeys: C0 controls (a display keeps newline and tab at most), DEL, C1, bidi controls.
OBEYED = frozenset(
    {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))}
    | {"\u061c", "\u200e", "\u200f"}
)


def typeable(text: str) -> bool:
    """Text a person can type key by key; the rest (escape, BEL and bidi controls) comes in a paste."""
    return text.isprintable()


def marked(tag: str, text: str) -> str:
    """``text`` between markers ("N3" ... "3N"), so that it can be found on a terminal, and the bytes
    around each of its control characters are bytes no terminal program writes on its own."""
    return f"{tag}{text}{tag[::-1]}"


def raw_fragments(data: str) -> list[bytes]:
    """For each control character in ``data``: it with its neighbours, as the bytes a terminal would
    receive if the data were written raw (e.g. b"3\x1b[2J3N", b"3\x1b]0;pwne")."""
    return [data[max(i - 1, 0) : i + 6].encode() for i, char in enumerate(data) if char in OBEYED]
