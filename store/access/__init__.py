"""Every service call that touches a case's records asks the rules first: ``guarded``.

A method of a service is marked with what it does and which argument names the record::

    @guarded(Access.WRITE, "note_id", of="note")
    def amend(self, actor, note_id, ...): ...

Before the method runs, the record's case (a client's cases, for a client) is found and the
rules of ``store.core.permissions`` asked whether the actor may do that to it; NotPermitted
(or NotFound) is raised otherwise, and the refusal is added to the audit trail. The check reads
the worker's role as it is now, in a transaction of its own (or the caller's, when nested).
A guarded call made by another on the same record with the same access (``case_file.view``
reading the case's notes, plan and summary) is not checked again.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import peewee as pw

from store.audit.service import act
from store.common.errors import NotFound, NotPermitted, StoreError
from store.common.records import WorkerInfo
from store.core.db import Database
from store.core.dialect import execute_sql
from store.core.models import (
    Case,
    ChronologyEntry,
    Client,
    Conference,
    ConferenceAction,
    Contact,
    Note,
    PlanAction,
    PlanGoal,
    PlanReview,
    Professional,
    ServicePlan,
    Task,
)
from store.core.permissions import Access, require_case
from store.core.rows import tuples

P = ParamSpec("P")

# The checks passed by the guarded calls now running in this thread (actor id, kind, id,
# access): a call they make on the same record, in the same transaction, needn't ask again.
_PASSED: ContextVar[frozenset[tuple[int, str, int, Access]]] = ContextVar(
    "caseline_access_passed", default=frozenset()
)
R = TypeVar("R")


class HasDatabase(Protocol):
    database: Database


S = TypeVar("S", bound=HasDatabase)


def _one(query: Any, what: str, record_id: int) -> list[int]:
    found = query.tuples().first()
    if found is None:
        raise NotFound(f"No {what} with id {record_id}.")
    return [found[0]]


def _client_cases(client_id: int) -> list[int]:
    if not Client.select().where(Client.id == client_id).exists():
        raise NotFound(f"No client with id {client_id}.")
    return [cid for (cid,) in tuples(Case.select(Case.id).where(Case.client == client_id))]


def _by_table(table: str, what: str) -> Callable[[int], list[int]]:
    """The case of a row of an area above this layer (which may not import its models), by the
    row's ``case_id`` column."""

    def find(record_id: int) -> list[int]:
        found = execute_sql(
            Case._meta.database, f'SELECT case_id FROM "{table}" WHERE id = ?', (record_id,)
        ).fetchone()
        if found is None:
            raise NotFound(f"No {what} with id {record_id}.")
        return [found[0]]

    return find


def _contact_cases(contact_id: int) -> list[int]:
    found = Contact.select(Contact.client).where(Contact.id == contact_id).tuples().first()
    if found is None:
        raise NotFound(f"No contact with id {contact_id}.")
    return _client_cases(found[0])


# How to find the case(s) of each kind of record, by its id.
CASES_OF: dict[str, Callable[[int], list[int]]] = {
    "case": lambda i: [i],
    "client": _client_cases,
    "contact": _contact_cases,
    "note": lambda i: _one(Note.select(Note.case).where(Note.id == i), "note", i),
    "draft": lambda i: _one(Note.select(Note.case).where(Note.id == i), "draft", i),
    "chronology_entry": lambda i: _one(
        ChronologyEntry.select(ChronologyEntry.case).where(ChronologyEntry.id == i),
        "chronology entry",
        i,
    ),
    "professional": lambda i: _one(
        Professional.select(Professional.case).where(Professional.id == i), "professional", i
    ),
    "service_plan": lambda i: _one(
        ServicePlan.select(ServicePlan.case).where(ServicePlan.id == i), "plan", i
    ),
    "plan_goal": lambda i: _one(
        ServicePlan.select(ServicePlan.case).join(PlanGoal).where(PlanGoal.id == i), "goal", i
    ),
    "plan_action": lambda i: _one(
        ServicePlan.select(ServicePlan.case)
        .join(PlanGoal)
        .join(PlanAction)
        .where(PlanAction.id == i),
        "action",
        i,
    ),
    "plan_review": lambda i: _one(
        ServicePlan.select(ServicePlan.case).join(PlanReview).where(PlanReview.id == i),
        "plan review",
        i,
    ),
    "conference": lambda i: _one(
        Conference.select(Conference.case).where(Conference.id == i), "meeting", i
    ),
    "conference_action": lambda i: _one(
        Conference.select(Conference.case).join(ConferenceAction).where(ConferenceAction.id == i),
        "action",
        i,
    ),
    "task": lambda i: _one(Task.select(Task.case).where(Task.id == i), "task", i),
    "assessment": _by_table("assessment", "assessment"),
    "consent": _by_table("consent", "consent"),
    "sharing_event": _by_table("sharing_event", "sharing event"),
    "referral": _by_table("referral", "referral"),
    "incoming_referral": _by_table("incoming_referral", "incoming referral"),
}


