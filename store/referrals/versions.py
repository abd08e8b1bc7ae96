"""A referral's details corrected after it was made (inside a reading() or writing() block):
what it said before each edit is kept in ``referral_version`` as written, and a save from a
version someone else has moved on is refused with what the referral says now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from store.common.errors import Conflict
from store.core.changes import as_text
from store.core.conflicts import refused
from store.core.rows import worker_names
from store.referrals.models import Referral, ReferralStatusChange, ReferralVersion
from store.referrals.records import ReferralVersionInfo

# The details an edit may change, as the form names them.
DETAILS = ("agency", "agency_contact", "referred_on", "reason", "urgency", "shared")


def earlier(referral_id: int) -> tuple[ReferralVersionInfo, ...]:
    """What the referral said before each edit, oldest first."""
    found = list(
        ReferralVersion.select()
        .where(ReferralVersion.referral == referral_id)
        .order_by(ReferralVersion.id)
    )
    names = worker_names([v.replaced_by_id for v in found])
    return tuple(
        ReferralVersionInfo(
            id=v.id,
            agency=v.agency,
            agency_contact=v.agency_contact,
            referred_on=v.referred_on,
            reason=v.reason,
            urgency=v.urgency,
            shared=v.shared,
            status=v.status,
            why=v.why,
            replaced_at=v.replaced_at,
            replaced_by=names.get(v.replaced_by_id or 0, ""),
        )
        for v in found
    )


@dataclass(frozen=True, slots=True)
class Edited:
    """One detail of a referral changed by an edit, as the case's history shows it."""

    referral_id: int
    agency: str  # whom the referral is to now
    field: str  # one of DETAILS
    was: str | None  # as RecordChange keeps a value (dates as ISO)
    now: str | None
    changed_by: str
    changed_at: datetime  # naive UTC
    why: str  # the reason given ("" for a draft's edit)


def edits(case_id: int) -> list[Edited]:
    """Every detail the edits of the case's referrals changed, each from what it said before
    the edit to what the next one (or the referral now) says, with who, when and why."""
    kept = list(
        ReferralVersion.select()
        .join(Referral, on=(ReferralVersion.referral == Referral.id))
        .where(Referral.case == case_id)
        .order_by(ReferralVersion.referral, ReferralVersion.id)  # each referral's in turn
    )
    if not kept:
        return []
    now = {r.id: r for r in Referral.select().where(Referral.id.in_({v.referral_id for v in kept}))}
    names = worker_names([v.replaced_by_id for v in kept])
    found: list[Edited] = []
    for before, following in zip(kept, [*kept[1:], None], strict=True):
        referral = now[before.referral_id]
        # What the edit made of it: the next edit's "before", or the referral as it is now.
        same = following is not None and following.referral_id == referral.id
        then = following if same else referral
        found += [
            Edited(
                referral_id=referral.id,
                agency=referral.agency,
                field=name,
                was=as_text(getattr(before, name)),
                now=as_text(getattr(then, name)),
                changed_by=names.get(before.replaced_by_id or 0, ""),
                changed_at=before.replaced_at,
                why=before.why,
            )
            for name in DETAILS
            if getattr(before, name) != getattr(then, name)
        ]
    return found


def keep(row: Any, actor_id: int, why: str, now: datetime) -> None:
    """Keep what the referral ``row`` says now, before an edit replaces it."""
    ReferralVersion.create(
        referral=row.id,
        service=row.service_id,
        agency=row.agency,
        agency_contact=row.agency_contact,
        referred_on=row.referred_on,
        reason=row.reason,
        urgency=row.urgency,
        shared=row.shared,
        status=row.status,
        why=why,
        replaced_at=now,
        replaced_by=actor_id,
    )


def edit_refused(row: Any) -> Conflict:
    """An edit sent from an old version: who changed the referral last (an edit or a move of
    its status), when, and its details as they are now."""
    # The edit first: at the same instant, an edit is taken for the latest change.
    changes: list[tuple[datetime, int | None]] = [
        (v.replaced_at, v.replaced_by_id)
        for v in ReferralVersion.select()
        .where(ReferralVersion.referral == row.id)
        .order_by(ReferralVersion.id.desc())
        .limit(1)
    ]
    changes += [
        (c.created_at, c.created_by_id)
        for c in ReferralStatusChange.select()
        .where(ReferralStatusChange.referral == row.id)
        .order_by(ReferralStatusChange.id.desc())
        .limit(1)
    ]
    at, who_id = max(changes, key=lambda c: c[0]) if changes else (None, None)
    who = worker_names([who_id]).get(who_id, "") if who_id is not None else ""
    return refused(
        "this referral",
        changed_by=who,
        changed_at=at,
        current={name: getattr(row, name) for name in DETAILS},
        version=row.version,
    )
