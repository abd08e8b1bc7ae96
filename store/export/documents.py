"""Exporting a case's chronology, or one of its service plans with its reviews, to Markdown and
to a standalone, printable HTML file.

What a person typed is data in both formats: every field is escaped (Markdown punctuation
backslash-escaped, HTML through ``html.escape``) so a title like ``<script>`` or ``[bold]``
comes out literally. Details and analyses are Markdown by design; in the Markdown export they
are kept as written (with raw HTML neutralised) inside a block quote, which also stops an
unclosed code fence or a heading in one entry from swallowing the rest of the document; in
the HTML export they are rendered by ``store.markdown.parser()`` (raw HTML, images and links
off, so nothing is fetched from or points elsewhere).

A service plan is the document ``store.plan_render`` makes (the one shown on screen), under
the same kind of header block; its HTML is that Markdown rendered by the same parser.

The rendering functions are pure: the same inputs give the same text. ``export_chronology``
and ``export_plan`` write a file atomically, so a failed export never leaves half a file behind.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from markdown_it import MarkdownIt

from store.cases.records import CaseDetail
from store.chronology.records import ChronologyItem
from store.core import dates
from store.core.errors import StoreError
from store.core.markdown import clean_text, md_block, md_escape, one_line, parser

if TYPE_CHECKING:
    from store.conferences.records import ConferenceInfo
    from store.plans.records import PlanInfo

__all__ = [
    "ExportError",
    "chronology_html",
    "chronology_markdown",
    "export_chronology",
    "export_plan",
    "format_for",
    "minutes_export_html",
    "minutes_export_markdown",
    "plan_export_html",
    "plan_export_markdown",
]

Format = Literal["md", "html"]

SOURCE_LABELS = {
    "allocation": "allocation",
    "transfer": "transfer",
    "status": "status change",
    "note": "case note",
    "manual": "manual entry",
    "conference": "conference",
    "plan_review": "plan review",
    "referral": "referral",
}
BEFORE_ALLOCATION = "(before current allocation)"
COLUMNS = ("Date", "Category", "Event", "Source", "Analysis")


class ExportError(StoreError):
    """The export could not be written (the message says why, in one line)."""


# --- shared pieces -------------------------------------------------------------------------


def _source(item: ChronologyItem) -> str:
    label = SOURCE_LABELS.get(item.source_kind, item.source_kind.replace("_", " "))
    reported = one_line(item.source_of_information)
    return f"{label}; reported by {reported}" if reported else label


Facts = list[tuple[str, str]]


def _case_facts(detail: CaseDetail) -> Facts:
    """Who the export is about, as (label, plain text) pairs: the start of every header."""
    dob = dates.format_date(detail.date_of_birth) if detail.date_of_birth else "not recorded"
    return [
        ("Client", one_line(detail.client_name)),
        ("Date of birth", dob),
        ("Case reference", one_line(detail.ref)),
        ("Allocated worker", one_line(detail.worker_name) or "not allocated"),
    ]


def _exported_facts(exported_by: str, exported_at: datetime) -> Facts:
    return [
        ("Exported by", one_line(exported_by)),
        ("Exported on", dates.format_datetime(exported_at)),
    ]


def _facts(
    detail: CaseDetail,
    count: int,
    exported_by: str,
    exported_at: datetime,
    filter_description: str,
) -> Facts:
    """The chronology's header block, in the order both formats show it."""
    described = one_line(filter_description)
    return [
        *_case_facts(detail),
        ("Allocated on", dates.format_date(detail.allocated_on) or "not allocated"),
        *_exported_facts(exported_by, exported_at),
        ("Entries shown", f"filtered: {described}" if described else "all entries"),
        ("Number of entries", str(count)),
    ]


def _local_date(at: datetime) -> date:
    """The local calendar date of ``at`` (aware, or naive local time)."""
    return (dates.to_local(at) if at.tzinfo is not None else at).date()


