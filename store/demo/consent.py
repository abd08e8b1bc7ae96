"""Demo consents and sharing: a consent to share on most open cases, most with one of the case's
professionals; some due for review soon, one expired, one withdrawn; and a few lines of the
information-sharing log, one shared without consent. Drawn from a stream of its own, so the rest
of a seed's data stays as it was."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from store.common.records import CaseStatus
from store.consent.models import Consent, SharingEvent
from store.consent.service import refresh_due
from store.core.models import Case, Professional
from store.core.rows import tuples

SHARE_WHAT = (
    "Health needs and medication",
    "Housing history and current needs",
    "Income, benefits and debts",
    "School attendance and support",
    "The support plan and its reviews",
    "Safety plan and contact details",
)
PURPOSES = (
    "Joint care planning",
    "A housing application",
    "Benefit and debt advice",
    "Coordinating support at school",
    "Planning the next case conference",
)
GIVEN_BY = ("client", "client", "client", "parent", "guardian", "attorney")
HOW = ("written", "written", "verbal", "recorded")
SHARED = ("Handover pack", "Chronology", "Case summary", "Service plan")
SHARE_FOR_EVERY = 6  # about one case in this many has a line in the sharing log


def write_consents(
    today: date, seed: int, me_id: int | None = None, *, now: datetime | None = None
) -> tuple[int, int]:
    """Write the demo's consents and sharing log inside the generator's transaction; returns
    (consents, sharing events). ``me_id``'s cases get the expired one and the first expiring,
    so the demo's own caseload shows the flag."""
    rng = random.Random(f"caseline-demo-consent:{seed}")
    cases = list(
        tuples(
            Case.select(Case.id, Case.worker, Case.allocated_on)
            .where(Case.status == CaseStatus.OPEN.value, Case.worker.is_null(False))
            .order_by(Case.id)
        )
    )
    people: dict[int, list[tuple[int, str]]] = {}
    for pid, case_id, name, agency in tuples(
        Professional.select(
            Professional.id, Professional.case, Professional.name, Professional.agency
        )
        .where(Professional.removed_at.is_null())
        .order_by(Professional.id)
    ):
        people.setdefault(case_id, []).append((pid, agency or name))
    mine = [c for c in cases if c[1] == me_id]
    special = {
        "expired": mine[0][0] if mine else None,
        "expiring": mine[1][0] if len(mine) > 1 else None,
        "withdrawn": mine[2][0] if len(mine) > 2 else None,
    }
    rows: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    stamp = datetime.combine(today, time(10, 0)) if now is None else now
    for case_id, worker_id, allocated_on in cases:
        if rng.random() > 0.8 and case_id not in special.values():
            continue
        start = allocated_on or today - timedelta(days=120)
        # Given (or last renewed) within the past year, after the case was allocated.
        given = max(start, today - timedelta(days=rng.randint(40, 330)))
        given = min(today, given + timedelta(days=rng.randint(0, 21)))
        expires: date | None = given + timedelta(days=365)
        if case_id == special["expired"]:
            given, expires = today - timedelta(days=400), today - timedelta(days=12)
        elif case_id == special["expiring"] or rng.random() < 0.12:
            expires = today + timedelta(days=rng.randint(2, 28))
        elif rng.random() < 0.15:
            expires = None
        if expires is not None and expires <= given:
            given = expires - timedelta(days=180)
        linked = people.get(case_id) or []
        professional, recipient = rng.choice(linked) if linked else (None, "")
        row = {
            "id": len(rows) + 1,
            "case": case_id,
            "share_what": rng.choice(SHARE_WHAT),
            "recipient": recipient or "Community mental health team",
            "professional": professional,
            "purpose": rng.choice(PURPOSES),
            "given_by": rng.choice(GIVEN_BY),
            "how": rng.choice(HOW),
            "given_on": given,
            "expires_on": expires,
            "withdrawn_on": None,
            "withdrawn_reason": "",
            "created_at": stamp,
            "updated_at": stamp,
            "created_by": worker_id,
            "version": 1,
        }
        rows.append(row)
        if case_id == special["withdrawn"]:
            rows.append(
                {
                    **row,
                    "id": len(rows) + 1,
                    "recipient": "Her sister",
                    "professional": None,
                    "share_what": "Appointments and how she is",
                    "withdrawn_on": max(given, today - timedelta(days=20)),
                    "withdrawn_reason": "She no longer wants her sister told about her visits",
                    "version": 2,
                }
            )
        if (
            expires is not None
            and expires >= today
            and row["given_on"] <= today
            and rng.randrange(SHARE_FOR_EVERY) == 0
        ):
            events.append(
                {
                    "id": len(events) + 1,
                    "case": case_id,
                    "shared_at": stamp - timedelta(days=rng.randint(1, 60)),
                    "worker": worker_id,
                    "recipient": row["recipient"],
                    "what": rng.choice(SHARED),
                    "consent": row["id"],
                    "lawful_reason": "",
                    "source": "export",
                    "source_id": None,
                }
            )
    if cases:
        case_id, worker_id, _ = cases[len(cases) // 2]
        events.append(
            {
                "id": len(events) + 1,
                "case": case_id,
                "shared_at": stamp - timedelta(days=9),
                "worker": worker_id,
                "recipient": "Police public protection unit",
                "what": "Chronology",
                "consent": None,
                "lawful_reason": "Safeguarding: strategy discussion about risk of harm",
                "source": "export",
                "source_id": None,
            }
        )
    for chunk in range(0, len(rows), 200):
        Consent.insert_many(rows[chunk : chunk + 200]).execute()
    if events:
        SharingEvent.insert_many(events).execute()
    for case_id in sorted({r["case"] for r in rows}):
        refresh_due(case_id)
    return len(rows), len(events)
