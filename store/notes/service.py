"""Case notes: drafts that survive anything, finalised notes that never change, amendments.

A note is written as a draft (a ``note`` row with status "draft" holding the editor's fields as
typed) and becomes a legal record when finalised: from then on it is never updated in place;
corrections are ``NoteAmendment`` rows shown beside the original.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import peewee as pw

from store.access import guarded
from store.audit.service import act, opened
from store.common import dates
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import CaseStatus, WorkerInfo
from store.common.settings import NOTE_TYPES
from store.common.textsafe import clean_field, preview_line
from store.core.db import Database
from store.core.dialect import as_datetime, execute_sql
from store.core.models import (
    Case,
    ChronologyEntry,
    Client,
    Note,
    NoteAmendment,
    Task,
    Worker,
    utcnow,
)
from store.core.permissions import Access
from store.core.rows import insert_row, tuples
from store.forms.service import draft_state
from store.notes.left import LeftDrafts
from store.notes.records import AmendmentInfo, DraftInfo, NoteDetail, NoteSummary
from store.notes.rules import BODY_MAX, DRAFT_FIELDS, note_matches, search_key, truthy

if TYPE_CHECKING:
    from store.notes.input import NoteInput


# The case a note is finalised on, its client's name and the author's (a statement written once:
# peewee building it at each note costs more than SQLite's answering it).
_CASE_FOR_NOTE = (
    "SELECT c.ref, c.status, c.last_contact_at, cl.name,"
    " (SELECT w.display_name FROM worker AS w WHERE w.id = ?)"
    ' FROM "case" AS c JOIN client AS cl ON cl.id = c.client_id WHERE c.id = ?'
)
# The case's last contact moved on by a note (written once, as the statement above).
_CONTACT_MOVED = 'UPDATE "case" SET last_contact_at = ?, updated_at = ? WHERE id = ?'
# A draft made final, if it is still the author's draft on the case, by the columns set (the
# statement written once, as the statements above).
_DRAFT_FINALISED: dict[tuple[str, ...], str] = {}


def _draft_finalised(columns: tuple[str, ...]) -> str:
    found = _DRAFT_FINALISED.get(columns)
    if found is None:
        found = _DRAFT_FINALISED[columns] = (
            "UPDATE note SET "
            + ", ".join(f'"{column}" = ?' for column in columns)
            + ", version = version + 1 WHERE id = ? AND status = 'draft' AND author_id = ?"
            " AND case_id = ?"
        )
    return found


def first_line(body: str, width: int = 200) -> str:
    """The first non-blank line of a note, for lists (Markdown heading marks dropped)."""
    return preview_line(body, markdown=True)[:width]


class NoteService(LeftDrafts):
    """Case notes: ``store.notes`` (drafts others left on the actor's cases: ``LeftDrafts``)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- drafts --------------------------------------------------------------------------

    @guarded(Access.WRITE, "case_id")
    def save_draft(
        self,
        actor: WorkerInfo,
        case_id: int,
        state: dict[str, Any],
        draft_id: int | None = None,
        *,
        dayfirst: bool = True,
    ) -> int:
        """Save the editor's fields as typed; returns the draft's id (new on first save).

        Relative dates ("now", "yesterday 14:30", "fri") are kept as the dates they meant when
        typed, so a draft reopened tomorrow is not dated tomorrow; text that isn't a date yet
        is kept exactly as typed.
        """
        fields = {k: ("" if v is None else str(v)) for k, v in state.items() if k in DRAFT_FIELDS}
        fields["case_id"] = str(case_id)
        fields.update(resolve_dates(fields, dayfirst=dayfirst, now=dates.now_local()))
        try:
            when = dates.to_utc(
                dates.parse_datetime(fields.get("contact_at", "") or "now", dayfirst=dayfirst)
            )
        except dates.DateParseError:
            when = dates.now_utc()
        now = utcnow()
        row = {
            "note_type": fields.get("note_type", "") or "case note",
            "present": fields.get("present", ""),
            "body": fields.get("body", ""),
            "significant": truthy(fields.get("significant", "")),
            "contact_at": when.replace(tzinfo=None),
            "draft_state": json.dumps(fields, ensure_ascii=False),
            "updated_at": now,
        }
        with self.database.writing():
            if draft_id is not None:
                current = Note.get_or_none(Note.id == draft_id)
                if current is None or current.status != "draft" or current.author_id != actor.id:
                    raise Conflict("This draft has already been saved or discarded elsewhere.")
                Note.update(**row, version=Note.version + 1).where(Note.id == draft_id).execute()
                return draft_id
            if not Case.select().where(Case.id == case_id).exists():
                raise NotFound(f"No case with id {case_id}.")
            note = Note.create(case=case_id, author=actor.id, status="draft", created_at=now, **row)
            return int(note.id)

    def drafts(self, actor: WorkerInfo) -> list[DraftInfo]:
        """The actor's unfinished notes, newest first."""
        with self.database.reading():
            query = (
                Note.select(
                    Note.id,
                    Note.case,
                    Case.ref,
                    Client.name,
                    Note.draft_state,
                    Note.updated_at,
                    Note.created_at,
                )
                .join(Case)
                .join(Client)
                .where(Note.author == actor.id, Note.status == "draft")
                .order_by(Note.updated_at.desc(), Note.id.desc())
            )
            return [
                DraftInfo(
                    id=i,
                    case_id=c,
                    case_ref=ref,
                    client_name=name,
                    state=_begun(draft_state(raw), created),
                    updated_at=updated,
                )
                for i, c, ref, name, raw, updated, created in tuples(query)
            ]

    @guarded(Access.READ, "draft_id", of="draft")
    def draft(self, actor: WorkerInfo, draft_id: int) -> DraftInfo:
        found = [d for d in self.drafts(actor) if d.id == draft_id]
        if not found:
            raise NotFound("That draft has already been saved or discarded.")
        return found[0]

    def discard_draft(self, actor: WorkerInfo, draft_id: int) -> None:
        """Throw a draft away (drafts are not records; finalised notes can't be discarded)."""
        with self.database.writing():
            Note.delete().where(
                Note.id == draft_id, Note.status == "draft", Note.author == actor.id
            ).execute()

    # -- finalising ----------------------------------------------------------------------

    @guarded(Access.WRITE, "case_id")
    def finalise(
        self,
        actor: WorkerInfo,
        case_id: int,
        data: dict[str, Any] | NoteInput,
        *,
        draft_id: int | None = None,
        dayfirst: bool = True,
        note_types: tuple[str, ...] = NOTE_TYPES,
        categories: Sequence[str] | None = None,
    ) -> NoteDetail:
        """Make a note a record: chronology entry if significant (under the note's category,
        one of ``categories``), a task for the follow-up, and the case's last contact, all in
        one transaction."""
        from store.notes.input import NoteInput, parse_note

        note_in = (
            data
            if isinstance(data, NoteInput)
            else parse_note(data, dayfirst=dayfirst, note_types=note_types, categories=categories)
        )
        contact_at = dates.to_utc(note_in.contact_at).replace(tzinfo=None)
        now = utcnow()
        values = {
            "contact_at": contact_at,
            "note_type": note_in.note_type,
            "present": note_in.present,
            "body": note_in.body,
            "significant": note_in.significant,
            "chronology_title": note_in.chronology_title if note_in.significant else "",
            "follow_up_on": note_in.follow_up_on,
            "status": "final",
            "draft_state": "",
            "finalised_at": now,
            "updated_at": now,
        }
        with self.database.writing() as db:
            # The case and the names the new note is shown with, read once: the note returned
            # is made from what was written, not read back.
            found = execute_sql(db, _CASE_FOR_NOTE, (actor.id, case_id)).fetchone()
            if found is None:
                raise NotFound(f"No case with id {case_id}.")
            ref, status, last_contact, client_name, author_name = found
            last_contact_at = as_datetime(last_contact)
            if status == CaseStatus.CLOSED.value:
                raise InvalidInput({"form": f"Case {ref} is closed; reopen it to add notes."})
            if draft_id is not None:
                fields: Any = Note._meta.fields
                stored = [fields[column].db_value(value) for column, value in values.items()]
                updated = execute_sql(
                    db, _draft_finalised(tuple(values)), (*stored, draft_id, actor.id, case_id)
                ).rowcount
                if updated != 1:
                    raise Conflict("This draft has already been saved or discarded elsewhere.")
                note_id = draft_id
            else:
                note_id = insert_row(Note, case=case_id, author=actor.id, created_at=now, **values)
            if note_in.significant:
                insert_row(
                    ChronologyEntry,
                    case=case_id,
                    occurred_on=note_in.contact_at.date(),
                    category=note_in.chronology_category,
                    title=note_in.chronology_title,
                    details=first_line(note_in.body),
                    source_kind="note",
                    source_id=note_id,
                    created_at=now,
                    created_by=actor.id,
                )
            if note_in.follow_up_on is not None:
                insert_row(
                    Task,
                    case=case_id,
                    worker=actor.id,
                    due_on=note_in.follow_up_on,
                    title=f"Follow up: {note_in.chronology_title or first_line(note_in.body, 80)}",
                    source_kind="note",
                    source_id=note_id,
                    created_at=now,
                    created_by=actor.id,
                )
            if last_contact_at is None or contact_at > last_contact_at:
                case: Any = Case  # stored as peewee stores them (its conversions are untyped)
                execute_sql(
                    db,
                    _CONTACT_MOVED,
                    (
                        case.last_contact_at.db_value(contact_at),
                        case.updated_at.db_value(now),
                        case_id,
                    ),
                )
            act(actor, "note-finalised", case_id, "note", note_id)
        return NoteDetail(
            id=note_id,
            case_id=case_id,
            case_ref=ref,
            client_name=client_name,
            contact_at=contact_at,
            note_type=note_in.note_type,
            present=note_in.present,
            body=note_in.body,
            author_name=author_name or actor.display_name,
            significant=note_in.significant,
            chronology_title=note_in.chronology_title if note_in.significant else "",
            follow_up_on=note_in.follow_up_on,
            status="final",
            finalised_at=now,
            amendments=(),  # a draft is never amended, nor a note just made
        )

    @guarded(Access.WRITE, "note_id", of="note")
    def amend(self, actor: WorkerInfo, note_id: int, *, reason: str, body: str) -> NoteDetail:
        """Append a correction to a finalised note; the original stays as it was."""
        errors: dict[str, str] = {}
        reason = clean_field(reason)
        if not reason:
            errors["reason"] = "Say why the note is being amended."
        elif len(reason) > 300:
            errors["reason"] = "Keep the reason under 300 characters."
        if not body.strip():
            errors["body"] = "The amendment is empty."
        elif len(body) > BODY_MAX:
            errors["body"] = "The amendment is too long."
        if errors:
            raise InvalidInput(errors)
        with self.database.writing():
            note = Note.get_or_none(Note.id == note_id)
            if note is None:
                raise NotFound(f"No note with id {note_id}.")
            if note.status != "final":
                raise InvalidInput(
                    {"form": "A draft can simply be edited; only saved notes are amended."}
                )
            NoteAmendment.create(
                note=note_id, author=actor.id, reason=reason, body=body, created_at=utcnow()
            )
            amended = self._note_detail(note_id)
            act(actor, "note-amended", amended.case_id, "note", note_id)
            return amended

    # -- reading -------------------------------------------------------------------------

    @guarded(Access.READ, "case_id")
    def for_case(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        note_type: str | None = None,
        text: str | None = None,
    ) -> list[NoteSummary]:
        """A case's finalised notes, newest first, optionally of one type or containing text
        (case and accents ignored). Each carries its ``search_key``: a list read once can be
        filtered as it is typed with ``store.notes.rules.note_matches``, giving the same notes.
        """
        # Each note's amendments counted by the index on their note, not the whole table.
        amendments = (
            NoteAmendment.select(pw.fn.COUNT(NoteAmendment.id))
            .where(NoteAmendment.note == Note.id)
            .alias("amendments")
        )
        query = (
            Note.select(
                Note.id,
                Note.contact_at,
                Note.note_type,
                Worker.display_name,
                Note.present,
                Note.body,
                Note.significant,
                amendments,
            )
            .join(Worker, on=(Note.author == Worker.id))
            .where(Note.case == case_id, Note.status == "final")
            .order_by(Note.contact_at.desc(), Note.id.desc())
        )
        if note_type:
            query = query.where(Note.note_type == note_type)
        with self.database.reading():
            rows = list(tuples(query))
        notes = [
            NoteSummary(
                id=i,
                case_id=case_id,
                contact_at=at,
                note_type=kind,
                author_name=who,
                first_line=first_line(body),
                significant=bool(sig),
                amendments=int(n),
                search_key=search_key(present, body),
            )
            for i, at, kind, who, present, body, sig, n in rows
        ]
        if text and text.strip():
            notes = [note for note in notes if note_matches(note, text)]
        return notes

    @guarded(Access.READ, "note_id", of="note")
    def get(self, actor: WorkerInfo, note_id: int, *, opening: bool = False) -> NoteDetail:
        """A note with its amendments; ``opening``: audit the opening (not a reload)."""
        with self.database.reading():
            note = self._note_detail(note_id)
        if opening:
            opened(self.database, actor, "note", case_id=note.case_id, record_id=note_id)
        return note

    def _note_detail(self, note_id: int) -> NoteDetail:
        row = (
            Note.select(Note, Case.ref, Client.name, Worker.display_name)
            .join(Case)
            .join(Client)
            .switch(Note)
            .join(Worker, on=(Note.author == Worker.id))
            .where(Note.id == note_id)
            .objects()
            .first()
        )
        if row is None:
            raise NotFound(f"No note with id {note_id}.")
        # Each row is an amendment that also carries its author's display_name, which the
        # model's type does not know.
        amendment_rows: Any = (
            NoteAmendment.select(NoteAmendment, Worker.display_name)
            .join(Worker)
            .where(NoteAmendment.note == note_id)
            .order_by(NoteAmendment.created_at, NoteAmendment.id)
            .objects()
        )
        amendments = tuple(
            AmendmentInfo(
                id=a.id,
                author_name=a.display_name,
                created_at=a.created_at,
                reason=a.reason,
                body=a.body,
            )
            for a in amendment_rows
        )
        return NoteDetail(
            id=row.id,
            case_id=row.case_id,
            case_ref=row.ref,
            client_name=row.name,
            contact_at=row.contact_at,
            note_type=row.note_type,
            present=row.present,
            body=row.body,
            author_name=row.display_name,
            significant=row.significant,
            chronology_title=row.chronology_title,
            follow_up_on=row.follow_up_on,
            status=row.status,
            finalised_at=row.finalised_at,
            amendments=amendments,
        )


def resolve_dates(
    state: dict[str, str], *, dayfirst: bool, now: datetime, unambiguous_only: bool = False
) -> dict[str, str]:
    """The draft's When and Follow-up as the dates they mean at ``now`` (naive local), written
    out ("23 Nov 2026 14:00", "27 Nov 2026"); fields that don't read as a date are left out.

    An empty When is "now". ``unambiguous_only`` resolves only what reads the same in day-first
    and month-first order (for drafts saved before dates were resolved, whose order is unknown).
    """
    resolved: dict[str, str] = {}
    when = state.get("contact_at", "").strip() or "now"
    orders = (True, False) if unambiguous_only else (dayfirst,)
    try:
        readings = {dates.parse_datetime(when, dayfirst=o, now=now) for o in orders}
        if len(readings) == 1:
            resolved["contact_at"] = dates.format_datetime(readings.pop())
    except dates.DateParseError:
        pass
    follow = state.get("follow_up_on", "").strip()
    if follow:
        try:
            days = {
                dates.parse_date(follow, dayfirst=o, prefer="future", today=now.date())
                for o in orders
            }
            if len(days) == 1:
                resolved["follow_up_on"] = dates.format_date(days.pop())
        except dates.DateParseError:
            pass
    return resolved


def _begun(state: dict[str, str], created_at: datetime) -> dict[str, str]:
    """A draft as saved, its relative dates (from before they were resolved on saving) read
    as of when the note was begun."""
    return {
        **state,
        **resolve_dates(
            state, dayfirst=True, now=dates.to_local(created_at), unambiguous_only=True
        ),
    }
