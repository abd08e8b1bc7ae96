"""What a referral shares, and under what: one of the client's consents in force the day it is
sent (``store.consent``), or the lawful reason to share without one; the sharing logged in the
case's information-sharing log; and a directory service's name and contact
(``store.resources``). Called inside the referral's transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from store.consent.models import Consent
from store.consent.records import IN_FORCE
from store.consent.rules import status_on
from store.consent.service import record_sharing
from store.core import dates
from store.core.errors import InvalidInput
from store.core.records import WorkerInfo
from store.resources.models import ResourceOrganisation, ResourceService

NO_CONSENT = (
    "The client has no consent in force to share this: choose one, or give the lawful reason "
    "to share without it (e.g. safeguarding, a court order)."
)


def consent_label(row: Any) -> str:
    until = f", until {dates.format_date(row.expires_on)}" if row.expires_on else ""
    return f"{row.share_what} with {row.recipient} (given {dates.format_date(row.given_on)}{until})"


def consent_text(consent_id: int | None) -> str:
    """A consent in words, for the referral and its chronology entry ("" for none)."""
    if consent_id is None:
        return ""
    row = Consent.get_or_none(Consent.id == consent_id)
    return f"consent {consent_id}" if row is None else consent_label(row)


def check(case_id: int, consent_id: int | None, lawful_reason: str, on: date) -> None:
    """InvalidInput unless the referral is sent ``on`` under one of the case's consents in
    force that day, or with the lawful reason to share without one."""
    if consent_id is None:
        if not lawful_reason:
            raise InvalidInput({"consent_id": NO_CONSENT})
        return
    row = Consent.get_or_none(Consent.id == consent_id)
    if row is None or row.case_id != case_id:
        raise InvalidInput({"consent_id": "That is not one of this client's consents."})
    status = status_on(row.given_on, row.expires_on, row.withdrawn_on, on)
    if status not in IN_FORCE:
        raise InvalidInput(
            {
                "consent_id": f"That consent was not in force on {dates.format_date(on)} "
                f"({status}): choose another, or give the lawful reason."
            }
        )


def log(actor: WorkerInfo, row: Any) -> None:
    """Log the referral's sending in the case's information-sharing log."""
    record_sharing(
        actor,
        row.case_id,
        recipient=row.agency,
        what=row.shared,
        consent_id=row.consent_id,
        lawful_reason="" if row.consent_id else row.lawful_reason,
        source="referral",
        source_id=row.id,
    )


def service_named(service_id: int, agency: str, contact: str) -> tuple[str, str]:
    """Whom a referral to a directory service is to: "service, organisation", and its phone
    and email unless a contact was typed. InvalidInput if it is gone from the directory."""
    row = (
        ResourceService.select(ResourceService, ResourceOrganisation)
        .join(ResourceOrganisation)
        .where(ResourceService.id == service_id)
        .first()
    )
    if row is None:
        raise InvalidInput({"agency": f"No directory service with id {service_id}."})
    if row.withdrawn_at is not None:
        raise InvalidInput(
            {"agency": f"{row.name} is no longer in the directory; type the agency instead."}
        )
    name = agency or f"{row.name}, {row.organisation.name}"
    found = ", ".join(p for p in (row.phone, row.email) if p)
    return name, contact or found
