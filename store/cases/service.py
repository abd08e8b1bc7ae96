"""Cases: the caseload, finding a case, opening a new one (with the duplicate check), and the
case's life (transfer, closure, reopening, in ``store.cases.lifecycle``; several cases
transferred at once in ``store.cases.bulk``; the closure checklist
in ``store.cases.closure``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

import peewee as pw

from store.access import guarded
from store.audit.service import act
from store.cases.bulk import BulkTransfer
from store.cases.closure import ClosureChecklistService
from store.cases.detail import case_detail, case_row, row_query
from store.cases.duplicates import candidates, rows_known
from store.cases.lifecycle import CaseLifecycle
from store.cases.records import CaseDetail, CaseImport, CaseRow, DuplicateCandidate
from store.cases.restriction import CaseRestriction
from store.cases.similar import similar_clients
from store.cases.team import TeamView
from store.common import dates
from store.common.errors import InvalidInput, NotFound, NotPermitted
from store.common.records import CaseStatus, WorkerInfo
from store.common.reminders import DEFAULT_CONTACT_OVERDUE_DAYS
from store.common.settings import DEFAULT_CONSENT_EXPIRING_DAYS, DEFAULT_REF_FORMAT
from store.common.textsafe import clean_field, fold
from store.core.db import Database
from store.core.dialect import contains
from store.core.models import Allocation, Case, ChronologyEntry, Client, Counter, Worker, utcnow
from store.core.permissions import (
    CASE_CREATORS,
    Access,
    allowed,
    names_shown,
    relation,
    require_role,
    visible_cases,
)
from store.core.rows import tuples
from store.workers.service import worker_by_username

if TYPE_CHECKING:
    from store.cases.input import NewCase

Scope = Literal["mine", "all"]

NO_NEW_CASES = "Your role doesn't open cases: a worker, supervisor or manager does."


def _line_of(where: str) -> int:
    return int(where.split(":")[0].removeprefix("line "))


class CaseService(CaseLifecycle, BulkTransfer, ClosureChecklistService, CaseRestriction, TeamView):
    """Cases: ``store.cases``."""

    def __init__(
        self,
        database: Database,
        *,
        ref_format: str = DEFAULT_REF_FORMAT,
        consent_days: int = DEFAULT_CONSENT_EXPIRING_DAYS,
        contact_days: int = DEFAULT_CONTACT_OVERDUE_DAYS,
    ) -> None:
        self.database = database
        self.ref_format = ref_format
        # A consent expiring within this many days flags the case ("consent").
        self.consent_days = consent_days
        # No note for more than this many days flags the case ("contact").
        self.contact_days = contact_days

    def caseload(
        self, actor: WorkerInfo, *, scope: Scope = "mine", closed: bool = False
    ) -> list[CaseRow]:
        """The rows of the caseload: the actor's (or everyone's) open or closed cases."""
        today = dates.today()
        query = row_query()
        if closed:
            query = query.where(Case.status == CaseStatus.CLOSED.value)
        else:
            query = query.where(Case.status != CaseStatus.CLOSED.value)
        if scope == "mine":
            query = query.where(Case.worker == actor.id)
        query = query.order_by(Client.name_key, Case.ref)
        with self.database.reading():
            query = query.where(visible_cases(actor))
            return [
                case_row(row, today, actor.id, self.consent_days, self.contact_days)
                for row in query.tuples()
            ]

    def find(self, actor: WorkerInfo, text: str, limit: int = 20) -> list[CaseRow]:
        """Cases the actor may read whose client name or reference contains ``text``.

        Open cases come first. Matching ignores case and accents, as the caseload filter does.
        """
        needle = fold(clean_field(text))
        if not needle:
            return []
        today = dates.today()
        query = (
            row_query()
            .where(
                (contains(Client.name_key, needle) & names_shown(actor))
                | contains(pw.fn.LOWER(Case.ref), needle)
            )
            .order_by(Case.status == CaseStatus.CLOSED.value, Client.name_key, Case.ref)
            .limit(limit)
        )
        with self.database.reading():
            query = query.where(visible_cases(actor))
            return [
                case_row(row, today, actor.id, self.consent_days, self.contact_days)
                for row in query.tuples()
            ]

    def possible_duplicates(
        self, actor: WorkerInfo, name: str, date_of_birth: date | None = None, limit: int = 8
    ) -> list[DuplicateCandidate]:
        """Existing clients (any worker's, open or closed) who may be this person: whoever may
        open a case is told that one exists and who holds it, whether or not they may read it."""
        key = fold(clean_field(name))
        found: dict[int, list[str]] = {}
        with self.database.reading() as db:
            require_role(actor, CASE_CREATORS, NO_NEW_CASES)
            if date_of_birth is not None:
                for (cid,) in tuples(
                    Client.select(Client.id).where(Client.date_of_birth == date_of_birth)
                ):
                    found.setdefault(cid, []).append("same date of birth")
            # By the index of names' pieces, not by comparing every client's name.
            for cid, reason in similar_clients(db, key).items():
                found.setdefault(cid, []).insert(0, reason)
            return candidates(actor, found, limit)

    def create(
        self, actor: WorkerInfo, data: dict[str, Any] | NewCase, *, dayfirst: bool = True
    ) -> CaseDetail:
        """Create a client and an open case allocated to a worker; the chronology starts here."""
        from store.cases.input import NewCase
        from store.common.validation import validate

        new = data if isinstance(data, NewCase) else validate(NewCase, data, dayfirst=dayfirst)
        allocated_on = new.allocated_on or dates.today()
        with self.database.writing():
            me = require_role(actor, CASE_CREATORS, NO_NEW_CASES)
            worker = worker_by_username(new.worker) if new.worker else me
            if not allowed(me.role, relation(me, worker.id, worker.team), Access.MANAGE):
                raise NotPermitted(
                    f"Your role can't allocate a case to {worker.display_name}: open it as your "
                    "own, or ask their supervisor."
                )
            ref = new.ref or self._next_ref(allocated_on.year)
            if Case.select().where(Case.ref == ref).exists():
                raise InvalidInput({"ref": f"Case reference {ref} is already in use."})
            now = utcnow()
            client = Client.create(
                name=new.client_name,
                name_key=fold(new.client_name),
                date_of_birth=new.date_of_birth,
                address=new.address,
                phone=new.phone,
                created_at=now,
                updated_at=now,
                created_by=actor.id,
            )
            case = Case.create(
                ref=ref,
                client=client,
                status=CaseStatus.OPEN.value,
                worker=worker,
                allocated_on=allocated_on,
                opened_on=allocated_on,
                created_at=now,
                updated_at=now,
                created_by=actor.id,
            )
            allocation = Allocation.create(
                case=case,
                worker=worker,
                allocated_on=allocated_on,
                created_at=now,
                created_by=actor.id,
            )
            ChronologyEntry.create(
                case=case,
                allocation=allocation,
                occurred_on=allocated_on,
                category="allocation",
                title=f"Case allocated to {worker.display_name}",
                source_kind="allocation",
                source_id=allocation.id,
                created_at=now,
                created_by=actor.id,
            )
            act(actor, "case-created", case.id, "case", case.id)
            return case_detail(case.id)

    def create_many(
        self,
        actor: WorkerInfo,
        rows: Sequence[tuple[int, dict[str, Any]]],
        *,
        dayfirst: bool = True,
        allow_duplicates: bool = False,
    ) -> CaseImport:
        """A client and an open case for each of ``rows`` (its line number in a file, and its
        fields as ``create`` takes them), all in one transaction or none: every row is
        checked first, and InvalidInput names each problem by its line ("line 4: phone").
        Then each row whose client may already be known, on record or on an earlier row (the
        new-case form's duplicate check): unless ``allow_duplicates``, none is imported if
        any is found, and the result says which."""
        from store.cases.input import NewCase
        from store.common.validation import validate

        errors: dict[str, str] = {}
        checked: list[tuple[int, NewCase]] = []
        first_line: dict[str, int] = {}
        for line, row in rows:
            try:
                new = validate(NewCase, row, dayfirst=dayfirst)
            except InvalidInput as exc:
                errors.update({f"line {line}: {k}": v for k, v in exc.errors.items()})
                continue
            if new.ref and new.ref in first_line:
                errors[f"line {line}: ref"] = f"{new.ref} is on line {first_line[new.ref]} too."
            first_line.setdefault(new.ref, line)
            checked.append((line, new))
        with self.database.reading():  # what a row names must be there, or not yet
            workers = {w.username for w in Worker.select(Worker.username)}
            for line, row in rows:
                named = clean_field(str(row.get("worker") or ""))
                if named and named not in workers:
                    errors[f"line {line}: worker"] = f"No worker called {named!r}."
            for line, new in checked:
                if new.ref and Case.select().where(Case.ref == new.ref).exists():
                    errors[f"line {line}: ref"] = f"Case reference {new.ref} is already in use."
        if errors:
            raise InvalidInput(dict(sorted(errors.items(), key=lambda e: _line_of(e[0]))))
        # Checked before the write, so that colleagues' saves don't wait on it (a client
        # added meanwhile is missed, as by the form).
        with self.database.reading() as db:
            require_role(actor, CASE_CREATORS, NO_NEW_CASES)
            known = tuple(rows_known(db, actor, checked))
        if known and not allow_duplicates:
            return CaseImport(made=(), duplicates=known)
        made: list[CaseDetail] = []
        with self.database.writing():
            for line, new in checked:
                try:
                    made.append(self.create(actor, new, dayfirst=dayfirst))
                except InvalidInput as exc:
                    found = {f"line {line}: {k}": v for k, v in exc.errors.items()}
                    raise InvalidInput(found) from exc
                except (NotPermitted, NotFound) as exc:
                    raise type(exc)(f"Line {line}: {exc}") from exc
        return CaseImport(made=tuple(made), duplicates=known)

    @guarded(Access.READ, "case_id")
    def get(self, actor: WorkerInfo, case_id: int) -> CaseDetail:
        with self.database.reading():
            return case_detail(case_id)

    def by_ref(self, actor: WorkerInfo, ref: str) -> CaseDetail:
        with self.database.reading():
            case = Case.get_or_none(Case.ref == ref.strip())
            if case is None:
                raise NotFound(f"No case with reference {ref.strip()!r}.")
        return self.get(actor, case.id)

    def next_ref(self, actor: WorkerInfo, year: int | None = None) -> str:
        """The reference the next case opened in ``year`` would get (nothing is reserved)."""
        with self.database.reading():
            require_role(actor, CASE_CREATORS, NO_NEW_CASES)
            return self._next_ref(year or dates.today().year, reserve=False)

    def _next_ref(self, year: int, *, reserve: bool = True) -> str:
        """The next free reference in the configured format; ``reserve`` inside a write."""
        per_year = "{year" in self.ref_format or "{yy" in self.ref_format
        name = f"case_ref:{year}" if per_year else "case_ref"
        seq = Counter.select(Counter.value).where(Counter.name == name).scalar() or 0
        while True:
            seq += 1
            ref = self.ref_format.format(year=year, yy=f"{year % 100:02d}", seq=seq)
            if not Case.select().where(Case.ref == ref).exists():
                break
        if reserve:
            Counter.insert(name=name, value=seq).on_conflict(
                conflict_target=[Counter.name], update={Counter.value: seq}
            ).execute()
        return ref

    def recent(self, actor: WorkerInfo, limit: int = 200) -> list[CaseRow]:
        """The actor's open cases, most recently in contact first (for the case picker)."""
        rows = self.caseload(actor)
        rows.sort(key=lambda r: r.last_contact_at or datetime.min, reverse=True)
        return list(rows[:limit])
