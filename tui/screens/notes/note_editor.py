"""Writing a case note: opened with the cursor in the text, saved as a draft as you type.

The draft is written to the database by a thread of its own (``tui.autosave``, never on a
keystroke) a second after the first unsaved change and whenever focus moves to another field,
so a dropped SSH connection, a closed terminal or a killed process loses at most the last two
seconds of typing, even on a busy machine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from store.chronology.rules import NOTE_CATEGORY, chronology_categories
from store.common import dates
from store.common.errors import Conflict, InvalidInput, StoreError
from store.notes.input import parse_note
from store.notes.records import DraftInfo, NoteDetail
from tui.autosave import DraftFailed, DraftSaved, DraftSaver
from tui.screens.base import CaselineScreen
from tui.text import assemble, choices, show_error
from tui.widgets.date_field import FUTURE, NOW_IF_BLANK, DateField
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.safe import SafeInput
from tui.widgets.safe_text_area import SafeTextArea
from tui.widgets.select import InOrderSelect
from tui.workers import report, run_store

if TYPE_CHECKING:
    from store.common.records import WorkerInfo
    from store.service import Store

# Half the two seconds promised: the other half is for a busy machine to do the write.
AUTOSAVE_SECONDS = 1.0
FIELD_IDS = (
    "contact_at",
    "note_type",
    "present",
    "body",
    "significant",
    "chronology_title",
    "chronology_category",
    "follow_up_on",
)


class NoteEditorScreen(HoldsInput, CaselineScreen[int | None]):
    """The note editor; dismisses with the saved note's id, or None."""

    CSS_PATH = "note_editor.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Save the note (checks it first)",
            id="note.save",
            priority=True,
        ),
        Binding(
            "escape",
            "close",
            "Close",
            tooltip="Close: discard, or keep as a draft",
            id="note.close",
        ),
        Binding(
            "ctrl+t",
            "template",
            "Template",
            tooltip="Insert the template for this type",
            id="note.template",
            priority=True,
        ),
        Binding(
            "f9",
            "finalise",
            "Finalise",
            tooltip="Finalise the note now",
            id="note.finalise",
            show=False,
            priority=True,
        ),
    ]

    def __init__(self, case_id: int, case_label: str = "", draft: DraftInfo | None = None) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_label = case_label or (f"{draft.case_ref} · {draft.client_name}" if draft else "")
        self.draft_id: int | None = draft.id if draft else None
        self._initial: dict[str, str] = dict(draft.state) if draft else {}
        self._lock = threading.Lock()
        self._dirty = False
        self._finished = False
        self._saving = False
        self._last_saved = ""
        self._widgets: dict[str, Any] = {}
        self._saver = DraftSaver(
            self._save_in_background,
            delay=AUTOSAVE_SECONDS,
            failed=lambda exc: self.post_message(DraftFailed(exc)),
        )

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        types = list(self.caseline.config.note_types)
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("New note", "bold"), " · ", self.case_label), classes="title")
            yield Static("", id="draft-status", classes="who")
        with Horizontal(classes="row"):
            yield Label("When", classes="label")
            yield DateField(
                placeholder="now", id="contact_at", reading=NOW_IF_BLANK, input_classes="when"
            )
            yield Label("Type", classes="label narrow")
            yield InOrderSelect(
                choices(types),
                value=types[-1] if "case note" not in types else "case note",
                allow_blank=False,
                id="note_type",
                compact=True,
            )
        yield Static("", id="error-contact_at", classes="field-error")
        yield Static("", id="error-note_type", classes="field-error")
        with Horizontal(classes="row"):
            yield Label("Present", classes="label")
            yield SafeInput(
                placeholder="who was there (e.g. client, her mother)", id="present", compact=True
            )
        yield Static("", id="error-present", classes="field-error")
        yield SafeTextArea(id="body", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        yield Static("", id="error-body", classes="field-error")
        with Horizontal(classes="row"):
            yield Checkbox("Significant", id="significant", compact=True)
            yield SafeInput(
                placeholder="title for the chronology",
                id="chronology_title",
                compact=True,
                disabled=True,
            )
            yield InOrderSelect(
                choices(self._categories()),
                value=NOTE_CATEGORY,
                allow_blank=False,
                id="chronology_category",
                compact=True,
                disabled=True,
            )
        yield Static("", id="error-chronology_title", classes="field-error")
        yield Static("", id="error-chronology_category", classes="field-error")
        with Horizontal(classes="row tight"):
            yield Label("Follow-up", classes="label")
            yield DateField(
                placeholder="none", id="follow_up_on", reading=FUTURE, input_classes="short"
            )
        yield Static("", id="error-follow_up_on", classes="field-error")
        yield CaselineFooter()

    def on_mount(self) -> None:
        if self._initial:
            self.load_state(self._initial)
            self._last_saved = "restored"
            self.query_one("#draft-status", Static).update("draft restored")
        else:
            # "Now" is when the note was begun: written out, so a draft keeps that time.
            when = dates.format_datetime(dates.now_local())
            self.query_one("#contact_at", Input).value = when
        for error in self.query(".field-error"):
            error.display = False
        body = self.query_one("#body", TextArea)
        # Now, not later as focus() does: the keys typed while the editor opened (a note begun
        # straight after choosing its case) are passed on as soon as it is mounted.
        self.set_focus(body)
        body.move_cursor(body.document.end)
        self.state()  # finds the fields here, so the saver's thread never queries the DOM
        self._saver.start()

    def on_unmount(self) -> None:
        self._saver.stop()

    # -- state ---------------------------------------------------------------------------

    def state(self) -> dict[str, str]:
        """Every field as typed (the form, exactly, for a draft).

        Also read by the saver's thread: it only reads values, from widgets found once.
        """
        if not self._widgets:
            self._widgets = {name: self.query_one(f"#{name}") for name in FIELD_IDS}
        w = self._widgets
        select = w["note_type"]
        assert isinstance(select, Select)
        return {
            "contact_at": w["contact_at"].value,
            "note_type": str(select.value) if select.value is not Select.BLANK else "",
            "present": w["present"].value,
            "body": w["body"].text,
            "significant": "true" if w["significant"].value else "",
            "chronology_title": w["chronology_title"].value,
            "chronology_category": str(w["chronology_category"].value),
            "follow_up_on": w["follow_up_on"].value,
        }

    def load_state(self, state: dict[str, str]) -> None:
        self.query_one("#contact_at", Input).value = state.get("contact_at", "")
        note_type = state.get("note_type", "")
        select = self.query_one("#note_type", Select)
        if note_type in self.caseline.config.note_types:
            select.value = note_type
        self.query_one("#present", Input).value = state.get("present", "")
        self.query_one("#body", TextArea).load_text(state.get("body", ""))
        significant = state.get("significant", "") == "true"
        self.query_one("#significant", Checkbox).value = significant
        title = self.query_one("#chronology_title", Input)
        title.value = state.get("chronology_title", "")
        title.disabled = not significant
        category = self.query_one("#chronology_category", Select)
        if state.get("chronology_category", "") in self._categories():
            category.value = state["chronology_category"]
        category.disabled = not significant
        self.query_one("#follow_up_on", Input).value = state.get("follow_up_on", "")

    def note_is_empty(self) -> bool:
        return _is_empty(self.state())

    # -- autosave ------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._finished:
            return
        self._dirty = True
        self._saver.changed()

    def flush_draft(self) -> None:
        """Write the draft now (in the saver's thread) if anything changed since the last."""
        self._saver.flush()

    def _save_in_background(self) -> None:
        """The saver thread's work: read the fields (values only) and write them if changed."""
        if not self._dirty or self._finished:
            return
        self._dirty = False  # first: a change while this runs arms the next save
        state = self.state()
        if _is_empty(state) and self.draft_id is None:
            return
        store, me, dayfirst = self.caseline.store, self.caseline.me, self.caseline.config.dayfirst
        with self._lock:
            if self._finished:
                return
            try:
                self.draft_id = store.notes.save_draft(
                    me, self.case_id, state, self.draft_id, dayfirst=dayfirst
                )
            except Conflict:
                # The draft was saved or thrown away in another session: keep this text as a
                # draft of its own rather than lose it.
                self.draft_id = store.notes.save_draft(me, self.case_id, state, dayfirst=dayfirst)
        self.post_message(DraftSaved(dates.now_local().strftime("%H:%M:%S")))

    @on(DraftSaved)
    def _show_saved(self, event: DraftSaved) -> None:
        self._last_saved = event.at
        self.query_one("#draft-status", Static).update(f"draft saved {event.at}")

    @on(DraftFailed)
    def _save_failed(self, event: DraftFailed) -> None:
        self._dirty = True  # try again at the next change or pause
        self.query_one("#draft-status", Static).update("draft NOT saved")
        report(self.app, event.error)

    def save_draft_now(self) -> None:
        """Save synchronously, for a hang-up or termination: no thread, no drawing."""
        if (saver := self.draft_saver()) is not None:
            saver()

    def draft_saver(self) -> Callable[[], None] | None:
        """What keeps the note as typed now as a draft, to run in any thread (None: nothing)."""
        if self._finished or (self.note_is_empty() and self.draft_id is None):
            return None
        state = self.state()

        def save() -> None:
            acquired = self._lock.acquire(timeout=3)
            try:
                self.draft_id = self.caseline.store.notes.save_draft(
                    self.caseline.me,
                    self.case_id,
                    state,
                    self.draft_id,
                    dayfirst=self.caseline.config.dayfirst,
                )
            finally:
                if acquired:
                    self._lock.release()

        return save

    # -- events --------------------------------------------------------------------------

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        self._set_error(name, "")
        self._changed()

    @on(TextArea.Changed)
    def _body_changed(self) -> None:
        self._set_error("body", "")
        self._expand_abbreviation()
        self._changed()

    @on(Select.Changed)
    def _type_changed(self) -> None:
        self._changed()

    def _categories(self) -> tuple[str, ...]:
        return chronology_categories(self.caseline.config.chronology_categories)

    @on(Checkbox.Changed, "#significant")
    def _significant_changed(self, event: Checkbox.Changed) -> None:
        title = self.query_one("#chronology_title", Input)
        title.disabled = not event.value
        self.query_one("#chronology_category", Select).disabled = not event.value
        if event.value:
            title.focus()
        else:
            self._set_error("chronology_title", "")
        self._changed()

    def on_descendant_blur(self) -> None:
        # Moving to another field is a natural pause: save what there is.
        self.flush_draft()

    def _set_error(self, name: str, message: str) -> None:
        found = self.query(f"#error-{name}")
        if found:
            show_error(found.first(Static), message)

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name in FIELD_IDS:
            self._set_error(name, errors.get(name, ""))
        unplaced = [m for k, m in errors.items() if not self.query(f"#error-{k}")]
        if unplaced:
            self.notify(" ".join(unplaced), severity="error", markup=False)
        first = next((n for n in FIELD_IDS if n in errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus()

    # -- templates -----------------------------------------------------------------------

    def _templates(self) -> Any:
        from store.notes.templates import templates_from_config

        return templates_from_config(self.caseline.config.templates or None)

    def action_template(self) -> None:
        from store.notes.templates import template_for

        note_type = self.state()["note_type"]
        template = template_for(note_type, self._templates())
        if template is None:
            self.notify(f"No template for {note_type}.", markup=False)
            return
        body = self.query_one("#body", TextArea)
        body.insert(template.body)
        body.focus()

    def _set_type_for(self, template_key: str) -> None:
        """A template is for one type of note: applying it makes the note that type."""
        wanted = " ".join(template_key.split()).casefold()
        for note_type in self.caseline.config.note_types:
            if " ".join(note_type.split()).casefold() == wanted:
                self.query_one("#note_type", Select).value = note_type
                return

    def _expand_abbreviation(self) -> None:
        body = self.query_one("#body", TextArea)
        row, col = body.cursor_location
        if col < 2:
            return
        prefix = body.document.get_line(row)[:col]
        if " " in prefix[-2:] or not any(ch in prefix[-13:] for ch in ";/\\.,"):
            return  # cheap exit: abbreviations start with punctuation
        from store.notes.templates import expand_abbreviation, find_abbreviation

        templates = self._templates()
        result = expand_abbreviation(prefix, len(prefix), templates)
        if result is None:
            return
        template = find_abbreviation(prefix, len(prefix), templates)
        if template is not None:
            self._set_type_for(template.key)
        new_prefix, cursor = result
        body.replace(new_prefix, (row, 0), (row, col))
        before = new_prefix[:cursor]
        lines = before.split("\n")
        body.move_cursor(
            (row + len(lines) - 1, len(lines[-1]) if len(lines) > 1 else len(lines[0]))
        )

    # -- saving --------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.caseline.config.finalise_on_save:
            self.action_finalise()
        else:
            self._keep_as_draft("Draft saved. Finalise it from the drafts list (d) when ready.")

    def action_finalise(self) -> None:
        if self._saving:
            return
        try:
            note = parse_note(
                self.state(),
                dayfirst=self.caseline.config.dayfirst,
                note_types=self.caseline.config.note_types,
                categories=self._categories(),
            )
        except InvalidInput as exc:
            self._show_errors(exc.errors)
            return
        self._show_errors({})
        from store.notes.quality import check_note
        from store.notes.templates import prompt_labels

        issues = check_note(
            body=note.body,
            note_type=note.note_type,
            contact_at=note.contact_at,
            now=dates.now_local(),
            follow_up_on=note.follow_up_on,
            present=note.present,
            headings=prompt_labels(self._templates()),
        )
        far = (
            dates.is_far_from(note.contact_at.date(), years=1)
            and note.contact_at.date() < dates.today()
        )
        distant = note.follow_up_on is not None and dates.is_far_from(note.follow_up_on, years=1)
        if not issues and not far and not distant:
            self._finalise(self.state())
            return
        from tui.screens.notes.quality import QualityScreen

        def answer(save_anyway: bool | None) -> None:
            if save_anyway:
                self._finalise(self.state())
            else:
                self.query_one("#body", TextArea).focus()

        extra = []
        if distant and note.follow_up_on is not None:
            extra.append(
                f"The follow-up is on {dates.format_date(note.follow_up_on)}, more than a year "
                "away. Is that the date you meant?"
            )
        if far:
            extra.append(
                f"The note is dated {dates.format_datetime(note.contact_at)}, over a year "
                "ago. Is that the date of the contact?"
            )
        self.app.push_screen(QualityScreen([*extra, *(i.message for i in issues)]), answer)

    def _finalise(self, state: dict[str, str]) -> None:
        self._saving = True
        finalise = partial(self._finalise_note, state)
        # What is typed while it saves waits: for the screen beneath once the note is saved
        # (not typed into an editor about to close), for the note if it stays.
        self.hold_input()
        run_store(
            self, finalise, done=self._finalised, failed=self._finalise_failed, name="finalise"
        )

    def _finalise_note(self, state: dict[str, str]) -> NoteDetail:
        """In a worker: the note saved, its draft gone."""
        app = self.caseline
        try:
            with self._lock:
                note = app.store.notes.finalise(
                    app.me,
                    self.case_id,
                    state,
                    draft_id=self.draft_id,
                    dayfirst=app.config.dayfirst,
                    note_types=app.config.note_types,
                    categories=self._categories(),
                )
                self._finished = True
        except Conflict:
            # Someone (this worker in another session) saved or discarded the draft: save
            # this text as a new note rather than lose it.
            with self._lock:
                self.draft_id = None
                note = app.store.notes.finalise(
                    app.me,
                    self.case_id,
                    state,
                    dayfirst=app.config.dayfirst,
                    note_types=app.config.note_types,
                    categories=self._categories(),
                )
                self._finished = True
        return note

    def _finalise_failed(self, error: StoreError) -> None:
        self._saving = False
        if isinstance(error, InvalidInput):
            self._show_errors(error.errors)
        else:
            report(self.app, error)
        self.let_input_through()

    def _finalised(self, note: NoteDetail) -> None:
        self.notify(f"Note saved to {note.case_ref}.", title="Saved", markup=False)
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
                self._keep_as_draft(
                    "Kept as a draft: it reopens next time, or from the drafts list (d)."
                )

        self.app.push_screen(
            ChoiceScreen(
                "Close this note?",
                [("d", "discard", "Discard it"), ("k", "keep", "Keep it as a draft")],
                cancel="Keep writing",
            ),
            answer,
        )

    def _keep_as_draft(self, message: str) -> None:
        state = self.state()
        self.hold_input()  # for the screen beneath once closed, as while finalising
        run_store(
            self,
            lambda: self._keep(state),
            done=lambda _: self._closed_with(message),
            failed=self.not_done,
            name="keep",
        )

    def _keep(self, state: dict[str, str]) -> None:
        """In a worker: the note kept as a draft, and nothing more saved from this screen."""
        with self._lock:
            if not self._finished:
                self.draft_id = self.caseline.store.notes.save_draft(
                    self.caseline.me,
                    self.case_id,
                    state,
                    self.draft_id,
                    dayfirst=self.caseline.config.dayfirst,
                )
                self._finished = True

    def _closed_with(self, message: str) -> None:
        self.notify(message, markup=False)
        self.close_then_let_through(None)

    def _discard_and_close(self) -> None:
        self._finished = True
        draft_id = self.draft_id
        if draft_id is not None:
            # Taken now: in the worker's thread a closed screen has no app to ask (no parent,
            # and a thread no active app), and the draft stayed, to come back at next start.
            discard = partial(self._discard, self.caseline.store, self.caseline.me, draft_id)
            # The app's worker, not this screen's: the screen closes at once.
            run_store(self.app, discard, done=lambda _: None, name="discard", exclusive=False)
        self.dismiss(None)

    def _discard(self, store: Store, me: WorkerInfo, draft_id: int) -> None:
        with self._lock:
            store.notes.discard_draft(me, draft_id)


def _is_empty(state: dict[str, str]) -> bool:
    return not (
        state["body"].strip() or state["present"].strip() or state["chronology_title"].strip()
    )
