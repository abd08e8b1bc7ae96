"""Consent and the information-sharing log: ``store.consent``.

A consent says what may be shared about a case, with whom, for what, from when until when,
given by whom and how. It is edited with a version check (every change kept in the record
history and audited) and withdrawn with a date and a reason, never deleted. Its status is read
for a day: current, expiring (its review or expiry date within ``expiring_days``), expired,
withdrawn. The case keeps the earliest review or expiry date among its consents not withdrawn
(``case.consent_due_on``), for the caseload's "consent" flag.

The sharing log records what was shared with whom, by whom, and under which consent or lawful
reason. Another area's write (an export for an agency, a referral) adds to it inside its own
transaction with ``record_sharing``; the database refuses to change or delete a line.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee as pw

from store.access import guarded
from store.audit.service import act
from store.common import dates
from store.common.errors import InvalidInput, NotFound, StoreError
from store.common.records import WorkerInfo
from store.common.textsafe import fold
from store.consent.models import Consent, SharingEvent
from store.consent.records import (
    ConsentChange,
    ConsentInfo,
    ConsentStatus,
    ConsentView,
    SharingInfo,
)
from store.consent.rules import DEFAULT_EXPIRING_DAYS, status_on
from store.core.changes import diff, save_changes
from store.core.conflicts import last_change, refused
from store.core.db import Database
from store.core.models import Case, Professional, RecordChange, Worker, utcnow
from store.core.permissions import Access, refusals
from store.core.rows import get_row, open_case, tuples

TABLE = "consent"
FIELDS = (
    "share_what",
    "recipient",
    "professional_id",
    "purpose",
    "given_by",
    "how",
    "given_on",
    "expires_on",
)
CONFLICT = "Someone else changed this consent after you opened it."


class SharingRefused(StoreError):
    """A sharing event that can't be recorded as asked (no consent or reason, both, a consent
    not in force): the message says why in one sentence."""


class ConsentService:
    """Consents and the sharing log of cases: ``store.consent``."""

    def __init__(self, database: Database, *, expiring_days: int = DEFAULT_EXPIRING_DAYS) -> None:
        self.database = database
        self.expiring_days = expiring_days

    # -- reading -------------------------------------------------------------------------

    @guarded(Access.READ, "case_id")
    def for_case(
        self, actor: WorkerInfo, case_id: int, on: date | None = None
    ) -> list[ConsentInfo]:
        """Every consent of the case as it stands on ``on`` (today): those in force first,
        then the rest, newest given first within each."""
        day = on or dates.today()
        with self.database.reading():
            get_row(Case, case_id, "case")
            found = [self._info(row, day) for row in _query().where(Consent.case == case_id)]
        return sorted(found, key=lambda c: (not c.in_force, -c.given_on.toordinal(), -c.id))

    @guarded(Access.READ, "case_id")
    def view(self, actor: WorkerInfo, case_id: int, on: date | None = None) -> ConsentView:
        """The case's consents as they stand on ``on`` (today) and its sharing log, with what
        the screen needs to offer its keys, in one read."""
        with self.database.reading():
            case = get_row(Case, case_id, "case")
            consents = self.for_case(actor, case_id, on)
            (read_only,) = refusals(actor, case_id, Access.WRITE)
            people = tuple(
                (pid, ", ".join(part for part in (name, agency) if part))
                for pid, name, agency in tuples(
                    Professional.select(Professional.id, Professional.name, Professional.agency)
                    .where(Professional.case == case_id, Professional.removed_at.is_null())
                    .order_by(Professional.name)
                )
            )
            return ConsentView(
                case_id=case_id,
                consents=tuple(consents),
                sharing=tuple(sharing_log(case_id)),
                professionals=people,
                read_only=read_only,
                closed=case.status == "closed",
            )

    @guarded(Access.READ, "case_id")
    def current(self, actor: WorkerInfo, case_id: int, on: date | None = None) -> list[ConsentInfo]:
        """The consents of the case in force on ``on`` (today): current or expiring."""
        return [c for c in self.for_case(actor, case_id, on) if c.in_force]

    @guarded(Access.READ, "case_id")
    def covering(
        self, actor: WorkerInfo, case_id: int, recipient: str, on: date | None = None
    ) -> list[ConsentInfo]:
        """The consents in force on ``on`` (today) that name ``recipient``: its words found in
        the consent's "with whom" or its professional's name, or the other way round."""
        if not fold(recipient):
            return []
        return [c for c in self.current(actor, case_id, on) if names(c, recipient)]

    @guarded(Access.READ, "consent_id", of="consent")
    def get(self, actor: WorkerInfo, consent_id: int, on: date | None = None) -> ConsentInfo:
        """One consent as it stands on ``on`` (today)."""
        with self.database.reading():
            row = _query().where(Consent.id == consent_id).first()
            if row is None:
                raise NotFound(f"No consent with id {consent_id}.")
            return self._info(row, on or dates.today())

    @guarded(Access.READ, "consent_id", of="consent")
    def history(self, actor: WorkerInfo, consent_id: int) -> list[ConsentChange]:
        """Every change to a consent, newest first."""
        with self.database.reading():
            get_row(Consent, consent_id, "consent")
            key: Any = RecordChange._meta.primary_key
            rows: Any = (
                RecordChange.select(RecordChange, Worker.display_name)
                .join(Worker)
                .where(RecordChange.table == TABLE, RecordChange.record_id == consent_id)
                .order_by(RecordChange.changed_at.desc(), key.desc())
                .objects()
            )
            return [
                ConsentChange(
                    changed_at=r.changed_at,
                    changed_by=r.display_name,
                    field=r.field,
                    old=_shown(r.field, r.old_value),
                    new=_shown(r.field, r.new_value),
                )
                for r in rows
            ]

    @guarded(Access.READ, "case_id")
    def sharing_log(self, actor: WorkerInfo, case_id: int) -> list[SharingInfo]:
        """What was shared about the case, with whom, newest first."""
        with self.database.reading():
            get_row(Case, case_id, "case")
            return sharing_log(case_id)

    # -- writing -------------------------------------------------------------------------

    @guarded(Access.WRITE, "case_id")
    def add(
        self, actor: WorkerInfo, case_id: int, data: dict[str, Any], *, dayfirst: bool = True
    ) -> ConsentInfo:
        """Record a consent from its form."""
        from store.common.validation import validate
        from store.consent.input import ConsentInput

        with self.database.writing():
            open_case(case_id, "record consent")
            new: ConsentInput = validate(ConsentInput, data, dayfirst=dayfirst)
            _check_professional(case_id, new.professional_id)
            consent_id = Consent.insert(
                case=case_id, created_by=actor.id, **new.model_dump()
            ).execute()
            refresh_due(case_id)
            act(actor, "consent-added", case_id, TABLE, consent_id)
            return self._info(_query().where(Consent.id == consent_id).get(), dates.today())

    @guarded(Access.WRITE, "consent_id", of="consent")
    def update(
        self,
        actor: WorkerInfo,
        consent_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> ConsentInfo:
        """Save a consent's form; fields left out of ``data`` keep their value. Refused with
        Conflict if someone changed it since ``version`` was read."""
        from store.common.validation import validate
        from store.consent.input import ConsentInput

        with self.database.writing():
            row = _live(consent_id, version)
            current = {f: getattr(row, f) for f in FIELDS}
            new: ConsentInput = validate(ConsentInput, {**current, **data}, dayfirst=dayfirst)
            _check_professional(row.case_id, new.professional_id)
            changes = diff(current, new.model_dump())
            if changes:
                values = {
                    ("professional" if f == "professional_id" else f): value
                    for f, (_, value) in changes.items()
                }
                save_changes(Consent, row, values, changes, TABLE, actor, CONFLICT)
                refresh_due(row.case_id)
                act(actor, "consent-updated", row.case_id, TABLE, row.id)
            return self._info(_query().where(Consent.id == consent_id).get(), dates.today())

    @guarded(Access.WRITE, "consent_id", of="consent")
    def withdraw(
        self,
        actor: WorkerInfo,
        consent_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> ConsentInfo:
        """Record that consent was withdrawn: the day (not after today, not before it was
        given) and why, both required."""
        from store.common.validation import validate
        from store.consent.input import WithdrawInput

        with self.database.writing():
            row = _live(consent_id, version)
            new: WithdrawInput = validate(WithdrawInput, data, dayfirst=dayfirst)
            on = new.withdrawn_on
            if on is not None and on > dates.today():
                raise InvalidInput({"withdrawn_on": "Consent can't be withdrawn on a later day."})
            if on is not None and on < row.given_on:
                raise InvalidInput(
                    {"withdrawn_on": "Consent can't be withdrawn before the day it was given."}
                )
            changes = {
                "withdrawn_on": (None, on),
                "withdrawn_reason": ("", new.reason),
            }
            values = {"withdrawn_on": on, "withdrawn_reason": new.reason}
            save_changes(Consent, row, values, changes, TABLE, actor, CONFLICT)
            refresh_due(row.case_id)
            act(actor, "consent-withdrawn", row.case_id, TABLE, row.id)
            return self._info(_query().where(Consent.id == consent_id).get(), dates.today())

    @guarded(Access.READ, "case_id")
    def share(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        recipient: str,
        what: str,
        consent_id: int | None,
        lawful_reason: str,
        source: str,
        source_id: int | None = None,
    ) -> int:
        """``record_sharing`` in a transaction of its own. Whoever may read a case may send it
        on (an export), so reading is what this asks; the sharing is logged all the same."""
        with self.database.writing():
            get_row(Case, case_id, "case")
            return record_sharing(
                actor,
                case_id,
                recipient=recipient,
                what=what,
                consent_id=consent_id,
                lawful_reason=lawful_reason,
                source=source,
                source_id=source_id,
            )

    def _info(self, row: Any, day: date) -> ConsentInfo:
        return _info(row, day, self.expiring_days)


# -- for other areas, inside their own transactions --------------------------------------------


def names(consent: ConsentInfo, recipient: str) -> bool:
    """True if ``consent`` names ``recipient``: its words found in the consent's "with whom"
    or its professional's name, or the other way round (case and accents ignored)."""
    wanted = fold(recipient)
    return bool(wanted) and any(
        name and (wanted in name or name in wanted)
        for name in (fold(consent.recipient), fold(consent.professional_name))
    )


