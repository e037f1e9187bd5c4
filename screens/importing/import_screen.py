"""Import contacts in the planner: a dry run first, then one write (issue 8, item 5; issue 19).

Type the path of a LinkedIn archive (the zip, its unpacked folder, or any one of its CSVs) or a
vCard file (the format is guessed from the extension and can be changed), press enter: the file is
read and the merge planned, and the screen shows what would be added, updated and skipped (with
reasons) and the plan line by line; for an archive also the last touches, replies due and
invitations it brings (netplan.interchange.linkedin_history says which rules decide them). Message
text is private: it is kept only when the keep-text box is ticked (`--keep-text` on the CLI).
`a` applies it after a confirm, in one transaction (all or nothing). Imported people join the
network parked, never the active targets (rule SMALL-LIST).

Threads. Reading, planning and applying run in a thread worker so the UI stays responsive on a
large file. The worker never touches a widget: it only posts messages (post_message is
thread-safe), each tagged with its run number so the result of an earlier run is dropped.
TinyDB is not thread-safe, so while a worker reads or writes the store nothing else may:
  - this screen is modal, so the main screen (and every key that writes) is behind it;
  - this screen refuses its own keys while a worker runs (enter, apply; escape cancels a dry run
    and closes once the worker has stopped, and waits while the import is written);
  - the worker's save reaches the planner's panes and status line like any other: the store's
    revision moves, and the app takes the news to the event loop (screens/app.py);
  - if the app quits meanwhile (ctrl+q), unmounting waits for the worker to let go of the store,
    so the store is never closed under a write in flight.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Footer, Input, ProgressBar, Select, Static

from netplan.core.errors import DataFileError, ValidationError
from netplan.core.text import safe_text
from netplan.interchange.contacts import Progress
from netplan.interchange.merge import ImportPlan, ImportSummary, apply_import, plan_import
from netplan.interchange.readers import read_contacts
from netplan.store.store import Store
from screens.common.confirm import ConfirmScreen
from screens.common.help_key import HELP_BINDING
from screens.common.row_list import RowList
from screens.common.safe_input import SafeInput
from screens.importing.import_preview import FORMATS, guess_format, path_from, plan_rows, reasons_text

READING, PLANNING, APPLYING, DONE = "reading", "planning", "applying", "done"
PHASE_LABELS = {READING: "Reading the file", PLANNING: "Planning", APPLYING: "Writing", DONE: "Done"}


class _Cancelled(Exception):
    """Raised inside the worker (at a progress report) when escape asked to stop a dry run."""


class ImportScreen(ModalScreen[ImportSummary | None]):
    """Dismisses with the summary of the last import written, or None if nothing was written."""

    BINDINGS = [
        HELP_BINDING,
        Binding("a", "apply", "Apply", id="import-apply", tooltip="Write the previewed import (asks first)"),
        Binding("escape", "close", "Close", id="import-close", tooltip="Close (cancels a running dry run)"),
    ]

    # Messages from the worker thread; ``run`` says which run they belong to. -----------------

    @dataclass
    class Progressed(Message):
        """The worker is ``phase``: ``done`` of ``total`` (bytes while reading, people while applying)."""

        run: int
        phase: str
        done: int
        total: int | None

    @dataclass
    class Planned(Message):
        """The dry run is ready: the plan and its rows (built in the worker, off the event loop)."""

        run: int
        plan: ImportPlan
        rows: list[Text]
        reasons: Text
        keep_text: bool  # the plan keeps message text (LinkedIn, --keep-text)

    @dataclass
    class Applied(Message):
        """The import was written in one transaction."""

        run: int
        summary: ImportSummary

    @dataclass
    class Stopped(Message):
        """The run ended without a result: ``error`` (one line) or cancelled (error is empty)."""

        run: int
        error: str

    def __init__(self, store: Store) -> None:
        super().__init__(classes="help-screen")
        self.store = store
        self.plan: ImportPlan | None = None
        # the format, path and keep-text choice the plan was made from
        self.plan_source: tuple[str, Path, bool] | None = None
        self.applied: ImportSummary | None = None
        self.busy = ""  # the running worker's phase, "" when none runs
        self.run_number = 0  # which run is current: messages of any other are dropped
        self._guessed: str | None = None
        self._cancel = threading.Event()
        self._store_idle = threading.Event()  # clear while a worker may touch the store
        self._store_idle.set()
        self._close_when_stopped = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Static(Text("Import contacts", style="bold"), id="import-title")
            yield Static(
                Text(
                    "A LinkedIn archive (zip, folder or CSV) or a vCard file. Enter shows what would "
                    "change; a writes it. Imported people join your network parked, not your targets.",
                    style="dim",
                ),
                id="import-hint",
            )
            with Horizontal(id="import-source"):
                yield SafeInput(
                    placeholder="path to the LinkedIn zip, folder or CSV, or a .vcf, then enter",
                    id="import-path",
                )
                yield Select(FORMATS, value="linkedin", allow_blank=False, id="import-format")
            yield Checkbox(
                "LinkedIn: keep the text of messages that want a reply (private)",
                value=False,
                id="import-keep-text",
                tooltip="Off: a reply due says when they wrote. On: their message, 500 characters at most.",
            )
            yield Static("", id="import-message")
            with Horizontal(id="import-progress-row"):
                yield Static("", id="import-phase")
                yield ProgressBar(total=None, show_eta=False, id="import-progress")
            yield Static("", id="import-counts")
            yield Static("", id="import-reasons")
            yield RowList(id="import-plan", empty=Text("The dry run appears here.", style="dim"))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-progress-row").display = False
        self.query_one("#import-path", Input).focus()

    def on_unmount(self) -> None:
        # The app may quit (ctrl+q) while a worker holds the store; the store is closed right
        # after the app stops, so let the worker finish its read or its one write first.
        self._cancel.set()
        self._store_idle.wait()

    # showing -------------------------------------------------------------------------------

    def say(self, message: str, *, error: bool = False) -> None:
        """One line under the path: what happened, or the one-line error (safe text, never markup)."""
        line = self.query_one("#import-message", Static)
        line.set_class(error, "error")
        line.update(Text(safe_text(message)))

    def _show_progress(self, phase: str, done: int, total: int | None) -> None:
        self.query_one("#import-progress-row").display = True
        self.query_one("#import-phase", Static).update(Text(PHASE_LABELS[phase]))
        self.query_one(ProgressBar).update(total=total, progress=done)

    def _show_plan(self, plan: ImportPlan | None, rows: list[Text], reasons: Text) -> None:
        headline = Text(plan.summary(dry_run=True).line(), style="bold") if plan else Text("")
        self.query_one("#import-counts", Static).update(headline)
        self.query_one("#import-reasons", Static).update(reasons)
        self.query_one(RowList).set_rows(rows)

    def _chosen(self) -> tuple[str, Path | None, bool]:
        file_format = self.query_one("#import-format", Select).value
        keep_text = self.query_one("#import-keep-text", Checkbox).value
        return str(file_format), path_from(self.query_one("#import-path", Input).value), keep_text

    # keys ----------------------------------------------------------------------------------

    def _refuse_while_busy(self) -> bool:
        if self.busy:
            what = "the import is being written" if self.busy == APPLYING else "the dry run is running"
            self.say(f"Wait: {what}.")
        return bool(self.busy)

    def on_input_changed(self, event: Input.Changed) -> None:
        # Guess the format when the extension changes; a choice made by hand stays otherwise.
        guess = guess_format(event.value)
        if guess is not None and guess != self._guessed:
            self._guessed = guess
            self.query_one("#import-format", Select).value = guess

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dry_run()

    def dry_run(self) -> None:
        if self._refuse_while_busy():
            return
        file_format, path, keep_text = self._chosen()
        if path is None:
            self.say("Type the path of a file to import, then enter.", error=True)
            return
        self.plan, self.plan_source = None, None
        self._show_plan(None, [], Text(""))
        self.say(f"Reading {path} …")
        self._start(READING)
        self._dry_run_worker(self.run_number, file_format, path, keep_text)

    def action_apply(self) -> None:
        if self._refuse_while_busy():
            return
        plan = self.plan
        if plan is None or self.plan_source is None:
            self.say("Nothing previewed yet: type a path and press enter for the dry run first.")
            return
        if self._chosen() != self.plan_source:
            self.say("The path or format changed since the dry run: press enter on the path to preview it.")
            return
        if not plan.has_changes:
            self.say("Nothing to write: every record is already in netplan or skipped.")
            return
        question = Text(f"Add {len(plan.added)} people and update {len(plan.updated)}")
        if plan.history is not None:
            history = plan.history
            question.append(
                f", {len(history.touches)} last touches, {len(history.replies)} replies due and "
                f"{len(history.invitations)} invitations"
            )
        question.append(" from ")
        question.append(safe_text(plan.parsed.path), style="bold")
        question.append("?\nOne write, all or nothing. New people are parked: network, not targets.")

        def answered(yes: bool | None) -> None:
            if yes and self.plan is plan and not self.busy:
                self._start_apply(plan)

        self.app.push_screen(ConfirmScreen(question), answered)

    def _start_apply(self, plan: ImportPlan) -> None:
        self.say("Writing the import …")
        self._start(APPLYING)
        self._apply_worker(self.run_number, plan)

    def action_close(self) -> None:
        if self.busy == APPLYING:
            self.say("Wait: the import is being written; this closes when it is done.")
            return
        if self.busy:
            self._cancel.set()
            self._close_when_stopped = True
            self.say("Cancelling the dry run …")
            return
        self.dismiss(self.applied)

    # the worker ----------------------------------------------------------------------------

    def _start(self, phase: str) -> None:
        self.run_number += 1
        self.busy = phase
        self._cancel.clear()
        self._store_idle.clear()
        self._show_progress(phase, 0, None)

    def _reporter(self, run: int, phase: str, *, cancellable: bool) -> Progress:
        """A progress callback for the worker: posts when the percentage moves (few messages)."""
        last = -1

        def report(done: int, total: int) -> None:
            nonlocal last
            if cancellable and self._cancel.is_set():
                raise _Cancelled
            step = done * 100 // total if total else 100
            if step != last:
                last = step
                self.post_message(self.Progressed(run, phase, done, total))

        return report

    @work(thread=True, exclusive=True, group="import")
    def _dry_run_worker(self, run: int, file_format: str, path: Path, keep_text: bool) -> None:
        try:
            report = self._reporter(run, READING, cancellable=True)
            parsed = read_contacts(file_format, path, report, keep_text=keep_text)
            if self._cancel.is_set():
                raise _Cancelled
            self.post_message(self.Progressed(run, PLANNING, 0, None))
            plan = plan_import(self.store, parsed)
            self._store_idle.set()
            rows = plan_rows(plan)
            result: Message = self.Planned(run, plan, rows, reasons_text(plan), keep_text)
        except _Cancelled:
            result = self.Stopped(run, "")
        except (ValidationError, DataFileError) as exc:
            result = self.Stopped(run, str(exc))
        finally:
            self._store_idle.set()
        self.post_message(result)

    @work(thread=True, exclusive=True, group="import")
    def _apply_worker(self, run: int, plan: ImportPlan) -> None:
        try:
            summary = apply_import(self.store, plan, self._reporter(run, APPLYING, cancellable=False))
            self.store.flush()  # "imported" only once it is on disk
            result: Message = self.Applied(run, summary)
        except (ValidationError, DataFileError) as exc:  # rolled back: nothing was written
            result = self.Stopped(run, f"Not imported: {exc}")
        finally:
            self._store_idle.set()
        self.post_message(result)

    # results (on the UI thread) ------------------------------------------------------------

    def on_import_screen_progressed(self, message: Progressed) -> None:
        if message.run == self.run_number and self.busy:
            self._show_progress(message.phase, message.done, message.total)

    def on_import_screen_planned(self, message: Planned) -> None:
        if message.run != self.run_number:
            return  # the result of an earlier run: dropped
        self.busy = ""
        if self._close_when_stopped:
            self.dismiss(self.applied)
            return
        plan = message.plan
        self.plan, self.plan_source = plan, (plan.parsed.format, plan.parsed.path, message.keep_text)
        self._show_plan(plan, message.rows, message.reasons)
        self._show_progress(DONE, 1, 1)
        if plan.has_changes:
            self.say("Dry run: nothing written yet. Press a to apply, escape to close.")
        else:
            self.say("Dry run: nothing to add or update.")
        self.query_one(RowList).focus()

    def on_import_screen_applied(self, message: Applied) -> None:
        if message.run != self.run_number:
            return
        self.applied = message.summary
        self.plan, self.plan_source = None, None
        self.busy = ""
        self._show_progress(DONE, 1, 1)
        self.query_one("#import-counts", Static).update(Text(message.summary.line(), style="bold green"))
        if message.summary.history is not None:
            self.say(
                "Done. Escape closes; replies due are on the agenda, the coach (c) has your invitations."
            )
        else:
            self.say("Done. Escape closes; the people are in the People view, parked.")

    def on_import_screen_stopped(self, message: Stopped) -> None:
        if message.run != self.run_number:
            return
        self.busy = ""
        if self._close_when_stopped:
            self.dismiss(self.applied)
            return
        self.query_one("#import-progress-row").display = False
        self.say(message.error or "Cancelled.", error=bool(message.error))
