"""Who may do what, checked against the database: a worker's role as it is now, not as it was
when they signed in (an administrator may have changed it since, or deactivated them)."""

from __future__ import annotations

from collections.abc import Collection

from store.core.errors import NotPermitted
from store.core.models import Worker
from store.core.records import Role, WorkerInfo

# Who may read the audit trail and the list of workers' accounts.
AUDIT_READERS = frozenset({Role.SUPERVISOR, Role.MANAGER, Role.AUDITOR, Role.ADMINISTRATOR})
ACCOUNT_READERS = frozenset({Role.ADMINISTRATOR, Role.MANAGER, Role.AUDITOR})


def require_role(actor: WorkerInfo | None, roles: Collection[str], message: str) -> Worker:
    """The acting worker's row, read now (call inside a transaction); NotPermitted with
    ``message`` unless they are an active worker with one of ``roles``."""
    row = None if actor is None or not actor.id else Worker.get_or_none(Worker.id == actor.id)
    if row is None or not row.active or row.role not in roles:
        raise NotPermitted(message)
    return row
