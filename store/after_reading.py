"""Writing one thing into a database a command read read-only: an export's line in the audit
trail, or in the case's information-sharing log. The file (or the PostgreSQL database) is
opened to write just that, and closed."""

from __future__ import annotations

from pathlib import Path

from store.audit.service import act
from store.common.errors import DatabaseUnavailable
from store.common.records import WorkerInfo
from store.core import postgres
from store.core.db import Database
from store.service import writable


def _opened(path: Path | str) -> Database:
    """The database at ``path``, opened to write one thing: an SQLite file that must be
    writable, or a PostgreSQL database through a connection of its own that may write (the
    reading one's transactions were all READ ONLY)."""
    if postgres.is_url(path):
        from store.core.postgres_db import PostgresDatabase

        database: Database = PostgresDatabase(str(path))
    else:
        path = Path(path)
        if not writable(path):
            raise DatabaseUnavailable(f"{path} is read-only.")
        database = Database(path)
    database.bind()
    return database


def record_after_reading(
    path: Path | str,
    actor: WorkerInfo,
    action: str,
    case_id: int | None,
    record_kind: str = "",
    record_id: int | None = None,
    *,
    detail: str = "",
) -> None:
    """Add one event to the audit trail of the database at ``path``, for a command that read
    it read-only (an export): the file is opened to write just this, and closed. Raises
    DatabaseUnavailable if it can't be written (a read-only copy, an archived file)."""
    database = _opened(path)
    try:
        with database.writing():
            act(actor, action, case_id, record_kind, record_id, detail=detail)
    finally:
        database.close()


def share_after_reading(
    path: Path | str,
    actor: WorkerInfo,
    case_id: int,
    *,
    recipient: str,
    what: str,
    consent_id: int | None,
    lawful_reason: str,
) -> int:
    """Add an export made for another agency to the case's information-sharing log (and the
    audit trail) of the database at ``path``, for a command that read it read-only; returns
    the log line's id. Raises a StoreError as ``record_sharing`` does, and DatabaseUnavailable
    if the file can't be written."""
    from store.consent.service import ConsentService

    database = _opened(path)
    try:
        return ConsentService(database).share(
            actor,
            case_id,
            recipient=recipient,
            what=what,
            consent_id=consent_id,
            lawful_reason=lawful_reason,
            source="export",
        )
    finally:
        database.close()
