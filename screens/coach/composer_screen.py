"""The outreach composer: one message to one person (rules PERSONAL, SPECIFIC-ASK, RECONNECT-FIRST).

There is no recipient field: the composer writes to the person it was opened for, and nobody else.
Pick a template (connection note, reconnect, informational request, introduction request with a
forwardable note, thank-you with promises); the text is filled from the person's record and is
yours to edit. As you type, the character count (LinkedIn's 300 for a connection note) and the
coach's PERSONAL findings update. ctrl+s saves the draft on the person, ctrl+t copies it to the
clipboard, ctrl+o writes it to <data folder>/drafts/<name>-<id>-<template>.txt (0600); escape
closes and keeps what you typed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Select, Static, TextArea

from netplan.coach.draft import character_count, length_limit, template, template_ids, template_label
from netplan.coach.network import network
from netplan.coach.outreach import (
    compose,
    draft_for,
    export_draft,
    export_path,
    save_draft,
    suggested_template,
)
from netplan.coach.personal import personal_words
from netplan.coach.rules import draft_findings, right_sized_template
from netplan.core.errors import ExportRefused, ExportTargetExists, ExportUnwritable
from netplan.core.text import safe_text
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.confirm import ConfirmScreen
from screens.common.findings_view import FindingsView
from screens.common.help_key import HELP_BINDING
from screens.common.safe_input import SafeTextArea

# The footer lists the ctrl keys (the screen under the composer had its own keys showing there);
# this says what the footer does not.
KEYS_HINT = "tab: the template · escape closes and keeps the draft"


def count_text(text: str, limit: int | None) -> Text:
    """ "218 / 300 characters", red once over the limit; just the count when there is none."""
    count = character_count(text)
    if limit is None:
        return Text(f"{count} characters", style="dim")
    over = count > limit
    line = Text(f"{count} / {limit} characters", style="bold red" if over else "green")
    if over:
        line.append(f"  {count - limit} over LinkedIn's limit", style="red")
    return line


class ComposerScreen(ModalScreen[None]):
    # Textual's "tall" border draws each row's left edge as a reversed three-quarter block: down the
    # text area's left side that showed as a column of odd marks (and, in a terminal that draws
    # block glyphs its own way, as stray bars) at every size. A rounded frame is drawn with line
    # characters on both sides; the template picker is one flat line, as in the forms.
    DEFAULT_CSS = """
    ComposerScreen #composer-text {
        border: round $border-blurred;
        padding: 0 1;
    }
    ComposerScreen #composer-text:focus {
        border: round $border;
    }
    ComposerScreen #composer-template > SelectCurrent {
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    ComposerScreen #composer-template:focus > SelectCurrent {
        background: $accent 25%;
    }
    ComposerScreen #composer-template {
        margin-bottom: 1;
    }
    """

    BINDINGS = [
        HELP_BINDING,
        Binding("ctrl+s", "save", "Save draft", id="composer-save", tooltip="Save the draft on the person"),
        Binding("ctrl+t", "copy", "Copy", id="composer-copy", tooltip="Copy the draft to the clipboard"),
        Binding(
            "ctrl+o",
            "export",
            "Write file",
            id="composer-export",
            tooltip="Write the draft to a text file (0600)",
        ),
        Binding(
            "ctrl+r",
            "right_sized",
            "Right-sized",
            id="composer-right-sized",
            tooltip="Switch to the template that fits how you stand with them (the coach's proposal)",
        ),
        Binding("escape", "close", "Close", id="composer-close", tooltip="Close; the draft is kept"),
    ]

    def __init__(self, store: Store, person: Person, template_id: str | None = None) -> None:
        super().__init__(classes="composer-screen")
        self.store = store
        self.person = person
        self.template_id = template_id or suggested_template(store, person)
        self.words = personal_words(store, person)  # the person's words, read once (rule PERSONAL)
        self.loaded = ""  # the text as loaded or last saved: anything else is unsaved

    def compose(self) -> ComposeResult:
        heading = Text("Outreach to ", style="bold")
        heading.append(safe_text(self.person.name), style="bold reverse")
        heading.append("  one person, one message", style="dim")
        options = [(template_label(template_id), template_id) for template_id in template_ids()]
        with Vertical(id="composer"):
            yield Label(heading, id="composer-heading")
            yield Select(options, value=self.template_id, allow_blank=False, id="composer-template")
            yield SafeTextArea("", id="composer-text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="composer-count")
            yield FindingsView("Personal and specific: good to send.", id="composer-findings")
            yield Static("", id="composer-status")
            yield Static(Text(KEYS_HINT, style="dim"), id="composer-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.load(self.template_id)
        self.query_one("#composer-text", TextArea).focus()

    # the text ---------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.query_one("#composer-text", TextArea).text

    def load(self, template_id: str) -> None:
        """The saved draft for the template, else the template written for this person."""
        self.template_id = template_id
        saved = draft_for(self.store, self.person.id, template_id)
        self.loaded = saved.text if saved is not None else compose(self.store, self.person, template_id)
        text_area = self.query_one("#composer-text", TextArea)
        text_area.load_text(self.loaded)
        self.refresh_checks()
        text_area.call_after_refresh(text_area.refresh)

    def refresh_checks(self) -> None:
        text = self.text
        self.query_one("#composer-count", Static).update(count_text(text, length_limit(self.template_id)))
        findings = draft_findings(self.store, self.person, self.template_id, text, words=self.words)
        self.query_one("#composer-findings", FindingsView).show(findings)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.refresh_checks()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value == self.template_id or not isinstance(event.value, str):
            return
        self.keep()
        self.load(event.value)

    def status(self, message: str) -> None:
        self.query_one("#composer-status", Static).update(Text(message, style="italic"))

    # actions ----------------------------------------------------------------------------------

    def keep(self) -> bool:
        """Save the draft if it changed since it was loaded; True if something was saved."""
        text = self.text
        if text == self.loaded or not text.strip():
            return False
        save_draft(self.store, self.person.id, self.template_id, text)
        self.loaded = text
        return True

    def action_save(self) -> None:
        save_draft(self.store, self.person.id, self.template_id, self.text)
        self.loaded = self.text
        self.status(f"Draft saved on {safe_text(self.person.name)}")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text.strip())
        self.status("Copied to the clipboard (your terminal must allow it)")

    def action_export(self, replace: bool = False) -> None:
        try:
            path = export_draft(self.store, self.person, self.template_id, self.text, force=replace)
        except ExportTargetExists:  # written before: replaced only on a yes (issue 14, item 3)
            path = export_path(self.store, self.person, self.template_id)
            question = Text(safe_text(str(path)), style="bold")
            question.append(" exists. Replace it with this draft?")

            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_export(replace=True)

            self.app.push_screen(ConfirmScreen(question), answered)
            return
        except (ExportRefused, ExportUnwritable) as error:
            self.status(f"Not written: {safe_text(str(error))}")
            return
        self.status(f"Written to {safe_text(str(path))}")

    def action_right_sized(self) -> None:
        """The template the coach proposes (rules ASK-LADDER, NO-COLD-ASKS, RECONNECT-FIRST; issue 15)."""
        asking = bool(template(self.template_id).get("ask"))
        better = right_sized_template(network(self.store), self.person, asking=asking)
        if better == self.template_id:
            self.status("This template already fits how you stand with them")
            return
        self.query_one("#composer-template", Select).value = better  # loads it (on_select_changed)
        self.status(f"Switched to the right-sized template: {template_label(better)}")

    def action_close(self) -> None:
        self.keep()
        self.dismiss(None)
