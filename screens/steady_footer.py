"""The main screen's footer, built again only when the keys it shows change (issue 17).

Textual's Footer removes and mounts all its keys whenever the screen's bindings may have changed:
on every focus move, and when a form or dialog closes and the main screen comes back. On the ten
years that rebuild (some 20 keys mounted, styled and laid out, then the whole screen laid out
again) was most of the 150 ms of CPU that closing a form cost before any pane redrew. Here the
keys shown are compared first; the same keys keep the same widgets.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen[object]) -> tuple[Hashable, ...]:
    """What the footer would show for ``screen``: each shown binding, enabled or not, and its tooltip."""
    return tuple(
        (binding.key, binding.action, binding.description, binding.key_display, enabled, tooltip)
        for (_, binding, enabled, tooltip) in screen.active_bindings.values()
        if binding.show or binding.key == screen.app.COMMAND_PALETTE_BINDING
    )


class SteadyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[Hashable, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._bindings_ready and screen.app.app_focus and self.is_attached and screen is self.screen:
            keys = shown_keys(screen)
            if keys == self._keys:
                return
            self._keys = keys
        super().bindings_changed(screen)
