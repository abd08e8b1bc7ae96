"""The forms that change where a case is in its life: transfer (or allocate), close, reopen.

Each is a FormScreen whose save calls the store; the store writes the chronology entry, so the
case file only has to reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from store.cases.records import CaseDetail
from store.common.records import CaseStatus, WorkerInfo
from tui.screens.base import CaselineScreen
from tui.screens.form import Field, FormScreen
from tui.widgets.date_field import TODAY_IF_BLANK
from tui.workers import read_in_turn

if TYPE_CHECKING:
    from tui.host import CaselineHost


def _label(detail: CaseDetail) -> str:
    return f"{detail.ref} · {detail.client_name}"


def transfer_screen(app: CaselineHost, detail: CaseDetail, workers: list[WorkerInfo]) -> FormScreen:
    """Move the case to another worker; for a referral, allocate (and so open) it."""
    store, me, dayfirst = app.store, app.me, app.config.dayfirst
    referral = detail.status is CaseStatus.REFERRAL
    others = tuple((w.display_name, w.username) for w in workers if w.id != detail.worker_id)
    fields = [
        Field("worker", "To", "Choose a worker", choices=others),
        Field("on", "From", "today, or e.g. 3/4/2026, mon, -2d", date=TODAY_IF_BLANK),
        Field(
            "reason",
            "Reason",
            "optional for a first allocation" if referral else "why it is moving",
        ),
    ]
    return FormScreen(
        "Allocate case" if referral else "Transfer case",
        fields,
        {"on": "today"},
        lambda form: store.cases.transfer(
            me, detail.id, form, version=detail.version, dayfirst=dayfirst
        ),
        subtitle=_label(detail),
    )


def close_screen(app: CaselineHost, detail: CaseDetail) -> FormScreen:
    """The close form, with the case's closure checklist above it."""
    from tui.screens.case_file.closing import CloseCaseScreen

    return CloseCaseScreen(app, detail)


def reopen_screen(app: CaselineHost, detail: CaseDetail) -> FormScreen:
    store, me, dayfirst = app.store, app.me, app.config.dayfirst
    fields = [
        Field("reopened_on", "Reopened on", "today, or e.g. 3/4/2026", date=TODAY_IF_BLANK),
        Field("reason", "Reason", "why the case is reopening"),
    ]
    return FormScreen(
        "Reopen case",
        fields,
        {"reopened_on": "today"},
        lambda form: store.cases.reopen(
            me, detail.id, form, version=detail.version, dayfirst=dayfirst
        ),
        subtitle=_label(detail),
    )


def offer_transfer(
    app: CaselineHost,
    detail: CaseDetail,
    workers: list[WorkerInfo],
    done: Callable[[object], None],
) -> None:
    """The transfer form, unless the case is closed or there is no one to transfer it to."""
    if detail.status is CaseStatus.CLOSED:
        app.notify(f"Case {detail.ref} is closed; reopen it (C) first.", markup=False)
        return
    if not any(w.id != detail.worker_id for w in workers):
        app.notify("There is no other worker to transfer the case to.", markup=False)
        return
    app.push_screen(transfer_screen(app, detail, workers), done)


async def transfer(
    screen: CaselineScreen[None], detail: CaseDetail, done: Callable[[object], None]
) -> None:
    """Read who is active, then offer the transfer form: in the key's turn, so what is typed
    after `t` goes into the form, not to the case file."""
    app = screen.caseline
    active = await read_in_turn(screen.app, app.store.workers.active, name="transfer")
    if active is not None:
        offer_transfer(app, detail, active, done)


def close_or_reopen(
    screen: CaselineScreen[None],
    detail: CaseDetail,
    after_save: Callable[[str], Callable[[object], None]],
) -> None:
    """The close form for an open case, the reopen form for a closed one."""
    app = screen.caseline
    if detail.status is CaseStatus.CLOSED:
        app.push_screen(reopen_screen(app, detail), after_save("Case reopened."))
    else:
        app.push_screen(close_screen(app, detail), after_save("Case closed."))