def check(actor: WorkerInfo | None, kind: str, record_id: int, access: Access) -> None:
    """NotPermitted unless ``actor`` may do ``access`` to the case of the record ``kind`` /
    ``record_id`` (to any one of a client's cases); NotFound if there is no such record.
    Call inside a transaction."""
    case_ids = CASES_OF[kind](record_id)
    refusal: NotPermitted | None = None
    for case_id in case_ids:
        try:
            require_case(actor, case_id, access)
        except NotPermitted as exc:
            refusal = refusal or exc
            continue
        return
    raise refusal or NotPermitted("Nobody works with this client now: ask a supervisor.")


def guard(
    database: Database,
    actor: WorkerInfo | None,
    kind: str,
    record_id: int,
    access: Access,
    what: str,
) -> None:
    """``check`` in a transaction of its own (or the caller's), a refusal audited as ``what``."""
    try:
        with database.reading():
            check(actor, kind, record_id, access)
    except NotPermitted:
        _refused(database, actor, kind, record_id, what)
        raise


def _refused(
    database: Database, actor: WorkerInfo | None, kind: str, record_id: int, what: str
) -> None:
    """Add a refusal to the audit trail, unless inside someone else's transaction (whose
    own check has passed) or the database can't be written (opened to read)."""
    if actor is None or database.read_only or database.db.transaction_depth() > 0:
        return
    case_id = record_id if kind == "case" else None
    try:
        with database.writing():
            if case_id is None:
                found = CASES_OF[kind](record_id)
                case_id = found[0] if len(found) == 1 else None
            act(actor, "access-refused", case_id, kind, record_id, detail=what)
    except (StoreError, pw.PeeweeException):
        pass  # the refusal stands whether or not it could be written down


def guarded(
    access: Access, argument: str, *, of: str = "case"
) -> Callable[
    [Callable[Concatenate[S, WorkerInfo, P], R]], Callable[Concatenate[S, WorkerInfo, P], R]
]:
    """Mark a service method: ``actor`` does ``access`` to the record of kind ``of`` whose id
    is the argument named ``argument`` (None there: nothing to check, as for a new draft)."""
    if of not in CASES_OF:
        raise ValueError(f"no way to find the case of {of!r}")

    def decorate(
        method: Callable[Concatenate[S, WorkerInfo, P], R],
    ) -> Callable[Concatenate[S, WorkerInfo, P], R]:
        signature = inspect.signature(method)
        if argument not in signature.parameters:
            raise TypeError(f"{method.__qualname__} has no argument {argument!r}")
        what = f"{access.value}: {method.__qualname__}"

        @functools.wraps(method)
        def checked(self: S, actor: WorkerInfo, /, *args: P.args, **kwargs: P.kwargs) -> R:
            record_id = signature.bind(self, actor, *args, **kwargs).arguments.get(argument)
            if record_id is None:
                return method(self, actor, *args, **kwargs)
            done = (actor.id, of, record_id, access)
            passed = _PASSED.get()
            if done in passed:  # inside a call that has just checked the same (case_file.view)
                return method(self, actor, *args, **kwargs)
            guard(self.database, actor, of, record_id, access, what)
            token = _PASSED.set(passed | {done})
            try:
                return method(self, actor, *args, **kwargs)
            finally:
                _PASSED.reset(token)

        checked.__guarded__ = (access, argument, of)  # type: ignore[attr-defined]
        return checked

    return decorate
