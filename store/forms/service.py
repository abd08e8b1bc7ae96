"""Drafts of forms other than notes (a new case, a contact, a plan's goal ...): what was typed,
kept per worker and per form so a crash or a lock loses nothing.
"""

from __future__ import annotations

import json
from datetime import datetime

from store.common.records import WorkerInfo
from store.core.db import Database
from store.core.models import FormDraft, utcnow
from store.core.rows import tuples


class FormDraftService:
    """Drafts of forms: ``store.forms``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def save_draft(
        self, actor: WorkerInfo, key: str, values: dict[str, str], title: str = ""
    ) -> None:
        """Keep what has been typed into form ``key`` (replacing any earlier draft of it)."""
        state = json.dumps({k: str(v) for k, v in values.items()}, ensure_ascii=False)
        with self.database.writing():
            FormDraft.insert(
                worker=actor.id, key=key, title=title, state=state, updated_at=utcnow()
            ).on_conflict(
                conflict_target=[FormDraft.worker, FormDraft.key],
                update={
                    FormDraft.state: state,
                    FormDraft.title: title,
                    FormDraft.updated_at: utcnow(),
                },
            ).execute()

    def draft(self, actor: WorkerInfo, key: str) -> tuple[dict[str, str], datetime] | None:
        """What was typed into form ``key`` and when (naive UTC), or None."""
        with self.database.reading():
            row = FormDraft.get_or_none((FormDraft.worker == actor.id) & (FormDraft.key == key))
        if row is None:
            return None
        state = draft_state(row.state)
        return {k: str(v) for k, v in state.items()}, row.updated_at

    def drafts(self, actor: WorkerInfo) -> list[tuple[str, str, datetime]]:
        """The actor's unfinished forms as (key, title, saved at, naive UTC), newest first."""
        with self.database.reading():
            query = (
                FormDraft.select(FormDraft.key, FormDraft.title, FormDraft.updated_at)
                .where(FormDraft.worker == actor.id)
                .order_by(FormDraft.updated_at.desc())
            )
            return [(k, t, at) for k, t, at in tuples(query)]

    def discard_draft(self, actor: WorkerInfo, key: str) -> None:
        with self.database.writing():
            FormDraft.delete().where(
                (FormDraft.worker == actor.id) & (FormDraft.key == key)
            ).execute()


def draft_state(raw: str) -> dict[str, str]:
    """A draft's saved fields; a damaged one reads as empty rather than failing."""
    try:
        loaded = json.loads(raw or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