def record_sharing(
    actor: WorkerInfo,
    case_id: int,
    *,
    recipient: str,
    what: str,
    consent_id: int | None,
    lawful_reason: str,
    source: str,
    source_id: int | None,
) -> int:
    """Add a line to the case's sharing log and the audit trail, and return its id. Call
    inside the write transaction that shares (the caller has checked the actor may). Exactly
    one of ``consent_id`` (a consent of this case in force today) and ``lawful_reason`` is
    given; ``source`` is "referral" or "export". Raises a StoreError saying why otherwise."""
    from store.common.validation import validate
    from store.consent.input import SharingInput

    if not Consent._meta.database.in_transaction():
        raise RuntimeError("record_sharing must be called inside a write transaction")
    new: SharingInput = validate(
        SharingInput,
        {"recipient": recipient, "what": what, "lawful_reason": lawful_reason, "source": source},
    )
    if consent_id is None and not new.lawful_reason:
        raise SharingRefused(
            f"There is no consent to share with {new.recipient}: "
            "give the consent or the lawful reason to share without it."
        )
    if consent_id is not None and new.lawful_reason:
        raise SharingRefused("Give either a consent or a lawful reason to share, not both.")
    if consent_id is not None:
        consent = Consent.get_or_none(Consent.id == consent_id)
        if consent is None or consent.case_id != case_id:
            raise SharingRefused(f"Consent {consent_id} is not one of this case's consents.")
        status = status_on(
            consent.given_on, consent.expires_on, consent.withdrawn_on, dates.today()
        )
        if status not in (ConsentStatus.CURRENT, ConsentStatus.EXPIRING):
            raise SharingRefused(f"Consent {consent_id} is not in force today ({status}).")
    event_id: int = SharingEvent.insert(
        case=case_id,
        shared_at=utcnow(),
        worker=actor.id,
        recipient=new.recipient,
        what=new.what,
        consent=consent_id,
        lawful_reason=new.lawful_reason,
        source=new.source,
        source_id=source_id,
    ).execute()
    detail = f"with {new.recipient}" + ("" if consent_id else " without consent")
    act(actor, "information-shared", case_id, "sharing_event", event_id, detail=detail)
    return event_id


