"""At start, after signing in: the agenda over the caseload when something is overdue, so the
day begins with it; escape goes on to the caseload. Never over a note or form being written
(a draft offered at start is opened first): then ``g`` on the caseload shows it."""

from __future__ import annotations

from store.reminders.records import Agenda
from tui.host import CaselineHost
from tui.workers import run_store


def show_today_if_overdue(app: CaselineHost) -> None:
    store, me = app.store, app.me

    def shown(agenda: Agenda) -> None:
        if not agenda.overdue or type(app.screen).__name__ != "CaseloadScreen":
            return
        from tui.screens.today.screen import TodayScreen

        app.push_screen(TodayScreen(agenda))

    run_store(app, lambda: store.reminders.agenda(me), done=shown, name="today-at-start")
