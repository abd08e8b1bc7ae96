"""A case's whole record, and the answer to a subject access request, as one document each:
headed by the client, the case and when it was exported, then a table of contents, then each
area a section (``whole_areas``, ``whole_referrals``). The records are those ``store.record``
reads for the JSON export, so the three formats hold the same; drafts are not records and are
left out of all of them.

A document is a list of sections (plain-text title, Markdown body, heading level) that
``markdown_document`` writes as Markdown and ``store.export.whole_html`` as a printable page.
Each section's anchor is its title as GitHub and most renderers make one (lower case, spaces
as hyphens, punctuation dropped, a repeat numbered), so the Markdown's contents link to it; the
HTML gives its sections the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from store.common import dates
from store.common.markdown import md_escape, one_line
from store.common.words import plural
from store.export.markdown import Facts, case_facts, exported_facts, local_date, md_facts
from store.export.record import SubjectAccess, WholeRecord
from store.export.whole_areas import (
    assessments_section,
    case_section,
    chronology_section,
    meetings_section,
    network_section,
    notes_section,
    plans_section,
    professionals_section,
    summary_section,
)
from store.export.whole_referrals import (
    access_section,
    consents_section,
    redaction_section,
    referrals_in_section,
    referrals_out_section,
    sharing_section,
)

REDACTION_TITLE = "For redaction review"
ACCESS_TITLE = "Who read, changed or exported the records"
LEFT_OUT = "drafts (not yet records): unfinished notes, minutes and assessments"


@dataclass(frozen=True, slots=True)
class Section:
    """One part of a document: its title (plain text), its body (Markdown whose headings are
    below ``level``) and the level of its own heading."""

    title: str
    body: str
    level: int = 2


def record_sections(
    record: WholeRecord, scale: Sequence[str], exported_at: datetime, *, level: int = 2
) -> list[Section]:
    """The whole record's sections, each area's headings at ``level``, their items below."""
    file, item, today = record.file, level + 1, local_date(exported_at)
    prefix = f"{one_line(file.detail.ref)}: " if level > 2 else ""
    parts = [
        ("Case and client", case_section(file)),
        ("Support network", network_section(file)),
        ("Professionals", professionals_section(file)),
        ("Summary", summary_section(file)),
        ("Chronology", chronology_section(file, item)),
        ("Notes", notes_section(record, item)),
        ("Service plans", plans_section(record, item, today)),
        ("Meetings", meetings_section(record, item, today)),
        ("Assessments", assessments_section(record, item, scale)),
        ("Referrals out", referrals_out_section(record, item)),
        ("Referrals in", referrals_in_section(record)),
        ("Consents", consents_section(record.consents)),
        ("Information-sharing log", sharing_section(record)),
    ]
    return [Section(prefix + title, body, level) for title, body in parts]


def record_title(record: WholeRecord) -> str:
    """ "Whole record: CL-2026-0042, Ada Byron", as plain text."""
    detail = record.file.detail
    return f"Whole record: {one_line(detail.ref)}, {one_line(detail.client_name)}"


def record_facts(record: WholeRecord, exported_by: str, exported_at: datetime) -> Facts:
    detail = record.file.detail
    return [
        *case_facts(detail),
        ("Case status", detail.status.value),
        *exported_facts(exported_by, exported_at),
        ("Left out", LEFT_OUT),
    ]


def subject_access_sections(
    answer: SubjectAccess, scale: Sequence[str], exported_at: datetime
) -> list[Section]:
    """The answer's sections: the people to review for redaction first (what a reviewer needs
    before anything else), then each case of the client whole, then the audit of the records."""
    out = [Section(REDACTION_TITLE, redaction_section(answer.others))]
    for record in answer.records:
        detail = record.file.detail
        opened = dates.format_date(detail.opened_on)
        closed = f", closed {dates.format_date(detail.closed_on)}" if detail.closed_on else ""
        intro = f"The case is {detail.status.value}: opened {opened}{closed}.\n"
        out.append(Section(f"Case {one_line(detail.ref)}", intro))
        out += record_sections(record, scale, exported_at, level=3)
    intro = (
        "Every time these records were opened, changed or exported, oldest first: when, who, "
        "what, and from where.\n\n"
    )
    out.append(Section(ACCESS_TITLE, intro + access_section(answer.access)))
    return out


def subject_access_title(answer: SubjectAccess) -> str:
    """ "Subject access: everything held about Ada Byron", as plain text."""
    return f"Subject access: everything held about {one_line(answer.client_name)}"


def subject_access_facts(answer: SubjectAccess, exported_by: str, exported_at: datetime) -> Facts:
    first = answer.records[0].file
    people = plural(len({n.name for n in answer.others}), "other person", "other people")
    dob = first.client.date_of_birth
    refs = ", ".join(one_line(r.file.detail.ref) for r in answer.records)
    return [
        ("Subject", one_line(answer.client_name)),
        ("Date of birth", dates.format_date(dob) if dob else "not recorded"),
        ("Cases", f"{plural(len(answer.records), 'case')}: {refs}"),
        *exported_facts(exported_by, exported_at),
        ("Left out", LEFT_OUT),
        (
            "Before it goes out",
            f'review the {people} named, listed under "{REDACTION_TITLE}"',
        ),
    ]


# -- the contents and the Markdown ---------------------------------------------------------------

_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]")


def anchors(sections: Sequence[Section]) -> list[str]:
    """Each section's anchor, as GitHub makes one from its heading: lower case, punctuation
    dropped, spaces as hyphens, a repeat given -1, -2..."""
    seen: dict[str, int] = {}
    out = []
    for section in sections:
        slug = _NOT_IN_ANCHOR.sub("", section.title.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        out.append(f"{slug}-{count}" if count else slug)
    return out


def markdown_document(title: str, facts: Facts, sections: Sequence[Section]) -> str:
    """The document as Markdown: the title, the header block, the contents linking to each
    section, then the sections."""
    slugs = anchors(sections)
    out = [f"# {md_escape(title)}", "", *md_facts(facts), "", "## Contents", ""]
    for section, slug in zip(sections, slugs, strict=True):
        indent = "  " * (section.level - 2)
        out.append(f"{indent}- [{md_escape(section.title)}](#{slug})")
    for section in sections:
        out += ["", f"{'#' * section.level} {md_escape(section.title)}", ""]
        if section.body.strip():
            out.append(section.body.rstrip("\n"))
    return "\n".join(out).rstrip() + "\n"


def record_markdown(
    record: WholeRecord, scale: Sequence[str], *, exported_by: str, exported_at: datetime
) -> str:
    """A case's whole record as one Markdown document."""
    return markdown_document(
        record_title(record),
        record_facts(record, exported_by, exported_at),
        record_sections(record, scale, exported_at),
    )


def subject_access_markdown(
    answer: SubjectAccess, scale: Sequence[str], *, exported_by: str, exported_at: datetime
) -> str:
    """Everything held about a client as one Markdown document, for review before it goes
    out."""
    return markdown_document(
        subject_access_title(answer),
        subject_access_facts(answer, exported_by, exported_at),
        subject_access_sections(answer, scale, exported_at),
    )
