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
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from store.core.db import Database

if TYPE_CHECKING:
    from store.assessments.records import AssessmentDetail
    from store.assessments.service import AssessmentService
    from store.case_file.records import CaseFile
    from store.case_file.service import CaseFileService
    from store.conferences.records import ConferenceInfo
    from store.conferences.service import ConferenceService
    from store.consent.records import ConsentInfo, SharingInfo
    from store.consent.service import ConsentService
    from store.core.records import WorkerInfo
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
    """``store.record``: a case's whole record."""

    def __init__(
        self,
        database: Database,
        *,
        case_file: CaseFileService,
        notes: NoteService,
        plans: PlanService,
        conferences: ConferenceService,
        assessments: AssessmentService,
        referrals: ReferralService,
        consent: ConsentService,
    ) -> None:
        self.database = database
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


def record_json(record: WholeRecord, *, exported_by: str, exported_at: datetime) -> str:
    """The whole record as JSON: the store's fields, dates ISO 8601, instants in UTC."""
    file = record.file
    document = {
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
    return json.dumps(_plain(document), ensure_ascii=False, indent=2) + "\n"


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
