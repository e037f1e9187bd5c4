"""NetplanApp: the Textual application. ``make_app(store)`` lets tests inject the store (and its clock)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from netplan.core.errors import DataFileError, NotFoundError, ValidationError
from netplan.store.store import Store, StoreState
from screens.idle_collector import IdleCollector
from screens.pane_layout import HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS, size_classes
from screens.terminal_hangup import HangUpWatch
from screens.terminal_output import keep_output_thread_alive

if TYPE_CHECKING:
    from screens.targets.targets_data import TreeData

keep_output_thread_alive()


class NetplanApp(App[None]):
    """The planner: one main screen with the Targets, Week and Notes panes."""

    CSS_PATH = "netplan.tcss"
    TITLE = "netplan"
    SUB_TITLE = "deliberate networking"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help", key_display="?", tooltip="Keys and panes"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit netplan (everything is already saved)"),
    ]
    # Every screen gets -narrow or -wide, -short or -tall: netplan.tcss fits the dialogs to 80x24 and
    # a phone's 60x30 (issue 16). The main screen shows one pane at a time when narrow.
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    # SIGTERM (kill, a shutdown), SIGHUP (the terminal window closed) and SIGINT (kill -INT; the
    # ctrl+c key itself is Textual's "press ctrl+q to quit" hint) end the planner the way `q` does:
    # Textual restores the terminal and the caller closes the store. Every save is already on disk
    # when the UI says so; without this SIGTERM and SIGHUP killed the process in the alternate
    # screen, leaving the user's terminal in raw mode with mouse reporting on.
    EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

    store_state: reactive[StoreState | None] = reactive(None, init=False)
    """The one data-change signal: the store's revision and save state, set on the loop after the
    store moved (a save, a rollback, memory put back after a failed write, a load) or a write
    landed. The main screen and the status line watch it; the panes watch the main screen."""

    def __init__(
        self,
        store: Store,
        *,
        exit_on_signals: bool = False,
        prepare: Callable[[Store], object] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.prepare = prepare  # run on the loading thread once the file is read (--demo fills it)
        self.exit_on_signals = exit_on_signals  # the real terminal run only, not Pilot tests
        self.idle_collector = IdleCollector()
        self.load_error: DataFileError | None = None  # the data file could not be read: exit 3
        self.hang_up_watch: HangUpWatch | None = None  # a closed terminal ends us as SIGHUP does

    def on_mount(self) -> None:
        # Saves are written off the event loop; their news comes back to it (issue 9).
        self._deliver = asyncio.get_running_loop().call_soon_threadsafe
        self.store.write_in_background(self._deliver)
        self.store.on_revision = self.store.on_saved = self._store_moved
        self.store_state = self.store.state()
        # Full garbage collections wait for an idle moment (screens/idle_collector.py).
        self.idle_collector.start()
        self.set_interval(1.0, self.idle_collector.tick, name="idle-collector")
        if self.exit_on_signals:
            loop = asyncio.get_running_loop()  # asyncio.run() removes these handlers when it ends
            for signum in self.EXIT_SIGNALS:
                loop.add_signal_handler(signum, self.exit_on_signal, signum)
            hung_up = partial(self._deliver, self.exit_on_signal, signal.SIGHUP)
            self.hang_up_watch = HangUpWatch(self._driver, hung_up).start()
        if self.store.loaded:
            from screens.main_screen import MainScreen

            self.push_screen(MainScreen())
        else:
            # First frame first: the file is read (and the panes imported) on a thread (issue 9).
            from screens.loading_screen import LoadingScreen

            # born with the breakpoint classes: the first resize restyles nothing (issue 17)
            self.push_screen(LoadingScreen(self.store.path, " ".join(size_classes(*self.size))))
            self.call_after_refresh(self._load)

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        try:
            self.store.load(before_parse=self._wait_for_output)
            if self.prepare is not None:
                self.prepare(self.store)
            import screens.main_screen  # noqa: F401 - imported here, off the event loop
        except DataFileError as error:
            self.call_from_thread(self._load_failed, error)
            return
        self.call_from_thread(self._loaded, self._read_first())

    def _read_first(self) -> tuple[int, TreeData] | None:
        """The goal tree, read here so the main screen's first frame shows it (issue 17)."""
        from screens.targets.targets_data import read_tree

        snapshot = self.store.snapshot()
        try:
            return snapshot.revision, read_tree(snapshot)
        except (ValidationError, NotFoundError):
            return None  # the pane's own read says why

    def _wait_for_output(self, timeout: float = 0.2) -> None:
        """Until Textual's output thread has written what is queued (the first frame), or timeout.

        The parse that follows is one C call holding the GIL for ~200 ms on a big file; started
        before the output thread wrote the frame, it held the frame back (bench/first_frame.py).
        """
        writer = getattr(self._driver, "_writer_thread", None)
        queue = getattr(writer, "_queue", None)
        deadline = time.monotonic() + timeout
        while queue is not None and not queue.empty() and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(0.005)  # the last write itself, once taken off the queue

    def _loaded(self, first: tuple[int, TreeData] | None) -> None:
        from screens.main_screen import MainScreen

        self.idle_collector.freeze()  # the data just read: most of the heap, never garbage
        self.switch_screen(MainScreen(first))

    def _load_failed(self, error: DataFileError) -> None:
        self.load_error = error
        self.exit(return_code=3)

    def on_unmount(self) -> None:
        self.store.on_revision = self.store.on_saved = None
        self.idle_collector.stop()
        if self.hang_up_watch is not None:
            self.hang_up_watch.stop()

    def _store_moved(self) -> None:
        """The store's hook, on whichever thread saved (an import applies on a worker): the new
        state is taken on the loop, after the handler that saved has returned."""
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is left to tell
            self._deliver(self._take_store_state)

    def _take_store_state(self) -> None:
        if self.is_running:
            self.store_state = self.store.state()  # an equal state (nothing new) wakes nobody

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.idle_collector.touched()
        await super().on_event(event)

    def exit_on_signal(self, signum: int) -> None:
        """Quit cleanly; the process then exits 128 + the signal number, as shells expect."""
        self.exit(return_code=128 + signum)

    def action_help(self) -> None:
        from screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every visible binding of the current screen is also a palette command."""
        yield from super().get_system_commands(screen)
        seen: set[str] = {"quit"}
        for binding in [*screen.BINDINGS, *self.BINDINGS]:
            if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            action = binding.action
            yield SystemCommand(
                binding.description,
                binding.tooltip or binding.description,
                lambda action=action: self.call_later(screen.run_action, action),
            )


def make_app(
    store: Store,
    *,
    exit_on_signals: bool = False,
    prepare: Callable[[Store], object] | None = None,
) -> NetplanApp:
    """The planner on ``store``; every screen reads the time from the store's clock (one clock)."""
    return NetplanApp(store, exit_on_signals=exit_on_signals, prepare=prepare)


class RefusalApp(App[None]):
    """Why the planner cannot open, on the screen: in a browser (`netplan serve`) stderr reaches nobody.

    A second browser tab on the same data file lands here (the one-writer lock), as does a file that
    does not parse. `q` or escape closes it.
    """

    TITLE = "netplan"
    BINDINGS = [Binding("q,escape", "quit", "Close", id="refusal-close")]
    CSS = """
    Screen { align: center middle; }
    #refusal { width: 90%; max-width: 72; height: auto; padding: 1 2; border: thick $error; }
    """

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        from textual.widgets import Footer, Static

        text = Text("netplan cannot open the planner here\n\n", style="bold")
        text.append(self.message)  # the message names the user's file: Text, never markup
        text.append("\n\nClose this tab; reopen it once the other window is closed.", style="dim")
        yield Static(text, id="refusal")
        yield Footer()


def show_refusal(message: str) -> None:
    RefusalApp(message).run()
