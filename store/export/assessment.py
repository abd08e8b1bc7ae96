"""A case's assessments exported: the current assessment with its domains, the ratings over
time and the list of versions (``store.assessments.render``), under the header block every
export has, as Markdown or as a printable HTML page rendered by the exports' one parser."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from store.assessments.records import AssessmentHistory
from store.assessments.render import history_markdown
from store.cases.records import CaseDetail
from store.common import dates
from store.common.markdown import md_escape, one_line
from store.common.words import plural
from store.export.files import format_for, write_atomically
from store.export.html import _CSS, _PLAN_CSS, _html_page, _html_parser, _render
from store.export.markdown import Facts, case_facts, exported_facts, md_facts

# The ratings table's cells are centred; its symbols want a font that has them.
_ASSESSMENT_CSS = """
td:not(:first-child), th:not(:first-child) { text-align: center; white-space: nowrap; }
"""


def assessment_title(detail: CaseDetail) -> str:
    """ "Assessment: CL-2026-0042, Ada Byron", as plain text."""
    return f"Assessment: {one_line(detail.ref)}, {one_line(detail.client_name)}"


def assessment_facts(
    detail: CaseDetail, history: AssessmentHistory, exported_by: str, exported_at: datetime
) -> Facts:
    overview = history.overview
    current = overview.current
    finals = len(overview.finals)
    drafts = len(overview.versions) - finals
    versions = plural(finals, "finalised version")
    if drafts:
        versions += " and a draft (not exported)"
    return [
        *case_facts(detail),
        (
            "Current assessment",
            f"as at {dates.format_date(current.as_at)}, by {one_line(current.author_name)}"
            if current
            else "none finalised yet",
        ),
        ("Versions", versions),
        *exported_facts(exported_by, exported_at),
    ]


def _document(detail: CaseDetail, history: AssessmentHistory, scale: Sequence[str]) -> str:
    if history.overview.case_id != detail.id:
        raise ValueError(f"these assessments are not of case {detail.ref}")
    return history_markdown(history, scale, level=2)


def assessment_export_markdown(
    detail: CaseDetail,
    history: AssessmentHistory,
    scale: Sequence[str],
    *,
    exported_by: str,
    exported_at: datetime,
) -> str:
    """The case's assessments as a Markdown document."""
    out = [
        f"# {md_escape(assessment_title(detail))}",
        "",
        *md_facts(assessment_facts(detail, history, exported_by, exported_at)),
        "",
        _document(detail, history, scale),
    ]
    return "\n".join(out).rstrip() + "\n"


def assessment_export_html(
    detail: CaseDetail,
    history: AssessmentHistory,
    scale: Sequence[str],
    *,
    exported_by: str,
    exported_at: datetime,
) -> str:
    """The case's assessments as a standalone HTML page (no scripts, nothing to fetch)."""
    md = _html_parser()
    md.options["breaks"] = True  # the client's words keep their lines, as typed
    document = _render(md, _document(detail, history, scale))
    return _html_page(
        assessment_title(detail),
        assessment_facts(detail, history, exported_by, exported_at),
        ['<main class="assessment">', document.rstrip("\n"), "</main>"],
        exported_by=exported_by,
        exported_at=exported_at,
        css=_CSS + _PLAN_CSS + _ASSESSMENT_CSS,
    )


def export_assessment(
    path: Path,
    detail: CaseDetail,
    history: AssessmentHistory,
    scale: Sequence[str],
    *,
    exported_by: str,
    fmt: str | None = None,
    exported_at: datetime | None = None,
) -> Path:
    """Write the case's assessments to ``path`` (format from ``fmt`` or the file name);
    returns it. Raises ExportError with a one-line message if the file can't be written."""
    chosen = format_for(path, fmt)
    render = assessment_export_html if chosen == "html" else assessment_export_markdown
    text = render(
        detail,
        history,
        scale,
        exported_by=exported_by,
        exported_at=exported_at or dates.now_utc(),
    )
    write_atomically(path, text, example_name="assessment.md")
    return path
