"""Who may do what, checked against the database: a worker's role as it is now, not as it was
when they signed in (an administrator may have changed it since, or deactivated them).

The one table of rules is ``CASE_RULES``: for each role, what it may do (read, write, manage)
to a case, by how the case stands to the worker (their own, their team's, anyone else's, or
allocated to nobody). Every service call that touches a case's records asks it, through the
``guarded`` decorator of ``store.access``; lists of cases are narrowed by ``visible_cases``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from store.common.errors import NotFound, NotPermitted
from store.common.records import Role, WorkerInfo
from store.core.dialect import contains, execute_sql
from store.core.models import Case, Worker

# Who may read the audit trail and the list of workers' accounts.
AUDIT_READERS = frozenset({Role.SUPERVISOR, Role.MANAGER, Role.AUDITOR, Role.ADMINISTRATOR})
ACCOUNT_READERS = frozenset({Role.ADMINISTRATOR, Role.MANAGER, Role.AUDITOR})
# Who may make, list and revoke the tokens scripts sign in with.
TOKEN_MAKERS = frozenset({Role.ADMINISTRATOR})
MAKERS_ONLY = "Only an administrator can make, list or revoke tokens."


class Access(StrEnum):
    """What a call does to a case."""

    READ = "read"  # open it, list it, export it
    WRITE = "write"  # add to or change its records: notes, plans, minutes, client details
    MANAGE = "manage"  # its life: transfer (allocate), close, reopen


class Relation(StrEnum):
    """How a case stands to the worker acting on it."""

    OWN = "own"  # allocated to them
    TEAM = "team"  # allocated to someone in their team
    OTHER = "other"  # allocated to someone in another team (or none)
    UNALLOCATED = "unallocated"  # allocated to nobody (a referral waiting)


_ALL = frozenset(Access)
_READ = frozenset({Access.READ})
_NONE: frozenset[Access] = frozenset()

# The rules. A worker reads and changes their own caseload; a supervisor their team's cases
# too (a case direction on the file, a note while its worker is away) and allocates them; a
# manager every case; an auditor reads everything and changes nothing; an administrator
# manages accounts and reads no case record.
CASE_RULES: Mapping[Role, Mapping[Relation, frozenset[Access]]] = {
    Role.WORKER: {
        Relation.OWN: _ALL,
        Relation.TEAM: _NONE,
        Relation.OTHER: _NONE,
        Relation.UNALLOCATED: _NONE,
    },
    Role.SUPERVISOR: {
        Relation.OWN: _ALL,
        Relation.TEAM: _ALL,
        Relation.OTHER: _NONE,
        Relation.UNALLOCATED: _ALL,
    },
    Role.MANAGER: {relation: _ALL for relation in Relation},
    Role.AUDITOR: {relation: _READ for relation in Relation},
    Role.ADMINISTRATOR: {relation: _NONE for relation in Relation},
}

# What naming a worker for a restricted case gives them, by role: reading it, and changing its
# records if their role changes records at all (never more than the role could ever do).
_NAMED: Mapping[str, frozenset[Access]] = {
    role: frozenset(set().union(*CASE_RULES[role].values()) & {Access.READ, Access.WRITE})
    for role in Role
}

# Who may open a new case (it is allocated to them, or to a worker they name).
CASE_CREATORS = frozenset({Role.WORKER, Role.SUPERVISOR, Role.MANAGER})

_SAYS = {
    Access.READ: "open",
    Access.WRITE: "change",
    Access.MANAGE: "transfer, close or reopen",
}


def allowed(role: str, relation: Relation, access: Access) -> bool:
    """True if the rules let ``role`` do ``access`` to a case standing in ``relation``."""
    try:
        return access in CASE_RULES[Role(role)][relation]
    except ValueError:  # a role this version doesn't know: nothing
        return False


def require_role(actor: WorkerInfo | None, roles: Collection[str], message: str) -> Worker:
    """The acting worker's row, read now (call inside a transaction); NotPermitted with
    ``message`` unless they are an active worker with one of ``roles``."""
    row = acting_row(actor)
    if row is None or row.role not in roles:
        raise NotPermitted(message)
    return row


def acting_row(actor: WorkerInfo | None) -> Worker | None:
    """The acting worker's row as it is now, or None if they are unknown or deactivated."""
    row = None if actor is None or not actor.id else Worker.get_or_none(Worker.id == actor.id)
    return row if row is not None and row.active else None


