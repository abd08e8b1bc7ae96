"""A case's whole record, and the answer to a subject access request, as standalone printable
pages: the sections of ``store.export.whole`` each rendered by the exports' one parser (raw
HTML, images and links off: the page fetches nothing and points nowhere outside itself), under
the header block every export has, with the contents linking to each section on the page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from store.export.html import _CSS, _PLAN_CSS, _html_page, _html_parser, _render
from store.export.markdown import Facts
from store.export.record import SubjectAccess, WholeRecord
from store.export.whole import (
    Section,
    anchors,
    record_facts,
    record_sections,
    record_title,
    subject_access_facts,
    subject_access_sections,
    subject_access_title,
)

# Headings go as deep as six in a subject access answer (a goal's actions in a case's plan).
_WHOLE_CSS = """
h5, h6 { font-size: .95em; margin: .8em 0 .2em; }
nav.toc ol { margin: .2em 0; padding-left: 1.4em; }
section { margin-bottom: 1em; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _contents(sections: Sequence[Section], slugs: Sequence[str]) -> list[str]:
    """The contents as nested ordered lists, one level a heading level."""
    out = ['<nav class="toc">', "<h2>Contents</h2>", "<ol>"]
    depth = 2
    for index, (section, slug) in enumerate(zip(sections, slugs, strict=True)):
        while depth < section.level:
            out.append("<ol>")
            depth += 1
        while depth > section.level:
            out.append("</ol></li>")
            depth -= 1
        link = f'<li><a href="#{_e(slug)}">{_e(section.title)}</a>'
        following = sections[index + 1].level if index + 1 < len(sections) else 2
        out.append(link if following > section.level else link + "</li>")
    while depth > 2:
        out.append("</ol></li>")
        depth -= 1
    out += ["</ol>", "</nav>"]
    return out


def html_document(
    title: str,
    facts: Facts,
    sections: Sequence[Section],
    *,
    exported_by: str,
    exported_at: datetime,
) -> str:
    """The sections as a standalone page, each with the id the contents link to."""
    md = _html_parser()
    md.options["breaks"] = True  # notes and the summary keep their lines, as typed
    slugs = anchors(sections)
    body = _contents(sections, slugs)
    for section, slug in zip(sections, slugs, strict=True):
        level = section.level
        body += [
            f'<section id="{_e(slug)}">',
            f"<h{level}>{_e(section.title)}</h{level}>",
            _render(md, section.body).rstrip("\n"),
            "</section>",
        ]
    return _html_page(
        title,
        facts,
        ['<main class="record">', *body, "</main>"],
        exported_by=exported_by,
        exported_at=exported_at,
        css=_CSS + _PLAN_CSS + _WHOLE_CSS,
    )


def record_html(
    record: WholeRecord, scale: Sequence[str], *, exported_by: str, exported_at: datetime
) -> str:
    """A case's whole record as a standalone HTML page."""
    return html_document(
        record_title(record),
        record_facts(record, exported_by, exported_at),
        record_sections(record, scale, exported_at),
        exported_by=exported_by,
        exported_at=exported_at,
    )


def subject_access_html(
    answer: SubjectAccess, scale: Sequence[str], *, exported_by: str, exported_at: datetime
) -> str:
    """Everything held about a client as a standalone HTML page, for review before it goes
    out."""
    return html_document(
        subject_access_title(answer),
        subject_access_facts(answer, exported_by, exported_at),
        subject_access_sections(answer, scale, exported_at),
        exported_by=exported_by,
        exported_at=exported_at,
    )
