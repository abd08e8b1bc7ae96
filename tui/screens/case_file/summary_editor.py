"""Editing the case summary: the whole screen for the text; every saved version is kept.

The editor remembers which version it was opened on. If a colleague saves a new version
meanwhile, ctrl+s is refused: their version is shown beneath the text (which stays as typed),
and ctrl+s again saves this one on top of theirs, deliberately.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static, TextArea

from store.case_file.records import SummaryInfo
from store.common.errors import Conflict, InvalidInput, StoreError
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.conflict import ConflictNotice
from tui.widgets.footer import CaselineFooter
from tui.widgets.safe_text_area import SafeTextArea
from tui.workers import report, run_store

SUMMARY_TEMPLATE = """## Background

## Progress

## Current position

## Next steps
"""


class SummaryEditorScreen(CaselineScreen[SummaryInfo | None]):
    """Write the case summary in Markdown; ctrl+s saves a new version."""

    DEFAULT_CSS = """
    SummaryEditorScreen #summary-text { height: 1fr; margin: 0 1; }
    SummaryEditorScreen #summary-error { color: $text-error; padding: 0 1; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Save a new version of the summary",
            id="summary.save",
            priority=True,
        ),
        Binding("escape", "cancel", "Cancel", tooltip="Leave without saving", id="summary.cancel"),
    ]

    def __init__(self, case_id: int, label: str, current: str, *, base: int | None) -> None:
        super().__init__()
        self.case_id = case_id
        self.label = label
        self.current = current
        # The version the text is written on (None: the case had no summary).
        self.base = base

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("Case summary", "bold"), " · ", self.label), classes="title")
            yield Static("Markdown", classes="who")
        yield SafeTextArea(
            self.current or SUMMARY_TEMPLATE,
            id="summary-text",
            soft_wrap=True,
            tab_behavior="focus",
        )
        yield Static("", id="summary-error")
        yield ConflictNotice()
        yield CaselineFooter()

    def on_mount(self) -> None:
        area = self.query_one("#summary-text", TextArea)
        area.focus()
        # Added text goes after what is there (a new summary: under its first heading).
        area.move_cursor(area.document.end if self.current else (1, 0))

    def action_save(self) -> None:
        self._save(self.query_one("#summary-text", TextArea).text)

    def _save(self, body: str) -> None:
        store, me, case_id, base = self.caseline.store, self.caseline.me, self.case_id, self.base
        run_store(
            self,
            lambda: store.case_file.save_summary(me, case_id, body, base=base),
            done=self.dismiss,
            failed=self._save_failed,
            name="summary",
        )

    def _save_failed(self, error: StoreError) -> None:
        if isinstance(error, InvalidInput):
            self.query_one("#summary-error", Static).update(" ".join(error.errors.values()))
        elif isinstance(error, Conflict):
            self._conflicted(error)
        else:
            report(self.app, error)

    def _conflicted(self, conflict: Conflict) -> None:
        """A colleague saved a version first: show it; the next save goes on top of it."""
        self.base = conflict.version
        self.query_one(ConflictNotice).show(conflict)

    def action_cancel(self) -> None:
        text = self.query_one("#summary-text", TextArea).text
        if text in (self.current, SUMMARY_TEMPLATE):
            self.dismiss(None)
            return
        from tui.screens.confirm import ConfirmScreen

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard your changes to the summary?", yes="Discard", no="Keep editing"),
            answer,
        )
