"""What supervision records share: who may read and write them, the limits, the fields a draft
keeps (no database, no pydantic, so the operations and the input model can both import it).

Who may do what is decided here alone, by ``may_read`` and ``may_write``, on the workers as
they are now: a supervisor writes for the workers of their own team, a manager for anyone; the
worker supervised reads their own record, and supervisors (their own team), managers and
auditors read; an administrator reads none. Nobody writes their own.
"""

from __future__ import annotations

from store.core.records import Role, WorkerInfo

BODY_MAX = 200_000
ACTIONS_MAX = 20_000
REASON_MAX = 300
DRAFT_FIELDS = ("held_on", "body", "agreed_actions")

NOT_A_READER = (
    "Only the worker, a supervisor of their team, managers and auditors read a worker's "
    "supervision record."
)
NOT_A_WRITER = (
    "Only a supervisor of the worker's team, or a manager, writes their supervision notes."
)


def may_read(actor: WorkerInfo, worker: WorkerInfo) -> bool:
    """May ``actor`` read ``worker``'s supervision record?"""
    if not actor.active or actor.role == Role.ADMINISTRATOR:
        return False
    if actor.role in (Role.MANAGER, Role.AUDITOR) or actor.id == worker.id:
        return True
    return actor.role == Role.SUPERVISOR and bool(actor.team) and actor.team == worker.team


def may_write(actor: WorkerInfo, worker: WorkerInfo) -> bool:
    """May ``actor`` write (and amend) supervision notes about ``worker``?"""
    if not actor.active or actor.id == worker.id:
        return False
    if actor.role == Role.MANAGER:
        return True
    return actor.role == Role.SUPERVISOR and bool(actor.team) and actor.team == worker.team