def _plan_title(detail: CaseDetail, plan: PlanInfo) -> str:
    """ "Service plan 2: CL-2026-0042, Ada Byron", as plain text."""
    return f"Service plan {plan.number}: {one_line(detail.ref)}, {one_line(detail.client_name)}"


def _plan_facts(
    detail: CaseDetail, plan: PlanInfo, exported_by: str, exported_at: datetime
) -> Facts:
    """The plan's header block, in the order both formats show it."""
    if plan.is_current and detail.status == "closed":
        status = "current when the case was closed"
        next_review = "none (the case is closed)"
    elif plan.is_current:
        status = "current"
        if plan.next_review_on is None:
            next_review = "not set"
        else:
            next_review = dates.format_date(plan.next_review_on)
            if plan.next_review_on < _local_date(exported_at):
                next_review += " (overdue)"
    else:
        status = f"ended {dates.format_date(plan.ended_on)} (an earlier plan)"
        next_review = "none (the plan has ended)"
    return [
        *_case_facts(detail),
        ("Plan number", str(plan.number)),
        ("Plan status", status),
        ("Started", dates.format_date(plan.started_on)),
        ("Review schedule", plan.schedule_text),
        ("Next review", next_review),
        *_exported_facts(exported_by, exported_at),
    ]


def _date_text(item: ChronologyItem) -> str:
    shown = dates.format_date(item.occurred_on)
    return f"{shown} {BEFORE_ALLOCATION}" if item.before_current_allocation else shown


# --- Markdown ------------------------------------------------------------------------------


def _md_facts(facts: Facts) -> list[str]:
    """The header block as a Markdown list."""
    return [f"- **{label}:** {md_escape(value)}" for label, value in facts]


def chronology_markdown(
    detail: CaseDetail,
    items: Sequence[ChronologyItem],
    *,
    exported_by: str,
    exported_at: datetime,
    filter_description: str = "",
) -> str:
    """The chronology as a Markdown document, entries in the order given.

    ``exported_at`` is aware, or naive local time.
    """
    facts = _facts(detail, len(items), exported_by, exported_at, filter_description)
    out = [
        f"# Chronology: {md_escape(detail.ref)}, {md_escape(detail.client_name)}",
        "",
        *_md_facts(facts),
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join(" --- " for _ in COLUMNS) + "|",
    ]
    for item in items:
        cells = (
            _date_text(item),
            item.category,
            item.title,
            _source(item),
            item.analysis,
        )
        out.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
    if not items:
        out.append("| " + " | ".join(["—", "", "No entries.", "", ""]) + " |")
    out += ["", "## Details"]
    for number, item in enumerate(items, 1):
        out += [
            "",
            f"### {number}. {md_escape(_date_text(item))}: {md_escape(item.title)}",
            "",
            f"*{md_escape(item.category)}* · {md_escape(_source(item))}"
            + (f" · recorded by {md_escape(item.author_name)}" if item.author_name else ""),
            "",
            md_block(item.details) if item.details.strip() else "No details recorded.",
        ]
        if item.analysis.strip():
            out += ["", "**Analysis:**", "", md_block(item.analysis)]
    if not items:
        out += ["", "No entries."]
    return "\n".join(out) + "\n"


def _plan_document(detail: CaseDetail, plan: PlanInfo, exported_at: datetime) -> str:
    """The plan as ``store.plan_render`` shows it (goals with their actions and review history,
    then every review as a whole), under second-level headings. Overdue means as of the
    export."""
    # Imported here: plan_render uses md_escape from this module.
    from store.plans.render import plan_markdown, reviews_markdown

    if plan.case_id != detail.id:
        raise ValueError(f"plan {plan.id} belongs to case {plan.case_id}, not to {detail.ref}")
    today = _local_date(exported_at)
    return "\n".join(
        [
            plan_markdown(
                plan,
                title="The plan",
                today=today,
                level=2,
                case_closed=detail.status == "closed",
            ),
            reviews_markdown(plan, level=2),
        ]
    )


