"""The exports as Markdown documents: a case's chronology, a service plan with its reviews, a
meeting's minutes, each under a header block of facts (client, reference, worker, who exported
it and when). ``store.export.html`` renders them as printable pages and ``store.export.files``
writes them to a file.

What a person typed is data: every field is escaped (Markdown punctuation backslash-escaped) so
a title like ``<script>`` or ``[bold]`` comes out literally. Details and analyses are Markdown by
design; they are kept as written (with raw HTML neutralised) inside a block quote, which also
stops an unclosed code fence or a heading in one entry from swallowing the rest of the document.
The rendering functions are pure: the same inputs give the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from store.cases.records import CaseDetail
from store.chronology.records import ChronologyItem
from store.common import dates
from store.common.markdown import md_block, md_escape, one_line

if TYPE_CHECKING:
    from store.conferences.records import ConferenceInfo
    from store.plans.records import PlanInfo

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


# --- shared pieces -------------------------------------------------------------------------


def source_text(item: ChronologyItem) -> str:
    label = SOURCE_LABELS.get(item.source_kind, item.source_kind.replace("_", " "))
    reported = one_line(item.source_of_information)
    return f"{label}; reported by {reported}" if reported else label


Facts = list[tuple[str, str]]


def case_facts(detail: CaseDetail) -> Facts:
    """Who the export is about, as (label, plain text) pairs: the start of every header."""
    dob = dates.format_date(detail.date_of_birth) if detail.date_of_birth else "not recorded"
    return [
        ("Client", one_line(detail.client_name)),
        ("Date of birth", dob),
        ("Case reference", one_line(detail.ref)),
        ("Allocated worker", one_line(detail.worker_name) or "not allocated"),
    ]


def exported_facts(exported_by: str, exported_at: datetime) -> Facts:
    return [
        ("Exported by", one_line(exported_by)),
        ("Exported on", dates.format_datetime(exported_at)),
    ]


def facts(
    detail: CaseDetail,
    count: int,
    exported_by: str,
    exported_at: datetime,
    filter_description: str,
) -> Facts:
    """The chronology's header block, in the order both formats show it."""
    described = one_line(filter_description)
    return [
        *case_facts(detail),
        ("Allocated on", dates.format_date(detail.allocated_on) or "not allocated"),
        *exported_facts(exported_by, exported_at),
        ("Entries shown", f"filtered: {described}" if described else "all entries"),
        ("Number of entries", str(count)),
    ]


def local_date(at: datetime) -> date:
    """The local calendar date of ``at`` (aware, or naive local time)."""
    return (dates.to_local(at) if at.tzinfo is not None else at).date()


def plan_title(detail: CaseDetail, plan: PlanInfo) -> str:
    """ "Service plan 2: CL-2026-0042, Ada Byron", as plain text."""
    return f"Service plan {plan.number}: {one_line(detail.ref)}, {one_line(detail.client_name)}"


def plan_facts(
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
            if plan.next_review_on < local_date(exported_at):
                next_review += " (overdue)"
    else:
        status = f"ended {dates.format_date(plan.ended_on)} (an earlier plan)"
        next_review = "none (the plan has ended)"
    return [
        *case_facts(detail),
        ("Plan number", str(plan.number)),
        ("Plan status", status),
        ("Started", dates.format_date(plan.started_on)),
        ("Review schedule", plan.schedule_text),
        ("Next review", next_review),
        *exported_facts(exported_by, exported_at),
    ]


def date_text(item: ChronologyItem) -> str:
    shown = dates.format_date(item.occurred_on)
    return f"{shown} {BEFORE_ALLOCATION}" if item.before_current_allocation else shown


# --- Markdown ------------------------------------------------------------------------------


def md_facts(facts: Facts) -> list[str]:
    """The header block as a Markdown list."""
    return [f"- **{label}:** {md_escape(value)}" for label, value in facts]


def chronology_table(items: Sequence[ChronologyItem]) -> list[str]:
    """The chronology's entries as the lines of a Markdown table, one row an entry."""
    out = [
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join(" --- " for _ in COLUMNS) + "|",
    ]
    for item in items:
        cells = (
            date_text(item),
            item.category,
            item.title,
            source_text(item),
            item.analysis,
        )
        out.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
    if not items:
        out.append("| " + " | ".join(["—", "", "No entries.", "", ""]) + " |")
    return out


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
    header = facts(detail, len(items), exported_by, exported_at, filter_description)
    out = [
        f"# Chronology: {md_escape(detail.ref)}, {md_escape(detail.client_name)}",
        "",
        *md_facts(header),
        "",
        *chronology_table(items),
    ]
    out += ["", "## Details"]
    for number, item in enumerate(items, 1):
        out += [
            "",
            f"### {number}. {md_escape(date_text(item))}: {md_escape(item.title)}",
            "",
            f"*{md_escape(item.category)}* · {md_escape(source_text(item))}"
            + (f" · recorded by {md_escape(item.author_name)}" if item.author_name else ""),
            "",
            md_block(item.details) if item.details.strip() else "No details recorded.",
        ]
        if item.analysis.strip():
            out += ["", "**Analysis:**", "", md_block(item.analysis)]
    if not items:
        out += ["", "No entries."]
    return "\n".join(out) + "\n"


def plan_document(detail: CaseDetail, plan: PlanInfo, exported_at: datetime) -> str:
    """The plan as ``store.plans.render`` shows it (goals with their actions and review history,
    then every review as a whole), under second-level headings. Overdue means as of the
    export."""
    # Imported here: plan_render uses md_escape from this module.
    from store.plans.render import plan_markdown, reviews_markdown

    if plan.case_id != detail.id:
        raise ValueError(f"plan {plan.id} belongs to case {plan.case_id}, not to {detail.ref}")
    today = local_date(exported_at)
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
        f"# {md_escape(plan_title(detail, plan))}",
        "",
        *md_facts(plan_facts(detail, plan, exported_by, exported_at)),
        "",
        plan_document(detail, plan, exported_at),
    ]
    return "\n".join(out).rstrip() + "\n"


def minutes_title(detail: CaseDetail, conference: ConferenceInfo) -> str:
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


def minutes_facts(
    detail: CaseDetail, conference: ConferenceInfo, exported_by: str, exported_at: datetime
) -> Facts:
    status = "final" if conference.is_final else "draft, not yet finalised"
    return [
        *case_facts(detail),
        ("Minutes", status),
        *exported_facts(exported_by, exported_at),
    ]


def minutes_document(detail: CaseDetail, conference: ConferenceInfo, exported_at: datetime) -> str:
    # Imported here: minutes_render uses md_escape from this module.
    from store.conferences.render import minutes_markdown

    if conference.case_id != detail.id:
        raise ValueError(
            f"meeting {conference.id} belongs to case {conference.case_id}, not to {detail.ref}"
        )
    return minutes_markdown(conference, title="The minutes", today=local_date(exported_at), level=2)


def minutes_export_markdown(
    detail: CaseDetail, conference: ConferenceInfo, *, exported_by: str, exported_at: datetime
) -> str:
    """A meeting's minutes, for circulation, as a Markdown document."""
    out = [
        f"# {md_escape(minutes_title(detail, conference))}",
        "",
        *md_facts(minutes_facts(detail, conference, exported_by, exported_at)),
        "",
        minutes_document(detail, conference, exported_at),
    ]
    return "\n".join(out).rstrip() + "\n"
