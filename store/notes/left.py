"""Drafts left behind: a worker's unfinished notes on cases since transferred to someone else.

A draft is its author's and is never moved or deleted by a transfer; the worker who holds the
case now is shown it (``drafts_left``), can read it (``left_draft``, an audited opening), and
can start a note of their own from its text.
"""

from __future__ import annotations

from typing import Any

from store.access import guarded
from store.audit.service import opened
from store.common.errors import NotFound
from store.common.records import WorkerInfo
from store.common.textsafe import preview_line
from store.core.db import Database
from store.core.models import Case, Client, Note, Worker
from store.core.permissions import Access, visible_cases
from store.core.rows import tuples
from store.forms.service import draft_state
from store.notes.records import LeftDraft

GONE = "That draft is no longer waiting on your cases: its author finished or discarded it."


def _query(actor: WorkerInfo) -> Any:
    return (
        Note.select(
            Note.id,
            Note.case,
            Case.ref,
            Client.name,
            Worker.display_name,
            Note.updated_at,
            Note.draft_state,
        )
        .join(Case)
        .join(Client)
        .switch(Note)
        .join(Worker, on=(Note.author == Worker.id))
        .where(
            Note.status == "draft",
            Case.worker == actor.id,
            Note.author != actor.id,
            visible_cases(actor),
        )
        .order_by(Note.updated_at.desc(), Note.id.desc())
    )


def _left(row: tuple[Any, ...], *, whole: bool) -> LeftDraft:
    i, case_id, ref, client, author, updated, raw = row
    state = draft_state(raw)
    return LeftDraft(
        id=i,
        case_id=case_id,
        case_ref=ref,
        client_name=client,
        author_name=author,
        updated_at=updated,
        first_line=preview_line(state.get("body", ""), 200, markdown=True),
        state=state if whole else {},
    )


class LeftDrafts:
    """``store.notes.drafts_left`` and ``store.notes.left_draft``."""

    database: Database

    def drafts_left(self, actor: WorkerInfo) -> list[LeftDraft]:
        """Other workers' drafts on the cases the actor holds now, newest first: case,
        author, when last saved and the first line."""
        with self.database.reading():
            return [_left(row, whole=False) for row in tuples(_query(actor))]

    @guarded(Access.READ, "draft_id", of="draft")
    def left_draft(self, actor: WorkerInfo, draft_id: int) -> LeftDraft:
        """One of ``drafts_left`` whole, its fields as its author left them; the opening is
        added to the audit trail."""
        with self.database.reading():
            row = tuples(_query(actor).where(Note.id == draft_id))
            found = next(iter(row), None)
        if found is None:
            raise NotFound(GONE)
        left = _left(found, whole=True)
        opened(
            self.database,
            actor,
            "draft",
            case_id=left.case_id,
            record_id=draft_id,
            detail=f"left by {left.author_name}",
        )
        return left