def plan_export_markdown(
    detail: CaseDetail, plan: PlanInfo, *, exported_by: str, exported_at: datetime
) -> str:
    """A service plan with its reviews as a Markdown document.

    ``exported_at`` is aware, or naive local time.
    """
    out = [
        f"# {md_escape(_plan_title(detail, plan))}",
        "",
        *_md_facts(_plan_facts(detail, plan, exported_by, exported_at)),
        "",
        _plan_document(detail, plan, exported_at),
    ]
    return "\n".join(out).rstrip() + "\n"


def _minutes_title(detail: CaseDetail, conference: ConferenceInfo) -> str:
    """ "Minutes of the core group of 02 Nov 2026: CL-2026-0042, Ada Byron", as plain text."""
    when = (
        f" of {dates.format_date(dates.to_local(conference.held_at).date())}"
        if conference.held_at
        else ""
    )
    kind = conference.conference_type or "meeting"
    return (
        f"Minutes of the {one_line(kind)}{when}: "
        f"{one_line(detail.ref)}, {one_line(detail.client_name)}"
    )


def _minutes_facts(
    detail: CaseDetail, conference: ConferenceInfo, exported_by: str, exported_at: datetime
) -> Facts:
    status = "final" if conference.is_final else "draft, not yet finalised"
    return [
        *_case_facts(detail),
        ("Minutes", status),
        *_exported_facts(exported_by, exported_at),
    ]


def _minutes_document(detail: CaseDetail, conference: ConferenceInfo, exported_at: datetime) -> str:
    # Imported here: minutes_render uses md_escape from this module.
    from store.conferences.render import minutes_markdown

    if conference.case_id != detail.id:
        raise ValueError(
            f"meeting {conference.id} belongs to case {conference.case_id}, not to {detail.ref}"
        )
    return minutes_markdown(
        conference, title="The minutes", today=_local_date(exported_at), level=2
    )


def minutes_export_markdown(
    detail: CaseDetail, conference: ConferenceInfo, *, exported_by: str, exported_at: datetime
) -> str:
    """A meeting's minutes, for circulation, as a Markdown document."""
    out = [
        f"# {md_escape(_minutes_title(detail, conference))}",
        "",
        *_md_facts(_minutes_facts(detail, conference, exported_by, exported_at)),
        "",
        _minutes_document(detail, conference, exported_at),
    ]
    return "\n".join(out).rstrip() + "\n"


# --- HTML ----------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; margin: 2em auto;
  max-width: 60em; padding: 0 1em; }
