"""The talk timer for calls and video calls (rule LISTEN-20-10).

Space toggles who is talking (them / me); the screen shows the elapsed time and the live split, and
gives a gentle cue at the 20-minute mark: time for your ask. Enter stops it and opens the
conversation form with the measured minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from screens.common.confirm import ConfirmScreen
from screens.common.help_key import HELP_BINDING
from screens.notes.conversation_lines import listen_bar

CUE_AFTER_SECONDS = 20 * 60
ASK_AFTER_SECONDS = 10  # escape in the first seconds was a wrong key, not a call to throw away


@dataclass
class TalkTally:
    """Seconds on them and on me; whoever is talking now accrues time."""

    now: Callable[[], float]
    them: float = 0.0
    me: float = 0.0
    talking: str = "them"
    _since: float | None = None

    def start(self) -> None:
        self._since = self.now()

    def _settle(self) -> None:
        if self._since is None:
            return
        moment = self.now()
        if self.talking == "them":
            self.them += moment - self._since
        else:
            self.me += moment - self._since
        self._since = moment

    def toggle(self) -> None:
        self._settle()
        self.talking = "me" if self.talking == "them" else "them"

    def totals(self) -> tuple[float, float]:
        self._settle()
        return self.them, self.me

    def minutes(self) -> tuple[int, int, int]:
        """Whole minutes (duration, on them, on me) that add up, with the share on them kept as
        near as whole minutes allow: the note the timer opens says what the timer showed."""
        them, me = self.totals()
        duration = max(1, round((them + me) / 60))
        listen = round(duration * them / (them + me)) if them + me else duration
        return duration, listen, duration - listen


def share_text(minutes: tuple[int, int, int]) -> str:
    """ "14 of 20 min on them (70%)": what the timer shows and the note it opens will say."""
    duration, listen, _ = minutes
    return f"{listen} of {duration} min on them ({round(100 * listen / duration)}%)"


class TalkTimerScreen(ModalScreen[tuple[int, int, int] | None]):
    BINDINGS = [
        HELP_BINDING,
        Binding(
            "space", "switch_talker", "Who's talking", id="timer-toggle", tooltip="Switch between them and me"
        ),
        Binding("enter", "stop", "Stop and note", id="timer-stop", tooltip="Stop and open the note"),
        Binding("escape", "cancel", "Discard", id="timer-cancel", tooltip="Discard the timing (asks first)"),
    ]

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(classes="confirm-screen")
        self.tally = TalkTally(now)
        self.cued = False

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text("Talk timer", style="bold"))
            yield Static("", id="timer-display")
            yield Static("", id="timer-cue")
        yield Footer()

    def on_mount(self) -> None:
        self.tally.start()
        self.refresh_display()
        self.set_interval(1.0, self.refresh_display)

    def refresh_display(self) -> None:
        them, me = self.tally.totals()
        total = them + me
        minutes, seconds = divmod(int(total), 60)
        text = Text(f"{minutes:02d}:{seconds:02d}  ", style="bold")
        text.append("talking: ")
        text.append("THEM" if self.tally.talking == "them" else "ME", style="bold reverse")
        text.append("\n")
        text.append_text(listen_bar(int(them), int(me), width=30))
        # The share in the whole minutes the note will get, so the two agree (issue 15).
        text.append(f"  {share_text(self.tally.minutes())} · aim for ⅔ or more")
        self.query_one("#timer-display", Static).update(text)
        if total >= CUE_AFTER_SECONDS and not self.cued:
            self.cued = True
            cue = Text("20 minutes in: a good moment for your ask (rule LISTEN-20-10).", style="bold green")
            self.query_one("#timer-cue", Static).update(cue)
            self.app.bell()

    def action_switch_talker(self) -> None:
        self.tally.toggle()
        self.refresh_display()

    def action_stop(self) -> None:
        self.dismiss(self.tally.minutes())

    def action_cancel(self) -> None:
        """A timed call is typed work too (issue 15): past the first seconds, escape asks first."""
        them, me = self.tally.totals()
        if them + me < ASK_AFTER_SECONDS:
            self.dismiss(None)
            return
        minutes, seconds = divmod(int(them + me), 60)
        question = Text(f"Discard the {minutes:02d}:{seconds:02d} timed on this call?")
        question.append("\nn or escape: keep timing; enter stops it and opens the note.", style="dim")

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(question), answered)
