"""A case at a glance, for ``caseline show``: who it is about and who holds it, where it
stands (last contact, next review, what is overdue), its summary and its latest notes, as
Markdown or as plain data for a script (JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from store.case_file.records import CaseFile
from store.cases.records import CaseDetail
from store.common import dates
from store.common.markdown import md_block, md_escape, md_inline, one_line
from store.export.markdown import case_facts, md_facts

LATEST_NOTES = 5


def _review(detail: CaseDetail) -> str:
    if detail.next_review_on is not None:
        return dates.format_date(detail.next_review_on)
    return "not set" if detail.has_plan else "no plan"


def _contact(detail: CaseDetail) -> str:
    if detail.last_contact_at is None:
        return "never"
    return dates.format_datetime(dates.to_local(detail.last_contact_at))


# What is overdue or due on the case (store.reminders' record health): one line, and each
# thing with its date.
Needs = tuple[str, Sequence[tuple[str, date]]]


def overview_markdown(found: CaseFile, needs: Needs) -> str:
    """The case at a glance, as Markdown (what people typed is escaped or quoted)."""
    detail = found.detail
    lines = [f"# {md_escape(detail.ref)}: {md_escape(detail.client_name)}", ""]
    lines += md_facts(
        [
            *case_facts(detail),
            ("Status", str(detail.status)),
            ("Allocated on", dates.format_date(detail.allocated_on) or "not allocated"),
            ("Last contact", _contact(detail)),
            ("Next review", _review(detail)),
            ("Needs doing", one_line(needs[0]) or "nothing overdue"),
        ]
    )
    lines += ["", "## Summary", ""]
    if found.summary is None:
        lines.append("No summary yet.")
    else:
        written = dates.format_date(dates.to_local(found.summary.created_at))
        lines += [
            f"_Version {found.summary_versions}, {written}, by "
            f"{md_escape(found.summary.author_name)}_",
            "",
            md_block(found.summary.body),
        ]
    notes = found.notes or []
    shown = notes[:LATEST_NOTES]
    lines += ["", f"## Latest notes ({len(shown)} of {len(notes)})", ""]
    for note in shown:
        when = dates.format_datetime(dates.to_local(note.contact_at))
        lines.append(
            f"- **{when}** {md_escape(note.note_type)}, {md_escape(note.author_name)}: "
            f"{md_inline(note.first_line)}"
        )
    if not notes:
        lines.append("No notes yet.")
    return "\n".join(lines) + "\n"


def overview_data(found: CaseFile, needs: Needs) -> dict[str, Any]:
    """The case at a glance as plain data (dates ISO 8601, instants in UTC)."""
    detail = found.detail

    def instant(at: Any) -> str | None:
        return None if at is None else at.isoformat(timespec="seconds") + "Z"

    summary = found.summary
    return {
        "ref": detail.ref,
        "client": detail.client_name,
        "date_of_birth": detail.date_of_birth.isoformat() if detail.date_of_birth else None,
        "status": str(detail.status),
        "worker": detail.worker_name or None,
        "allocated_on": detail.allocated_on.isoformat() if detail.allocated_on else None,
        "last_contact_at": instant(detail.last_contact_at),
        "next_review_on": detail.next_review_on.isoformat() if detail.next_review_on else None,
        "has_plan": detail.has_plan,
        "needs_doing": [{"title": title, "due_on": due.isoformat()} for title, due in needs[1]],
        "summary": None
        if summary is None
        else {
            "body": summary.body,
            "author": summary.author_name,
            "written_at": instant(summary.created_at),
            "version": found.summary_versions,
        },
        "notes": [
            {
                "contact_at": instant(note.contact_at),
                "type": note.note_type,
                "author": note.author_name,
                "first_line": note.first_line,
                "significant": note.significant,
                "amendments": note.amendments,
            }
            for note in (found.notes or [])[:LATEST_NOTES]
        ],
        "notes_count": len(found.notes or []),
    }
