"""The `?` key on a screen's own footer: a modal screen hides the app's bindings (issue 16)."""

from __future__ import annotations

from textual.binding import Binding

HELP_KEY = Binding(
    "question_mark", "app.help", "Help", id="screen-help", key_display="?", tooltip="Every key of this screen"
)
