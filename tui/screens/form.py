"""A generic record form: labelled fields, errors at the field, ctrl+s to save.

Used for client details, the support network, professionals and the service plan. The save
itself runs in a thread; the store's InvalidInput messages are shown next to their fields.

A form given a ``draft_key`` keeps what is typed as a draft (two seconds after the last change,
and when the app quits or the terminal goes away), offers it again the next time the same form
is opened, and forgets it once the form is saved or its changes discarded.

A form editing a record two people may change is given the ``version`` it was filled from;
``save`` (and ``remove``) are then called with the values and that version. If someone else
saved first, the form stays open with what was typed, their version is shown beneath it, and
the form's version becomes theirs: ctrl+s again saves over it, deliberately.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from store.common import dates
from store.common.errors import Conflict, InvalidInput, StoreError
from tui.screens.base import CaselineScreen
from tui.text import assemble, choices, show_error
from tui.widgets.conflict import ConflictNotice
from tui.widgets.date_field import DateField, DateReading
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.safe import SafeInput
from tui.widgets.safe_text_area import SafeTextArea
from tui.widgets.scroll import FieldsScroll
from tui.widgets.select import InOrderSelect
from tui.workers import report, run_store


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
    # A date: the field says how it reads what is typed, as the store will read it.
    date: DateReading | None = None


DRAFT_AFTER_SECONDS = 2.0  # a pause in typing this long keeps a draft
# Kept with a draft: the version of the record the form was typed on. A draft restored after a
# colleague saved the record is sent with it, so it is refused and theirs shown, never
# silently put back over their change.
DRAFT_VERSION = "_version"


class FormScreen(HoldsInput, CaselineScreen[Any]):
    """Edit a record; dismisses with what ``save`` returned, or None if abandoned."""

    # A form of its own (closing a case) adds its stylesheet to this one.
    CSS_PATH: ClassVar[str | list[str | PurePath]] = "form.tcss"
    # What escape does to a draft restored, as said when it is.
    LEAVING_A_DRAFT: ClassVar[str] = "Escape discards it."

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
        save: Callable[..., Any],
        *,
        remove: Callable[..., Any] | None = None,
        subtitle: str = "",
        draft_key: str | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__()
        self.version = version
        self.draft_key = draft_key
        self._draft_timer: Any = None
        self._has_draft = False
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
        with FieldsScroll(id="form"):
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
                        yield InOrderSelect(
                            choices(names),
                            value=current if current else Select.NULL,
                            allow_blank=not current,
                            prompt=field.placeholder or "Choose…",
                            id=field.name,
                            compact=True,
                        )
                    elif field.date is not None:
                        yield DateField(
                            self.initial[field.name],
                            reading=field.date,
                            placeholder=field.placeholder,
                            id=field.name,
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
        yield ConflictNotice()
        yield CaselineFooter()

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        # Now, not later as focus() does: keys typed with the key that opened the form are
        # handed to it as soon as it is mounted, and go to this field.
        self.set_focus(self.query_one(f"#{self.fields[0].name}"))
        if self.draft_key:
            self.hold_input()  # what is typed before the draft is looked up goes on top of it
            self._load_draft(self.draft_key)

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
        if self.draft_key:
            if self._draft_timer is not None:
                self._draft_timer.stop()
            self._draft_timer = self.set_timer(DRAFT_AFTER_SECONDS, self._keep_draft)

    # -- drafts ----------------------------------------------------------------------------

    def _load_draft(self, key: str) -> None:
        app = self.caseline
        run_store(
            self,
            lambda: app.store.forms.draft(app.me, key),
            done=self._restore,
            failed=self._not_restored,
            name="form-draft",
            exclusive=False,
        )

    def _not_restored(self, error: StoreError) -> None:
        self.let_input_through()
        report(self.app, error)

    def _restore(self, found: tuple[dict[str, str], datetime] | None) -> None:
        try:
            self._restore_fields(found)
        finally:
            self.let_input_through()

    def _restore_fields(self, found: tuple[dict[str, str], datetime] | None) -> None:
        """Put back what the draft ``found`` holds, in the fields still as the form opened
        them (one typed in already, if the draft took long to come, keeps what was typed)."""
        if found is None:
            return
        values, saved_at = found
        typed_on = values.get(DRAFT_VERSION, "")
        if self.version is not None and typed_on.isdigit():
            self.version = int(typed_on)
        restored = False
        shown = self.values()
        for field in self.fields:
            value = values.get(field.name)
            if value is None or value == self.initial[field.name]:
                continue
            if shown[field.name] != self.initial[field.name]:
                continue  # typed in since the form opened: what was typed stays
            widget = self.query_one(f"#{field.name}")
            if isinstance(widget, TextArea):
                widget.text = value
            elif isinstance(widget, Select):
                try:
                    widget.value = value
                except InvalidSelectValueError:
                    continue  # no longer offered: the form's own value stays
            else:
                widget.value = value  # type: ignore[attr-defined]
            restored = True
        self._has_draft = True
        if restored:
            when = dates.format_datetime(dates.to_local(saved_at))
            self.notify(
                f"Restored what you were typing ({when}). {self.LEAVING_A_DRAFT}",
                title="Draft",
                markup=False,
                timeout=8,
            )

    def _keep_draft(self) -> None:
        values = self.values()
        if values == self.initial and not self._has_draft:
            return
        self._write_draft(values)

    def _write_draft(self, values: dict[str, str]) -> None:
        run_store(
            self, self._draft_writer(values), done=self._draft_written, name="form-draft-save"
        )

    def _draft_written(self, has_draft: bool) -> None:
        self._has_draft = has_draft

    def _draft_writer(self, values: dict[str, str]) -> Callable[[], bool]:
        """The store call keeping ``values`` as the draft (or forgetting it, when they are the
        form's own); it returns whether a draft is kept."""
        assert self.draft_key is not None
        store, me, key = self.caseline.store, self.caseline.me, self.draft_key
        if values == self.initial:

            def discard() -> bool:
                store.forms.discard_draft(me, key)
                return False

            return discard
        title = f"{self.form_title} · {self.subtitle}" if self.subtitle else self.form_title
        if self.version is not None:
            values = {**values, DRAFT_VERSION: str(self.version)}

        def save() -> bool:
            store.forms.save_draft(me, key, values, title=title[:120])
            return True

        return save

    def save_draft_now(self) -> bool:
        """Keep what is typed, at once (the terminal went away); True if there was anything."""
        saver = self.draft_saver()
        if saver is None:
            return False
        saver()
        return True

    def draft_saver(self) -> Callable[[], None] | None:
        """What keeps what is typed now as the draft, to run in any thread (the app is
        quitting); None when there is nothing to keep."""
        if not self.draft_key:
            return None
        values = self.values()
        if values == self.initial:
            return None
        write = self._draft_writer(values)

        def save() -> None:
            self._has_draft = write()

        return save

    def _draft_forgetter(self) -> Callable[[], None]:
        """The store call forgetting this form's draft, if it may have one."""
        key = self.draft_key
        if not key or not (self._has_draft or self._draft_timer is not None):
            return lambda: None
        store, me = self.caseline.store, self.caseline.me
        return lambda: store.forms.discard_draft(me, key)

    def _set_error(self, name: str, message: str) -> None:
        found = self.query(f"#error-{name}")
        if found:
            show_error(found.first(Static), message)

    def action_save(self) -> None:
        if not self._busy:
            self._busy = True
            self._save(self.values())

    def _versioned(self, fn: Callable[..., Any], *args: Any) -> Any:
        return fn(*args) if self.version is None else fn(*args, self.version)

    def _save(self, values: dict[str, str]) -> None:
        def save() -> Any:
            result = self._versioned(self.save_fn, values)
            forget()
            return result

        forget = self._draft_forgetter()
        # What is typed while it saves waits: for the screen beneath once saved (not typed
        # into a form about to close), for the form if it stays (a field to put right).
        self.hold_input()
        run_store(
            self,
            save,
            done=self._saved,
            failed=self._save_failed,
            settled=self._not_busy,
            name="form",
        )

    def _saved(self, result: Any) -> None:
        self._stop_draft_timer()
        self.close_then_let_through(result)

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()

    def _not_busy(self) -> None:
        self._busy = False

    def _save_failed(self, error: StoreError) -> None:
        if isinstance(error, InvalidInput):
            self._failed(error.errors)
        elif isinstance(error, Conflict):
            self._conflicted(error)
        else:
            report(self.app, error)
        self.let_input_through()

    def _failed(self, errors: dict[str, str]) -> None:
        for field in self.fields:
            self._set_error(field.name, errors.get(field.name, ""))
        unplaced = [m for k, m in errors.items() if k not in {f.name for f in self.fields}]
        if unplaced:
            self.notify(" ".join(unplaced), severity="error", markup=False)
        first = next((f.name for f in self.fields if f.name in errors), None)
        if first:
            self.query_one(f"#{first}").focus()

    def _conflicted(self, conflict: Conflict) -> None:
        """Someone else saved first: show theirs; the next save goes on top of it."""
        if conflict.version is not None:
            self.version = conflict.version
        self.query_one(ConflictNotice).show(conflict, {f.name: f.label for f in self.fields})

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

    def _remove(self) -> None:
        remove = self.remove_fn
        assert remove is not None
        run_store(
            self,
            lambda: self._versioned(remove),
            done=lambda _: self.dismiss(True),
            failed=self._remove_failed,
            name="form",
        )

    def _remove_failed(self, error: StoreError) -> None:
        if isinstance(error, Conflict):
            self._conflicted(error)
        else:
            report(self.app, error)

    def action_cancel(self) -> None:
        if self.values() == self.initial:
            self._discard_and_close()
            return
        from tui.screens.confirm import ConfirmScreen

        def answer(discard: bool | None) -> None:
            if discard:
                self._discard_and_close()

        self.app.push_screen(
            ConfirmScreen("Discard your changes?", yes="Discard", no="Keep editing"), answer
        )

    def _discard_and_close(self) -> None:
        self._stop_draft_timer()
        self.hold_input()  # what is typed after escape is for the screen beneath
        run_store(self, self._draft_forgetter(), done=self._saved_nothing, name="form")

    def _saved_nothing(self, _: object) -> None:
        self.close_then_let_through(None)
