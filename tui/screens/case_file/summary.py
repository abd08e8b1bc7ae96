"""The case file's summary tab: the case summary rendered, how old it is, and editing it (the
editor and the earlier versions are in ``summary_editor`` and ``summary_versions``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from store.common import dates
from store.common.words import plural
from tui.text import assemble
from tui.widgets.markdown import SafeMarkdown
from tui.widgets.textual_fixes import InOrderKeys

if TYPE_CHECKING:
    from textual.screen import Screen

    from store.case_file.records import CaseFile
    from store.cases.records import CaseDetail


class InOrderScroll(InOrderKeys, VerticalScroll):
    """A scrolling pane that takes keys in the order they were typed (only for a pane with
    nothing focusable inside: a key bubbling up from a focused child would come back to it)."""


def summary_content() -> list[Widget]:
    """The summary tab's widgets, unmounted."""
    return [
        InOrderScroll(
            Static(id="summary-age", classes="block"),
            SafeMarkdown(id="summary-body"),
            id="summary-scroll",
        )
    ]


def summary_age(loaded: CaseFile, max_age_months: int) -> str:
    """How old the summary is and who wrote it, flagged if older than the configured age."""
    summary = loaded.summary
    if summary is None:
        return "none yet: press 2, then e to write one"
    updated = dates.to_local(summary.created_at)
    age = dates.relative_age(updated)
    stale = dates.add_interval(updated.date(), months=max_age_months) < dates.today()
    flag = f" — older than {plural(max_age_months, 'month')}: please update" if stale else ""
    return f"updated {age} by {summary.author_name}{flag}"


def show_summary(screen: Screen[Any], loaded: CaseFile, max_age_months: int) -> None:
    age = screen.query_one("#summary-age", Static)
    summary = loaded.summary
    body = screen.query_one("#summary-body", SafeMarkdown)
    if summary is None:
        age.update("No summary yet. Press e to write one.")
        body.show("")
        return
    stamp = dates.format_datetime(dates.to_local(summary.created_at))
    versions = loaded.summary_versions
    count = f"{plural(versions, 'version')}, v to see them"
    text = f"{summary_age(loaded, max_age_months)} ({stamp}; {count})"
    age.update(assemble(text))
    age.set_class("older than" in text, "stale")
    body.show(summary.body)


def select_summary(screen: Screen[Any], loaded: CaseFile, version_id: int) -> None:
    """The summary found by a search is the one shown, unless it was replaced since."""
    if loaded.summary is not None and loaded.summary.id != version_id:
        screen.notify(
            "The summary found has been replaced since: this is the current one "
            "(v lists the earlier versions).",
            markup=False,
        )


def edit_summary(screen: Screen[Any], detail: CaseDetail, loaded: CaseFile) -> None:
    """Open the summary editor on the current summary; say what saving did."""
    from tui.screens.case_file.summary_editor import SummaryEditorScreen

    summary = loaded.summary
    base = summary.id if summary else None

    def done(saved: object) -> None:
        if saved is None:
            return
        # The same text again is not a new version: the store hands back the current one.
        unchanged = getattr(saved, "id", None) == base
        screen.notify(
            "Nothing changed." if unchanged else "Summary saved as a new version.",
            markup=False,
        )

    screen.app.push_screen(
        SummaryEditorScreen(
            detail.id,
            f"{detail.ref} · {detail.client_name}",
            summary.body if summary else "",
            base=base,
        ),
        done,
    )
