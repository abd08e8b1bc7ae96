"""An unfinished note another worker left on a case now held by the reader (after a transfer),
read as it was left; ``n`` starts the reader's own note on the case from its text.

The draft stays its author's: it is never moved, changed or deleted from here.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.common import dates
from store.notes.records import LeftDraft
from tui.screens.base import CaselineScreen
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.text import assemble, plain
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput

# What a new note takes from the draft: everything the author typed, on this case.
CARRIED = (
    "contact_at",
    "note_type",
    "present",
    "body",
    "significant",
    "chronology_title",
    "chronology_category",
    "follow_up_on",
)


class LeftDraftScreen(HoldsInput, CaselineScreen[None]):
    """Read only: who left it, when it was last saved, and what it says."""

    DEFAULT_CSS = """
    LeftDraftScreen #left-scroll { padding: 0 1; }
    LeftDraftScreen #left-meta { margin: 1 0; }
    LeftDraftScreen #left-owner { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back", id="left_draft.back"),
        Binding(
            "n",
            "new_note",
            "Note from it",
            tooltip="Start your own note on the case with this draft's text",
            id="left_draft.new_note",
        ),
    ]

    def __init__(self, draft: LeftDraft) -> None:
        super().__init__()
        self.listed = draft
        self.draft: LeftDraft | None = None

    def compose(self) -> ComposeResult:
        listed = self.listed
        with Horizontal(classes="title-bar"):
            yield Static(
                assemble(("Draft", "bold"), " · ", listed.case_ref, " · ", listed.client_name),
                classes="title",
            )
            yield Static(assemble(f"left by {listed.author_name}"), classes="who")
        with VerticalScroll(id="left-scroll"):
            yield Static("Loading…", id="left-meta")
            yield Static(id="left-body")
            yield Static(
                assemble(
                    f"This draft is {listed.author_name}'s and stays theirs. "
                    "n starts your own note on the case from its text."
                ),
                id="left-owner",
            )
        yield CaselineFooter()

    def on_mount(self) -> None:
        app, draft_id = self.caseline, self.listed.id
        self.read_then_let_through(
            lambda: app.store.notes.left_draft(app.me, draft_id),
            done=self._show,
            failed=self._gone,
            name="left-draft",
        )

    def _show(self, draft: LeftDraft) -> None:
        self.draft = draft
        state = draft.state
        saved = dates.format_datetime(dates.to_local(draft.updated_at))
        lines = [
            assemble(
                ("When      ", "dim"),
                state.get("contact_at", ""),
                "  ",
                (state.get("note_type", ""), "bold"),
            ),
            assemble(
                ("Written by", "dim"), " ", draft.author_name, ("  last saved ", "dim"), saved
            ),
        ]
        if state.get("present"):
            lines.append(assemble(("Present   ", "dim"), " ", state["present"]))
        self.query_one("#left-meta", Static).update(Content("\n").join(lines))
        self.query_one("#left-body", Static).update(plain(state.get("body", "")))

    def _gone(self, error: Exception) -> None:
        self.app.notify(str(error), markup=False, timeout=8)
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_new_note(self) -> None:
        draft = self.draft
        if draft is None:
            return
        start = {k: draft.state[k] for k in CARRIED if k in draft.state}
        label = f"{draft.case_ref} · {draft.client_name}"
        self.dismiss(None)
        self.app.push_screen(NoteFromLeftDraft(draft.case_id, label, start, draft.author_name))


class NoteFromLeftDraft(NoteEditorScreen):
    """A new note of the reader's own, begun with what another worker's draft holds (its
    title says whose); it is saved as a draft of the reader's, as any new note is."""

    def __init__(self, case_id: int, case_label: str, start: dict[str, str], author: str) -> None:
        super().__init__(case_id, f"{case_label} · from {author}'s draft")
        self._initial = dict(start)  # filled in as a draft of one's own is
