"""A modal form for one record, built from a list of fields; errors show inline under the form.

The form keeps what the user typed when validation fails: the error names the field, the field is
marked and focused, and nothing is saved (DESIGN.md, Bad input). Enter in a text field or ctrl+s saves;
escape cancels, asking first when anything was typed (issue 15: typed work is never lost).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, SelectionList, Static
from textual.widgets._select import SelectOverlay

from netplan.core.errors import NotFoundError, ValidationError
from netplan.core.record import Record
from netplan.core.text import safe_text
from netplan.store.store import Store
from screens.common.confirm import ConfirmScreen
from screens.common.help_key import HELP_BINDING
from screens.common.new_people import NameInput
from screens.common.safe_input import SafeInput

FieldKind = Literal["text", "choice", "flag", "multi", "name"]  # name: a person's, completed by tab


@dataclass(frozen=True)
class FormField:
    """One field: ``name`` matches the model field so a ValidationError can point at it."""

    name: str
    label: str
    kind: FieldKind = "text"
    options: Sequence[tuple[str, Any]] = ()
    placeholder: str = ""


class RecordForm(ModalScreen[Any]):
    """Subclasses give the fields and turn the values into a record (``build``) and save it (``persist``).

    The form has a footer of its own: the screen under it had its keys showing below the dialog,
    keys that do nothing here (a form's letters go into its fields). On a narrow or short terminal
    (80x24, a phone's 60x30) the dialog fills what the footer leaves, as the big dialogs do.
    """

    DEFAULT_CSS = """
    RecordForm.-narrow #form, RecordForm.-short #form {
        min-height: 100%;
    }
    """

    BINDINGS = [
        HELP_BINDING,
        Binding("ctrl+s", "save", "Save", id="form-save", tooltip="Validate and save"),
        Binding("escape", "cancel", "Cancel", id="form-cancel", tooltip="Close without saving"),
    ]

    def __init__(
        self, store: Store, heading: str, fields: Sequence[FormField], initial: dict[str, Any]
    ) -> None:
        super().__init__(classes="form-screen")
        self.store = store
        self.heading = heading
        self.fields = list(fields)
        self.initial = initial
        self._opened_with: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Label(Text(self.heading, style="bold"), id="form-heading")
            for spec in self.fields:
                with Horizontal(classes="form-row"):
                    yield Label(spec.label, classes="form-label")
                    yield self._widget_for(spec)
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="form-save-button")
                yield Button("Cancel (esc)", id="form-cancel-button")
        yield Footer()

    def _widget_for(self, spec: FormField) -> Widget:
        value = self.initial.get(spec.name)
        widget_id = f"field-{spec.name}"
        if spec.kind == "choice":
            # Labels may be user text (people, venues): Text, so they never parse as markup.
            options = [(Text(safe_text(label)), key) for label, key in spec.options]
            return Select(options, value=value, allow_blank=False, id=widget_id)
        if spec.kind == "flag":
            return Checkbox(spec.placeholder or spec.label, value=bool(value), id=widget_id)
        if spec.kind == "multi":
            chosen = set(value or [])
            items = [(Text(safe_text(label)), key, key in chosen) for label, key in spec.options]
            return SelectionList[Any](*items, id=widget_id)
        text = "" if value is None else str(value)
        if spec.kind == "name":
            names = [label for label, _ in spec.options]
            return NameInput(names, value=text, placeholder=spec.placeholder, id=widget_id)
        return SafeInput(value=text, placeholder=spec.placeholder, id=widget_id)

    def on_mount(self) -> None:
        # A form closed before it was mounted (a key right behind the one that opened it, or the
        # planner quitting) is mounted without its fields: there is nothing to set up, and a query
        # for one raised NoMatches (issue 14, item 10). Textual runs on_mount for each class in the
        # MRO, so subclasses set their fields up in set_up_fields, never in an on_mount of their own.
        if not self.query(f"#field-{self.fields[0].name}"):
            return
        self.set_up_fields()
        self.focus_initial_field()
        # What the form opened with, once every field has its value: Escape asks only after a change.
        self.call_after_refresh(self._remember_opening_values)
        for select in self.query(Select):
            self.watch(select, "expanded", self._dropdown_fitter(select))

    def _dropdown_fitter(self, select: Select[Any]) -> Callable[[bool], None]:
        """Keep an open dropdown inside the dialog (issue 15: the settings' weekday list was drawn
        over the dialog's border): it scrolls within the rows left above the border instead."""

        def fit() -> None:
            overlay = select.query_one(SelectOverlay)
            room = self.query_one("#form").region.bottom - 1 - overlay.region.y  # 1: the border
            overlay.styles.max_height = max(room, 3)

        def expanded(is_open: bool) -> None:
            if is_open:
                self.call_after_refresh(fit)

        return expanded

    def _remember_opening_values(self) -> None:
        self._opened_with = self.values()

    def set_up_fields(self) -> None:
        """Finish the fields once they are mounted (suggestions, extra widgets); subclasses override."""

    def focus_initial_field(self) -> None:
        self.query_one(f"#field-{self.fields[0].name}").focus()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Input | Checkbox | Select):
                values[spec.name] = widget.value
            elif isinstance(widget, SelectionList):
                values[spec.name] = list(widget.selected)
        return values

    def build(self, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def persist(self, record: Any) -> Any:
        assert isinstance(record, Record)
        return self.store.update(record) if record.id else self.store.insert(record)

    def action_save(self) -> None:
        self.save_with()

    def save_with(self, first: Callable[[], object] | None = None) -> None:
        """Build and save; ``first`` (adding the new people the record names) joins the same write."""
        self._clear_error()
        try:
            with self.store.transaction():
                if first is not None:
                    first()
                saved = self.persist(self.build(self.values()))
        except ValidationError as error:
            self.show_error(error.field, error.message)
            return
        except NotFoundError as error:
            self.show_error("", str(error))
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        """Escape (or Cancel) closes at once when nothing was typed; typed work is never thrown away
        unasked (DESIGN.md, Bad input; issue 15): it asks first, and no (or escape) keeps the form."""
        if not self.changed():
            self.dismiss(None)
            return
        question = Text("Discard what you typed in ")
        question.append(self.heading, style="bold")
        question.append("?\nn or escape: keep editing.", style="")

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(question), answered)

    def changed(self) -> bool:
        """Whether any field differs from what the form opened with."""
        return self._opened_with is not None and self.values() != self._opened_with

    def show_error(self, field: str, message: str) -> None:
        name = field.split(".")[0]
        label = next((spec.label for spec in self.fields if spec.name == name), field)
        text = Text("⚠ ", style="bold red")
        text.append(f"{label}: " if label else "")
        text.append(safe_text(message))
        self.query_one("#form-error", Static).update(text)
        matches = self.query(f"#field-{name}")
        if matches:
            widget = matches.first()
            widget.add_class("invalid")
            widget.focus()

    def _clear_error(self) -> None:
        self.query_one("#form-error", Static).update("")
        for widget in self.query(".invalid"):
            widget.remove_class("invalid")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save-button":
            self.action_save()
        else:
            self.action_cancel()
