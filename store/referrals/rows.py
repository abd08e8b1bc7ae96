"""Reading referrals into records, and what the writes share (inside a reading() or writing()
block): how long a referral has waited, how often it was chased unanswered, and the case's
count of referrals to escalate kept for the caseload."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from store.common import dates
from store.common.errors import Conflict
from store.common.records import WorkerInfo
from store.core.conflicts import refused
from store.core.models import Case, ChronologyEntry, utcnow
from store.core.rows import current_allocation_id, worker_names
from store.referrals.models import IncomingReferral, Referral, ReferralChase, ReferralStatusChange
from store.referrals.records import (
    ChaseInfo,
    IncomingInfo,
    ReferralSummary,
    StatusChangeInfo,
)
from store.referrals.rules import (
    CHRONOLOGY_CATEGORY,
    ESCALATED_IN,
    OUTCOMES,
    RESPONSES,
)

TITLE_MAX = 120  # a chronology entry's title


def unanswered(chases: Sequence[Any], answered_on: date | None) -> int:
    """Chases since the agency last answered: a chase that was a response starts the count
    again, and so does a status only an answer reaches (dated ``answered_on``)."""
    count = 0
    for chase in sorted(chases, key=lambda c: (c.chased_on, c.id)):
        if chase.responded:
            count = 0
        elif answered_on is None or chase.chased_on > answered_on:
            count += 1
    return count


def summary(
    row: Any,
    chases: Sequence[Any],
    answered_on: date | None,
    limit: int,
    today: date,
) -> ReferralSummary:
    """A referral's line, from its row, its chases and when a status last said it was answered."""
    waited = None
    if row.sent_on is not None:
        end = row.status_on if row.status in OUTCOMES else today
        waited = max(0, (end - row.sent_on).days)
    since_response = None
    if row.last_response_on is not None and row.status not in OUTCOMES:
        since_response = max(0, (today - row.last_response_on).days)
    sent = [c for c in chases if row.sent_on is None or c.chased_on >= row.sent_on]
    open_chases = unanswered(sent, answered_on)
    return ReferralSummary(
        id=row.id,
        case_id=row.case_id,
        agency=row.agency,
        service_id=row.service_id,
        referred_on=row.referred_on,
        urgency=row.urgency,
        status=row.status,
        status_on=row.status_on,
        sent_on=row.sent_on,
        days_waited=waited,
        days_since_response=since_response,
        chases=len(sent),
        unanswered_chases=open_chases,
        next_chase_on=row.next_chase_on if row.status not in OUTCOMES else None,
        escalate=row.status in ESCALATED_IN and open_chases >= limit,
        appointment_at=row.appointment_at,
        version=row.version,
    )


def summaries(rows: Sequence[Any], limit: int) -> list[ReferralSummary]:
    """Lines for these referrals, with two more queries whatever their number."""
    ids = [r.id for r in rows]
    chases: dict[int, list[Any]] = {i: [] for i in ids}
    answered: dict[int, date] = {}
    if ids:
        for chase in ReferralChase.select().where(ReferralChase.referral.in_(ids)):
            chases[chase.referral_id].append(chase)
        for change in ReferralStatusChange.select().where(
            ReferralStatusChange.referral.in_(ids) & ReferralStatusChange.status.in_(RESPONSES)
        ):
            seen = answered.get(change.referral_id)
            if seen is None or change.changed_on > seen:
                answered[change.referral_id] = change.changed_on
    today = dates.today()
    return [summary(r, chases[r.id], answered.get(r.id), limit, today) for r in rows]


def history(referral_id: int) -> tuple[StatusChangeInfo, ...]:
    rows = list(
        ReferralStatusChange.select()
        .where(ReferralStatusChange.referral == referral_id)
        .order_by(ReferralStatusChange.changed_on, ReferralStatusChange.id)
    )
    names = worker_names(r.created_by_id for r in rows)
    return tuple(
        StatusChangeInfo(
            id=r.id,
            status=r.status,
            previous=r.previous,
            changed_on=r.changed_on,
            note=r.note,
            by=names.get(r.created_by_id or 0, ""),
            created_at=r.created_at,
        )
        for r in rows
    )


def chase_list(referral_id: int) -> tuple[ChaseInfo, ...]:
    rows = list(
        ReferralChase.select()
        .where(ReferralChase.referral == referral_id)
        .order_by(ReferralChase.chased_on, ReferralChase.id)
    )
    names = worker_names(r.created_by_id for r in rows)
    return tuple(
        ChaseInfo(
            id=r.id,
            chased_on=r.chased_on,
            method=r.method,
            contacted=r.contacted,
            said=r.said,
            responded=bool(r.responded),
            next_chase_on=r.next_chase_on,
            by=names.get(r.created_by_id or 0, ""),
        )
        for r in rows
    )


def incoming_info(row: Any) -> IncomingInfo:
    return IncomingInfo(
        id=row.id,
        case_id=row.case_id,
        source=row.source,
        referrer=row.referrer,
        referrer_contact=row.referrer_contact,
        reason=row.reason,
        received_on=row.received_on,
        decision=row.decision,
        decided_on=row.decided_on,
        decision_note=row.decision_note,
        version=row.version,
    )


def incoming_for(case_id: int) -> list[IncomingInfo]:
    return [
        incoming_info(r)
        for r in IncomingReferral.select()
        .where(IncomingReferral.case == case_id)
        .order_by(IncomingReferral.received_on.desc(), IncomingReferral.id.desc())
    ]


def case_referrals(case_id: int) -> list[Any]:
    return list(
        Referral.select()
        .where(Referral.case == case_id)
        .order_by(Referral.referred_on.desc(), Referral.id.desc())
    )


def count_to_escalate(case_id: int, limit: int) -> int:
    """Keep the case's count of referrals to escalate (the caseload's flag) up to date."""
    count = sum(1 for s in summaries(case_referrals(case_id), limit) if s.escalate)
    Case.update(referrals_to_escalate=count).where(Case.id == case_id).execute()
    return count


def chronology_entry(
    case_id: int, on: date, title: str, details: str, referral_id: int, actor: WorkerInfo
) -> None:
    """An automatic chronology entry for a referral sent or finished."""
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1] + "…"
    ChronologyEntry.create(
        case=case_id,
        allocation=current_allocation_id(case_id),
        occurred_on=on,
        category=CHRONOLOGY_CATEGORY,
        title=title,
        details=details,
        source_kind="referral",
        source_id=referral_id,
        created_at=utcnow(),
        created_by=actor.id,
    )


def referral_refused(row: Any, who: str, at: Any) -> Conflict:
    """A status change sent from an old version: who moved it on, and where it stands."""
    return refused(
        "this referral",
        changed_by=who,
        changed_at=at,
        current={
            "status": row.status,
            "changed_on": row.status_on,
            "appointment_at": (
                dates.format_datetime(dates.to_local(row.appointment_at))
                if row.appointment_at
                else ""
            ),
            "accompanied_by": row.accompanied_by,
            "outcome": row.outcome,
        },
        version=row.version,
    )


def incoming_refused(row: Any, who: str, at: Any) -> Conflict:
    info = incoming_info(row)
    return refused(
        "this incoming referral",
        changed_by=who,
        changed_at=at,
        current={
            "source": info.source,
            "referrer": info.referrer,
            "referrer_contact": info.referrer_contact,
            "reason": info.reason,
            "received_on": info.received_on,
            "decision": info.decision,
            "decided_on": info.decided_on,
            "decision_note": info.decision_note,
        },
        version=row.version,
    )


def ids(rows: Iterable[Any]) -> list[int]:
    return [r.id for r in rows]
