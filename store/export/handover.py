"""The handover pack: what a worker taking a case over (a transfer) or a reader after it closes
needs first, gathered in one read: the summary, the current plan with its reviews, the actions
still open, the chronology, the professionals and the support network, and the recent notes.

It holds records, never the audit trail: who read the case is not the next worker's business.
It does hold the case's information-sharing log, and a pack made for another agency says for
whom and under which consent or lawful reason (``for_agency``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from store.access import guarded
from store.case_file.records import CaseFile, ContactInfo, ProfessionalInfo
from store.case_file.service import CaseFileService
from store.common import dates
from store.common.markdown import md_block, md_escape, md_inline, one_line
from store.common.records import WorkerInfo
from store.common.words import plural
from store.conferences.records import ConferenceActionInfo
from store.conferences.service import ConferenceService
from store.consent.records import SharingInfo
from store.consent.service import sharing_log
from store.core.db import Database
from store.core.permissions import Access
from store.export.markdown import (
    Facts,
    case_facts,
    chronology_table,
    exported_facts,
    local_date,
    md_facts,
    plan_document,
)
from store.notes.records import NoteDetail
from store.notes.service import NoteService

RECENT_NOTES = 10


@dataclass(frozen=True, slots=True)
class HandoverPack:
    """A case as it is handed over (the file as the case file shows it, plan included)."""

    file: CaseFile
    open_actions: tuple[ConferenceActionInfo, ...]  # agreed in meetings, not yet done
    recent_notes: tuple[NoteDetail, ...]  # newest first, whole
    sharing: tuple[SharingInfo, ...] = ()  # the information-sharing log, newest first
    for_agency: str = ""  # made for another agency: whom
    shared_under: str = ""  # ... and under what: "consent 3" or the lawful reason


def for_agency(pack: HandoverPack, agency: str, under: str) -> HandoverPack:
    """The pack as made for ``agency``, shared ``under`` a consent or a lawful reason."""
    return replace(pack, for_agency=agency, shared_under=under)


class HandoverService:
    """``store.handover``."""

    def __init__(
        self,
        database: Database,
        *,
        case_file: CaseFileService,
        conferences: ConferenceService,
        notes: NoteService,
    ) -> None:
        self.database = database
        self.case_file = case_file
        self.conferences = conferences
        self.notes = notes

    @guarded(Access.READ, "case_id")
    def pack(self, actor: WorkerInfo, case_id: int, *, notes: int = RECENT_NOTES) -> HandoverPack:
        """The case's handover pack, read in one transaction; the ``notes`` most recent
        finalised notes in full."""
        with self.database.reading():
            file = self.case_file.view(actor, case_id, notes=("", None), plan=True)
            actions = self.conferences.case_actions(actor, case_id)
            listed = sorted(file.notes or (), key=lambda n: (n.contact_at, n.id), reverse=True)
            recent = tuple(self.notes.get(actor, n.id) for n in listed[:notes])
            sharing = tuple(sharing_log(case_id))
        return HandoverPack(
            file=file,
            open_actions=tuple(a for a in actions if a.is_open),
            recent_notes=recent,
            sharing=sharing,
        )


# -- as a document ---------------------------------------------------------------------------


def handover_title(pack: HandoverPack) -> str:
    detail = pack.file.detail
    return f"Handover: {one_line(detail.ref)}, {one_line(detail.client_name)}"


def handover_facts(pack: HandoverPack, exported_by: str, exported_at: datetime) -> Facts:
    detail = pack.file.detail
    return [
        *case_facts(detail),
        ("Case status", detail.status.value),
        ("Allocated on", dates.format_date(detail.allocated_on) or "not allocated"),
        *exported_facts(exported_by, exported_at),
        *([("Prepared for", pack.for_agency)] if pack.for_agency else []),
        *([("Shared under", pack.shared_under)] if pack.shared_under else []),
    ]


def handover_document(pack: HandoverPack, exported_at: datetime) -> str:
    """The pack's sections under second-level headings, in the order a newcomer reads them."""
    file, today = pack.file, local_date(exported_at)
    out = ["## Summary", ""]
    if file.summary is None:
        out.append("No case summary written yet.")
    else:
        written = dates.format_date(dates.to_local(file.summary.created_at).date())
        out += [
            md_block(file.summary.body),
            "",
            f"*Written by {md_escape(file.summary.author_name)} on {written}.*",
        ]
    out.append("")
    if file.plan is None:
        out += ["## The plan", "", "No service plan.", ""]
    else:
        out += [plan_document(file.detail, file.plan, exported_at), ""]
    out += ["## Actions agreed in meetings, still open", ""]
    out += [_action_line(a, today) for a in pack.open_actions] or ["None."]
    out += ["", "## Professionals", ""]
    out += [professional_line(p) for p in _current_first(file.professionals)] or ["None recorded."]
    out += ["", "## Support network", ""]
    out += [contact_line(c) for c in file.contacts] or ["None recorded."]
    out += ["", "## Chronology", "", *chronology_table(file.chronology), ""]
    out += ["## Information shared", ""]
    out += [sharing_line(e) for e in pack.sharing] or ["Nothing shared with another agency."]
    out.append("")
    out += [f"## The {plural(len(pack.recent_notes), 'most recent note')}", ""]
    if not pack.recent_notes:
        out += ["No notes.", ""]
    for note in pack.recent_notes:
        out += [*note_lines(note), ""]
    return "\n".join(out).rstrip() + "\n"


