"""The sections of a case's whole record as Markdown, one function an area: the case and
client, the people around them, the summary, the chronology, the notes with their amendments,
the plans, the meetings' minutes and the assessments. Each takes the records ``store.record``
reads (the same the JSON export writes) and the level of its items' headings, so the same
section sits under a case of a subject access answer one level down.

What a person typed is escaped (one-line fields) or quoted with raw HTML, images and unsafe
links neutralised (``md_block``: notes, the summary, details), as every export does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from store.case_file.records import CaseFile
from store.common import dates
from store.common.markdown import md_block, md_escape, md_inline
from store.export.handover import contact_line, note_lines, professional_line
from store.export.markdown import chronology_table, date_text, source_text
from store.export.record import WholeRecord

__all__ = [
    "assessments_section",
    "case_section",
    "chronology_section",
    "meetings_section",
    "network_section",
    "notes_section",
    "plans_section",
    "professionals_section",
    "summary_section",
]


def _facts(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """Label and plain value pairs as a Markdown list, the values escaped."""
    return [f"- **{label}:** {md_escape(value)}" for label, value in pairs]


def _day(d: date | None, none: str = "not recorded") -> str:
    return dates.format_date(d) if d else none


def case_section(file: CaseFile) -> str:
    """Who the client is and how the case has gone: its status, allocations and closure."""
    detail, client = file.detail, file.client
    out = _facts(
        [
            ("Client", client.name),
            ("Date of birth", _day(client.date_of_birth)),
            ("Address", client.address or "not recorded"),
            ("Phone", client.phone or "not recorded"),
            ("Language", client.language or "not recorded"),
            ("Identifiers", client.identifiers or "none recorded"),
            ("Case reference", detail.ref),
            ("Case status", detail.status.value),
            ("Opened on", _day(detail.opened_on)),
            ("Allocated worker", detail.worker_name or "not allocated"),
            ("Allocated on", _day(detail.allocated_on, "not allocated")),
        ]
    )
    if detail.closed_on is not None:
        out += _facts(
            [
                ("Closed on", _day(detail.closed_on)),
                ("Why it closed", detail.closure_reason or "not recorded"),
            ]
        )
    if detail.restricted:
        out.append("- **Restricted:** only its worker and those named may open it")
    if detail.allocations:
        out += ["", "**Allocations, oldest first:**", ""]
        for a in detail.allocations:
            until = f" to {dates.format_date(a.ended_on)}" if a.ended_on else " to now"
            out.append(f"- {md_escape(a.worker_name)}: {dates.format_date(a.allocated_on)}{until}")
    return "\n".join(out) + "\n"


def network_section(file: CaseFile) -> str:
    """The client's support network, as the case file keeps it."""
    return "\n".join([contact_line(c) for c in file.contacts] or ["None recorded."]) + "\n"


def professionals_section(file: CaseFile) -> str:
    """Other agencies' workers involved, and when."""
    lines = []
    for p in file.professionals:
        line = professional_line(p)
        if p.started_on is not None and p.ended_on is None:
            line += f" (involved from {dates.format_date(p.started_on)})"
        lines.append(line)
    return "\n".join(lines or ["None recorded."]) + "\n"


def summary_section(file: CaseFile) -> str:
    """The current case summary, who wrote it and when (earlier versions are counted)."""
    if file.summary is None:
        return "No case summary written.\n"
    written = dates.format_datetime(dates.to_local(file.summary.created_at))
    out = [
        md_block(file.summary.body) if file.summary.body.strip() else "*No text.*",
        "",
        f"*Written by {md_escape(file.summary.author_name)} on {written}.*",
    ]
    if file.summary_versions > 1:
        out += ["", f"*This is version {file.summary_versions} of the summary.*"]
    return "\n".join(out) + "\n"


def chronology_section(file: CaseFile, level: int) -> str:
    """The chronology as a table, then each entry's details and analysis."""
    out = chronology_table(file.chronology)
    head = "#" * level
    for number, item in enumerate(file.chronology, 1):
        if not (item.details.strip() or item.analysis.strip()):
            continue
        by = f" · recorded by {md_escape(item.author_name)}" if item.author_name else ""
        out += [
            "",
            f"{head} {number}. {md_escape(date_text(item))}: {md_escape(item.title)}",
            "",
            f"*{md_escape(item.category)}* · {md_escape(source_text(item))}{by}",
        ]
        if item.details.strip():
            out += ["", md_block(item.details)]
        if item.analysis.strip():
            out += ["", "**Analysis:**", "", md_block(item.analysis)]
    return "\n".join(out) + "\n"


def notes_section(record: WholeRecord, level: int) -> str:
    """Every finalised note, oldest first, each followed by its amendments (the original
    kept as written)."""
    if not record.notes:
        return "No finalised notes.\n"
    out: list[str] = []
    for note in record.notes:
        facts = []
        if note.present.strip():
            facts.append(f"**Present:** {md_inline(note.present)}")
        if note.significant:
            facts.append(f"**In the chronology as:** {md_escape(note.chronology_title)}")
        if note.follow_up_on is not None:
            facts.append(f"**Follow-up:** {dates.format_date(note.follow_up_on)}")
        out += [*note_lines(note, level=level, facts=" · ".join(facts), numbered=True), ""]
    return "\n".join(out).rstrip() + "\n"


def plans_section(record: WholeRecord, level: int, today: date) -> str:
    """Every service plan, oldest first: its goals with their actions and reviews, then each
    review whole (``store.plans.render``, as the plan export shows them)."""
    from store.plans.render import plan_markdown, reviews_markdown

    if not record.plans:
        return "No service plan.\n"
    closed = record.file.detail.status == "closed"
    parts = []
    for plan in record.plans:
        title = f"Service plan {plan.number}"
        parts += [
            plan_markdown(plan, title=title, today=today, level=level, case_closed=closed),
            reviews_markdown(plan, level=level + 1),
        ]
    return "\n".join(parts)


def meetings_section(record: WholeRecord, level: int, today: date) -> str:
    """Every meeting's finalised minutes, oldest first, with their amendments
    (``store.conferences.render``, as the minutes export shows them)."""
    from store.conferences.render import minutes_markdown

    if not record.meetings:
        return "No finalised minutes.\n"
    parts = []
    for meeting in record.meetings:
        when = (
            f" of {dates.format_date(dates.to_local(meeting.held_at).date())}"
            if meeting.held_at
            else ""
        )
        title = f"Meeting {meeting.id}: {meeting.conference_type or 'meeting'}{when}"
        parts.append(minutes_markdown(meeting, title=title, today=today, level=level))
    return "\n".join(parts)


def assessments_section(record: WholeRecord, level: int, scale: Sequence[str]) -> str:
    """Every finalised assessment, oldest first, each with its domains and amendments
    (``store.assessments.render``, as the assessment export shows them)."""
    from store.assessments.render import assessment_markdown

    if not record.assessments:
        return "No finalised assessment.\n"
    parts = [
        assessment_markdown(
            a,
            scale,
            level=level,
            title=f"Assessment as at {dates.format_date(a.as_at)}",
            quoted=True,
        )
        for a in record.assessments
    ]
    return "\n".join(parts)
