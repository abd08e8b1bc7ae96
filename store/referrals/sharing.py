"""What a referral shares, and under what: one of the client's consents in force the day it is
sent (``store.consent``), or the lawful reason to share without one; the sharing logged in the
case's information-sharing log; and a directory service's name and contact
(``store.resources``). Called inside the referral's transaction."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from store.common import dates
from store.common.errors import InvalidInput
from store.common.records import WorkerInfo
from store.common.textsafe import fold
from store.consent.models import Consent
from store.consent.records import IN_FORCE
from store.consent.rules import status_on
from store.consent.service import record_sharing
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


# What separates the pieces of information a referral lists as shared: "Name, address and
# phone; the case summary".
_BETWEEN = re.compile(r"[,;\n]|\band\b", re.IGNORECASE)


def _pieces(text: str) -> list[str]:
    return [p for p in (part.strip(" .\t") for part in _BETWEEN.split(text)) if p]


def newly_shared(before: str, after: str) -> str:
    """What ``after`` says is shared that ``before`` did not: the pieces of it (between
    commas, semicolons, "and" and line ends) that were not among the earlier ones, as typed,
    case and accents ignored; "" when it shares nothing new (a piece taken out, or put in
    another order)."""
    known = {" ".join(fold(p).split()) for p in _pieces(before)}
    new = [p for p in _pieces(after) if " ".join(fold(p).split()) not in known]
    return ", ".join(dict.fromkeys(new))


def log_more(actor: WorkerInfo, row: Any, more: str) -> None:
    """Log ``more`` (``newly_shared``) shared with the agency of the referral ``row`` after
    it was sent, under the consent or the lawful reason it was sent under: a disclosure of its
    own. InvalidInput (on "shared") if that consent is no longer in force."""
    if row.consent_id is not None:
        consent = Consent.get_or_none(Consent.id == row.consent_id)
        today = dates.today()
        status = (
            status_on(consent.given_on, consent.expires_on, consent.withdrawn_on, today)
            if consent is not None
            else None
        )
        if status not in IN_FORCE:
            raise InvalidInput(
                {
                    "shared": f"It was sent under a consent that is {status or 'gone'} today: "
                    "nothing more can be shared under it. Take out what is added, and share it "
                    "in a new referral."
                }
            )
    record_sharing(
        actor,
        row.case_id,
        recipient=row.agency,
        what=more,
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
