"""What referrals share: statuses and the moves between them, the choices forms offer, the
limits of typed text (no database, no pydantic, so the operations and the input models can
both import it)."""

from __future__ import annotations

DRAFTED = "drafted"
SENT = "sent"
ACKNOWLEDGED = "acknowledged"
ACCEPTED = "accepted"
BOOKED = "appointment booked"
DECLINED = "declined"
WITHDRAWN = "withdrawn"
COMPLETED = "completed"

STATUSES: tuple[str, ...] = (
    DRAFTED,
    SENT,
    ACKNOWLEDGED,
    ACCEPTED,
    BOOKED,
    DECLINED,
    WITHDRAWN,
    COMPLETED,
)
# Where a referral can go from each status. A booked appointment may be booked again (moved).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DRAFTED: (SENT, WITHDRAWN),
    SENT: (ACKNOWLEDGED, ACCEPTED, BOOKED, DECLINED, WITHDRAWN),
    ACKNOWLEDGED: (ACCEPTED, BOOKED, DECLINED, WITHDRAWN),
    ACCEPTED: (BOOKED, COMPLETED, DECLINED, WITHDRAWN),
    BOOKED: (BOOKED, COMPLETED, DECLINED, WITHDRAWN),
    DECLINED: (),
    WITHDRAWN: (),
    COMPLETED: (),
}
# The outcomes: a referral there is finished, and what came of it is written down.
OUTCOMES = (COMPLETED, DECLINED, WITHDRAWN)
# A status the agency reaches only by answering: the answer counts as a response.
RESPONSES = (ACKNOWLEDGED, ACCEPTED, BOOKED, DECLINED, COMPLETED)
# Waiting on the agency: the statuses a referral is chased in, and may be escalated from.
CHASED = (SENT, ACKNOWLEDGED, ACCEPTED, BOOKED)
ESCALATED_IN = (SENT, ACKNOWLEDGED, ACCEPTED)

URGENCIES: tuple[str, ...] = ("routine", "soon", "urgent")
CHASE_METHODS: tuple[str, ...] = ("phone", "email", "letter", "in person", "other")

INCOMING_DECISIONS: tuple[str, ...] = ("allocated", "signposted", "no further action")
INCOMING_SOURCES: tuple[str, ...] = (
    "self",
    "family or friend",
    "GP or health",
    "hospital",
    "school",
    "police",
    "housing",
    "another agency",
    "other",
)

# Chased this many times with no response, a referral is marked for escalation (configurable:
# ``referral_chase_limit``).
DEFAULT_CHASE_LIMIT = 3

NAME_MAX = 200
CONTACT_MAX = 300
REASON_MAX = 5_000
SHARED_MAX = 2_000
LAWFUL_MAX = 500
NOTE_MAX = 2_000
OUTCOME_MAX = 2_000
SAID_MAX = 2_000
ESCORT_MAX = 200

CHRONOLOGY_CATEGORY = "referral"
CLOSED_CHANGE = "change its referrals"  # "Case X is closed; reopen it to ..."


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses a referral may move to from ``status``."""
    return TRANSITIONS.get(status, ())


def is_final(status: str) -> bool:
    return status in OUTCOMES
