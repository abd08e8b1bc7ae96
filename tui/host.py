"""The app as its screens see it: what a screen may ask of the running Caseline app.

Screens and commands take the app's type from here, never from ``tui.app``: the app imports
its screens, so a screen importing the app would make an import loop. ``CaselineApp`` is the
one implementation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from store.cases.records import CaseRow
    from store.common.records import WorkerInfo
    from store.common.settings import Config
    from store.notes.records import DraftInfo, LeftDraft
    from store.service import Store


class CaselineHost(App[None]):
    """The running app: its store, the signed-in worker, the settings, and the moves a screen
    can ask for (open a case, write a note, show the drafts)."""

    store: Store
    me: WorkerInfo
    config: Config
    demo: bool  # the records are made up (a demo database): said on the caseload

    def take_first_caseload(self) -> list[CaseRow] | None:
        """The caseload read while the app was starting, once; None after (or if not read)."""
        raise NotImplementedError

    def save_open_drafts(self) -> int:
        """Save every note and form being written there and then; how many were saved."""
        raise NotImplementedError

    def show_drafts(self, drafts: list[DraftInfo], left: Sequence[LeftDraft] = ()) -> None:
        """The worker's drafts, and those others left on their cases (``left``), to choose."""
        raise NotImplementedError

    def open_note_editor(self, draft: DraftInfo) -> None:
        raise NotImplementedError

    async def start_note(self, case_id: int, case_label: str) -> None:
        raise NotImplementedError

    def open_case(self, case_id: int) -> None:
        raise NotImplementedError

    async def go_to_case(self, case_id: int) -> None:
        raise NotImplementedError

    def action_new_note(self) -> None:
        raise NotImplementedError