def sharing_log(case_id: int) -> list[SharingInfo]:
    """The case's sharing log, newest first (inside a transaction; for an export too)."""
    rows: Any = (
        SharingEvent.select(SharingEvent, Worker.display_name)
        .join(Worker)
        .where(SharingEvent.case == case_id)
        .order_by(SharingEvent.shared_at.desc(), SharingEvent.id.desc())
        .objects()
    )
    return [
        SharingInfo(
            id=r.id,
            case_id=r.case_id,
            shared_at=r.shared_at,
            worker_name=r.display_name,
            recipient=r.recipient,
            what=r.what,
            consent_id=r.consent_id,
            lawful_reason=r.lawful_reason,
            source=r.source,
            source_id=r.source_id,
        )
        for r in rows
    ]


def refresh_due(case_id: int) -> None:
    """Keep ``case.consent_due_on`` (the earliest review or expiry date among the case's
    consents not withdrawn) as the consents say; inside the write transaction that changed
    them."""
    due = (
        Consent.select(Consent.expires_on)
        .where(
            Consent.case == case_id,
            Consent.withdrawn_on.is_null(),
            Consent.expires_on.is_null(False),
        )
        .order_by(Consent.expires_on)
        .limit(1)
        .scalar()
    )
    Case.update(consent_due_on=due).where(Case.id == case_id).execute()


