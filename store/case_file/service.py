"""The case file: a client's details, their support network, the professionals involved, the
case summary, and the history of every edit to them.

``CaseFileService`` is ``store.case_file``. Edits are optimistic: the caller sends back the
``version`` it read, and a write from a stale version is refused with Conflict (checked inside
the write transaction, so two saves can't both pass). Every field that actually changes leaves a
RecordChange row with its old and new value as text (``store.core.changes``).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

import peewee as pw

from store.access import guarded
from store.audit.service import act, opened
from store.case_file.history import CaseHistory
from store.case_file.records import (
    CaseFile,
    ClientInfo,
    ContactInfo,
    ProfessionalInfo,
    SummaryInfo,
)
from store.common import dates
from store.common.errors import Conflict, NotFound
from store.common.records import WorkerInfo
from store.common.textsafe import fold
from store.core.changes import diff, save_changes
from store.core.conflicts import last_change, refused
from store.core.db import Database
from store.core.models import (
    Case,
    Client,
    Contact,
    Professional,
    SummaryVersion,
    Worker,
    utcnow,
)
from store.core.permissions import Access, refusals
from store.core.rows import get_row

if TYPE_CHECKING:
    # The forms' models import pydantic, which start-up doesn't need: the methods that
    # validate a form import store.case_file.input when they are first called.
    from store.case_file.input import ClientUpdate, ContactInput, ProfessionalInput, SummaryInput
    from store.cases.service import CaseService
    from store.chronology.service import ChronologyService
    from store.notes.service import NoteService
    from store.plans.service import PlanService

CLIENT_FIELDS = ("name", "date_of_birth", "address", "phone", "language", "identifiers")
CONTACT_FIELDS = ("name", "relationship", "phone", "address", "notes")
PROFESSIONAL_FIELDS = ("name", "agency", "role", "phone", "email", "started_on", "ended_on")


class Latest(Enum):
    """No base version: save on top of whatever is current."""

    LATEST = "latest"


LATEST = Latest.LATEST

CLIENT_CONFLICT = (
    "Someone else changed this client's details since you opened them; reopen to see their changes."
)
CONTACT_CONFLICT = "Someone else changed this contact since you opened it; reopen to see it now."
PROFESSIONAL_CONFLICT = (
    "Someone else changed this professional's details since you opened them; reopen to see "
    "their changes."
)


class CaseFileService(CaseHistory):
    """The case file: the client, their network, professionals, the summary, the history of
    changes, and all of it at once for the screen: ``store.case_file``."""

    def __init__(
        self,
        database: Database,
        *,
        cases: CaseService,
        chronology: ChronologyService,
        notes: NoteService,
        plans: PlanService,
    ) -> None:
        self.database = database
        self.cases = cases
        self.chronology = chronology
        self.notes = notes
        self.plans = plans

    # -- what the case file shows at once (one transaction) ------------------------------

    @guarded(Access.READ, "case_id")
    def view(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        notes: tuple[str, str | None] | None = None,
        plan: bool = False,
        opening: bool = False,
        reason: str | None = None,
    ) -> CaseFile:
        """The case file; ``notes``: (text, type) to read the notes filtered so; ``plan``: read
        the current plan too; ``opening``: audit the opening (not a reload, not a tab).

        Opening a restricted case one doesn't hold needs a ``reason``, kept in the audit trail:
        without one, ReasonNeeded (ask, then open again with it); a blank one, InvalidInput."""
        with self.database.reading():
            said = self.cases.reason_to_open(actor, case_id, reason) if opening else ""
            read_only, no_manage = refusals(actor, case_id, Access.WRITE, Access.MANAGE)
            detail = self.cases.get(actor, case_id)
            versions = self.summary_versions(actor, case_id)
            found = CaseFile(
                detail=detail,
                client=self.client(actor, detail.client_id),
                contacts=self.contacts(actor, detail.client_id),
                professionals=self.professionals(actor, case_id),
                summary=versions[0] if versions else None,
                summary_versions=len(versions),
                chronology=self.chronology.entries(actor, case_id),
                notes=self.notes.for_case(actor, case_id, note_type=notes[1], text=notes[0])
                if notes is not None
                else None,
                plan=self.plans.current(actor, case_id) if plan else None,
                plan_loaded=plan,
                read_only=read_only,
                no_manage=no_manage,
            )
        if opening:
            why = f"reason: {said}" if said else ""
            opened(
                self.database, actor, "case-file", case_id=case_id, record_id=case_id, detail=why
            )
        return found

    # -- client details ------------------------------------------------------------------

    @guarded(Access.READ, "client_id", of="client")
    def client(self, actor: WorkerInfo, client_id: int) -> ClientInfo:
        """A client's own details and their current version."""
        with self.database.reading():
            return _client_info(get_row(Client, client_id, "client"))

    @guarded(Access.WRITE, "client_id", of="client")
    def update_client(
        self,
        actor: WorkerInfo,
        client_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> ClientInfo:
        """Save the client details form; fields left out of ``data`` keep their value.

        Raises Conflict if the client changed since ``version`` was read, InvalidInput (by
        field) if the form doesn't validate.
        """
        from store.case_file.input import ClientUpdate
        from store.common.validation import validate

        with self.database.writing():
            row = get_row(Client, client_id, "client")
            if row.version != version:
                raise _refused(row, "client", "this client's details", CLIENT_FIELDS)
            current = {f: getattr(row, f) for f in CLIENT_FIELDS}
            new: ClientUpdate = validate(ClientUpdate, {**current, **data}, dayfirst=dayfirst)
            changes = diff(current, new.model_dump())
            if changes:
                values = {f: new_value for f, (_, new_value) in changes.items()}
                if "name" in values:
                    values["name_key"] = fold(values["name"])
                save_changes(Client, row, values, changes, "client", actor, CLIENT_CONFLICT)
                act(actor, "client-updated", _case_of(client_id), **_record(row))
            return _client_info(get_row(Client, client_id, "client"))

    # -- support network -----------------------------------------------------------------

    @guarded(Access.READ, "client_id", of="client")
    def contacts(self, actor: WorkerInfo, client_id: int) -> list[ContactInfo]:
        """The client's support network (removed contacts left out), by name."""
        with self.database.reading():
            get_row(Client, client_id, "client")
            rows = Contact.select().where(Contact.client == client_id, Contact.removed_at.is_null())
            return sorted((_contact_info(c) for c in rows), key=lambda c: (fold(c.name), c.id))

    @guarded(Access.WRITE, "client_id", of="client")
    def add_contact(self, actor: WorkerInfo, client_id: int, data: dict[str, Any]) -> ContactInfo:
        """Add someone to the client's support network."""
        from store.case_file.input import ContactInput
        from store.common.validation import validate

        new: ContactInput = validate(ContactInput, data)
        with self.database.writing():
            get_row(Client, client_id, "client")
            now = utcnow()
            row = Contact.create(
                client=client_id,
                **new.model_dump(),
                created_at=now,
                updated_at=now,
                created_by=actor.id,
            )
            act(actor, "contact-added", _case_of(client_id), **_record(row))
            return _contact_info(row)

    @guarded(Access.WRITE, "contact_id", of="contact")
    def update_contact(
        self, actor: WorkerInfo, contact_id: int, data: dict[str, Any], *, version: int
    ) -> ContactInfo:
        """Save a contact's form; fields left out of ``data`` keep their value."""
        from store.case_file.input import ContactInput
        from store.common.validation import validate

        with self.database.writing():
            row = _get_live(Contact, contact_id, "contact", version)
            current = {f: getattr(row, f) for f in CONTACT_FIELDS}
            new: ContactInput = validate(ContactInput, {**current, **data})
            changes = diff(current, new.model_dump())
            if changes:
                values = {f: new_value for f, (_, new_value) in changes.items()}
                save_changes(Contact, row, values, changes, "contact", actor, CONTACT_CONFLICT)
                act(actor, "contact-updated", _case_of(row.client_id), **_record(row))
            return _contact_info(Contact.get_by_id(contact_id))

    @guarded(Access.WRITE, "contact_id", of="contact")
    def remove_contact(self, actor: WorkerInfo, contact_id: int, *, version: int) -> None:
        """Take a contact out of the support network; the row and its history stay."""
        with self.database.writing():
            row = _get_live(Contact, contact_id, "contact", version)
            _remove(Contact, row, "contact", actor, CONTACT_CONFLICT)
            act(actor, "contact-removed", _case_of(row.client_id), **_record(row))

    # -- professionals -------------------------------------------------------------------

    @guarded(Access.READ, "case_id")
    def professionals(self, actor: WorkerInfo, case_id: int) -> list[ProfessionalInfo]:
        """Professionals involved (removed ones left out): current first, then ended, by name."""
        today = dates.today()
        with self.database.reading():
            get_row(Case, case_id, "case")
            rows = Professional.select().where(
                Professional.case == case_id, Professional.removed_at.is_null()
            )
            found = [_professional_info(p) for p in rows]

        def order(p: ProfessionalInfo) -> tuple[bool, str, int]:
            ended = p.ended_on is not None and p.ended_on <= today
            return (ended, fold(p.name), p.id)

        return sorted(found, key=order)

    @guarded(Access.WRITE, "case_id")
    def add_professional(
        self, actor: WorkerInfo, case_id: int, data: dict[str, Any], *, dayfirst: bool = True
    ) -> ProfessionalInfo:
        """Record another agency's worker as involved with the case."""
        from store.case_file.input import ProfessionalInput
        from store.common.validation import validate

        new: ProfessionalInput = validate(ProfessionalInput, data, dayfirst=dayfirst)
        with self.database.writing():
            get_row(Case, case_id, "case")
            now = utcnow()
            row = Professional.create(
                case=case_id,
                **new.model_dump(),
                created_at=now,
                updated_at=now,
                created_by=actor.id,
            )
            act(actor, "professional-added", case_id, **_record(row))
            return _professional_info(row)

    @guarded(Access.WRITE, "professional_id", of="professional")
    def update_professional(
        self,
        actor: WorkerInfo,
        professional_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> ProfessionalInfo:
        """Save a professional's form; fields left out of ``data`` keep their value."""
        from store.case_file.input import ProfessionalInput
        from store.common.validation import validate

        with self.database.writing():
            row = _get_live(Professional, professional_id, "professional", version)
            current = {f: getattr(row, f) for f in PROFESSIONAL_FIELDS}
            new: ProfessionalInput = validate(
                ProfessionalInput, {**current, **data}, dayfirst=dayfirst
            )
            changes = diff(current, new.model_dump())
            if changes:
                values = {f: new_value for f, (_, new_value) in changes.items()}
                save_changes(
                    Professional, row, values, changes, "professional", actor, PROFESSIONAL_CONFLICT
                )
                act(actor, "professional-updated", row.case_id, **_record(row))
            return _professional_info(Professional.get_by_id(professional_id))

    @guarded(Access.WRITE, "professional_id", of="professional")
    def remove_professional(self, actor: WorkerInfo, professional_id: int, *, version: int) -> None:
        """Take a professional off the case's list; the row and its history stay."""
        with self.database.writing():
            row = _get_live(Professional, professional_id, "professional", version)
            _remove(Professional, row, "professional", actor, PROFESSIONAL_CONFLICT)
            act(actor, "professional-removed", row.case_id, **_record(row))

    # -- case summary --------------------------------------------------------------------

    @guarded(Access.READ, "case_id")
    def summary(self, actor: WorkerInfo, case_id: int) -> SummaryInfo | None:
        """The current (newest) summary of the case, or None if it has none yet."""
        with self.database.reading():
            get_row(Case, case_id, "case")
            return _current_summary(case_id)

    @guarded(Access.READ, "case_id")
    def summary_versions(
        self, actor: WorkerInfo, case_id: int, *, opening: bool = False
    ) -> list[SummaryInfo]:
        """Every saved version of the case summary, newest first; ``opening``: audit it."""
        with self.database.reading():
            get_row(Case, case_id, "case")
            found = [_summary_info(s) for s in _summary_query(case_id)]
        if opening:
            opened(self.database, actor, "summary-versions", case_id=case_id)
        return found

    @guarded(Access.WRITE, "case_id")
    def save_summary(
        self, actor: WorkerInfo, case_id: int, body: str, *, base: int | Latest | None = LATEST
    ) -> SummaryInfo:
        """Save a new version of the summary, exactly as typed.

        ``base`` is the id of the version the text was written from (None: the case had no
        summary then). If another version has been saved since, Conflict says whose, and
        carries it (``current["body"]``) and the id to send as ``base`` to save over it
        deliberately. Left out, the text goes on top of whatever is current (scripts, the
        demo). Saving the same text as the current version writes nothing and returns it.
        """
        from store.case_file.input import SummaryInput
        from store.common.validation import validate

        new: SummaryInput = validate(SummaryInput, {"body": body})
        with self.database.writing():
            get_row(Case, case_id, "case")
            current = _current_summary(case_id)
            if current is not None and current.body == new.body:
                return current
            now_id = None if current is None else current.id
            if base is not LATEST and base != now_id:
                assert current is not None  # versions are never deleted
                raise refused(
                    "the summary",
                    changed_by=current.author_name,
                    changed_at=current.created_at,
                    current={"body": current.body},
                    version=current.id,
                    verb="saved a new version of",
                )
            row = SummaryVersion.create(
                case=case_id, body=new.body, author=actor.id, created_at=utcnow()
            )
            act(actor, "summary-saved", case_id, **_record(row))
            return _summary_info(
                SummaryVersion.select(SummaryVersion, Worker)
                .join(Worker)
                .where(SummaryVersion.id == row.id)
                .get()
            )

    # -- history -------------------------------------------------------------------------


# --- the case history, as people read it --------------------------------------------------------


# --- helpers (called inside a reading() or writing() block) ----------------------------------


def _case_of(client_id: int) -> int | None:
    """The case an audit event about a client (or their network) names: their newest."""
    found: int | None = (
        Case.select(Case.id).where(Case.client == client_id).order_by(Case.id.desc()).scalar()
    )
    return found


def _record(row: Any) -> dict[str, Any]:
    """The record an audit event is about: its table and id."""
    return {"record_kind": row._meta.table_name, "record_id": row.id}


def _get_live(
    model: type[Contact] | type[Professional], record_id: int, what: str, version: int
) -> Any:
    """A contact or professional about to be changed: it exists, is not removed, and is still
    at ``version``."""
    row = model.get_or_none(model._meta.primary_key == record_id)
    if row is None:
        raise NotFound(f"No {what} with id {record_id}.")
    fields = CONTACT_FIELDS if what == "contact" else PROFESSIONAL_FIELDS
    label = "this contact" if what == "contact" else "this professional's details"
    if row.removed_at is not None:
        # Nothing to save over: the record is gone from the case (its history stays).
        who, _ = last_change(what, row.id)
        removed = (
            "this contact from the support network"
            if what == "contact"
            else "this professional from the case"
        )
        raise refused(
            removed,
            changed_by=who,
            changed_at=row.removed_at,
            current={f: getattr(row, f) for f in fields},
            version=None,
            verb="removed",
        )
    if row.version != version:
        raise _refused(row, what, label, fields)
    return row


def _refused(row: Any, table: str, what: str, fields: tuple[str, ...]) -> Conflict:
    """The Conflict for a save from an old version of a row with a change history."""
    who, at = last_change(table, row.id)
    return refused(
        what,
        changed_by=who,
        changed_at=at,
        current={f: getattr(row, f) for f in fields},
        version=row.version,
    )


def _remove(model: type[pw.Model], row: Any, table: str, actor: WorkerInfo, conflict: str) -> None:
    now = utcnow()
    save_changes(model, row, {"removed_at": now}, {"removed": (None, now)}, table, actor, conflict)


def _client_info(c: Any) -> ClientInfo:
    return ClientInfo(
        id=c.id,
        name=c.name,
        date_of_birth=c.date_of_birth,
        address=c.address,
        phone=c.phone,
        language=c.language,
        identifiers=c.identifiers,
        version=c.version,
    )


def _contact_info(c: Any) -> ContactInfo:
    return ContactInfo(
        id=c.id,
        client_id=c.client_id,
        name=c.name,
        relationship=c.relationship,
        phone=c.phone,
        address=c.address,
        notes=c.notes,
        version=c.version,
    )


def _professional_info(p: Any) -> ProfessionalInfo:
    return ProfessionalInfo(
        id=p.id,
        case_id=p.case_id,
        name=p.name,
        agency=p.agency,
        role=p.role,
        phone=p.phone,
        email=p.email,
        started_on=p.started_on,
        ended_on=p.ended_on,
        version=p.version,
    )


def _summary_query(case_id: int) -> Any:
    return (
        SummaryVersion.select(SummaryVersion, Worker)
        .join(Worker)
        .where(SummaryVersion.case == case_id)
        .order_by(SummaryVersion.created_at.desc(), SummaryVersion.id.desc())
    )


def _current_summary(case_id: int) -> SummaryInfo | None:
    row = _summary_query(case_id).first()
    return None if row is None else _summary_info(row)


def _summary_info(s: Any) -> SummaryInfo:
    return SummaryInfo(
        id=s.id,
        case_id=s.case_id,
        body=s.body,
        author_name=s.author.display_name,
        created_at=s.created_at,
    )
