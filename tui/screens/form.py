"""A generic record form: labelled fields, errors at the field, ctrl+s to save.

Used for client details, the support network and professionals. The save itself runs in a
thread; the store's InvalidInput messages are shown next to their fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from store.errors import InvalidInput
from tui.screens.base import CaselineScreen
from tui.text import assemble, choices
from tui.widgets.footer import CaselineFooter
from tui.widgets.safe import SafeInput, SafeTextArea


@dataclass(frozen=True)
class Field:
    """One field of a form."""

    name: str
    label: str
    placeholder: str = ""
    multiline: bool = False
    # A fixed list, shown as a drop-down: values, or (label, value) pairs.
    choices: tuple[str | tuple[str, str], ...] = ()
    # A line shown above the field, e.g. the goal a review's rating is about (plain text).
    note: str = ""


class FormScreen(CaselineScreen[Any]):
    """Edit a record; dismisses with what ``save`` returned, or None if abandoned."""

    CSS_PATH = "form.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Check and save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", tooltip="Leave without saving", id="form.cancel"),
        Binding(
            "ctrl+d",
            "remove",
            "Remove",
            tooltip="Remove this record (kept in the history)",
            id="form.remove",
            priority=True,
        ),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        values: dict[str, str],
        save: Callable[[dict[str, str]], Any],
        *,
        remove: Callable[[], Any] | None = None,
        subtitle: str = "",
    ) -> None:
        super().__init__()
        self.form_title = title
        self.subtitle = subtitle
        self.fields = fields
        self.initial = {f.name: values.get(f.name, "") for f in fields}
        self.save_fn = save
        self.remove_fn = remove
        self._busy = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return self.remove_fn is not None
        return True

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(assemble((self.form_title, "bold")), classes="title")
            yield Static(assemble(self.subtitle), classes="who")
        with VerticalScroll(id="form"):
            for field in self.fields:
                if field.note:
                    yield Static(assemble(field.note), classes="field-note")
                with Horizontal(classes="field multiline" if field.multiline else "field"):
                    yield Label(field.label, classes="label")
                    if field.choices:
                        current = self.initial[field.name]
                        # A value no longer offered (an old category) stays selectable.
                        names = field.choices
                        offered = {n[1] if isinstance(n, tuple) else n for n in names}
                        if current and current not in offered:
                            names = (current, *names)
                        yield Select(
                            choices(names),
                            value=current if current else Select.NULL,
                            allow_blank=not current,
                            prompt=field.placeholder or "Choose…",
                            id=field.name,
                            compact=True,
                        )
                    elif field.multiline:
                        area = SafeTextArea(
                            self.initial[field.name],
                            id=field.name,
                            soft_wrap=True,
                            tab_behavior="focus",
                        )
                        yield area
                    else:
                        yield SafeInput(
                            self.initial[field.name],
                            placeholder=field.placeholder,
                            id=field.name,
                            compact=True,
                        )
                yield Static("", id=f"error-{field.name}", classes="error-text field-error")
        yield CaselineFooter()

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        self.query_one(f"#{self.fields[0].name}").focus()

    def values(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for field in self.fields:
            widget = self.query_one(f"#{field.name}")
            if isinstance(widget, TextArea):
                result[field.name] = widget.text
            elif isinstance(widget, Select):
                result[field.name] = "" if widget.is_blank() else str(widget.value)
            else:
                result[field.name] = widget.value  # type: ignore[attr-defined]
        return result

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _clear_error(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        if isinstance(event, Input.Changed):
            widget: Widget = event.input
        elif isinstance(event, TextArea.Changed):
            widget = event.text_area
        else:
            widget = event.select
        self._set_error(widget.id or "", "")

    def _set_error(self, name: str, message: str) -> None:
        found = self.query(f"#error-{name}")
        if found:
            error = found.first(Static)
            error.update(assemble(message))
            error.display = bool(message)

    def action_save(self) -> None:
        if not self._busy:
            self._busy = True
            self._save(self.values())

    @work(thread=True, exclusive=True, group="form", exit_on_error=False)
    def _save(self, values: dict[str, str]) -> None:
        try:
            result = self.save_fn(values)
        except InvalidInput as exc:
            self.app.call_from_thread(self._failed, exc.errors)
            return
        finally:
            self._busy = False
        self.app.call_from_thread(self.dismiss, result)

    def _failed(self, errors: dict[str, str]) -> None:
        for field in self.fields:
            self._set_error(field.name, errors.get(field.name, ""))
        unplaced = [m for k, m in errors.items() if k not in {f.name for f in self.fields}]
        if unplaced:
            self.notify(" ".join(unplaced), severity="error", markup=False)
        first = next((f.name for f in self.fields if f.name in errors), None)
        if first:
            self.query_one(f"#{first}").focus()

    def action_remove(self) -> None:
        if self.remove_fn is None:
            return
        from tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._remove()

        self.app.push_screen(
            ConfirmScreen(
                f"Remove this from {self.form_title.lower()}?",
                "It stays in the record's history.",
                yes="Remove",
                no="Keep",
            ),
            answer,
        )

    @work(thread=True, exclusive=True, group="form", exit_on_error=False)
    def _remove(self) -> None:
        assert self.remove_fn is not None
        self.remove_fn()
        self.app.call_from_thread(self.dismiss, True)

    def action_cancel(self) -> None:
        if self.values() == self.initial:
            self.dismiss(None)
            return
        from tui.screens.confirm import ConfirmScreen

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard your changes?", yes="Discard", no="Keep editing"), answer
        )