h1 { font-size: 1.5em; margin: 0 0 .5em; }
h2 { font-size: 1.2em; margin: 1.5em 0 .5em; border-bottom: 1px solid #999; }
h3 { font-size: 1em; margin: 1.2em 0 .3em; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .15em 1.2em;
  margin: 0 0 1.5em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { border: 1px solid #888; padding: .3em .45em; text-align: left; vertical-align: top; }
thead th { background: #eee; }
td.date { white-space: nowrap; }
tr.before td { color: #555; background: #f6f6f6; }
.marker { font-size: .85em; font-style: italic; }
.meta { color: #444; font-size: .9em; margin: 0 0 .4em; }
.entry { break-inside: avoid; }
.analysis { border-left: 3px solid #999; padding-left: .8em; margin: .4em 0; }
pre, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: .5em; }
footer { margin-top: 2em; font-size: .85em; color: #555; }
@page { margin: 18mm 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


# Only the plan export has block quotes (evidence, the client's views) and fourth-level headings.
_PLAN_CSS = """
h4 { font-size: 1em; font-style: italic; margin: 1em 0 .3em; }
blockquote { border-left: 3px solid #999; margin: .4em 0 .4em .4em; padding-left: .8em; }
h2, h3, h4 { break-after: avoid; }
"""


def _e(text: str) -> str:
    return html.escape(one_line(text), quote=True)


def _html_parser() -> MarkdownIt:
    """The app's parser with images and links off, so the file fetches and points to nothing
    outside itself (a link shows as written, which also suits paper). One per export: making a
    parser costs more than rendering an entry."""
    return parser().disable(["image", "link", "autolink"])


def _render(md: MarkdownIt, markdown: str) -> str:
    return str(md.render(clean_text(markdown)))


def _html_page(
    title: str,
    facts: Facts,
    body: Sequence[str],
    *,
    exported_by: str,
    exported_at: datetime,
    css: str = _CSS,
) -> str:
    """A standalone page: the title (plain text) and header block, ``body`` (HTML lines) and
    the footer. No scripts and nothing to fetch."""
    heading = _e(title)
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # Belt and braces: even a browser that found a way to load something may not.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{heading}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{heading}</h1>",
        '<dl class="facts">',
        *(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in facts),
        "</dl>",
        "</header>",
        *body,
        f"<footer>Exported by {_e(exported_by)} on {dates.format_datetime(exported_at)} "
        "from Caseline.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def chronology_html(
    detail: CaseDetail,
    items: Sequence[ChronologyItem],
    *,
    exported_by: str,
    exported_at: datetime,
    filter_description: str = "",
) -> str:
    """The chronology as a standalone HTML document (no scripts, no external resources)."""
    facts = _facts(detail, len(items), exported_by, exported_at, filter_description)
    md = _html_parser()
    title = f"Chronology: {one_line(detail.ref)}, {one_line(detail.client_name)}"
    out = [
        '<table class="chronology">',
        "<thead><tr>" + "".join(f"<th>{c}</th>" for c in COLUMNS) + "</tr></thead>",
        "<tbody>",
    ]
    for number, item in enumerate(items, 1):
        marker = (
            f' <br><span class="marker">{BEFORE_ALLOCATION}</span>'
            if item.before_current_allocation
            else ""
        )
        row_class = ' class="before"' if item.before_current_allocation else ""
        out.append(
            f"<tr{row_class}>"
            f'<td class="date">{dates.format_date(item.occurred_on)}{marker}</td>'
            f"<td>{_e(item.category)}</td>"
            f'<td><a href="#entry-{number}">{_e(item.title)}</a></td>'
            f"<td>{_e(_source(item))}</td>"
            f"<td>{_e(item.analysis)}</td>"
            "</tr>"
        )
    if not items:
        out.append('<tr><td colspan="5">No entries.</td></tr>')
    out += ["</tbody>", "</table>", "<h2>Details</h2>"]
    for number, item in enumerate(items, 1):
        meta = f"{_e(item.category)} · {_e(_source(item))}"
        if item.author_name:
            meta += f" · recorded by {_e(item.author_name)}"
        out += [
            f'<section class="entry" id="entry-{number}">',
            f"<h3>{number}. {_e(_date_text(item))}: {_e(item.title)}</h3>",
            f'<p class="meta">{meta}</p>',
            f'<div class="details">{_render(md, item.details)}</div>'
            if item.details.strip()
            else '<p class="details">No details recorded.</p>',
        ]
        if item.analysis.strip():
            out.append(
                f'<div class="analysis"><p><strong>Analysis</strong></p>'
                f"{_render(md, item.analysis)}</div>"
            )
        out.append("</section>")
    if not items:
        out.append("<p>No entries.</p>")
    return _html_page(title, facts, out, exported_by=exported_by, exported_at=exported_at)


def plan_export_html(
    detail: CaseDetail, plan: PlanInfo, *, exported_by: str, exported_at: datetime
) -> str:
    """A service plan with its reviews as a standalone HTML document: the Markdown document
    of ``plan_export_markdown`` rendered by the export's parser (no raw HTML, images or
    links), under the same header block as the chronology's."""
    md = _html_parser()
    md.options["breaks"] = True  # evidence and the client's views keep their lines, as typed
    document = _render(md, _plan_document(detail, plan, exported_at))
    return _html_page(
        _plan_title(detail, plan),
        _plan_facts(detail, plan, exported_by, exported_at),
        ['<main class="plan">', document.rstrip("\n"), "</main>"],
        exported_by=exported_by,
        exported_at=exported_at,
        css=_CSS + _PLAN_CSS,
    )


def minutes_export_html(
    detail: CaseDetail, conference: ConferenceInfo, *, exported_by: str, exported_at: datetime
) -> str:
    """A meeting's minutes as a standalone HTML document (the Markdown of
    ``minutes_export_markdown`` through the export's parser), for printing or circulating."""
    md = _html_parser()
    md.options["breaks"] = True  # the client's views and the discussion keep their lines
    document = _render(md, _minutes_document(detail, conference, exported_at))
    return _html_page(
        _minutes_title(detail, conference),
        _minutes_facts(detail, conference, exported_by, exported_at),
        ['<main class="minutes">', document.rstrip("\n"), "</main>"],
        exported_by=exported_by,
        exported_at=exported_at,
        css=_CSS + _PLAN_CSS,
    )


# --- writing a file ------------------------------------------------------------------------


def format_for(path: Path, fmt: str | None = None) -> Format:
    """The format asked for, or the one the file name suggests (.html/.htm, else Markdown)."""
    if fmt is not None:
        if fmt not in ("md", "html"):
            raise ExportError(f"Unknown export format {fmt!r}; use md or html.")
        return "html" if fmt == "html" else "md"
    return "html" if path.suffix.lower() in (".html", ".htm") else "md"


def write_atomically(path: Path, text: str, *, example_name: str = "chronology.md") -> None:
    """Write ``text`` to ``path`` via a temporary file beside it, or raise ExportError.

    The file is replaced whole or not at all. Like the temporary file it comes from, it is
    readable by its owner only: it holds case records. ``example_name`` is the file name
    suggested when ``path`` is a folder.
    """
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name, e.g. {path / example_name}.")
    parent = path.parent
    if not parent.exists():
        raise ExportError(f"Folder {parent} does not exist.")
    if not parent.is_dir():
        raise ExportError(f"{parent} is not a folder.")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"Folder {parent} is not writable.")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def export_chronology(
    path: Path,
    detail: CaseDetail,
    items: Sequence[ChronologyItem],
    *,
    exported_by: str,
    filter_description: str = "",
    fmt: str | None = None,
    exported_at: datetime | None = None,
) -> Path:
    """Write the chronology to ``path`` (format from ``fmt`` or the file name); returns it.

    Raises ExportError with a one-line message if the file can't be written.
    """
    chosen = format_for(path, fmt)
    render = chronology_html if chosen == "html" else chronology_markdown
    text = render(
        detail,
        items,
        exported_by=exported_by,
        exported_at=exported_at or dates.now_utc(),
        filter_description=filter_description,
    )
    write_atomically(path, text)
    return path


def export_plan(
    path: Path,
    detail: CaseDetail,
    plan: PlanInfo,
    *,
    exported_by: str,
    fmt: str | None = None,
    exported_at: datetime | None = None,
) -> Path:
    """Write the service plan with its reviews to ``path`` (format from ``fmt`` or the file
    name); returns it.

    Raises ExportError with a one-line message if the file can't be written.
    """
    chosen = format_for(path, fmt)
    render = plan_export_html if chosen == "html" else plan_export_markdown
    text = render(detail, plan, exported_by=exported_by, exported_at=exported_at or dates.now_utc())
    write_atomically(path, text, example_name="plan.md")
    return path


def export_minutes(
    path: Path,
    detail: CaseDetail,
    conference: ConferenceInfo,
    *,
    exported_by: str,
    fmt: str | None = None,
    exported_at: datetime | None = None,
) -> Path:
    """Write a meeting's minutes to ``path`` (format from ``fmt`` or the file name); returns
    it.

    Raises ExportError with a one-line message if the file can't be written.
    """
    chosen = format_for(path, fmt)
    render = minutes_export_html if chosen == "html" else minutes_export_markdown
    text = render(
        detail, conference, exported_by=exported_by, exported_at=exported_at or dates.now_utc()
    )
    write_atomically(path, text, example_name="minutes.md")
    return path
