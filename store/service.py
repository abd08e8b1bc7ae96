"""The service API: what the UI and the CLI may ask of the store.

Every call takes the acting worker, so that permissions and the audit log can be added without
changing callers, and returns plain records from ``store.records``.
"""

from __future__ import annotations

import difflib
import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import peewee as pw

from store.case_file.service import CaseFileOps
from store.cases.lifecycle import LifecycleOps
from store.chronology.service import ChronologyOps
from store.conferences.service import ConferenceOps
from store.core import dates, migrations
from store.core.db import (
    Database,
    check_integrity,
    check_writable,
    contains,
    create_private_file,
    inspect_sqlite_file,
    permission_warnings,
    read_meta,
)
from store.core.errors import DatabaseUnavailable, InvalidInput, NotFound, StoreError
from store.core.models import (
    Allocation,
    Case,
    ChronologyEntry,
    Client,
    Counter,
    Note,
    Worker,
    utcnow,
)
from store.core.records import (
    AllocationInfo,
    CaseDetail,
    CaseRow,
    CaseStatus,
    DuplicateCandidate,
    WorkerInfo,
)
from store.core.settings import DEFAULT_REF_FORMAT
from store.core.textsafe import clean_field, fold
from store.core.view_records import CaseFile, CaseMeetings, Minutes, MinutesForEditing
from store.notes.service import NoteOps
from store.plans.service import PlanOps

if TYPE_CHECKING:
    # The form models import pydantic, which start-up doesn't need: create_case imports
    # store.schemas when it is first called.
    from store.core.schemas import NewCase

Scope = Literal["mine", "all"]

# A note at least weekly is the practice standard; past this a case is flagged.
CONTACT_OVERDUE_DAYS = 7
NEW_CASE_DAYS = 14


def _worker_info(w: Worker) -> WorkerInfo:
    return WorkerInfo(id=w.id, username=w.username, display_name=w.display_name, role=w.role)


def display_name_for(username: str) -> str:
    """A readable name from a login name: "sam.okafor" -> "Sam Okafor"."""
    parts = [p for p in username.replace(".", " ").replace("_", " ").split() if p]
    return " ".join(p[:1].upper() + p[1:] for p in parts) or username


def case_flags(
    status: str,
    allocated_on: date | None,
    last_contact_at: datetime | None,
    next_review_on: date | None,
    today: date,
    next_action_due_on: date | None = None,
) -> tuple[str, ...]:
    """Short flags for a caseload row, most urgent first: "review" (the plan's review is
    overdue), "actions" (a conference action is overdue), "contact", "new"."""
    if status == CaseStatus.CLOSED:
        return ()
    flags: list[str] = []
    if next_review_on is not None and next_review_on < today:
        flags.append("review")
    if next_action_due_on is not None and next_action_due_on < today:
        flags.append("actions")
    if status == CaseStatus.OPEN:
        last = dates.to_local(last_contact_at).date() if last_contact_at else None
        since = last or allocated_on
        if since is not None and (today - since).days > CONTACT_OVERDUE_DAYS:
            flags.append("contact")
        if allocated_on is not None and (today - allocated_on).days <= NEW_CASE_DAYS:
            flags.append("new")
    return tuple(flags)


