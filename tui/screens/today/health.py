"""The case file's status and record-health lines, from the rules of what needs doing
(``store.common.reminders``): the status says where the case stands (open, restricted, a consent
expiring, referrals to escalate), the health line what the record is missing or has overdue
("summary 4 months old · review overdue 3 days · 2 drafts"), as the agenda finds it."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Static

from store.cases.records import CaseDetail
from store.common import dates
from store.common.reminders import consent_flag
from store.reminders.records import CaseHealth
from tui.host import CaselineHost
from tui.text import assemble
from tui.workers import run_store


def case_status(detail: CaseDetail, read_only: str, consent_days: int) -> str:
    status = detail.status.value
    if detail.closed_on:
        status += f" {dates.format_date(detail.closed_on)}"
    if detail.restricted:
        status += " · restricted"
    consent_due = None if detail.closed_on else detail.consent_due_on
    if flag := consent_flag(consent_due, dates.today(), consent_days):
        status += f" · {flag}"
    if detail.referrals_to_escalate and not detail.closed_on:
        status += f" · referrals to escalate: {detail.referrals_to_escalate}"
    if read_only:
        status += " · read only"
    return status


def load_health(screen: Screen[Any], case_id: int) -> None:
    """Read the case's record health in a thread and show it in ``#case-health`` (hidden
    when nothing is due)."""
    host: CaselineHost = screen.app  # type: ignore[assignment]
    store, me = host.store, host.me

    def show(health: CaseHealth) -> None:
        show_health(screen, health)

    run_store(screen, lambda: store.reminders.health(me, case_id), done=show, name="health")


def show_health(screen: Screen[Any], health: CaseHealth) -> None:
    """Show the case's record health, as read, in ``#case-health`` (hidden when nothing is
    due)."""
    line = screen.query_one("#case-health", Static)
    line.update(assemble(f"Record: {health.line}") if health.line else "")
    line.set_class(bool(health.line), "-shown")
