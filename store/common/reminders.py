"""Every rule that says a case needs something doing, in one place: when contact, a summary, a
plan review, an action, a draft, a referral, a consent or a task becomes due and overdue.

The caseload's flags (``store.cases.detail.case_flags``), the team's counts, the case file's
status and record-health lines and the "today" agenda (``store.reminders``) all ask these
functions, so they never disagree. They are pure (dates in, answers out) and live in core so
that every area can use them: ``store.cases`` sits below ``store.reminders``, which reads them all.

A rule answers with the day a thing falls due; whether that is overdue, today, this week or
later is ``bucket``'s one comparison. Overdue means the due day has passed: a thing due today is
not yet overdue.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from store.common import dates
from store.common.records import CaseStatus
from store.common.settings import DEFAULT_CONSENT_EXPIRING_DAYS

# A note at least weekly is the practice standard; past this a case is flagged
# (``contact_overdue_days`` in the config file).
DEFAULT_CONTACT_OVERDUE_DAYS = 7
# A case allocated this recently is "new" on the caseload.
NEW_CASE_DAYS = 14
# The summary is brought up to date every three months (``summary_max_age_months``).
DEFAULT_SUMMARY_MAX_AGE_MONTHS = 3
# "This week": due within this many days after today.
WEEK_DAYS = 7
# "Later": a dated task or action due within this many days; beyond, it waits in its case.
HORIZON_DAYS = 28


class Bucket(StrEnum):
    """Where an item falls on the agenda."""

    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "this week"
    LATER = "later"


BUCKETS: tuple[Bucket, ...] = (Bucket.OVERDUE, Bucket.TODAY, Bucket.WEEK, Bucket.LATER)


def bucket(due_on: date, today: date) -> Bucket:
    """Overdue (the due day has passed), today, this week (within ``WEEK_DAYS``) or later."""
    if due_on < today:
        return Bucket.OVERDUE
    if due_on == today:
        return Bucket.TODAY
    if (due_on - today).days <= WEEK_DAYS:
        return Bucket.WEEK
    return Bucket.LATER


def overdue(due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on < today


def days_late(due_on: date, today: date) -> int:
    return (today - due_on).days


def contact_due_on(
    last_contact_at: datetime | None,
    allocated_on: date | None,
    days: int = DEFAULT_CONTACT_OVERDUE_DAYS,
) -> date | None:
    """The last day a note is due by: ``days`` after the last contact (or the allocation, for
    a case with none yet); overdue from the day after. None when neither is known."""
    last = dates.to_local(last_contact_at).date() if last_contact_at else None
    since = last or allocated_on
    return None if since is None else since + timedelta(days=days)


def summary_due_on(
    written_at: datetime | None,
    opened_on: date,
    months: int = DEFAULT_SUMMARY_MAX_AGE_MONTHS,
) -> date:
    """The day the case summary is due again: ``months`` after it was last written (naive UTC),
    or after the case was opened when none has been written."""
    since = dates.to_local(written_at).date() if written_at else opened_on
    return dates.add_interval(since, months=months)


def summary_months_old(written_at: datetime, today: date) -> int:
    """Whole months since the summary was written."""
    written = dates.to_local(written_at).date()
    months = (today.year - written.year) * 12 + today.month - written.month
    return months - (1 if today.day < written.day else 0)


def consent_flag(consent_due_on: date | None, today: date, expiring_days: int) -> str:
    """What a case's status line says of its consents: "consent expired" (one not withdrawn
    is past its review or expiry date), "consent expiring" (within ``expiring_days``), or ""."""
    if consent_due_on is None:
        return ""
    if consent_due_on < today:
        return "consent expired"
    if (consent_due_on - today).days <= expiring_days:
        return "consent expiring"
    return ""


def consent_shows_on(consent_due_on: date, expiring_days: int) -> date:
    """The first day an expiring consent is flagged."""
    return consent_due_on - timedelta(days=expiring_days)


def is_new(allocated_on: date | None, today: date) -> bool:
    return allocated_on is not None and (today - allocated_on).days <= NEW_CASE_DAYS


def case_flags(
    status: str,
    allocated_on: date | None,
    last_contact_at: datetime | None,
    next_review_on: date | None,
    today: date,
    next_action_due_on: date | None = None,
    *,
    consent_due_on: date | None = None,
    consent_days: int = DEFAULT_CONSENT_EXPIRING_DAYS,
    to_escalate: int = 0,
    contact_days: int = DEFAULT_CONTACT_OVERDUE_DAYS,
) -> tuple[str, ...]:
    """Short flags for a caseload row, most urgent first: "review" (the plan's review is
    overdue), "actions" (a conference action is overdue), "contact" (no note for over
    ``contact_days``), "escalate" (a referral was chased unanswered ``referral_chase_limit``
    times), "consent" (a consent expired or expires within ``consent_days``), "new"."""
    if status == CaseStatus.CLOSED:
        return ()
    flags: list[str] = []
    if overdue(next_review_on, today):
        flags.append("review")
    if overdue(next_action_due_on, today):
        flags.append("actions")
    if status == CaseStatus.OPEN and overdue(
        contact_due_on(last_contact_at, allocated_on, contact_days), today
    ):
        flags.append("contact")
    if to_escalate:
        flags.append("escalate")
    if consent_flag(consent_due_on, today, consent_days):
        flags.append("consent")
    if status == CaseStatus.OPEN and is_new(allocated_on, today):
        flags.append("new")
    return tuple(flags)
