"""Supervision notes: ``store.supervision``. A supervisor's (or a manager's) write-up of a
supervision session with a worker, recorded on that worker: their caseload, wellbeing, the
decisions agreed, training. Nothing here is about a client, so none of it is ever part of a
case file, a case's chronology or an export of a case.

A note is a draft (the editor's fields as typed) until finalised; from then on the database
refuses to change or delete it, it is sealed like every final record, and corrections are
amendments beside it. Reading a record or a note, finalising and amending are audited.
"""

from __future__ import annotations

import json
from typing import Any

import peewee as pw

from store.audit.service import act, opened
from store.common import dates
from store.common.errors import Conflict, InvalidInput, NotFound, NotPermitted
from store.common.records import WorkerInfo
from store.common.textsafe import clean_field, preview_line
from store.core.db import Database
from store.core.models import Worker, utcnow
from store.core.permissions import (
    NOT_A_SUPERVISION_READER,
    NOT_A_SUPERVISION_WRITER,
    may_read_supervision,
    may_write_supervision,
)
from store.core.rows import tuples
from store.forms.service import draft_state
from store.supervision.models import SupervisionAmendment, SupervisionNote
from store.supervision.records import (
    SupervisionAmendmentInfo,
    SupervisionDetail,
    SupervisionDraft,
    SupervisionRecord,
    SupervisionSummary,
)
from store.supervision.rules import BODY_MAX, DRAFT_FIELDS, REASON_MAX

FINAL = "final"
DRAFT = "draft"


def _worker(worker_id: int | None) -> WorkerInfo | None:
    """A worker as they are now (in a transaction), or None."""
    row = None if not worker_id else Worker.get_or_none(Worker.id == worker_id)
    if row is None:
        return None
    return WorkerInfo(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        team=row.team,
        active=bool(row.active),
    )


def _pair(actor: WorkerInfo, worker_id: int) -> tuple[WorkerInfo, WorkerInfo]:
    """The acting worker and the worker supervised, read now; NotFound if there is no such
    worker (NotPermitted if the actor is no longer a worker at all)."""
    me = _worker(actor.id)
    if me is None:
        raise NotPermitted(NOT_A_SUPERVISION_READER)
    worker = _worker(worker_id)
    if worker is None:
        raise NotFound(f"No worker with id {worker_id}.")
    return me, worker


