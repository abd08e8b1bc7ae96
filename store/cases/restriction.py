"""Restricted cases: part of ``store.cases``.

A case is marked restricted (a staff member's own family, a client known in the area) by
whoever may manage it, naming the workers besides its holder who may open it and saying why.
The rules themselves (who opens a restricted case) are in ``store.core.permissions``; this
module reads and changes the marking, which is kept in the case's record history and the audit
trail like any other change to the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.access import guarded
from store.audit.service import act
from store.cases.rules import CASE_CONFLICT
from store.common.errors import Conflict, InvalidInput, ReasonNeeded
from store.common.records import Role, WorkerInfo
from store.common.textsafe import clean_field
from store.core.changes import diff, save_changes
from store.core.db import Database
from store.core.models import Case, Worker
from store.core.permissions import Access, as_named, named_ids, refusal
from store.core.rows import get_row, tuples

if TYPE_CHECKING:
    from store.cases.input import RestrictionInput


# The longest reason for opening a restricted case that is kept.
OPENING_REASON_MAX = 300


@dataclass(frozen=True, slots=True)
class Restriction:
    """Whether a case is restricted, to whom besides its holder, and why."""

    case_id: int
    ref: str
    restricted: bool
    holder: str  # the worker holding the case ("" if nobody), who always opens it
    named: tuple[tuple[str, str], ...]  # (login, name) of each worker named for it
    reason: str
    version: int  # the case's: send it back with a change
    may_change: bool  # whether the reader may change this


class CaseRestriction:
    """Reading and changing a case's restriction: part of ``store.cases``."""

    database: Database

    @guarded(Access.READ, "case_id")
    def restriction(self, actor: WorkerInfo, case_id: int) -> Restriction:
        with self.database.reading():
            return _restriction(actor, get_row(Case, case_id, "case"))

    @guarded(Access.READ, "case_id")
    def reason_to_open(self, actor: WorkerInfo, case_id: int, reason: str | None) -> str:
        """The reason to record for ``actor`` opening (or exporting) the case: "" when none is
        asked (the case isn't restricted, or they hold it); else ReasonNeeded if ``reason`` is
        None (ask, then call again with it), InvalidInput if it is blank."""
        with self.database.reading():
            found = tuples(
                Case.select(Case.ref, Case.restricted, Case.worker).where(Case.id == case_id)
            )
            ref, restricted, holder = next(iter(found))
        if not restricted or holder == actor.id:
            return ""
        if reason is None:
            raise ReasonNeeded(
                f"Case {ref} is restricted: say why you are opening it (kept in the audit trail)."
            )
        text = clean_field(reason)[:OPENING_REASON_MAX]
        if not text:
            raise InvalidInput({"reason": "Say why you are opening this restricted case."})
        return text

    @guarded(Access.MANAGE, "case_id")
    def restrict(
        self, actor: WorkerInfo, case_id: int, data: dict[str, Any], *, version: int
    ) -> Restriction:
        """Mark the case restricted to its holder and the workers ``data["named"]`` names
        (logins), saying why (``data["reason"]``), or lift the restriction ("restricted":
        "no"). Raises InvalidInput, Conflict (someone changed the case since ``version``)."""
        from store.cases.input import RestrictionInput
        from store.common.validation import validate

        new: RestrictionInput = validate(RestrictionInput, data)
        with self.database.writing():
            case = get_row(Case, case_id, "case")
            if case.version != version:
                raise Conflict(CASE_CONFLICT)
            ids = _named_workers(new.named) if new.restricted else []
            values = {
                "restricted": new.restricted,
                "restricted_to": as_named([i for i in ids if i != case.worker_id]),
                "restriction_reason": new.reason if new.restricted else "",
            }
            changes = diff({f: getattr(case, f) for f in values}, values)
            if changes:
                save_changes(Case, case, values, changes, "case", actor, CASE_CONFLICT)
                if not new.restricted:
                    action = "case-unrestricted"
                elif not changes.get("restricted"):
                    action = "case-restriction-changed"
                else:
                    action = "case-restricted"
                names = ", ".join(new.named) or "nobody besides its worker"
                detail = f"named: {names}" if new.restricted else ""
                act(actor, action, case_id, "case", case_id, detail=detail)
            return _restriction(actor, get_row(Case, case_id, "case"))


def _named_workers(logins: tuple[str, ...]) -> list[int]:
    """The ids of the active workers with these logins; InvalidInput naming any who isn't one,
    or who could never open a case (an administrator)."""
    found = {
        login: (wid, role)
        for login, wid, role in tuples(
            Worker.select(Worker.username, Worker.id, Worker.role).where(
                Worker.username.in_(logins) & Worker.active
            )
        )
    }
    missing = [login for login in logins if login not in found]
    if missing:
        raise InvalidInput({"named": f"No active worker has the login {missing[0]!r}."})
    admins = [login for login in logins if found[login][1] == Role.ADMINISTRATOR]
    if admins:
        raise InvalidInput(
            {"named": f"{admins[0]} is an administrator, whose account opens no case records."}
        )
    return [found[login][0] for login in logins]


def _restriction(actor: WorkerInfo, case: Any) -> Restriction:
    ids = named_ids(case.restricted_to)
    named = {
        wid: (login, name)
        for wid, login, name in tuples(
            Worker.select(Worker.id, Worker.username, Worker.display_name).where(Worker.id.in_(ids))
        )
    }
    holder = (
        Worker.select(Worker.display_name).where(Worker.id == case.worker_id).scalar()
        if case.worker_id
        else None
    )
    return Restriction(
        case_id=case.id,
        ref=case.ref,
        restricted=bool(case.restricted),
        holder=holder or "",
        named=tuple(sorted((named[i] for i in ids if i in named), key=lambda n: n[1])),
        reason=case.restriction_reason,
        version=case.version,
        may_change=not refusal(actor, case.id, Access.MANAGE),
    )
