"""The quick check of the records' seals the app runs at start (``store.integrity``): the
newest links of the chain and the triggers that keep final records as they were, off the UI
thread. If anything is wrong it says how many records and to run ``caseline verify``."""

from __future__ import annotations

from typing import Any

from textual.app import App

from store.common.words import plural
from store.integrity.records import VerifyReport
from store.service import Store
from tui.workers import run_store

WARNING_TITLE = "Records may have been altered"
WARNING_SECONDS = 60  # a warning about the records themselves: time to read and act on it


def check_seals(app: App[Any], store: Store) -> None:
    """Run the quick check in a worker; warn when it finds anything wrong."""
    run_store(
        app,
        lambda: store.integrity.verify(full=False),
        done=lambda report: _warn(app, report),
        name="integrity-check",
        exclusive=False,
    )


def _warn(app: App[Any], report: VerifyReport) -> None:
    if report.sound:
        return
    triggers = {p.table for p in report.problems if p.row_id is None}
    records = report.records_wrong() - len(triggers)
    found = []
    if records:
        found.append(f"{plural(records, 'record')} changed, removed or added outside Caseline")
    if triggers:
        found.append(f"{plural(len(triggers), 'protection')} of the records removed")
    app.notify(
        f"The check of the records at start found {' and '.join(found)}. "
        "Run caseline verify for the full check, and tell whoever looks after the records.",
        title=WARNING_TITLE,
        severity="warning",
        markup=False,
        timeout=WARNING_SECONDS,
    )
