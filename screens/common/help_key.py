"""The help key every screen carries (issue 15: help per screen and per pane, always reachable).

Textual passes no key through a modal screen to the app, so each screen's BINDINGS lists this one;
F1 too, for screens where a text field takes the `?`. The help itself is screens/help_screen.py.
"""

from __future__ import annotations

from textual.binding import Binding

HELP_BINDING = Binding(
    "question_mark,f1", "app.help", "Help", id="help", key_display="?", tooltip="Keys of this screen and pane"
)