class SupervisionService:
    """Supervision notes: ``store.supervision``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- reading -------------------------------------------------------------------------

    def record(
        self, actor: WorkerInfo, worker_id: int, *, opening: bool = False
    ) -> SupervisionRecord:
        """A worker's supervision record: finalised notes newest first and the actor's drafts
        about them. ``opening``: audit the opening (not a reload)."""
        with self.database.reading():
            me, worker = _pair(actor, worker_id)
            if not may_read_supervision(me, worker):
                raise NotPermitted(NOT_A_SUPERVISION_READER)
            amendments = (
                SupervisionAmendment.select(
                    SupervisionAmendment.supervision,
                    pw.fn.COUNT(SupervisionAmendment.id).alias("n"),
                )
                .group_by(SupervisionAmendment.supervision)
                .alias("amendment_counts")
            )
            query = (
                SupervisionNote.select(
                    SupervisionNote.id,
                    SupervisionNote.held_on,
                    Worker.display_name,
                    SupervisionNote.body,
                    SupervisionNote.agreed_actions,
                    pw.fn.COALESCE(amendments.c.n, 0),
                )
                .join(Worker, on=(SupervisionNote.author == Worker.id))
                .switch(SupervisionNote)
                .join(
                    amendments,
                    pw.JOIN.LEFT_OUTER,
                    on=(amendments.c.supervision_id == SupervisionNote.id),
                )
                .where(SupervisionNote.worker == worker_id, SupervisionNote.status == FINAL)
                .order_by(SupervisionNote.held_on.desc(), SupervisionNote.id.desc())
            )
            notes = tuple(
                SupervisionSummary(
                    id=i,
                    held_on=held,
                    author_name=who,
                    first_line=preview_line(body, markdown=True)[:200],
                    has_actions=bool(actions.strip()),
                    amendments=int(n),
                )
                for i, held, who, body, actions, n in tuples(query)
            )
            drafts = self._drafts(me, worker)
            record = SupervisionRecord(
                worker_id=worker.id,
                worker_name=worker.display_name,
                login=worker.username,
                team=worker.team,
                notes=notes,
                drafts=drafts,
                can_write=may_write_supervision(me, worker),
            )
        if opening:
            opened(
                self.database,
                actor,
                "supervision-record",
                case_id=None,
                record_id=worker_id,
                detail=worker.username,
            )
        return record

    def get(self, actor: WorkerInfo, note_id: int, *, opening: bool = False) -> SupervisionDetail:
        """A finalised supervision note with its amendments; ``opening``: audit the opening."""
        with self.database.reading():
            detail = self._detail(actor, note_id)
        if opening:
            opened(self.database, actor, "supervision-note", case_id=None, record_id=note_id)
        return detail

    def drafts(self, actor: WorkerInfo) -> list[SupervisionDraft]:
        """The actor's unfinished supervision notes, about anyone, newest first."""
        with self.database.reading():
            me = _worker(actor.id)
            return [] if me is None else list(self._drafts(me, None))

    def _drafts(self, me: WorkerInfo, worker: WorkerInfo | None) -> tuple[SupervisionDraft, ...]:
        query = (
            SupervisionNote.select(
                SupervisionNote.id,
                SupervisionNote.worker,
                Worker.display_name,
                SupervisionNote.draft_state,
                SupervisionNote.updated_at,
            )
            .join(Worker, on=(SupervisionNote.worker == Worker.id))
            .where(SupervisionNote.author == me.id, SupervisionNote.status == DRAFT)
            .order_by(SupervisionNote.updated_at.desc(), SupervisionNote.id.desc())
        )
        if worker is not None:
            query = query.where(SupervisionNote.worker == worker.id)
        return tuple(
            SupervisionDraft(
                id=i, worker_id=w, worker_name=name, state=draft_state(raw), updated_at=at
            )
            for i, w, name, raw, at in tuples(query)
        )

    def _detail(self, actor: WorkerInfo, note_id: int) -> SupervisionDetail:
        row: Any = (
            SupervisionNote.select(SupervisionNote, Worker.display_name)
            .join(Worker, on=(SupervisionNote.author == Worker.id))
            .where(SupervisionNote.id == note_id, SupervisionNote.status == FINAL)
            .objects()
            .first()
        )
        if row is None:
            raise NotFound(f"No supervision note with id {note_id}.")
        me, worker = _pair(actor, row.worker_id)
        if not may_read_supervision(me, worker):
            raise NotPermitted(NOT_A_SUPERVISION_READER)
        amendment_rows: Any = (
            SupervisionAmendment.select(SupervisionAmendment, Worker.display_name)
            .join(Worker, on=(SupervisionAmendment.author == Worker.id))
            .where(SupervisionAmendment.supervision == note_id)
            .order_by(SupervisionAmendment.created_at, SupervisionAmendment.id)
            .objects()
        )
        return SupervisionDetail(
            id=row.id,
            worker_id=worker.id,
            worker_name=worker.display_name,
            author_name=row.display_name,
            held_on=row.held_on,
            body=row.body,
            agreed_actions=row.agreed_actions,
            status=row.status,
            finalised_at=row.finalised_at,
            amendments=tuple(
                SupervisionAmendmentInfo(
                    id=a.id,
                    author_name=a.display_name,
                    created_at=a.created_at,
                    reason=a.reason,
                    body=a.body,
                )
                for a in amendment_rows
            ),
            can_amend=may_write_supervision(me, worker),
        )

    # -- drafts --------------------------------------------------------------------------

    def save_draft(
        self,
        actor: WorkerInfo,
        worker_id: int,
        state: dict[str, Any],
        draft_id: int | None = None,
        *,
        dayfirst: bool = True,
    ) -> int:
        """Keep the editor's fields as typed; returns the draft's id (new on first save). A
        date that reads ("today", "last tue") is kept as the day it meant when typed."""
        fields = {k: ("" if v is None else str(v)) for k, v in state.items() if k in DRAFT_FIELDS}
        held_on = None
        try:
            held_on = dates.parse_date(fields.get("held_on", "") or "today", dayfirst=dayfirst)
            fields["held_on"] = dates.format_date(held_on)
        except dates.DateParseError:
            pass
        row = {
            "held_on": held_on,
            "body": fields.get("body", ""),
            "agreed_actions": fields.get("agreed_actions", ""),
            "draft_state": json.dumps(fields, ensure_ascii=False),
            "updated_at": utcnow(),
        }
        with self.database.writing():
            return _write(actor, worker_id, draft_id, {**row, "status": DRAFT})[0]

    def discard_draft(self, actor: WorkerInfo, draft_id: int) -> None:
        """Throw a draft away (a draft is not a record; a final note can't be discarded)."""
        with self.database.writing():
            SupervisionNote.delete().where(
                SupervisionNote.id == draft_id,
                SupervisionNote.status == DRAFT,
                SupervisionNote.author == actor.id,
            ).execute()

    # -- making records ------------------------------------------------------------------

    def finalise(
        self,
        actor: WorkerInfo,
        worker_id: int,
        data: dict[str, Any],
        *,
        draft_id: int | None = None,
        dayfirst: bool = True,
    ) -> SupervisionDetail:
        """Make a supervision note a record (from the draft ``draft_id`` if given)."""
        from store.supervision.input import parse_supervision

        note_in = parse_supervision(data, dayfirst=dayfirst)
        now = utcnow()
        values = {
            "held_on": note_in.held_on,
            "body": note_in.body,
            "agreed_actions": note_in.agreed_actions,
            "status": FINAL,
            "draft_state": "",
            "finalised_at": now,
            "updated_at": now,
        }
        with self.database.writing():
            note_id, worker = _write(actor, worker_id, draft_id, values)
            act(
                actor,
                "supervision-finalised",
                None,
                "supervision-note",
                note_id,
                detail=worker.username,
            )
            return self._detail(actor, note_id)

    def amend(
        self, actor: WorkerInfo, note_id: int, *, reason: str, body: str
    ) -> SupervisionDetail:
        """Append a correction to a finalised supervision note; the note stays as it was."""
        errors: dict[str, str] = {}
        reason = clean_field(reason)
        if not reason:
            errors["reason"] = "Say why the note is being amended."
        elif len(reason) > REASON_MAX:
            errors["reason"] = f"Keep the reason under {REASON_MAX} characters."
        if not body.strip():
            errors["body"] = "The amendment is empty."
        elif len(body) > BODY_MAX:
            errors["body"] = "The amendment is too long."
        if errors:
            raise InvalidInput(errors)
        with self.database.writing():
            note = SupervisionNote.get_or_none(
                SupervisionNote.id == note_id, SupervisionNote.status == FINAL
            )
            if note is None:
                raise NotFound(f"No supervision note with id {note_id}.")
            me, worker = _pair(actor, note.worker_id)
            if not may_write_supervision(me, worker):
                raise NotPermitted(NOT_A_SUPERVISION_WRITER)
            SupervisionAmendment.create(
                supervision=note_id, author=actor.id, reason=reason, body=body, created_at=utcnow()
            )
            act(
                actor,
                "supervision-amended",
                None,
                "supervision-note",
                note_id,
                detail=worker.username,
            )
            return self._detail(actor, note_id)


def _write(
    actor: WorkerInfo, worker_id: int, draft_id: int | None, values: dict[str, Any]
) -> tuple[int, WorkerInfo]:
    """Save ``values`` over the actor's draft ``draft_id`` (Conflict if it is no longer their
    draft), or as a new note about the worker: its id, and the worker. In a write transaction."""
    me, worker = _pair(actor, worker_id)
    if not may_write_supervision(me, worker):
        raise NotPermitted(NOT_A_SUPERVISION_WRITER)
    if draft_id is not None:
        updated = (
            SupervisionNote.update(**values, version=SupervisionNote.version + 1)
            .where(
                SupervisionNote.id == draft_id,
                SupervisionNote.status == DRAFT,
                SupervisionNote.author == actor.id,
                SupervisionNote.worker == worker_id,
            )
            .execute()
        )
        if not updated:
            raise Conflict("This draft has already been finalised or discarded elsewhere.")
        return draft_id, worker
    note = SupervisionNote.create(
        worker=worker_id, author=actor.id, created_at=values["updated_at"], **values
    )
    return int(note.id), worker
