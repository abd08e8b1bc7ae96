"""What a referral shares, and under what: the client's current consents (``store.consent``),
the lawful reason to share without one, the sharing logged, and a directory service's name
(``store.resources``). Called inside the referral's transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from store.core.errors import InvalidInput
from store.core.records import WorkerInfo

NO_CONSENT = (
    "The client has no current consent to share with them: choose one, or give the lawful "
    "reason to share without it (e.g. safeguarding, a court order)."
)


def consent_choices(actor: WorkerInfo, case_id: int) -> list[tuple[str, str]]:
    """The client's current consents as (label, id)."""
    return []


def consent_text(consent_id: int | None) -> str:
    """A consent in words, for the referral and its chronology entry."""
    return "" if consent_id is None else f"consent {consent_id}"


def check(
    actor: WorkerInfo, case_id: int, consent_id: int | None, lawful_reason: str, on: date
) -> None:
    """InvalidInput unless the referral is sent under one of the client's consents current
    ``on``, or with the lawful reason to share without one."""
    if consent_id is None and not lawful_reason:
        raise InvalidInput({"consent_id": NO_CONSENT})


def log(actor: WorkerInfo, row: Any) -> None:
    """Log the referral's sending in the case's information-sharing log."""


def service_named(actor: WorkerInfo, service_id: int, agency: str, contact: str) -> tuple[str, str]:
    """The name and contact of a directory service (what was typed, if it says more)."""
    return agency or f"service {service_id}", contact
