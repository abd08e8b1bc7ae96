"""The demo's referrals: how each case came in (incoming referrals, with every decision), and
the referrals its workers made out of it, in every status, with their history, chases (some
chased often enough, unanswered, to escalate) and chronology entries.

Written straight into the tables, as the rest of the demo is, from its own random stream, so
adding it left the rest of a seed's data as it was. Called once from ``generate``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import peewee as pw

from store.common import dates
from store.common.records import CaseStatus
from store.consent.models import Consent, SharingEvent
from store.consent.service import refresh_due
from store.core.models import Allocation, Case, ChronologyEntry, utcnow
from store.core.rows import tuples
from store.referrals.models import IncomingReferral, Referral, ReferralChase, ReferralStatusChange
from store.referrals.rules import (
    ACCEPTED,
    ACKNOWLEDGED,
    BOOKED,
    COMPLETED,
    DECLINED,
    DEFAULT_CHASE_LIMIT,
    DRAFTED,
    OUTCOMES,
    SENT,
    WITHDRAWN,
)
from store.resources.models import ResourceOrganisation, ResourceService

# (agency, contact, why a client is sent there)
AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("Citizens Advice Northside", "0161 496 0330, advice@example.org", "Debt and benefits advice"),
    ("Northside Food Bank", "0161 496 0101", "No money for food until the claim is paid"),
    ("StepChange Debt Charity", "0800 138 1111, online referral", "Priority debts and arrears"),
    ("Talking Therapies (IAPT)", "0161 496 0450, referrals@example.nhs.uk", "Low mood, anxiety"),
    ("Women's Aid outreach", "0161 496 0770", "Domestic abuse: support and safety planning"),
    ("Turning Point", "0161 496 0610", "Alcohol use: assessment and a recovery group"),
    ("Home-Start Northside", "0161 496 0820, office@example.org", "Family support at home"),
    ("Housing Options team", "0161 496 0900, housing.options@example.gov.uk", "Risk of eviction"),
    ("Age UK Northside", "0161 496 0240", "Befriending and a benefits check"),
    ("Jobcentre Plus work coach", "0800 169 0190", "Help back into work"),
)
# Why a client is referred to a directory service, by the service's first category.
SERVICE_REASONS = {
    "Food": "No money for food until the benefit claim is paid",
    "Money": "Priority debts and rent arrears",
    "Housing": "Risk of eviction: a notice seeking possession",
    "Mental health": "Low mood and anxiety since the bereavement",
    "Domestic abuse": "Domestic abuse: support and safety planning",
    "Substance use": "Alcohol use: an assessment and a recovery group",
    "Families": "Family support at home with the new baby",
    "Employment": "Help back into work",
    "Older people": "Isolation: befriending and a benefits check",
    "Carers": "Caring for her mother: a carer's assessment",
    "Legal": "Immigration status: advice before the appeal",
    "Refugees": "New to the area: advice and English classes",
    "Disability": "Help getting about: a Blue Badge",
}
SHARED = (
    "Name, date of birth, address and phone; the reason for referral",
    "Name, address, household size",
    "Name and contact details; a summary of the current concerns",
    "Name, address, GP; the case summary agreed with the client",
)
LAWFUL = (
    "Safeguarding: children at risk of significant harm",
    "Vital interests: risk to life, consent could not be sought in time",
)
CONTACTED = ("Duty desk", "Referrals team", "Intake worker", "Team manager", "Reception")
UNANSWERED = (
    "Voicemail left; no call back",
    "No record of the referral yet; asked to resend it",
    "Told someone would ring back today; nobody did",
    "Email sent; no reply",
    "Line busy all morning",
)
ANSWERED = (
    "Received; on the waiting list, about four weeks",
    "Allocated to a worker, who will call the client this week",
    "Needs the client's signed form before it can go further",
)
OUTCOME_TEXT = {
    COMPLETED: (
        "Attended; a plan agreed with the service, which now supports her directly",
        "Seen twice; the service has closed its part, goals met",
    ),
    DECLINED: (
        "Outside their area: signposted to the team that covers it",
        "Does not meet their criteria (two years' residence needed)",
        "Waiting list closed; try again in three months",
    ),
    WITHDRAWN: (
        "The client no longer wants the referral",
        "Found help elsewhere before it was picked up",
    ),
}
# Every status is made at least once on the demo worker's cases, in this order.
EVERY_STATUS = (SENT, ACKNOWLEDGED, ACCEPTED, BOOKED, DECLINED, WITHDRAWN, COMPLETED, DRAFTED)
PATHS = {
    DRAFTED: (DRAFTED,),
    SENT: (SENT,),
    ACKNOWLEDGED: (SENT, ACKNOWLEDGED),
    ACCEPTED: (SENT, ACKNOWLEDGED, ACCEPTED),
    BOOKED: (SENT, ACCEPTED, BOOKED),
    DECLINED: (SENT, DECLINED),
    WITHDRAWN: (SENT, WITHDRAWN),
    COMPLETED: (SENT, ACCEPTED, BOOKED, COMPLETED),
}
EARLIER_DECISIONS = ("signposted", "no further action")
REFERRERS = (
    ("GP or health", "Dr Amir Khan", "Mill Lane Surgery, 0161 496 0200"),
    ("school", "Ms Joanne Reid, designated lead", "Hillside Primary, 0161 496 0310"),
    ("police", "PC 2231 Lewis", "Northside neighbourhood team, 101"),
    ("housing", "Ben Okoro, housing officer", "0161 496 0900"),
    ("hospital", "Discharge team, ward 7", "General Hospital, 0161 496 0500"),
    ("family or friend", "Her sister", "0161 496 0877"),
    ("another agency", "Early help team", "0161 496 0660"),
    ("self", "", ""),
)
INCOMING_REASONS = (
    "Rent arrears and an eviction notice; struggling to cope since losing her job.",
    "Concerns about the children's attendance and home conditions.",
    "Low mood after discharge from hospital; lives alone with no support nearby.",
    "Repeated calls to the police about arguments at home.",
    "Asked for help with debts and food.",
)


@dataclass
class _Rows:
    referrals: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    chases: list[dict[str, Any]] = field(default_factory=list)
    incoming: list[dict[str, Any]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    shared: list[dict[str, Any]] = field(default_factory=list)
    # The directory's services still listed: (id, name, organisation, first category, phone,
    # email).
    services: list[tuple[int, str, str, str, str, str]] = field(default_factory=list)
    # The consents to referrals, each naming the agency referred to.
    consents: list[dict[str, Any]] = field(default_factory=list)
    next_consent: int = 1
    escalated: dict[int, int] = field(default_factory=dict)


def write(rng: random.Random, today: date, me_id: int | None) -> dict[str, int]:
    """Write the referrals of every case in the database; returns how many of each."""
    cases = list(
        tuples(
            Case.select(
                Case.id, Case.status, Case.worker, Case.allocated_on, Case.opened_on, Case.closed_on
            ).order_by(Case.id)
        )
    )
    allocations: dict[int, list[tuple[int, date, date | None]]] = {}
    for aid, cid, start, end in tuples(
        Allocation.select(
            Allocation.id, Allocation.case, Allocation.allocated_on, Allocation.ended_on
        ).order_by(Allocation.allocated_on, Allocation.id)
    ):
        allocations.setdefault(cid, []).append((aid, start, end))
    rows = _Rows()
    rows.next_consent = (Consent.select(pw.fn.MAX(Consent.id)).scalar() or 0) + 1
    for sid, name, organisation, categories, phone, email in tuples(
        ResourceService.select(
            ResourceService.id,
            ResourceService.name,
            ResourceOrganisation.name,
            ResourceService.categories,
            ResourceService.phone,
            ResourceService.email,
        )
        .join(ResourceOrganisation)
        .where(ResourceService.withdrawn_at.is_null())
        .order_by(ResourceService.id)
    ):
        first = (categories or "").split("\n")[0].strip()
        rows.services.append((sid, name, organisation, first, phone, email))
    made = {"referrals out": 0, "referrals in": 0}
    every = list(EVERY_STATUS)
    decisions = list(EARLIER_DECISIONS)
    next_id = (Referral.select(Referral.id).order_by(Referral.id.desc()).scalar() or 0) + 1
    for cid, status, worker, allocated, opened, closed in cases:
        _incoming(rng, rows, cid, status, allocated or opened, opened, decisions)
        made["referrals in"] += 1
        if status == CaseStatus.REFERRAL.value or allocated is None:
            continue
        # A closed case's referrals were finished before it closed (its closing comes last).
        end = closed - timedelta(days=1) if closed else today
        if end < allocated:
            continue
        mine = worker == me_id
        count = rng.choice((0, 1, 1, 2, 3)) if not mine else rng.choice((1, 2, 2, 3))
        for _ in range(count):
            if status == CaseStatus.CLOSED.value:
                wanted = rng.choice(OUTCOMES)
            elif mine and every:
                wanted = every.pop(0)
            else:
                wanted = rng.choice(EVERY_STATUS)
            _referral(rng, rows, next_id, cid, worker, allocated, end, wanted, allocations)
            next_id += 1
            made["referrals out"] += 1
    _insert(rows)
    for cid in sorted({c["case"] for c in rows.consents}):
        refresh_due(cid)  # the case's earliest consent review date, for its flag
    for cid, count in rows.escalated.items():
        Case.update(referrals_to_escalate=count).where(Case.id == cid).execute()
    made["to escalate"] = sum(rows.escalated.values())
    made["chronology entries"] = len(rows.entries)
    return made


def _incoming(
    rng: random.Random,
    rows: _Rows,
    cid: int,
    status: str,
    allocated: date,
    opened: date,
    decisions: list[str],
) -> None:
    """How the case came in: allocated, or (still a referral) not yet decided; some cases were
    referred before and signposted or closed with no further action then."""
    source, referrer, contact = rng.choice(REFERRERS)
    received = opened - timedelta(days=rng.randint(1, 10))
    decided = status != CaseStatus.REFERRAL.value
    common = {"created_at": utcnow(), "updated_at": utcnow(), "version": 1, "decision_note": ""}
    if decisions or rng.random() < 0.15:
        earlier = received - timedelta(days=rng.randint(60, 400))
        decision = decisions.pop(0) if decisions else rng.choice(EARLIER_DECISIONS)
        s2, r2, c2 = rng.choice(REFERRERS)
        rows.incoming.append(
            {
                "case": cid,
                "source": s2,
                "referrer": r2,
                "referrer_contact": c2,
                "reason": rng.choice(INCOMING_REASONS),
                "received_on": earlier,
                "decision": decision,
                "decided_on": earlier + timedelta(days=rng.randint(1, 7)),
                **common,
                "decision_note": "Signposted to Citizens Advice and the food bank."
                if decision == "signposted"
                else "Needs met by the school's own support.",
            }
        )
    rows.incoming.append(
        {
            "case": cid,
            "source": source,
            "referrer": referrer,
            "referrer_contact": contact,
            "reason": rng.choice(INCOMING_REASONS),
            "received_on": received,
            "decision": "allocated" if decided else "",
            "decided_on": allocated if decided else None,
            **common,
        }
    )


def _referral(
    rng: random.Random,
    rows: _Rows,
    rid: int,
    cid: int,
    worker: int | None,
    start: date,
    end: date,
    wanted: str,
    allocations: dict[int, list[tuple[int, date, date | None]]],
) -> None:
    """One referral out of the case, reaching ``wanted`` along its path, dated between the
    allocation and ``end`` (today, or the day the case closed)."""
    agency, contact, reason = rng.choice(AGENCIES)
    service = None
    if rows.services and rng.random() < 0.6:
        # Most go to a service in the directory, named and reached as it lists them.
        service, name, organisation, category, phone, email = rng.choice(rows.services)
        agency = f"{name}, {organisation}"
        contact = ", ".join(p for p in (phone, email) if p)
        reason = SERVICE_REASONS.get(category, f"Support: {category.lower()}")
    path = PATHS[wanted] if wanted != WITHDRAWN or rng.random() < 0.7 else (DRAFTED, WITHDRAWN)
    steps = [rng.randint(2, 9) for _ in path[1:]]
    waiting = wanted in (SENT, ACKNOWLEDGED, ACCEPTED)
    room = max(0, (end - start).days)
    span = min(room, sum(steps) + (rng.randint(10, 40) if waiting else rng.randint(0, 20)))
    referred = end - timedelta(days=span)
    shared = rng.choice(SHARED)
    consent = None
    if path[0] == SENT and rng.random() < 0.85:
        # Most workers ask the client's consent to the referral first, naming the agency.
        consent = _consent(rng, rows, cid, worker, agency, reason, shared, referred, start)
    days = [referred]
    for step in steps:
        days.append(min(end, days[-1] + timedelta(days=step)))
    sent_on = referred if path[0] == SENT else None
    by = worker
    row: dict[str, Any] = {
        "id": rid,
        "case": cid,
        "service": service,
        "agency": agency,
        "agency_contact": contact,
        "referred_on": referred,
        "reason": reason,
        "urgency": rng.choice(("routine", "routine", "soon", "urgent")),
        "shared": shared,
        "consent": consent,
        # Sent with no consent in force: the lawful reason it was shared without one.
        "lawful_reason": rng.choice(LAWFUL) if sent_on and consent is None else "",
        "status": path[-1],
        "status_on": days[-1],
        "sent_on": sent_on,
        "last_response_on": None,
        "next_chase_on": None,
        "appointment_at": None,
        "accompanied_by": "",
        "outcome": "",
        "created_at": _at(referred),
        "created_by": by,
        "updated_at": _at(days[-1]),
        "version": len(path),
    }
    previous = ""
    for status, day in zip(path, days, strict=True):
        rows.changes.append(
            {
                "referral": rid,
                "status": status,
                "previous": previous,
                "changed_on": day,
                "note": "Letter of acknowledgement received" if status == ACKNOWLEDGED else "",
                "created_at": _at(day),
                "created_by": by,
            }
        )
        if status in (ACKNOWLEDGED, ACCEPTED, BOOKED, DECLINED, COMPLETED):
            row["last_response_on"] = day
        if status == BOOKED:
            booked = day + timedelta(days=rng.randint(3, 20))
            if path[-1] == BOOKED:
                booked = max(booked, end + timedelta(days=rng.randint(2, 12)))
            hour = rng.choice((9, 10, 11, 14, 15))
            row["appointment_at"] = _utc(datetime.combine(booked, time(hour, 30)))
            row["accompanied_by"] = rng.choice(("Her sister", "The worker", "Nobody: she prefers"))
        previous = status
    if path[-1] in OUTCOMES:
        row["outcome"] = rng.choice(OUTCOME_TEXT[path[-1]])
    if waiting:
        _chases(rng, rows, row, end)
    rows.referrals.append(row)
    allocation = _allocation_on(allocations.get(cid, []), referred)
    if sent_on is not None:
        under = (
            f"Shared without consent: {row['lawful_reason']}"
            if row["lawful_reason"]
            else f"Shared under consent {consent}."
        )
        if by is not None:
            rows.shared.append(
                {
                    "case": cid,
                    "shared_at": _at(sent_on),
                    "worker": by,
                    "recipient": agency,
                    "what": row["shared"],
                    "consent": consent,
                    "lawful_reason": row["lawful_reason"],
                    "source": "referral",
                    "source_id": rid,
                }
            )
        details = (
            f"Urgency: {row['urgency']}.\n\nReason: {reason}\n\n"
            f"Information shared: {row['shared']}\n\n{under}"
        )
        title = f"Referral sent to {agency}"
        rows.entries.append(_entry(rid, cid, allocation, sent_on, title, details))
        if path[-1] in OUTCOMES:
            rows.entries.append(
                _entry(
                    rid,
                    cid,
                    _allocation_on(allocations.get(cid, []), days[-1]),
                    days[-1],
                    f"Referral to {agency} {path[-1]}",
                    row["outcome"],
                )
            )


def _chases(rng: random.Random, rows: _Rows, row: dict[str, Any], end: date) -> None:
    """Chases of a referral still waiting: most unanswered, some reaching the escalation."""
    since = row["status_on"]
    count = rng.choice((0, 1, 2, DEFAULT_CHASE_LIMIT, DEFAULT_CHASE_LIMIT + 1))
    day = since
    made = 0
    for n in range(count):
        day = day + timedelta(days=rng.randint(3, 8))
        if day > end:
            break
        answered = n == count - 1 and count < DEFAULT_CHASE_LIMIT and rng.random() < 0.4
        rows.chases.append(
            {
                "referral": row["id"],
                "chased_on": day,
                "method": rng.choice(("phone", "phone", "email", "letter", "in person")),
                "contacted": rng.choice(CONTACTED),
                "said": rng.choice(ANSWERED if answered else UNANSWERED),
                "responded": answered,
                "next_chase_on": day + timedelta(days=7),
                "created_at": _at(day),
                "created_by": row["created_by"],
            }
        )
        if answered:
            row["last_response_on"] = day
            made = 0
        else:
            made += 1
        row["next_chase_on"] = day + timedelta(days=7)
    if made >= DEFAULT_CHASE_LIMIT:
        rows.escalated[row["case"]] = rows.escalated.get(row["case"], 0) + 1
    elif count == 0:
        row["next_chase_on"] = since + timedelta(days=7)


def _consent(
    rng: random.Random,
    rows: _Rows,
    cid: int,
    worker: int | None,
    agency: str,
    reason: str,
    shared: str,
    referred: date,
    start: date,
) -> int:
    """A consent to share ``shared`` with ``agency`` for this referral, given a few days before
    it was made (not before the case was allocated), for a year."""
    given = max(start, referred - timedelta(days=rng.randint(0, 4)))
    stamp = _utc(_at(given))
    consent_id = rows.next_consent
    rows.next_consent += 1
    rows.consents.append(
        {
            "id": consent_id,
            "case": cid,
            "share_what": shared,
            "recipient": agency,
            "professional": None,
            "purpose": f"Referral: {reason}",
            "given_by": "client",
            "how": rng.choice(("written", "verbal")),
            "given_on": given,
            "expires_on": given + timedelta(days=365),
            "withdrawn_on": None,
            "withdrawn_reason": "",
            "created_at": stamp,
            "updated_at": stamp,
            "created_by": worker,
            "version": 1,
        }
    )
    return consent_id


def _allocation_on(periods: list[tuple[int, date, date | None]], day: date) -> int | None:
    found = None
    for aid, start, _end in periods:
        if start <= day:
            found = aid
    return found


def _entry(
    rid: int, cid: int, allocation: int | None, on: date, title: str, details: str
) -> dict[str, Any]:
    return {
        "case": cid,
        "allocation": allocation,
        "occurred_on": on,
        "category": "referral",
        "title": title[:120],
        "details": details,
        "source_kind": "referral",
        "source_id": rid,
        "created_at": _at(on),
    }


def _at(day: date) -> datetime:
    return _utc(datetime.combine(day, time(11, 0)))


def _utc(local: datetime) -> datetime:
    return dates.to_utc(local).replace(tzinfo=None)


def _insert(rows: _Rows) -> None:
    for model, batch in (
        (Consent, rows.consents),
        (Referral, rows.referrals),
        (ReferralStatusChange, rows.changes),
        (ReferralChase, rows.chases),
        (IncomingReferral, rows.incoming),
        (SharingEvent, rows.shared),
    ):
        for i in range(0, len(batch), 500):
            model.insert_many(batch[i : i + 500]).execute()
    for i in range(0, len(rows.entries), 500):
        ChronologyEntry.insert_many(rows.entries[i : i + 500]).execute()
