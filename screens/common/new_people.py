"""Add a person from where you are (issue 15): a name nobody has yet is offered as a new person.

The note form, the inbound form and the event form's "People to meet" all ask the same question and
create the people in the same write as the record that names them. `NameInput` completes a name with
tab (the README's promise): tab takes the suggestion shown in grey, else moves on as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen

from netplan.core.text import safe_text
from netplan.store.store import Store
from netplan.targets.model import Person
from screens.common.confirm import ConfirmScreen
from screens.common.safe_input import SafeInput, SafeSuggestions


class NameInput(SafeInput):
    """A name field suggesting the stored names; tab accepts the suggestion."""

    BINDINGS = [Binding("tab", "complete", "Complete the name", show=False)]

    def __init__(self, names: Sequence[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.suggester = SafeSuggestions(list(names))

    def action_complete(self) -> None:
        suggestion = self._suggestion
        if suggestion and suggestion != self.value and self.cursor_at_end:
            self.value = suggestion
            self.cursor_position = len(suggestion)
        else:
            self.screen.focus_next()


def person_names(store: Store) -> list[str]:
    """The named people (not types), for completion, A to Z."""
    return sorted({p.name for p in store.all(Person) if not p.is_type}, key=str.casefold)


def offer_new_people(
    screen: Screen[object],
    names: Sequence[str],
    saving: str,
    save: Callable[[], None],
    back: Callable[[], object],
) -> None:
    """Ask once whether ``names`` (nobody has them yet) are new people to add while ``saving``;
    yes runs ``save`` (which inserts them in its write), no runs ``back`` (the field keeps the text)."""
    question = Text("Nobody called ")
    for index, name in enumerate(names):
        if index:
            question.append(" or " if index == len(names) - 1 else ", ")
        question.append(safe_text(name), style="bold")
    people = "a new person" if len(names) == 1 else "new people"
    question.append(f" yet. Add them as {people} and save {saving}?")

    def answered(yes: bool | None) -> None:
        (save if yes else back)()

    screen.app.push_screen(ConfirmScreen(question), answered)
