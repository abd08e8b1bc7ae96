"""The demo's corrected referrals: some referrals sent had a detail put right afterwards (the
urgency raised, the agency's contact named, the reason made fuller), each with why, and what
they said before kept in ``referral_version`` as the app keeps it. Their own random stream, so
the rest of the demo is the same with or without them."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from store.common import dates
from store.referrals.models import Referral, ReferralVersion

SHARE = 8  # about one sent referral in this many was corrected once

CONTACTS = ("Duty desk, ext. 204", "Intake team: J. Patel", "Referrals inbox, reply in 5 days")
FULLER = (
    " The household includes two children under five.",
    " She has no credit on her phone: write, or ring her sister.",
    " The landlord has served notice; the hearing is next month.",
)


def write(rng: random.Random) -> int:
    """Correct some sent referrals once; returns how many."""
    sent = list(
        Referral.select(
            Referral.id,
            Referral.service,
            Referral.agency,
            Referral.agency_contact,
            Referral.referred_on,
            Referral.reason,
            Referral.urgency,
            Referral.shared,
            Referral.status,
            Referral.sent_on,
            Referral.created_by,
            Referral.version,
        )
        .where(Referral.sent_on.is_null(False))
        .order_by(Referral.id)
    )
    versions: list[dict[str, Any]] = []
    for row in sent:
        if rng.randrange(SHARE):
            continue
        change, why = _correction(rng, row)
        assert row.sent_on is not None  # (sent)
        when = row.sent_on + timedelta(days=rng.randint(1, 3))
        at = dates.to_utc(datetime.combine(when, time(15, 10))).replace(tzinfo=None)
        versions.append(
            {
                "referral": row.id,
                "service": row.service_id,
                "agency": row.agency,
                "agency_contact": row.agency_contact,
                "referred_on": row.referred_on,
                "reason": row.reason,
                "urgency": row.urgency,
                "shared": row.shared,
                "status": row.status,
                "why": why,
                "replaced_at": at,
                "replaced_by": row.created_by_id,
            }
        )
        Referral.update(**change, version=row.version + 1).where(Referral.id == row.id).execute()
    for i in range(0, len(versions), 500):
        ReferralVersion.insert_many(versions[i : i + 500]).execute()
    return len(versions)


def _correction(rng: random.Random, row: Any) -> tuple[dict[str, str], str]:
    """One detail put right, and why."""
    kind = rng.choice(("urgency", "contact", "reason"))
    if kind == "urgency" and row.urgency != "urgent":
        return {"urgency": "urgent"}, "Things got worse after it was sent: the agency was told."
    if kind == "contact" or kind == "urgency":
        return (
            {"agency_contact": rng.choice(CONTACTS)},
            "The agency named who deals with it.",
        )
    return {"reason": row.reason + rng.choice(FULLER)}, "Left out when it was first written."
