"""Safe display of hostile text (DESIGN.md, Security of display)."""

from netplan.core.text import one_line, safe_text

HOSTILE = ["[/]", "x [/", "[@click=app.quit]x", "\x1b]0;pwned\x07", "\x1b[2J", "\u202e"]


def test_escape_sequences_lose_their_escape_byte() -> None:
    shown = safe_text("Ann \x1b]0;pwned\x07 \x1b[2J")
    assert "\x1b" not in shown and "\x07" not in shown
    assert "pwned" in shown  # the rest stays visible, literally


def test_bidi_override_and_c1_controls_are_removed() -> None:
    assert safe_text("abc\u202edef\u2066\x9b\x7f") == "abcdef"


def test_markup_is_left_alone_for_the_screens_to_show_literally() -> None:
    for text in ("[/]", "x [/", "[@click=app.quit]x"):
        assert safe_text(text) == text


def test_one_line_text_turns_newlines_and_tabs_into_spaces() -> None:
    assert safe_text("a\nb\tc\r\nd") == "a b c  d"


def test_multiline_notes_keep_newlines_and_tabs() -> None:
    assert safe_text("a\n\tb\x1b[2J", multiline=True) == "a\n\tb[2J"


def test_one_line_shortens_with_an_ellipsis() -> None:
    assert one_line("abcdefgh", 5) == "abcd…"
    assert one_line("abc", 5) == "abc"


def test_visible_controls_shows_each_control_as_one_visible_character() -> None:
    from netplan.core.text import visible_controls

    text = "a\x1b]0;t\x07 \x9b \u202e \x7f \t\n"
    assert visible_controls(text) == "a␛]0;t␇ � � ␡ ␉␊"
    assert visible_controls(text, multiline=True) == "a␛]0;t␇ � � ␡ \t\n"
    assert len(visible_controls(text)) == len(text)  # positions in the text stay where they are