# -- helpers -----------------------------------------------------------------------------------


def _query() -> Any:
    return (
        Consent.select(Consent, Professional.name, Worker.display_name)
        .join(Professional, pw.JOIN.LEFT_OUTER, on=(Consent.professional == Professional.id))
        .switch(Consent)
        .join(Worker, pw.JOIN.LEFT_OUTER, on=(Consent.created_by == Worker.id))
        .objects()
    )


def _info(row: Any, day: date, expiring_days: int) -> ConsentInfo:
    return ConsentInfo(
        id=row.id,
        case_id=row.case_id,
        share_what=row.share_what,
        recipient=row.recipient,
        professional_id=row.professional_id,
        professional_name=getattr(row, "name", None) or "",
        purpose=row.purpose,
        given_by=row.given_by,
        how=row.how,
        given_on=row.given_on,
        expires_on=row.expires_on,
        withdrawn_on=row.withdrawn_on,
        withdrawn_reason=row.withdrawn_reason,
        status=status_on(row.given_on, row.expires_on, row.withdrawn_on, day, expiring_days),
        recorded_by=getattr(row, "display_name", None) or "",
        version=row.version,
    )


def _live(consent_id: int, version: int) -> Any:
    """A consent about to be changed: it exists, is not withdrawn, and is still at
    ``version`` (Conflict otherwise, with the consent as it now is)."""
    row = get_row(Consent, consent_id, "consent")
    if row.withdrawn_on is not None:
        raise InvalidInput(
            {"form": "This consent was withdrawn and can't be changed; record a new one."}
        )
    if row.version != version:
        who, at = last_change(TABLE, row.id)
        raise refused(
            "this consent",
            changed_by=who,
            changed_at=at,
            current={f: getattr(row, f) for f in FIELDS},
            version=row.version,
        )
    return row


def _check_professional(case_id: int, professional_id: int | None) -> None:
    if professional_id is None:
        return
    found = Professional.get_or_none(
        (Professional.id == professional_id) & (Professional.case == case_id)
    )
    if found is None:
        raise InvalidInput({"professional_id": "Choose one of this case's professionals."})


def _shown(field: str, value: str | None) -> str:
    """A value from the record history as a person reads it."""
    if value is None or value == "":
        return ""
    if field in ("given_on", "expires_on", "withdrawn_on"):
        try:
            return dates.format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if field == "professional_id":
        name: str | None = (
            Professional.select(Professional.name).where(Professional.id == int(value)).scalar()
        )
        return name or value
    return value
