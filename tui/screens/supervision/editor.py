"""Writing up a supervision session: the day it was held, what was discussed (Markdown) and the
actions agreed. Like the note editor, what is typed is kept as a draft by a thread of its own
a second after a change and whenever focus moves, and when the screen locks or the app ends;
escape asks whether to keep it as a draft or discard it; ctrl+s finalises it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static, TextArea

from store.common import dates
from store.common.errors import Conflict, InvalidInput, StoreError
from store.supervision.records import SupervisionDetail, SupervisionDraft
from tui.autosave import DraftFailed, DraftSaved, DraftSaver
from tui.screens.base import CaselineScreen
from tui.text import assemble, show_error
from tui.widgets.date_field import TODAY_IF_BLANK, DateField
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.safe_text_area import SafeTextArea
from tui.workers import report, run_store

AUTOSAVE_SECONDS = 1.0  # as the note editor: on disk within two seconds of a change
FIELD_IDS = ("held_on", "body", "agreed_actions")


class SupervisionEditorScreen(HoldsInput, CaselineScreen[int | None]):
    """The supervision editor; dismisses with the finalised note's id, or None."""

    CSS_PATH = "editor.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "finalise",
            "Finalise",
            tooltip="Finalise the note: from then on it can only be amended",
            id="supervision_editor.finalise",
            priority=True,
        ),
        Binding(
            "escape",
            "close",
            "Close",
            tooltip="Close: discard, or keep as a draft",
            id="supervision_editor.close",
        ),
    ]

    def __init__(
        self, worker_id: int, worker_name: str, draft: SupervisionDraft | None = None
    ) -> None:
        super().__init__()
        self.worker_id = worker_id
        self.worker_name = worker_name
        self.draft_id: int | None = draft.id if draft else None
        self._initial: dict[str, str] = dict(draft.state) if draft else {}
        self._lock = threading.Lock()
        self._dirty = False
        self._finished = False
        self._saving = False
        self._widgets: dict[str, Any] = {}
        self._saver = DraftSaver(
            self._save_in_background,
            delay=AUTOSAVE_SECONDS,
            failed=lambda exc: self.post_message(DraftFailed(exc)),
            name="caseline-supervision-saver",
        )

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(
                assemble(("Supervision", "bold"), " · ", self.worker_name), classes="title"
            )
            yield Static("", id="draft-status", classes="who")
        with Horizontal(classes="row"):
            yield Label("Held on", classes="label")
            yield DateField(placeholder="today", id="held_on", reading=TODAY_IF_BLANK)
        yield Static("", id="error-held_on", classes="field-error")
        yield Static("Discussed (caseload, wellbeing, decisions, training)", classes="heading")
        yield SafeTextArea(id="body", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        yield Static("", id="error-body", classes="field-error")
        yield Static("Actions agreed", classes="heading")
        yield SafeTextArea(
            id="agreed_actions", soft_wrap=True, tab_behavior="focus", show_line_numbers=False
        )
        yield Static("", id="error-agreed_actions", classes="field-error")
        yield CaselineFooter()

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        held = self.query_one("#held_on", Input)
        body = self.query_one("#body", TextArea)
        if self._initial:
            held.value = self._initial.get("held_on", "")
            body.load_text(self._initial.get("body", ""))
            self.query_one("#agreed_actions", TextArea).load_text(
                self._initial.get("agreed_actions", "")
            )
            self.query_one("#draft-status", Static).update("draft restored")
        else:
            # Written out, so a draft reopened tomorrow keeps the day it was begun.
            held.value = dates.format_date(dates.today())
        body.focus()
        body.move_cursor(body.document.end)
        self.state()  # finds the fields here, so the saver's thread never queries the DOM
        self._saver.start()

    def on_unmount(self) -> None:
        self._saver.stop()

    # -- state and autosave --------------------------------------------------------------

    def state(self) -> dict[str, str]:
        """Every field as typed; also read by the saver's thread (values only)."""
        if not self._widgets:
            self._widgets = {name: self.query_one(f"#{name}") for name in FIELD_IDS}
        w = self._widgets
        return {
            "held_on": w["held_on"].value,
            "body": w["body"].text,
            "agreed_actions": w["agreed_actions"].text,
        }

    def note_is_empty(self) -> bool:
        state = self.state()
        return not (state["body"].strip() or state["agreed_actions"].strip())

    def _save_draft(self, state: dict[str, str]) -> None:
        """Write ``state`` as this screen's draft (a new one if it went elsewhere); under the
        lock, in a thread."""
        app = self.caseline
        supervision, me, dayfirst = app.store.supervision, app.me, app.config.dayfirst
        try:
            self.draft_id = supervision.save_draft(
                me, self.worker_id, state, self.draft_id, dayfirst=dayfirst
            )
        except Conflict:
            # Finalised or discarded in another session: keep this text as a draft of its own.
            self.draft_id = supervision.save_draft(me, self.worker_id, state, dayfirst=dayfirst)

    def _save_in_background(self) -> None:
        if not self._dirty or self._finished:
            return
        self._dirty = False  # first: a change while this runs arms the next save
        state = self.state()
        if self.draft_id is None and not (state["body"].strip() or state["agreed_actions"].strip()):
            return
        with self._lock:
            if self._finished:
                return
            self._save_draft(state)
        self.post_message(DraftSaved(dates.now_local().strftime("%H:%M:%S")))

    @on(DraftSaved)
    def _show_saved(self, event: DraftSaved) -> None:
        self.query_one("#draft-status", Static).update(f"draft saved {event.at}")

    @on(DraftFailed)
    def _save_failed(self, event: DraftFailed) -> None:
        self._dirty = True
        self.query_one("#draft-status", Static).update("draft NOT saved")
        report(self.app, event.error)

    def save_draft_now(self) -> bool:
        """Save at once, for a hang-up: no thread, no drawing. True if there was anything."""
        saver = self.draft_saver()
        if saver is None:
            return False
        saver()
        return True

    def draft_saver(self) -> Callable[[], None] | None:
        """What keeps what is typed now as a draft, to run in any thread (None: nothing)."""
        if self._finished or (self.note_is_empty() and self.draft_id is None):
            return None
        state = self.state()

        def save() -> None:
            acquired = self._lock.acquire(timeout=3)
            try:
                self._save_draft(state)
            finally:
                if acquired:
                    self._lock.release()

        return save

    def _changed(self, name: str) -> None:
        self._set_error(name, "")
        if not self._finished:
            self._dirty = True
            self._saver.changed()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input.id or "")

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        self._changed(event.text_area.id or "")

    def on_descendant_blur(self) -> None:
        self._saver.flush()

    def _set_error(self, name: str, message: str) -> None:
        found = self.query(f"#error-{name}")
        if found:
            show_error(found.first(Static), message)

    # -- finalising ----------------------------------------------------------------------

    def action_finalise(self) -> None:
        if self._saving:
            return
        self._saving = True
        # What is typed while it saves waits: for the screen beneath once saved, for the
        # note if it stays (``HoldsInput``).
        self.hold_input()
        run_store(
            self,
            partial(self._finalise, self.state()),
            done=self._finalised,
            failed=self._finalise_failed,
            name="finalise",
        )

    def _finalise(self, state: dict[str, str]) -> SupervisionDetail:
        """In a worker: the note made a record, its draft gone."""
        app = self.caseline
        with self._lock:
            try:
                note = app.store.supervision.finalise(
                    app.me,
                    self.worker_id,
                    state,
                    draft_id=self.draft_id,
                    dayfirst=app.config.dayfirst,
                )
            except Conflict:
                self.draft_id = None
                note = app.store.supervision.finalise(
                    app.me, self.worker_id, state, dayfirst=app.config.dayfirst
                )
            self._finished = True
        return note

    def _finalise_failed(self, error: StoreError) -> None:
        self._saving = False
        if isinstance(error, InvalidInput):
            for name in FIELD_IDS:
                self._set_error(name, error.errors.get(name, ""))
            first = next((n for n in FIELD_IDS if n in error.errors), None)
            if first is not None:
                self.query_one(f"#{first}").focus()
        else:
            report(self.app, error)
        self.let_input_through()

    def _finalised(self, note: SupervisionDetail) -> None:
        self.notify(
            f"Supervision note for {note.worker_name} finalised.", title="Saved", markup=False
        )
        self.close_then_let_through(note.id)

    # -- closing -------------------------------------------------------------------------

    def action_close(self) -> None:
        if self.note_is_empty():
            self._discard_and_close()
            return
        from tui.screens.choice import ChoiceScreen

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self._discard_and_close()
            elif choice == "keep":
                self._keep_as_draft()

        self.app.push_screen(
            ChoiceScreen(
                "Close this supervision note?",
                [("d", "discard", "Discard it"), ("k", "keep", "Keep it as a draft")],
                cancel="Keep writing",
            ),
            answer,
        )

    def _keep_as_draft(self) -> None:
        state = self.state()

        def keep() -> None:
            with self._lock:
                if not self._finished:
                    self._save_draft(state)
                    self._finished = True

        self.hold_input()
        run_store(self, keep, done=lambda _: self._kept(), failed=self.not_done, name="keep")

    def _kept(self) -> None:
        self.notify("Kept as a draft: it is at the top of the supervision record.", markup=False)
        self.close_then_let_through(None)

    def _discard_and_close(self) -> None:
        self._finished = True
        draft_id = self.draft_id
        if draft_id is not None:
            app = self.caseline
            store, me = app.store, app.me

            def discard() -> None:
                with self._lock:
                    store.supervision.discard_draft(me, draft_id)

            # The app's worker, not this screen's: the screen closes at once.
            run_store(self.app, discard, done=lambda _: None, name="discard", exclusive=False)
        self.dismiss(None)