def relation(me: Worker | _Acting, holder_id: int | None, holder_team: str | None) -> Relation:
    """How a case allocated to ``holder_id`` (of ``holder_team``) stands to ``me``."""
    if holder_id is None:
        return Relation.UNALLOCATED
    if holder_id == me.id:
        return Relation.OWN
    if me.team and holder_team == me.team:
        return Relation.TEAM
    return Relation.OTHER


def require_case(actor: WorkerInfo | None, case_id: int, access: Access) -> None:
    """NotPermitted unless ``actor`` may do ``access`` to the case, by the rules as they stand
    now; NotFound if there is no such case. Call inside a transaction.

    A restricted case is opened only by the worker holding it and the workers named for it:
    to anyone else it is refused whatever their role; a named worker may read it and, if their
    role changes records at all, change it, besides what their role gives them anyway."""
    why = refusals(actor, case_id, access)[0]
    if why:
        raise NotPermitted(why)


def refusals(actor: WorkerInfo | None, case_id: int, *accesses: Access) -> tuple[str, ...]:
    """For each of ``accesses``, why ``actor`` may not do it to the case, or "" if they may:
    the case and the worker read once for all of them. NotFound if there is no such case.
    Call inside a transaction."""
    # Every guarded call asks this: one statement, written once (a query built by peewee
    # each time costs more than SQLite's answering it).
    found = execute_sql(
        Case._meta.database,
        _CASE_AND_ACTOR,
        (actor.id if actor is not None and actor.id else None, case_id),
    ).fetchone()
    if found is None:
        raise NotFound(f"No case with id {case_id}.")
    ref, holder_id, holder_team, holder_name, restricted, restricted_to, *acting = found
    me = _Acting(*acting) if acting[0] is not None and acting[3] else None
    if me is None:
        return tuple("Only a signed-in, active worker can do that." for _ in accesses)
    stands = relation(me, holder_id, holder_team)

    def why(access: Access) -> str:
        if restricted and stands != Relation.OWN:
            if not is_named(restricted_to, me.id):
                return _restricted(ref, holder_name)
            if access in _NAMED.get(me.role, _NONE):
                return ""
        if allowed(me.role, stands, access):
            return ""
        return _refusal(me, ref, stands, access, holder_name)

    return tuple(why(access) for access in accesses)


_CASE_AND_ACTOR = (
    "SELECT c.ref, c.worker_id, h.team, h.display_name, c.restricted, c.restricted_to,"
    " a.id, a.role, a.team, a.active"
    ' FROM "case" AS c LEFT JOIN worker AS h ON h.id = c.worker_id'
    " LEFT JOIN worker AS a ON a.id = ? WHERE c.id = ?"
)


@dataclass(frozen=True, slots=True)
class _Acting:
    """What the rules ask of the acting worker's row."""

    id: int
    role: str
    team: str | None
    active: bool


def is_named(restricted_to: str, worker_id: int) -> bool:
    """True if the worker is among those named for a restricted case (``restricted_to``)."""
    return f",{worker_id}," in restricted_to


def named_ids(restricted_to: str) -> list[int]:
    """The ids of the workers named in ``restricted_to`` (",3,7,")."""
    return [int(part) for part in restricted_to.split(",") if part.strip().isdigit()]


def as_named(worker_ids: Collection[int]) -> str:
    """``restricted_to`` for these workers: ",3,7," (empty for none)."""
    ids = sorted(set(worker_ids))
    return f",{','.join(str(i) for i in ids)}," if ids else ""


def names_shown(actor: WorkerInfo) -> Any:
    """A condition on ``Case``: the client's name may be shown to ``actor`` (and searched by
    them): the case isn't restricted, or they hold it or are named for it."""
    return (
        ~Case.restricted | (Case.worker == actor.id) | contains(Case.restricted_to, f",{actor.id},")
    )


def _restricted(ref: str, holder: str | None) -> str:
    ask = f"ask {holder}, who holds it," if holder else "ask a manager"
    return f"Case {ref} is restricted to the workers named for it: {ask} if you need to open it."


