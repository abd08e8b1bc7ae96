"""Opening the record a search result is about: a note (with its amendments) or minutes in
their viewers, a chronology entry, a plan review or a referral on its own screen, and the rest
on their case file's tab with the record itself highlighted there (``select_found``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.search.records import SearchHit

if TYPE_CHECKING:
    from tui.host import CaselineHost

# The case-file tab showing each kind of record that has no screen of its own.
TAB_OF = {
    "summary": "summary",
    "plan goal": "plan",
    "plan action": "plan",
    "assessment": "assessment",
    "assessment amendment": "assessment",
    "referral in": "referrals",
}


def open_hit(app: CaselineHost, hit: SearchHit) -> None:
    """Show the record ``hit`` found, on top of the screen search was opened from."""
    label = f"{hit.case_ref} · {hit.client_name}"
    if hit.kind in ("note", "note amendment"):
        from tui.screens.notes.note_view import NoteViewScreen

        app.push_screen(NoteViewScreen(hit.record_id))
    elif hit.kind in ("minutes", "minutes amendment"):
        from tui.screens.meetings.conferences import MinutesScreen

        app.push_screen(MinutesScreen(hit.record_id, label))
    elif hit.kind == "chronology":
        from tui.screens.chronology.entry import ChronologyEntryScreen

        app.push_screen(ChronologyEntryScreen(hit.record_id, label))
    elif hit.kind == "plan review":
        from tui.screens.plan.view import PlanViewScreen

        app.push_screen(PlanViewScreen(None, label, review_id=hit.record_id))
    elif hit.kind == "referral":
        from tui.screens.referrals.view import ReferralScreen

        app.push_screen(ReferralScreen(hit.record_id, label))
    else:
        from tui.screens.case_file.screen import CaseFileScreen

        tab = TAB_OF.get(hit.kind, "overview")
        app.push_screen(CaseFileScreen(hit.case_id, tab, select=(hit.kind, hit.record_id)))
