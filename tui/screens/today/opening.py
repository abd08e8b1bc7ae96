"""Opening what an agenda item is about: the case file on the right tab, the meetings, the
consents, or a draft note of the worker's own in the editor."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from store.notes.records import DraftInfo
from store.reminders.records import AgendaItem
from tui.host import CaselineHost
from tui.workers import run_store


def open_item(screen: Screen[Any], item: AgendaItem) -> None:
    host: CaselineHost = screen.app  # type: ignore[assignment]
    label = f"{item.case_ref} · {item.client_name}"
    if item.record_kind == "draft" and item.author_id == host.me.id:
        _open_draft(screen, host, item)
    elif item.tab == "meetings":
        from tui.screens.meetings.conferences import ConferencesScreen

        host.push_screen(ConferencesScreen(item.case_id, label))
    elif item.tab == "consent":
        from tui.screens.case_file.tabs import case_screen

        host.push_screen(case_screen("consent")(item.case_id, label))
    else:
        from tui.screens.case_file.screen import CaseFileScreen

        host.push_screen(CaseFileScreen(item.case_id, tab=item.tab))


def _open_draft(screen: Screen[Any], host: CaselineHost, item: AgendaItem) -> None:
    store, me = host.store, host.me

    def found(drafts: list[DraftInfo]) -> None:
        draft = next((d for d in drafts if d.id == item.record_id), None)
        if draft is None:  # finalised or thrown away meanwhile: the notes are the place
            from tui.screens.case_file.screen import CaseFileScreen

            host.push_screen(CaseFileScreen(item.case_id, tab="notes"))
        else:
            host.open_note_editor(draft)

    run_store(screen, lambda: store.notes.drafts(me), done=found, name="today-draft")