def refusal(actor: WorkerInfo | None, case_id: int, access: Access) -> str:
    """Why ``actor`` may not do ``access`` to the case, or "" if they may (for a screen to
    offer only what will be allowed). Call inside a transaction."""
    return refusals(actor, case_id, access)[0]


def _refusal(
    me: Worker | _Acting, ref: str, stands: Relation, access: Access, holder: str | None
) -> str:
    if me.role == Role.ADMINISTRATOR:
        return "An administrator's account doesn't open case records."
    if me.role == Role.AUDITOR:
        return "An auditor's account reads the records and changes nothing."
    if allowed(me.role, stands, Access.READ):
        ask = f"ask {holder}, who holds it" if holder else "ask a supervisor"
        return f"You can read case {ref} but not {_SAYS[access]} it: {ask}."
    if holder:
        return f"Case {ref} is {holder}'s: ask them or their supervisor."
    return f"Case {ref} is waiting to be allocated: ask a supervisor."


def visible_cases(actor: WorkerInfo | None) -> Any:
    """A condition on ``Case`` (for a query joined to nothing else on Worker) that keeps the
    cases ``actor`` may read. Call inside a transaction."""
    me = acting_row(actor)
    if me is None:
        return Case.id.is_null()  # nothing
    try:
        role = Role(me.role)
    except ValueError:
        return Case.id.is_null()
    rules = CASE_RULES[role]
    conditions = []
    if Access.READ in rules[Relation.OWN]:
        conditions.append(Case.worker == me.id)
    if Access.READ in rules[Relation.UNALLOCATED]:
        conditions.append(Case.worker.is_null())
    reads_team = Access.READ in rules[Relation.TEAM]
    if Access.READ in rules[Relation.OTHER]:  # every team's, so every allocated case
        conditions.append(Case.worker.is_null(False))
    elif reads_team and me.team:
        team = Worker.select(Worker.id).where(Worker.team == me.team)
        conditions.append(Case.worker.in_(team))
    if Access.READ in _NAMED.get(me.role, _NONE):
        # The LIKE first: peewee would pass its pattern through the boolean field's converter.
        conditions.append(contains(Case.restricted_to, f",{me.id},") & Case.restricted)
    if not conditions:
        return Case.id.is_null()
    condition = conditions[0]
    for more in conditions[1:]:
        condition = condition | more
    return condition


# --- supervision records, about a worker rather than a client ------------------------------
# A supervisor writes for the workers of their own team, a manager for anyone; the worker
# supervised reads their own record, and supervisors (their own team), managers and auditors
# read; an administrator reads none. Nobody writes their own.

NOT_A_SUPERVISION_READER = (
    "Only the worker, a supervisor of their team, managers and auditors read a worker's "
    "supervision record."
)
NOT_A_SUPERVISION_WRITER = (
    "Only a supervisor of the worker's team, or a manager, writes their supervision notes."
)


def may_read_supervision(actor: WorkerInfo, worker: WorkerInfo) -> bool:
    """May ``actor`` read ``worker``'s supervision record?"""
    if not actor.active or actor.role == Role.ADMINISTRATOR:
        return False
    if actor.role in (Role.MANAGER, Role.AUDITOR) or actor.id == worker.id:
        return True
    return actor.role == Role.SUPERVISOR and bool(actor.team) and actor.team == worker.team


def may_write_supervision(actor: WorkerInfo, worker: WorkerInfo) -> bool:
    """May ``actor`` write (and amend) supervision notes about ``worker``?"""
    if not actor.active or actor.id == worker.id:
        return False
    if actor.role == Role.MANAGER:
        return True
    return actor.role == Role.SUPERVISOR and bool(actor.team) and actor.team == worker.team


# --- the community-resource directory, shared by every case ---------------------------------
# Anyone signed in reads it; practitioners and managers add and correct entries by hand;
# managers and administrators import a directory from an Open Referral package.

DIRECTORY_EDITORS = frozenset({Role.WORKER, Role.SUPERVISOR, Role.MANAGER})
DIRECTORY_IMPORTERS = frozenset({Role.MANAGER, Role.ADMINISTRATOR})
NOT_A_DIRECTORY_READER = "Only a signed-in, active worker can read the directory."
NOT_A_DIRECTORY_EDITOR = "Only practitioners and managers add or change directory entries."
NOT_A_DIRECTORY_IMPORTER = "Only a manager or an administrator imports a directory."
