"""What a consent may say, and how it stands on a given day."""

from __future__ import annotations

from datetime import date

from store.common.reminders import consent_flag as consent_flag  # the rule's home
from store.common.settings import DEFAULT_CONSENT_EXPIRING_DAYS
from store.consent.records import ConsentStatus

# Who may give consent for the client, and how it may be given (in the order offered).
GIVEN_BY: tuple[str, ...] = ("client", "parent", "guardian", "attorney")
HOW: tuple[str, ...] = ("written", "verbal", "recorded")
# Where a sharing event comes from.
SOURCES: tuple[str, ...] = ("referral", "export")
# A consent due for review or expiry within this many days is flagged (Config overrides it).
DEFAULT_EXPIRING_DAYS = DEFAULT_CONSENT_EXPIRING_DAYS

WHAT_MAX = 500
# What a line of the sharing log says was shared: as long as a referral's "what is shared"
# (store.referrals.rules.SHARED_MAX), whose sending it logs.
LOGGED_MAX = 2_000
RECIPIENT_MAX = 200
PURPOSE_MAX = 500
REASON_MAX = 500


def status_on(
    given_on: date,
    expires_on: date | None,
    withdrawn_on: date | None,
    on: date,
    expiring_days: int = DEFAULT_EXPIRING_DAYS,
) -> ConsentStatus:
    """How a consent stands on the day ``on``. A consent is in force on the day it is given
    and on its expiry day itself (an expiry today is "expiring", tomorrow "expired")."""
    if withdrawn_on is not None and withdrawn_on <= on:
        return ConsentStatus.WITHDRAWN
    if given_on > on:
        return ConsentStatus.NOT_YET
    if expires_on is not None:
        if expires_on < on:
            return ConsentStatus.EXPIRED
        if (expires_on - on).days <= expiring_days:
            return ConsentStatus.EXPIRING
    return ConsentStatus.CURRENT
