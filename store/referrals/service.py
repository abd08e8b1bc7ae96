"""Referrals out of a case: ``store.referrals``. A referral goes to a service from the
directory or to an agency typed in; it is drafted or sent at once, and from then on its status
moves only along the allowed transitions (``rules.TRANSITIONS``), each move dated, with its
note, and kept (the database refuses to change or delete the history).

Sending shares information about the client, so it needs one of the client's current consents
or the lawful reason to share without one; the sharing is logged (``store.consent``) and the
chronology records the sending. An outcome (completed, declined, withdrawn) is written to the
chronology too. Chasing is recorded attempt by attempt; chased ``chase_limit`` times with no
answer, a referral is marked for escalation, and the case keeps how many such referrals it has
for the caseload's flag. Incoming referrals are in ``incoming``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from store.access import guarded
from store.audit.service import act, opened
from store.common import dates
from store.common.errors import InvalidInput, NotFound
from store.common.records import WorkerInfo
from store.consent.service import ConsentService, names
from store.core.db import Database
from store.core.models import Case, utcnow
from store.core.permissions import Access, refusals
from store.core.rows import get_row, open_case, worker_names
from store.referrals import rows, sharing, versions
from store.referrals.incoming import IncomingReferrals
from store.referrals.models import Referral, ReferralChase, ReferralStatusChange
from store.referrals.records import CaseReferrals, ReferralDetail
from store.referrals.rules import (
    BOOKED,
    CHASED,
    CLOSED_CHANGE,
    DEFAULT_CHASE_LIMIT,
    DRAFTED,
    OUTCOMES,
    RESPONSES,
    SENT,
    allowed_next,
)

REFERRAL_CONFLICT = "Someone else changed this referral since you opened it; open it again."


class ReferralService(IncomingReferrals):
    """Referrals out of a case and into it: ``store.referrals``."""

    def __init__(
        self,
        database: Database,
        *,
        consent: ConsentService,
        chase_limit: int = DEFAULT_CHASE_LIMIT,
    ) -> None:
        self.database = database
        self.consent = consent
        # Chased this many times with no answer, a referral is to be escalated.
        self.chase_limit = chase_limit

    # -- reading -------------------------------------------------------------------------

    @guarded(Access.READ, "case_id")
    def for_case(self, actor: WorkerInfo, case_id: int) -> CaseReferrals:
        """The case's referrals out and in, newest first."""
        with self.database.reading():
            get_row_case(case_id)
            outgoing = rows.summaries(rows.case_referrals(case_id), self.chase_limit)
            incoming = rows.incoming_for(case_id)
        return CaseReferrals(
            case_id=case_id,
            outgoing=tuple(outgoing),
            incoming=tuple(incoming),
            chase_limit=self.chase_limit,
        )

    @guarded(Access.READ, "referral_id", of="referral")
    def get(self, actor: WorkerInfo, referral_id: int, *, opening: bool = False) -> ReferralDetail:
        """One referral with its status history and chases; ``opening``: audit the opening."""
        with self.database.reading():
            detail = self._detail(referral_id, actor)
        if opening:
            opened(
                self.database,
                actor,
                "referral",
                case_id=detail.summary.case_id,
                record_id=referral_id,
            )
        return detail

    @guarded(Access.READ, "case_id")
    def consents(
        self, actor: WorkerInfo, case_id: int, on: date | None = None, *, recipient: str = ""
    ) -> list[tuple[str, str, bool]]:
        """The case's consents in force ``on`` (today) as (label, id, whether it names
        ``recipient``), for a form's choices: those naming the recipient first."""
        current = self.consent.current(actor, case_id, on)  # newest given first
        ordered = sorted(current, key=lambda c: not names(c, recipient))
        return [(sharing.consent_label(c), str(c.id), names(c, recipient)) for c in ordered]

    def _detail(self, referral_id: int, actor: WorkerInfo) -> ReferralDetail:
        row = get_row(Referral, referral_id, "referral")
        [line] = rows.summaries([row], self.chase_limit)
        [read_only] = refusals(actor, row.case_id, Access.WRITE)
        if not read_only and Case.get_by_id(row.case_id).status == "closed":
            read_only = "The case is closed; reopen it to change its referrals."
        return ReferralDetail(
            summary=line,
            agency_contact=row.agency_contact,
            reason=row.reason,
            shared=row.shared,
            consent_id=row.consent_id,
            consent_text=sharing.consent_text(row.consent_id),
            lawful_reason=row.lawful_reason,
            accompanied_by=row.accompanied_by,
            outcome=row.outcome,
            created_by=worker_names([row.created_by_id]).get(row.created_by_id, ""),
            history=rows.history(referral_id),
            chases=rows.chase_list(referral_id),
            next_statuses=allowed_next(row.status),
            chase_limit=self.chase_limit,
            read_only=read_only,
            earlier=versions.earlier(referral_id),
        )

    # -- writing -------------------------------------------------------------------------

    @guarded(Access.WRITE, "case_id")
    def create(
        self, actor: WorkerInfo, case_id: int, data: dict[str, Any], *, dayfirst: bool = True
    ) -> ReferralDetail:
        """Make a referral, drafted or sent. Sent, it needs a current consent or the lawful
        reason, logs the sharing and writes the chronology entry.

        Raises InvalidInput by field ("agency", "reason", "shared", "consent_id", ...)."""
        from store.common.validation import validate
        from store.referrals.input import ReferralInput

        new: ReferralInput = validate(ReferralInput, data, dayfirst=dayfirst)
        assert new.referred_on is not None
        with self.database.writing():
            case = open_case(case_id, CLOSED_CHANGE)
            start = case.allocated_on or case.opened_on
            if new.referred_on < start:
                raise InvalidInput(
                    {
                        "referred_on": "A referral can't be made before the case was opened "
                        f"({dates.format_date(start)})."
                    }
                )
            agency, contact = new.agency, new.agency_contact
            if new.service_id is not None:
                agency, contact = sharing.service_named(new.service_id, agency, contact)
            sending = new.status == SENT
            if sending:
                sharing.check(case_id, new.consent_id, new.lawful_reason, new.referred_on)
            now = utcnow()
            row = Referral.create(
                case=case_id,
                service=new.service_id,
                agency=agency,
                agency_contact=contact,
                referred_on=new.referred_on,
                reason=new.reason,
                urgency=new.urgency,
                shared=new.shared,
                consent=new.consent_id if sending else None,
                lawful_reason=new.lawful_reason if sending else "",
                status=new.status,
                status_on=new.referred_on,
                sent_on=new.referred_on if sending else None,
                created_at=now,
                created_by=actor.id,
                updated_at=now,
            )
            ReferralStatusChange.create(
                referral=row.id,
                status=new.status,
                changed_on=new.referred_on,
                created_at=now,
                created_by=actor.id,
            )
            if sending:
                self._sent(actor, row)
            act(actor, "referral-added", case_id, "referral", row.id, detail=new.status)
            return self._detail(row.id, actor)

    @guarded(Access.WRITE, "referral_id", of="referral")
    def edit(
        self,
        actor: WorkerInfo,
        referral_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> ReferralDetail:
        """Correct the referral's details: the contact, the reason, the urgency, what is shared,
        and while it is a draft to whom and the date. What it said before is kept as written
        (``referral_version``). Once sent it went to another agency as it was: whom it went to
        and when stay as they were, and the edit is an amendment needing its reason (``why``).
        Raises InvalidInput by field, Conflict from an old version."""
        from store.common.validation import validate
        from store.referrals.input import EditInput

        new: EditInput = validate(EditInput, data, dayfirst=dayfirst)
        assert new.referred_on is not None
        with self.database.writing():
            row = get_row(Referral, referral_id, "referral")
            if row.version != version:
                raise versions.edit_refused(row)
            case = open_case(row.case_id, CLOSED_CHANGE)
            drafted = row.status == DRAFTED and row.sent_on is None
            values: dict[str, Any] = {
                "agency_contact": new.agency_contact,
                "reason": new.reason,
                "urgency": new.urgency,
                "shared": new.shared,
            }
            if drafted:
                start = case.allocated_on or case.opened_on
                if new.referred_on < start:
                    raise InvalidInput(
                        {
                            "referred_on": "A referral can't be made before the case was opened "
                            f"({dates.format_date(start)})."
                        }
                    )
                values.update(
                    agency=new.agency, referred_on=new.referred_on, status_on=new.referred_on
                )
            else:
                sent = (
                    f"sent to {row.agency} on {dates.format_date(row.sent_on)}"
                    if row.sent_on is not None
                    else row.status  # a draft withdrawn: finished as it was
                )
                if new.agency != row.agency:
                    raise InvalidInput(
                        {"agency": f"It was {sent}; a referral to another agency is a new one."}
                    )
                if new.referred_on != row.referred_on:
                    raise InvalidInput({"referred_on": f"It was {sent}; that date stays."})
                if not new.why:
                    raise InvalidInput(
                        {"why": "It was sent: say why it is changed (the earlier version is kept)."}
                    )
            if all(getattr(row, name) == value for name, value in values.items()):
                raise InvalidInput({"form": "Nothing was changed."})
            if values.get("agency", row.agency) != row.agency:
                values["service"] = None  # typed now, no longer the directory's name
            now = utcnow()
            versions.keep(row, actor.id, new.why, now)
            values.update(version=row.version + 1, updated_at=now)
            Referral.update(**values).where(
                Referral.id == referral_id, Referral.version == version
            ).execute()
            # Once sent, more shared with the agency is disclosed anew: logged as such, under
            # what it was sent under (which stays as it was).
            more = sharing.newly_shared(row.shared, new.shared) if row.sent_on else ""
            if more:
                sharing.log_more(actor, row, more)
            act(actor, "referral-edited", row.case_id, "referral", referral_id)
            return self._detail(referral_id, actor)

    @guarded(Access.WRITE, "referral_id", of="referral")
    def change_status(
        self,
        actor: WorkerInfo,
        referral_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> ReferralDetail:
        """Move the referral to its next status (one of ``next_statuses``), dated, with a note:
        the appointment when booking, what came of it at an outcome, and a consent or the
        lawful reason when sending. Raises InvalidInput by field, Conflict from an old version."""
        from store.common.validation import validate
        from store.referrals.input import StatusInput

        new: StatusInput = validate(StatusInput, data, dayfirst=dayfirst)
        assert new.changed_on is not None
        with self.database.writing():
            row = get_row(Referral, referral_id, "referral")
            if row.version != version:
                raise self._refused(row)
            open_case(row.case_id, CLOSED_CHANGE)
            if new.status not in allowed_next(row.status):
                onward = ", ".join(allowed_next(row.status))
                raise InvalidInput(
                    {
                        "status": f"A referral {row.status} can't become {new.status}"
                        + (f"; it can become {onward}." if onward else "; it is finished.")
                    }
                )
            if new.changed_on < row.status_on:
                raise InvalidInput(
                    {
                        "changed_on": "It was "
                        f"{row.status} on {dates.format_date(row.status_on)}; "
                        "the change can't be dated before that."
                    }
                )
            values: dict[str, Any] = {
                "status": new.status,
                "status_on": new.changed_on,
                "version": row.version + 1,
                "updated_at": utcnow(),
            }
            if new.status == SENT:
                sharing.check(row.case_id, new.consent_id, new.lawful_reason, new.changed_on)
                values.update(
                    sent_on=new.changed_on,
                    consent=new.consent_id,
                    lawful_reason=new.lawful_reason,
                )
            if new.status in RESPONSES:
                last = row.last_response_on
                values["last_response_on"] = max(last, new.changed_on) if last else new.changed_on
            if new.status == BOOKED:
                assert new.appointment_at is not None
                values["appointment_at"] = dates.to_utc(new.appointment_at).replace(tzinfo=None)
            if new.accompanied_by or new.status == BOOKED:
                values["accompanied_by"] = new.accompanied_by
            if new.status in OUTCOMES:
                values["outcome"] = new.outcome
                values["next_chase_on"] = None
            Referral.update(**values).where(
                Referral.id == referral_id, Referral.version == version
            ).execute()
            ReferralStatusChange.create(
                referral=referral_id,
                status=new.status,
                previous=row.status,
                changed_on=new.changed_on,
                note=new.note,
                created_at=utcnow(),
                created_by=actor.id,
            )
            row = Referral.get_by_id(referral_id)
            if new.status == SENT:
                self._sent(actor, row)
            elif new.status in OUTCOMES and row.sent_on is not None:
                self._finished(actor, row, new.note)
            rows.count_to_escalate(row.case_id, self.chase_limit)
            act(actor, "referral-status", row.case_id, "referral", referral_id, detail=new.status)
            return self._detail(referral_id, actor)

    @guarded(Access.WRITE, "referral_id", of="referral")
    def chase(
        self, actor: WorkerInfo, referral_id: int, data: dict[str, Any], *, dayfirst: bool = True
    ) -> ReferralDetail:
        """Record an attempt to get an answer, and when to chase next. A chase that was a
        response starts the count of unanswered chases again."""
        from store.common.validation import validate
        from store.referrals.input import ChaseInput

        new: ChaseInput = validate(ChaseInput, data, dayfirst=dayfirst)
        assert new.chased_on is not None
        with self.database.writing():
            row = get_row(Referral, referral_id, "referral")
            open_case(row.case_id, CLOSED_CHANGE)
            if row.status not in CHASED:
                raise InvalidInput(
                    {"form": f"This referral is {row.status}: only one waiting is chased."}
                )
            if row.sent_on is not None and new.chased_on < row.sent_on:
                raise InvalidInput(
                    {
                        "chased_on": "It was sent on "
                        f"{dates.format_date(row.sent_on)}; a chase can't come before that."
                    }
                )
            now = utcnow()
            chase = ReferralChase.create(
                referral=referral_id,
                chased_on=new.chased_on,
                method=new.method,
                contacted=new.contacted,
                said=new.said,
                responded=new.responded,
                next_chase_on=new.next_chase_on,
                created_at=now,
                created_by=actor.id,
            )
            values: dict[str, Any] = {"next_chase_on": new.next_chase_on, "updated_at": now}
            if new.responded:
                last = row.last_response_on
                values["last_response_on"] = max(last, new.chased_on) if last else new.chased_on
            Referral.update(**values).where(Referral.id == referral_id).execute()
            rows.count_to_escalate(row.case_id, self.chase_limit)
            act(actor, "referral-chased", row.case_id, "referral", chase.referral_id)
            return self._detail(referral_id, actor)

    # -- helpers (inside the write transaction) ------------------------------------------

    def _sent(self, actor: WorkerInfo, row: Any) -> None:
        """Log the sharing and write the chronology entry of a referral sent."""
        sharing.log(actor, row)
        under = (
            f"Shared under consent: {sharing.consent_text(row.consent_id)}."
            if row.consent_id
            else f"Shared without consent: {row.lawful_reason}"
        )
        details = "\n\n".join(
            part
            for part in (
                f"Urgency: {row.urgency}.",
                f"Reason: {row.reason}",
                f"Information shared: {row.shared}",
                under,
            )
            if part
        )
        rows.chronology_entry(
            row.case_id, row.sent_on, f"Referral sent to {row.agency}", details, row.id, actor
        )

    def _finished(self, actor: WorkerInfo, row: Any, note: str) -> None:
        details = row.outcome + (f"\n\n{note}" if note else "")
        rows.chronology_entry(
            row.case_id,
            row.status_on,
            f"Referral to {row.agency} {row.status}",
            details,
            row.id,
            actor,
        )

    def _refused(self, row: Any) -> Exception:
        last = (
            ReferralStatusChange.select()
            .where(ReferralStatusChange.referral == row.id)
            .order_by(ReferralStatusChange.id.desc())
            .first()
        )
        who = worker_names([last.created_by_id]).get(last.created_by_id, "") if last else ""
        return rows.referral_refused(row, who, last.created_at if last else None)


def get_row_case(case_id: int) -> None:
    """NotFound unless the case exists (a guarded call has checked it; this is for reading)."""
    if not Case.select().where(Case.id == case_id).exists():
        raise NotFound(f"No case with id {case_id}.")
