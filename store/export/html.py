"""The exports as standalone, printable HTML pages: the Markdown documents rendered by the one
parser (raw HTML, images and links off), every typed field escaped, styles inline."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from store.cases.records import CaseDetail
from store.chronology.records import ChronologyItem
from store.common import dates
from store.common.markdown import clean_text, one_line, parser

if TYPE_CHECKING:
    from store.conferences.records import ConferenceInfo
    from store.plans.records import PlanInfo

from store.export.handover import HandoverPack, handover_document, handover_facts, handover_title
from store.export.markdown import (
    BEFORE_ALLOCATION,
    COLUMNS,
    Facts,
    date_text,
    facts,
    minutes_document,
    minutes_facts,
    minutes_title,
    plan_document,
    plan_facts,
    plan_title,
    source_text,
)

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
    header = facts(detail, len(items), exported_by, exported_at, filter_description)
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
            f"<td>{_e(source_text(item))}</td>"
            f"<td>{_e(item.analysis)}</td>"
            "</tr>"
        )
    if not items:
        out.append('<tr><td colspan="5">No entries.</td></tr>')
    out += ["</tbody>", "</table>", "<h2>Details</h2>"]
    for number, item in enumerate(items, 1):
        meta = f"{_e(item.category)} · {_e(source_text(item))}"
        if item.author_name:
            meta += f" · recorded by {_e(item.author_name)}"
        out += [
            f'<section class="entry" id="entry-{number}">',
            f"<h3>{number}. {_e(date_text(item))}: {_e(item.title)}</h3>",
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
    return _html_page(title, header, out, exported_by=exported_by, exported_at=exported_at)


def plan_export_html(
    detail: CaseDetail, plan: PlanInfo, *, exported_by: str, exported_at: datetime
) -> str:
    """A service plan with its reviews as a standalone HTML document: the Markdown document
    of ``plan_export_markdown`` rendered by the export's parser (no raw HTML, images or
    links), under the same header block as the chronology's."""
    md = _html_parser()
    md.options["breaks"] = True  # evidence and the client's views keep their lines, as typed
    document = _render(md, plan_document(detail, plan, exported_at))
    return _html_page(
        plan_title(detail, plan),
        plan_facts(detail, plan, exported_by, exported_at),
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
    document = _render(md, minutes_document(detail, conference, exported_at))
    return _html_page(
        minutes_title(detail, conference),
        minutes_facts(detail, conference, exported_by, exported_at),
        ['<main class="minutes">', document.rstrip("\n"), "</main>"],
        exported_by=exported_by,
        exported_at=exported_at,
        css=_CSS + _PLAN_CSS,
    )


def handover_html(pack: HandoverPack, *, exported_by: str, exported_at: datetime) -> str:
    """The handover pack as a standalone HTML document (the Markdown of ``handover_markdown``
    through the export's parser)."""
    md = _html_parser()
    md.options["breaks"] = True  # notes and the summary keep their lines, as typed
    document = _render(md, handover_document(pack, exported_at))
    return _html_page(
        handover_title(pack),
        handover_facts(pack, exported_by, exported_at),
        ['<main class="plan">', document.rstrip("\n"), "</main>"],
        exported_by=exported_by,
        exported_at=exported_at,
        css=_CSS + _PLAN_CSS,
    )
