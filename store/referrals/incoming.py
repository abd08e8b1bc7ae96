"""Incoming referrals: how a case arrived. Who referred the client (the source, the referrer
and their contact), why, when it was received, and the decision on it (allocated, signposted,
no further action) with its date. A case may have more than one; each is changed only from
the version a form was opened on, every change kept in the record history."""

from __future__ import annotations

from typing import Any

from store.access import guarded
from store.audit.service import act
from store.common.records import WorkerInfo
from store.core.changes import diff, save_changes
from store.core.conflicts import last_change
from store.core.db import Database
from store.core.models import utcnow
from store.core.permissions import Access
from store.core.rows import get_row, open_case
from store.referrals import rows
from store.referrals.models import IncomingReferral
from store.referrals.records import IncomingInfo
from store.referrals.rules import CLOSED_CHANGE

INCOMING_CONFLICT = (
    "Someone else changed this incoming referral since you opened it; open it again."
)
FIELDS = (
    "source",
    "referrer",
    "referrer_contact",
    "reason",
    "received_on",
    "decision",
    "decided_on",
    "decision_note",
)


class IncomingReferrals:
    """The incoming referrals of ``store.referrals``."""

    database: Database

    @guarded(Access.WRITE, "case_id")
    def add_incoming(
        self, actor: WorkerInfo, case_id: int, data: dict[str, Any], *, dayfirst: bool = True
    ) -> IncomingInfo:
        """Record a referral that brought the case in (with its decision, if made).
        Raises InvalidInput by field."""
        from store.common.validation import validate
        from store.referrals.input import IncomingInput

        new: IncomingInput = validate(IncomingInput, data, dayfirst=dayfirst)
        with self.database.writing():
            open_case(case_id, CLOSED_CHANGE)
            now = utcnow()
            row = IncomingReferral.create(
                case=case_id,
                **{f: getattr(new, f) for f in FIELDS},
                created_at=now,
                created_by=actor.id,
                updated_at=now,
            )
            act(actor, "incoming-referral-added", case_id, "incoming_referral", row.id)
            return rows.incoming_info(row)

    @guarded(Access.WRITE, "incoming_id", of="incoming_referral")
    def update_incoming(
        self,
        actor: WorkerInfo,
        incoming_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> IncomingInfo:
        """Change an incoming referral, most often to record the decision on it. Raises
        InvalidInput by field, Conflict if someone else changed it since ``version``."""
        from store.common.validation import validate
        from store.referrals.input import IncomingInput

        new: IncomingInput = validate(IncomingInput, data, dayfirst=dayfirst)
        with self.database.writing():
            row = get_row(IncomingReferral, incoming_id, "incoming referral")
            if row.version != version:
                who, at = last_change("incoming_referral", incoming_id)
                raise rows.incoming_refused(row, who, at)
            open_case(row.case_id, CLOSED_CHANGE)
            values = {f: getattr(new, f) for f in FIELDS}
            changes = diff({f: getattr(row, f) for f in FIELDS}, values)
            if changes:
                save_changes(
                    IncomingReferral,
                    row,
                    values,
                    changes,
                    "incoming_referral",
                    actor,
                    INCOMING_CONFLICT,
                )
                act(actor, "incoming-referral-updated", row.case_id, "incoming_referral", row.id)
            return rows.incoming_info(IncomingReferral.get_by_id(incoming_id))