def handover_markdown(pack: HandoverPack, *, exported_by: str, exported_at: datetime) -> str:
    """The handover pack as a Markdown document."""
    out = [
        f"# {md_escape(handover_title(pack))}",
        "",
        *md_facts(handover_facts(pack, exported_by, exported_at)),
        "",
        handover_document(pack, exported_at),
    ]
    return "\n".join(out).rstrip() + "\n"


def _action_line(action: ConferenceActionInfo, today: date) -> str:
    due = dates.format_date(action.due_on)
    overdue = " **overdue**" if action.due_on < today else ""
    held = (
        f" of {dates.format_date(dates.to_local(action.conference_held_at).date())}"
        if action.conference_held_at
        else ""
    )
    owner = md_escape(action.owner_name) or "no one named"
    meeting = md_escape(action.conference_type or "meeting")
    return f"- {md_escape(action.what)}: {owner}, due {due}{overdue} (the {meeting}{held})"


def _current_first(people: Sequence[ProfessionalInfo]) -> list[ProfessionalInfo]:
    return sorted(people, key=lambda p: (p.ended_on is not None, p.name.casefold()))


def professional_line(p: ProfessionalInfo) -> str:
    parts = [f"**{md_escape(p.name)}**"]
    parts += [md_escape(v) for v in (p.role, p.agency) if v.strip()]
    reach = " · ".join(md_escape(v) for v in (p.phone, p.email) if v.strip())
    line = "- " + ", ".join(parts) + (f" · {reach}" if reach else "")
    if p.ended_on is not None:
        line += f" (involved until {dates.format_date(p.ended_on)})"
    return line


def sharing_line(e: SharingInfo) -> str:
    when = dates.format_datetime(dates.to_local(e.shared_at))
    return (
        f"- {when}: {md_escape(e.what)} to **{md_escape(e.recipient)}** by "
        f"{md_escape(e.worker_name)}, {md_escape(e.under)} ({e.source})"
    )


def contact_line(c: ContactInfo) -> str:
    line = f"- **{md_escape(c.name)}**"
    if c.relationship.strip():
        line += f" ({md_escape(c.relationship)})"
    reach = " · ".join(md_escape(v) for v in (c.phone, c.address) if v.strip())
    if reach:
        line += f" · {reach}"
    if c.notes.strip():
        line += f": {md_inline(c.notes)}"
    return line


def note_lines(
    note: NoteDetail, *, level: int = 3, facts: str = "", numbered: bool = False
) -> list[str]:
    """A note whole under a heading of ``level`` (``numbered``: starting "Note 12: ", as a
    list of places names it; ``facts``, a Markdown line, beneath it), each amendment beneath
    what it amends."""
    when = dates.format_datetime(dates.to_local(note.contact_at))
    number = f"Note {note.id}: " if numbered else ""
    out = [
        f"{'#' * level} {number}{when} · {md_escape(note.note_type)} · "
        f"{md_escape(note.author_name)}",
        "",
        *([facts, ""] if facts else []),
        md_block(note.body) if note.body.strip() else "*No text.*",
    ]
    for amendment in note.amendments:
        on = dates.format_datetime(dates.to_local(amendment.created_at))
        reason = f" ({md_escape(amendment.reason)})" if amendment.reason.strip() else ""
        out += [
            "",
            f"**Amended by {md_escape(amendment.author_name)} on {on}**{reason}:",
            "",
            md_block(amendment.body),
        ]
    return out