class Store(NoteOps, CaseFileOps, ChronologyOps, LifecycleOps, PlanOps, ConferenceOps):
    """An open Caseline database and the operations on it."""

    def __init__(self, database: Database, *, ref_format: str = DEFAULT_REF_FORMAT) -> None:
        self.database = database
        self.ref_format = ref_format
        # Found when the database was opened, for the app or the command to show.
        self.open_warnings: list[str] = []

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, ref_format: str = DEFAULT_REF_FORMAT) -> Store:
        """Open (creating or upgrading) the database at ``path``.

        Raises a StoreError subclass with a one-line message if the path is unusable, the file
        is not a Caseline database or is damaged (it is then left untouched), or it is from a
        newer Caseline. A new file is created readable by its owner only.
        """
        path = Path(path)
        check_writable(path)
        current = 0  # a new file
        created = False
        if inspect_sqlite_file(path):
            meta = read_meta(path)
            if meta is not None:
                current = migrations.check_version(meta, str(path))
            check_integrity(path)
        else:
            create_private_file(path)
            created = True
        database = Database.shared(path)
        database.bind()
        if current == migrations.LATEST:
            # Up to date: no write transaction, and no foreign-key check of the whole file
            # (a tenth of a second on an agency's database) at every start.
            return cls._opened(database, ref_format)
        try:
            with database.migrating() as db:
                migrations.upgrade(db, str(path))
        except BaseException as exc:
            database.close()
            if created:
                # Not left behind as an empty file, which the next start would refuse.
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            if isinstance(exc, StoreError) or not isinstance(exc, Exception):
                raise
            # Any failure mid-upgrade: the transaction was rolled back.
            raise DatabaseUnavailable(
                f"Could not upgrade {path} to this version of Caseline ({exc}); "
                "it was left as it was."
            ) from exc
        return cls._opened(database, ref_format)

    @classmethod
    def open_read_only(cls, path: Path | str, *, ref_format: str = DEFAULT_REF_FORMAT) -> Store:
        """Open the database at ``path`` only to read it: nothing is created, upgraded or
        written, so a read-only copy can be read and reading leaves the file as it was.

        Callers reading in several steps check ``database.unchanged()`` afterwards (see
        ``Database``) and read again if it is False.
        """
        path = Path(path)
        if not inspect_sqlite_file(path):
            raise DatabaseUnavailable(f"No database at {path}.")
        if not os.access(path, os.R_OK):
            raise DatabaseUnavailable(f"{path} is not readable by you.")
        current = migrations.check_version(read_meta(path) or {}, str(path))
        if current < migrations.LATEST:
            raise DatabaseUnavailable(
                f"{path} was written by an older Caseline and needs upgrading before it can be "
                f"read; open it once with: caseline --db {path}"
            )
        check_integrity(path)
        database = Database(path, read_only=True)
        database.bind()
        return cls._opened(database, ref_format)

    @classmethod
    def _opened(cls, database: Database, ref_format: str) -> Store:
        store = cls(database, ref_format=ref_format)
        store.open_warnings = permission_warnings(database.path)
        return store

    def close(self) -> None:
        self.database.close()

    def unchanged(self) -> bool:
        """For a store opened read-only: True unless the file was written to while it was being
        read without locks (what was read may then be inconsistent: read it again)."""
        return self.database.unchanged()

    # -- what a screen shows at once (one transaction each) ------------------------------

    def case_file(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        notes: tuple[str, str | None] | None = None,
        plan: bool = False,
    ) -> CaseFile:
        """The case file; ``notes``: (text, type) to read the notes filtered so; ``plan``: read
        the current plan too."""
        with self.database.reading():
            detail = self.case(actor, case_id)
            versions = self.summary_versions(actor, case_id)
            return CaseFile(
                detail=detail,
                client=self.client(actor, detail.client_id),
                contacts=self.contacts(actor, detail.client_id),
                professionals=self.professionals(actor, case_id),
                summary=versions[0] if versions else None,
                summary_versions=len(versions),
                chronology=self.chronology(actor, case_id),
                notes=self.notes(actor, case_id, note_type=notes[1], text=notes[0])
                if notes is not None
                else None,
                plan=self.current_plan(actor, case_id) if plan else None,
                plan_loaded=plan,
            )

    def meetings(self, actor: WorkerInfo, case_id: int) -> CaseMeetings:
        with self.database.reading():
            return CaseMeetings(
                meetings=self.conferences(actor, case_id),
                actions=self.case_actions(actor, case_id),
                closed=self.case(actor, case_id).status is CaseStatus.CLOSED,
            )

    def minutes(self, actor: WorkerInfo, conference_id: int) -> Minutes:
        with self.database.reading():
            conference = self.conference(actor, conference_id)
            return Minutes(conference=conference, detail=self.case(actor, conference.case_id))

    def minutes_for_editing(
        self, actor: WorkerInfo, case_id: int, conference_id: int | None
    ) -> MinutesForEditing:
        with self.database.reading():
            return MinutesForEditing(
                people=self.meeting_people(actor, case_id),
                plan=self.current_plan(actor, case_id),
                conference=self.conference(actor, conference_id)
                if conference_id is not None
                else None,
            )

    @property
    def path(self) -> Path:
        return self.database.path

    def schema_version(self) -> int:
        with self.database.reading() as db:
            row = db.execute_sql(
                "SELECT value FROM caseline_meta WHERE key = 'schema_version'"
            ).fetchone()
        return int(row[0])

    def is_empty(self) -> bool:
        """True if the database holds no cases and no clients."""
        with self.database.reading():
            return not Case.select().exists() and not Client.select().exists()

    # -- workers -------------------------------------------------------------------------

    def ensure_worker(self, username: str, display_name: str | None = None) -> WorkerInfo:
        """The worker with this login name, created on first use."""
        username = clean_field(username)
        if not username:
            raise InvalidInput({"worker": "Worker name is required."})
        with self.database.writing():
            worker = Worker.get_or_none(Worker.username == username)
            if worker is None:
                worker = Worker.create(
                    username=username, display_name=display_name or display_name_for(username)
                )
        return _worker_info(worker)

    def worker_named(self, username: str) -> WorkerInfo:
        """The worker with this login name, for reading only: someone the database doesn't
        know yet is named as given and not registered (id 0)."""
        username = clean_field(username)
        if not username:
            raise InvalidInput({"worker": "Worker name is required."})
        with self.database.reading():
            worker = Worker.get_or_none(Worker.username == username)
        if worker is None:
            return WorkerInfo(id=0, username=username, display_name=display_name_for(username))
        return _worker_info(worker)

    def workers(self) -> list[WorkerInfo]:
        with self.database.reading():
            rows = Worker.select().where(Worker.active == True).order_by(Worker.display_name)  # noqa: E712
            return [_worker_info(w) for w in rows]

    # -- caseload ------------------------------------------------------------------------

    def caseload(
        self, actor: WorkerInfo, *, scope: Scope = "mine", closed: bool = False
    ) -> list[CaseRow]:
        """The rows of the caseload: the actor's (or everyone's) open or closed cases."""
        today = dates.today()
        query = _row_query()
        if closed:
            query = query.where(Case.status == CaseStatus.CLOSED.value)
        else:
            query = query.where(Case.status != CaseStatus.CLOSED.value)
        if scope == "mine":
            query = query.where(Case.worker == actor.id)
        query = query.order_by(Client.name_key, Case.ref)
        with self.database.reading():
            return [_case_row(row, today) for row in query.tuples()]

    def find_cases(self, actor: WorkerInfo, text: str, limit: int = 20) -> list[CaseRow]:
        """Cases of any worker whose client name or reference contains ``text``.

        Open cases come first. Matching ignores case and accents, as the caseload filter does.
        """
        needle = fold(clean_field(text))
        if not needle:
            return []
        today = dates.today()
        query = (
            _row_query()
            .where(contains(Client.name_key, needle) | contains(pw.fn.LOWER(Case.ref), needle))
            .order_by(Case.status == CaseStatus.CLOSED.value, Client.name_key, Case.ref)
            .limit(limit)
        )
        with self.database.reading():
            return [_case_row(row, today) for row in query.tuples()]

    # -- cases ---------------------------------------------------------------------------

    def find_possible_duplicates(
        self, actor: WorkerInfo, name: str, date_of_birth: date | None = None, limit: int = 8
    ) -> list[DuplicateCandidate]:
        """Existing clients (any worker's, open or closed) who may be this person."""
        key = fold(clean_field(name))
        tokens = key.split()
        found: dict[int, list[str]] = {}
        with self.database.reading():
            if date_of_birth is not None:
                for (cid,) in (
                    Client.select(Client.id).where(Client.date_of_birth == date_of_birth).tuples()
                ):
                    found.setdefault(cid, []).append("same date of birth")
            if tokens:
                for cid, other in Client.select(Client.id, Client.name_key).tuples():
                    reason = _name_similarity(tokens, key, other)
                    if reason:
                        found.setdefault(cid, []).insert(0, reason)
            if not found:
                return []
            ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
            ids = [cid for cid, _ in ranked]
            clients = {c.id: c for c in Client.select().where(Client.id.in_(ids))}
            cases: dict[int, list[tuple[int, str, CaseStatus, str]]] = {}
            for cid, case_id, ref, status, wname in (
                Case.select(Case.client, Case.id, Case.ref, Case.status, Worker.display_name)
                .join(Worker, pw.JOIN.LEFT_OUTER)
                .where(Case.client.in_(ids))
                .order_by(Case.opened_on.desc())
                .tuples()
            ):
                cases.setdefault(cid, []).append((case_id, ref, CaseStatus(status), wname or ""))
        return [
            DuplicateCandidate(
                client_id=cid,
                name=clients[cid].name,
                date_of_birth=clients[cid].date_of_birth,
                reasons=tuple(reasons),
                cases=tuple(cases.get(cid, ())),
            )
            for cid, reasons in ranked
        ]

    def create_case(
        self, actor: WorkerInfo, data: dict[str, Any] | NewCase, *, dayfirst: bool = True
    ) -> CaseDetail:
        """Create a client and an open case allocated to a worker; the chronology starts here."""
        from store.core.schemas import NewCase, validate

        new = data if isinstance(data, NewCase) else validate(NewCase, data, dayfirst=dayfirst)
        allocated_on = new.allocated_on or dates.today()
        with self.database.writing():
            worker = (
                self._worker_by_username(new.worker) if new.worker else Worker.get_by_id(actor.id)
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
            return self._case_detail(case.id)

    def case(self, actor: WorkerInfo, case_id: int) -> CaseDetail:
        with self.database.reading():
            return self._case_detail(case_id)

    def case_by_ref(self, actor: WorkerInfo, ref: str) -> CaseDetail:
        with self.database.reading():
            case = Case.get_or_none(Case.ref == ref.strip())
            if case is None:
                raise NotFound(f"No case with reference {ref.strip()!r}.")
            return self._case_detail(case.id)

    # -- internals -----------------------------------------------------------------------

    def _worker_by_username(self, username: str) -> Worker:
        worker = Worker.get_or_none(Worker.username == username)
        if worker is None:
            raise InvalidInput({"worker": f"No worker called {username!r}."})
        return worker

    def next_ref(self, actor: WorkerInfo, year: int | None = None) -> str:
        """The reference the next case opened in ``year`` would get (nothing is reserved)."""
        with self.database.reading():
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

    def _case_detail(self, case_id: int) -> CaseDetail:
        case = (
            Case.select(Case, Client, Worker)
            .join(Client)
            .switch(Case)
            .join(Worker, pw.JOIN.LEFT_OUTER)
            .where(Case.id == case_id)
            .first()
        )
        if case is None:
            raise NotFound(f"No case with id {case_id}.")
        allocations = tuple(
            AllocationInfo(worker_name=w, allocated_on=a, ended_on=e)
            for w, a, e in Allocation.select(
                Worker.display_name, Allocation.allocated_on, Allocation.ended_on
            )
            .join(Worker)
            .where(Allocation.case == case_id)
            .order_by(Allocation.allocated_on, Allocation.id)
            .tuples()
        )
        client = case.client
        worker = case.worker
        return CaseDetail(
            id=case.id,
            ref=case.ref,
            status=CaseStatus(case.status),
            client_id=client.id,
            client_name=client.name,
            date_of_birth=client.date_of_birth,
            address=client.address,
            phone=client.phone,
            worker_id=worker.id if worker else None,
            worker_name=worker.display_name if worker else "",
            allocated_on=case.allocated_on,
            opened_on=case.opened_on,
            closed_on=case.closed_on,
            closure_reason=case.closure_reason,
            last_contact_at=case.last_contact_at,
            next_review_on=case.next_review_on,
            version=case.version,
            allocations=allocations,
            has_plan=bool(case.has_plan),
            next_action_due_on=case.next_action_due_on,
        )


def _row_query() -> Any:
    """The columns a caseload row is made of, in the order ``_case_row`` reads them."""
    return (
        Case.select(
            Case.id,
            Case.ref,
            Client.name,
            Client.name_key,
            Case.status,
            Case.worker,
            Worker.display_name,
            Case.allocated_on,
            Case.last_contact_at,
            Case.next_review_on,
            Case.has_plan,
            Case.next_action_due_on,
        )
        .join(Client)
        .switch(Case)
        .join(Worker, pw.JOIN.LEFT_OUTER)
    )


def _case_row(row: tuple[Any, ...], today: date) -> CaseRow:
    """A caseload row from the columns ``_row_query`` selects."""
    cid, ref, name, key, status, wid, wname, alloc, last, review, has_plan, actions_due = row
    return CaseRow(
        id=cid,
        ref=ref,
        client_name=name,
        status=CaseStatus(status),
        worker_id=wid,
        worker_name=wname or "",
        allocated_on=alloc,
        last_contact_at=last,
        next_review_on=review,
        has_plan=bool(has_plan),
        next_action_due_on=actions_due,
        flags=case_flags(status, alloc, last, review, today, actions_due),
        search_key=f"{key} {fold(ref)}",
    )


def _name_similarity(tokens: list[str], key: str, other: str) -> str | None:
    """Why two folded names may be the same person, or None."""
    if other == key:
        return "same name"
    other_tokens = other.split()
    if sorted(other_tokens) == sorted(tokens):
        return "same name, other order"
    if (
        len(tokens) > 1
        and len(other_tokens) > 1
        and tokens[-1] == other_tokens[-1]
        and tokens[0][:1] == other_tokens[0][:1]
    ):
        return "similar name"
    matcher = difflib.SequenceMatcher(None, key, other)
    if (
        matcher.real_quick_ratio() >= 0.85
        and matcher.quick_ratio() >= 0.85
        and matcher.ratio() >= 0.85
    ):
        return "similar name"
    return None


def counts(store: Store) -> dict[str, int]:
    """Row counts of the main tables (for the CLI's reports)."""
    with store.database.reading():
        return {
            "workers": Worker.select().count(),
            "clients": Client.select().count(),
            "cases": Case.select().count(),
            "notes": Note.select().count(),
            "chronology entries": ChronologyEntry.select().count(),
        }
