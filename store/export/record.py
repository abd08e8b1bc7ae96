"""A case's whole record, read at once: the case file (client, network, professionals, the
summary, the chronology), every finalised note in full with its amendments, every service
plan with its goals, actions and reviews, every meeting with its minutes, every assessment,
the referrals out and in, the consents and the information-sharing log. ``caseline export
case REF --format json`` writes it as JSON for another program, every record with the fields
the store keeps (dates ISO 8601, instants in UTC); nothing is left out for being old.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from store.core.db import Database
from store.core.models import Case

if TYPE_CHECKING:
    from store.assessments.records import AssessmentDetail
    from store.assessments.service import AssessmentService
    from store.audit.records import AuditEntry
    from store.audit.service import AuditService
    from store.case_file.records import CaseFile
    from store.case_file.service import CaseFileService
    from store.common.records import WorkerInfo
    from store.conferences.records import ConferenceInfo
    from store.conferences.service import ConferenceService
    from store.consent.records import ConsentInfo, SharingInfo
    from store.consent.service import ConsentService
    from store.notes.records import NoteDetail
    from store.notes.service import NoteService
    from store.plans.records import PlanInfo
    from store.plans.service import PlanService
    from store.referrals.records import CaseReferrals, ReferralDetail
    from store.referrals.service import ReferralService

# Bumped when a field's meaning changes, so a program reading the file can tell.
FORMAT_VERSION = 1


@dataclass(frozen=True)
class WholeRecord:
    """Everything Caseline holds on one case."""

    file: CaseFile
    notes: tuple[NoteDetail, ...]  # finalised, oldest first, each with its amendments
    plans: tuple[PlanInfo, ...]  # oldest first
    meetings: tuple[ConferenceInfo, ...]  # with finalised minutes, oldest first
    assessments: tuple[AssessmentDetail, ...]  # finalised versions, oldest first
    referrals: CaseReferrals
    referral_details: tuple[ReferralDetail, ...]  # each referral out, in full
    consents: tuple[ConsentInfo, ...]
    sharing: tuple[SharingInfo, ...]


class RecordService:
    """``store.record``: a case's whole record, and everything held about a client."""

    def __init__(
        self,
        database: Database,
        *,
        audit: AuditService,
        case_file: CaseFileService,
        notes: NoteService,
        plans: PlanService,
        conferences: ConferenceService,
        assessments: AssessmentService,
        referrals: ReferralService,
        consent: ConsentService,
    ) -> None:
        self.database = database
        self.audit = audit
        self.case_file = case_file
        self.notes = notes
        self.plans = plans
        self.conferences = conferences
        self.assessments = assessments
        self.referrals = referrals
        self.consent = consent

    def whole(self, actor: WorkerInfo, case_id: int) -> WholeRecord:
        """The case's whole record, read in one transaction (each read asks the same rules of
        who may read the case as the case file does)."""
        with self.database.reading():
            file = self.case_file.view(actor, case_id, notes=("", None))
            listed = sorted(file.notes or (), key=lambda n: (n.contact_at, n.id))
            notes = tuple(self.notes.get(actor, n.id) for n in listed)
            plans = tuple(
                self.plans.get(actor, p.id)
                for p in sorted(self.plans.for_case(actor, case_id), key=lambda p: p.id)
            )
            meetings = tuple(
                self.conferences.get(actor, m.id)
                for m in sorted(self.conferences.for_case(actor, case_id), key=lambda m: m.id)
                if m.status == "final"
            )
            overview = self.assessments.overview(actor, case_id)
            assessments = tuple(
                self.assessments.get(actor, v.id)
                for v in sorted(overview.versions, key=lambda v: v.id)
                if v.is_final
            )
            referrals = self.referrals.for_case(actor, case_id)
            details = tuple(self.referrals.get(actor, r.id) for r in referrals.outgoing)
            consents = tuple(self.consent.for_case(actor, case_id))
            sharing = tuple(self.consent.sharing_log(actor, case_id))
        return WholeRecord(
            file=file,
            notes=notes,
            plans=plans,
            meetings=meetings,
            assessments=assessments,
            referrals=referrals,
            referral_details=details,
            consents=consents,
            sharing=sharing,
        )

    def subject_access(self, actor: WorkerInfo, case_id: int) -> SubjectAccess:
        """Everything held about the client of ``case_id``: each of their cases (their whole
        record), the audit of every reading, change and export of them, and the other people the
        records name. Only for those who may read the audit trail, and every case must be one the
        actor may read (else NotPermitted: an answer must not leave a case out unsaid)."""
        with self.database.reading():
            client_id = Case.get_by_id(case_id).client_id
            ids = [
                c.id for c in Case.select(Case.id).where(Case.client == client_id).order_by(Case.id)
            ]
            records = tuple(self.whole(actor, i) for i in ids)
            access = sorted(
                (
                    e
                    for i in ids
                    for e in self.audit.events(actor, case_id=i, limit=AUDIT_EVENTS_LIMIT)
                ),
                key=lambda e: (e.at, e.id),
            )
        return SubjectAccess(
            client_name=records[0].file.client.name,
            records=records,
            access=tuple(access),
            others=others_named(records),
        )


def record_json(record: WholeRecord, *, exported_by: str, exported_at: datetime) -> str:
    """The whole record as JSON: the store's fields, dates ISO 8601, instants in UTC."""
    document = _record_document(record, exported_by, exported_at)
    return json.dumps(_plain(document), ensure_ascii=False, indent=2) + "\n"


def _record_document(
    record: WholeRecord, exported_by: str, exported_at: datetime
) -> dict[str, Any]:
    file = record.file
    return {
        "format": "caseline-case-record",
        "format_version": FORMAT_VERSION,
        "exported_by": exported_by,
        "exported_at": _instant(exported_at),
        "case": file.detail,
        "client": file.client,
        "support_network": file.contacts,
        "professionals": file.professionals,
        "summary": file.summary,
        "chronology": file.chronology,
        "notes": record.notes,
        "plans": record.plans,
        "meetings": record.meetings,
        "assessments": record.assessments,
        "referrals_out": record.referral_details,
        "referrals_in": record.referrals.incoming,
        "consents": record.consents,
        "sharing_log": record.sharing,
    }


# Fields kept for the screens' own use, not part of the record.
_SCREEN_ONLY = frozenset({"search_key", "read_only", "no_manage", "version", "next_statuses"})


def _plain(value: Any) -> Any:
    """Records as JSON values: dataclasses as objects (their screen-only fields left out),
    dates ISO 8601, naive instants (the store keeps UTC) with a Z."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _SCREEN_ONLY
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return _instant(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _instant(at: datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="seconds") + "Z"


# -- a subject access request -------------------------------------------------------------------

# Every event of a case's audit trail is part of an answer to a subject access request; this
# many at most a case (a case opened daily for years stays under it).
AUDIT_EVENTS_LIMIT = 1_000_000


@dataclass(frozen=True)
class Named:
    """Someone other than the client whom the records name: to review for redaction before
    an answer to a subject access request goes out."""

    name: str
    as_who: str  # "support network: grandmother", "professional: GP, The Grange Surgery"
    where: str  # "case CL-2026-0002: contact 12", "note 3108: present"


@dataclass(frozen=True)
class SubjectAccess:
    """Everything held about a client: the whole record of each of their cases, the audit of
    who read, changed or exported them, and the other people the records name."""

    client_name: str
    records: tuple[WholeRecord, ...]  # each case of the client, oldest first
    access: tuple[AuditEntry, ...]  # the cases' audit trails, oldest first
    others: tuple[Named, ...]


REFERRAL_CONTACT = "referral contact at"
NAMED_IN_WRITING = "named in what was written"


def others_named(records: tuple[WholeRecord, ...]) -> tuple[Named, ...]:
    """The people other than the client the records name, each once per place: the support
    network and the professionals, those present at a contact, those at a meeting or sending
    apologies, whom a referral went to and who referred the client in. The workers who held
    the cases or wrote in them are staff, not others to redact."""
    found: list[Named] = []
    for record in records:
        ref = record.file.detail.ref
        client = record.file.client.name
        staff = {a.worker_name for a in record.file.detail.allocations} | {
            n.author_name for n in record.notes
        }
        for contact in record.file.contacts:
            found.append(
                Named(contact.name, f"support network: {contact.relationship}", f"case {ref}")
            )
        for person in record.file.professionals:
            found.append(Named(person.name, _as("professional", person), f"case {ref}"))
        for note in record.notes:
            for present in (p.strip() for p in note.present.split(";")):
                if present and not _the_client(present, client) and not _one_of(present, staff):
                    found.append(Named(present, "present at a contact", f"note {note.id}"))
        for meeting in record.meetings:
            for attendee in meeting.attendees + meeting.apologies:
                if attendee.kind in ("client", "worker") or _the_client(attendee.name, client):
                    continue
                at = "at a meeting" if attendee.present else "sent apologies to a meeting"
                found.append(Named(attendee.name, _as(at, attendee), f"meeting {meeting.id}"))
        for referral in record.referral_details:
            if referral.agency_contact.strip():
                agency = f"{REFERRAL_CONTACT} {referral.summary.agency}"
                found.append(Named(referral.agency_contact, agency, f"referral {referral.id}"))
        for incoming in record.referrals.incoming:
            if incoming.referrer.strip():
                where = f"referral in {incoming.id}"
                found.append(
                    Named(incoming.referrer, f"referred the client ({incoming.source})", where)
                )
    found += _named_in_writing(records, {n.name for n in found if n.as_who != REFERRAL_CONTACT})
    unique = {(n.name, n.as_who, n.where): n for n in found if n.name.strip()}
    return tuple(sorted(unique.values(), key=lambda n: (n.name.casefold(), _numbered(n.where))))


# Words before a name that are not a first name ("Dr Amir Khan": his first name is Amir).
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "nurse", "prof", "rev", "sister"})
BY_FIRST_NAME = f"{NAMED_IN_WRITING} (first name only)"
BY_SURNAME = f"{NAMED_IN_WRITING} (title and surname)"


def _named_in_writing(records: tuple[WholeRecord, ...], names: set[str]) -> list[Named]:
    """Where the people already found are named in what workers wrote: a note or its
    amendments, the summary, a meeting's minutes. The whole name, in any case; failing that,
    as people write about those they know, the first name alone ("Ann came round") or a title
    and the surname ("Mrs Lee phoned"), each marked as such for the reviewer to judge. Never
    the client's own first name or surname, nor a worker's first name."""
    # "Gemma Cole (CAMHS practitioner)", as someone present was written, is Gemma Cole.
    bare = {re.sub(r"\s*\(.*\)\s*$", "", name).strip() for name in names}
    found = []
    for record in records:
        client = _words(record.file.client.name)
        staff = {a.worker_name for a in record.file.detail.allocations}
        staff |= {n.author_name for n in record.notes}
        not_theirs = {w.casefold() for w in client}
        not_theirs |= {words[0].casefold() for words in map(_words, staff) if words}
        forms = [form for name in bare if len(name) > 2 for form in _forms(name, not_theirs)]
        writing = [
            (f"note {n.id}", [n.body, *(a.body for a in n.amendments)]) for n in record.notes
        ]
        if record.file.summary is not None:
            writing.append((f"case {record.file.detail.ref}: summary", [record.file.summary.body]))
        for m in record.meetings:
            minutes = [m.client_views, m.information_shared, *m.decisions]
            minutes += [item.discussion for item in m.agenda]
            minutes += [a.body for a in m.amendments]
            writing.append((f"meeting {m.id}", minutes))
        for where, texts in writing:
            text = "\n".join(texts)
            hits = [(name, how) for name, how, pattern in forms if pattern.search(text)]
            whole = {name for name, how in hits if how == NAMED_IN_WRITING}
            # A name written whole somewhere in the text is not listed again by its parts.
            found += [
                Named(name, how, where)
                for name, how in hits
                if how == NAMED_IN_WRITING or name not in whole
            ]
    return found


def _words(name: str) -> list[str]:
    """A name's words as written, its title left out ("Dr Amir Khan": Amir, Khan)."""
    words = re.findall(r"[^\W\d_][\w'-]*", name)
    return [w for w in words if w.casefold().rstrip(".") not in TITLES]


def _forms(name: str, not_theirs: set[str]) -> list[tuple[str, str, re.Pattern[str]]]:
    """(name, how, pattern) for each way ``name`` may be written: whole; by the first name;
    by a title and the surname. Only the whole name for words in ``not_theirs``."""

    def word(text: str) -> str:
        return rf"(?<!\w){text}(?!\w)"

    forms = [(name, NAMED_IN_WRITING, re.compile(word(re.escape(name)), re.IGNORECASE))]
    words = _words(name)
    if len(words) < 2:
        return forms
    first, surname = words[0], words[-1]
    if len(first) > 2 and first.casefold() not in not_theirs:
        # As the name is written, capital and all: "Will" is a name, "will" a word.
        forms.append((name, BY_FIRST_NAME, re.compile(word(re.escape(first)))))
    if len(surname) > 1 and surname.casefold() not in not_theirs:
        titles = "|".join(sorted(TITLES))
        pattern = re.compile(word(rf"(?:{titles})\.?\s+{re.escape(surname)}"), re.IGNORECASE)
        forms.append((name, BY_SURNAME, pattern))
    return forms


def _numbered(text: str) -> tuple[str | int, ...]:
    """``text`` to sort by, its numbers as numbers ("note 4" before "note 10")."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def _one_of(present: str, staff: set[str]) -> bool:
    """Whether someone present is one of the workers ("Sam Okafor (social worker)")."""
    folded = present.casefold()
    return any(name.strip() and folded.startswith(name.strip().casefold()) for name in staff)


def _as(what: str, person: Any) -> str:
    """ "professional: GP, The Grange Surgery", or "professional" when neither is known."""
    role = ", ".join(part for part in (person.role, person.agency) if part.strip())
    return f"{what}: {role}" if role else what


def _the_client(name: str, client: str) -> bool:
    """Whether a name given as present is the client: "client", or their name first
    ("Dana Reyes and her son" names the client, and the son is for a reader to judge)."""
    folded = name.strip().casefold()
    return folded in ("client", "the client") or folded.startswith(client.strip().casefold())


def subject_access_json(answer: SubjectAccess, *, exported_by: str, exported_at: datetime) -> str:
    """The answer to a subject access request as JSON, for review before it goes out."""
    document = {
        "format": "caseline-subject-access",
        "format_version": FORMAT_VERSION,
        "exported_by": exported_by,
        "exported_at": _instant(exported_at),
        "subject": answer.client_name,
        "for_redaction_review": answer.others,
        "cases": [_record_document(r, exported_by, exported_at) for r in answer.records],
        "access_to_the_records": answer.access,
    }
    return json.dumps(_plain(document), ensure_ascii=False, indent=2) + "\n"
