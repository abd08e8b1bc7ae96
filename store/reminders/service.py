"""Reminders and tasks: ``store.reminders``. The agenda of what needs doing (for the worker, a
worker of a supervisor's team, or the team), a case's record health, and tasks: added by hand,
done with a note, moved to another day with a reason (every move kept). Only tasks move or are
done here: what the rules find (an overdue review, an old summary, no recent note) stays until
the record itself is brought up to date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from store.access import guarded
from store.audit.service import act
from store.cases.team import NO_TEAM, NOT_A_READER, TEAM_READERS
from store.common import dates
from store.common.errors import InvalidInput, NotPermitted
from store.common.records import Role, WorkerInfo
from store.common.reminders import DEFAULT_CONTACT_OVERDUE_DAYS, DEFAULT_SUMMARY_MAX_AGE_MONTHS
from store.common.settings import DEFAULT_CONSENT_EXPIRING_DAYS
from store.core.db import Database
from store.core.models import Case, Client, Task, Worker, utcnow
from store.core.permissions import Access, acting_row, require_role, visible_cases
from store.core.rows import get_row, open_case, tuples, worker_names
from store.reminders.agenda import Limits, collect, health_line
from store.reminders.models import TaskMove
from store.reminders.records import Agenda, CaseHealth, TaskInfo, TaskMoveInfo
from store.reminders.rules import ALREADY_DONE, CLOSED_CHANGE

NOT_YOUR_TEAM = "You may see the agenda of the workers of your own team only."


class ReminderService:
    """``store.reminders``."""

    def __init__(
        self,
        database: Database,
        *,
        contact_days: int = DEFAULT_CONTACT_OVERDUE_DAYS,
        summary_months: int = DEFAULT_SUMMARY_MAX_AGE_MONTHS,
        consent_days: int = DEFAULT_CONSENT_EXPIRING_DAYS,
    ) -> None:
        self.database = database
        self.limits = Limits(contact_days, summary_months, consent_days)

    # -- what needs doing ---------------------------------------------------------------

    def agenda(
        self,
        actor: WorkerInfo,
        worker_id: int | None = None,
        team: bool = False,
        today: date | None = None,
    ) -> Agenda:
        """What needs doing on the cases of the actor (by default), of ``worker_id`` (a
        supervisor: a worker of their team; a manager or an auditor: anyone) or of the whole
        team (``team``: a supervisor's team, everyone's for a manager or an auditor)."""
        today = today or dates.today()
        with self.database.reading():
            me = acting_row(actor)
            if me is None:
                raise NotPermitted("Sign in to see what needs doing.")
            if team:
                reader = require_role(actor, TEAM_READERS, NOT_A_READER)
                workers = Worker.select(Worker.id).where(Worker.active == True)  # noqa: E712
                if reader.role == Role.SUPERVISOR:
                    if not reader.team:
                        raise NotPermitted(NO_TEAM)
                    workers = workers.where(Worker.team == reader.team)
                    who = f"team {reader.team}"
                else:
                    who = "every worker"
                cases = Case.worker.in_(workers)
                authors: Any = workers
                worker_id = None
            else:
                wid = me.id if worker_id is None else worker_id
                other = get_row(Worker, wid, "worker")
                if wid != me.id:
                    reader = require_role(actor, TEAM_READERS, NOT_A_READER)
                    if reader.role == Role.SUPERVISOR and (
                        not reader.team or other.team != reader.team
                    ):
                        raise NotPermitted(NOT_YOUR_TEAM)
                cases = Case.worker == wid
                authors = [wid]
                who = other.display_name
                worker_id = wid
            items = collect(
                cases & visible_cases(actor),
                today,
                self.limits,
                viewer_id=actor.id,
                draft_authors=authors,
            )
        return Agenda(today=today, who=who, worker_id=worker_id, team=team, items=tuple(items))

    @guarded(Access.READ, "case_id")
    def health(self, actor: WorkerInfo, case_id: int, today: date | None = None) -> CaseHealth:
        """What the case's record is missing or has overdue, as the agenda finds it."""
        today = today or dates.today()
        with self.database.reading():
            items = collect(Case.id == case_id, today, self.limits, viewer_id=actor.id)
        return CaseHealth(case_id=case_id, items=tuple(items), line=health_line(items, today))

    # -- tasks --------------------------------------------------------------------------

    @guarded(Access.READ, "case_id")
    def tasks(self, actor: WorkerInfo, case_id: int, *, done: bool = True) -> list[TaskInfo]:
        """The case's tasks, open ones first by due date, then those done (if ``done``)."""
        with self.database.reading():
            query = Task.select(Task.id).where(Task.case == case_id)
            if not done:
                query = query.where(Task.done_at.is_null())
            ids = [i for (i,) in tuples(query)]
            found = [_task_info(i) for i in ids]
        found.sort(key=lambda t: (t.done, t.due_on if not t.done else date.min, t.id))
        return found

    @guarded(Access.READ, "task_id", of="task")
    def task(self, actor: WorkerInfo, task_id: int) -> TaskInfo:
        with self.database.reading():
            return _task_info(task_id)

    @guarded(Access.WRITE, "case_id")
    def add_task(
        self,
        actor: WorkerInfo,
        case_id: int,
        data: dict[str, Any],
        *,
        dayfirst: bool = True,
        today: date | None = None,
    ) -> TaskInfo:
        """A task added by hand (``title``, ``due_on`` as typed), for the case's worker (the
        actor's own, on a case not allocated). Raises InvalidInput."""
        from store.common.validation import validate
        from store.reminders.input import TaskInput

        new: TaskInput = validate(TaskInput, data, dayfirst=dayfirst, today=today or dates.today())
        assert new.due_on is not None
        with self.database.writing():
            case = open_case(case_id, CLOSED_CHANGE)
            task = Task.create(
                case=case_id,
                worker=case.worker_id or actor.id,
                title=new.title,
                due_on=new.due_on,
                source_kind="manual",
                created_by=actor.id,
                created_at=utcnow(),
            )
            act(actor, "task-added", case_id, "task", task.id)
            return _task_info(task.id)

    @guarded(Access.WRITE, "task_id", of="task")
    def done(
        self, actor: WorkerInfo, task_id: int, data: dict[str, Any], *, version: int
    ) -> TaskInfo:
        """Mark a task done with a ``note`` saying what was done. Raises InvalidInput
        ("note", "form") or Conflict."""
        from store.common.validation import validate
        from store.reminders.input import DoneInput

        new: DoneInput = validate(DoneInput, data)
        with self.database.writing():
            task = _task_at(task_id, version)
            now = utcnow()
            Task.update(
                done_at=now,
                done_note=new.note,
                done_by=actor.id,
                updated_at=now,
                version=task.version + 1,
            ).where(Task.id == task_id).execute()
            act(actor, "task-done", task.case_id, "task", task_id)
            return _task_info(task_id)

    @guarded(Access.WRITE, "task_id", of="task")
    def move(
        self,
        actor: WorkerInfo,
        task_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
        today: date | None = None,
    ) -> TaskInfo:
        """Move a task to another day (``due_on``, today or later) with a ``reason``; the move
        is kept. Raises InvalidInput ("due_on", "reason", "form") or Conflict."""
        from store.common.validation import validate
        from store.reminders.input import MoveInput

        new: MoveInput = validate(MoveInput, data, dayfirst=dayfirst, today=today or dates.today())
        assert new.due_on is not None
        with self.database.writing():
            task = _task_at(task_id, version)
            if new.due_on == task.due_on:
                raise InvalidInput({"due_on": "That is the day it is due already."})
            now = utcnow()
            TaskMove.create(
                task=task_id,
                old_due_on=task.due_on,
                new_due_on=new.due_on,
                reason=new.reason,
                moved_by=actor.id,
                moved_at=now,
            )
            Task.update(due_on=new.due_on, updated_at=now, version=task.version + 1).where(
                Task.id == task_id
            ).execute()
            detail = f"{dates.format_date(task.due_on)} to {dates.format_date(new.due_on)}"
            act(actor, "task-moved", task.case_id, "task", task_id, detail=detail)
            return _task_info(task_id)


# --- helpers (inside a reading() or writing() block) ------------------------------------------


def _task_at(task_id: int, version: int) -> Any:
    """The open task at ``version`` on an open case, or the refusal."""
    task = get_row(Task, task_id, "task")
    if task.version != version:
        from store.core.conflicts import refused

        info = _task_info(task_id)
        who = info.done_by or (info.moves[-1].moved_by if info.moves else "")
        at = task.updated_at
        raise refused(
            "this task",
            changed_by=who,
            changed_at=at,
            current={
                "title": info.title,
                "due": info.due_on,
                "done": "yes" if info.done else "no",
                "note": info.done_note,
            },
            version=task.version,
        )
    open_case(task.case_id, CLOSED_CHANGE)
    if task.done_at is not None:
        raise InvalidInput({"form": ALREADY_DONE})
    return task


def _task_info(task_id: int) -> TaskInfo:
    task = get_row(Task, task_id, "task")
    ref, client = next(
        iter(tuples(Case.select(Case.ref, Client.name).join(Client).where(Case.id == task.case_id)))
    )
    moves = list(
        tuples(
            TaskMove.select(
                TaskMove.old_due_on,
                TaskMove.new_due_on,
                TaskMove.reason,
                TaskMove.moved_by,
                TaskMove.moved_at,
            )
            .where(TaskMove.task == task_id)
            .order_by(TaskMove.moved_at, TaskMove.id)
        )
    )
    names = worker_names([task.worker_id, task.done_by_id, *(m[3] for m in moves)])
    return TaskInfo(
        id=task.id,
        case_id=task.case_id,
        case_ref=ref,
        client_name=client,
        title=task.title,
        due_on=task.due_on,
        worker_id=task.worker_id,
        worker_name=names.get(task.worker_id, ""),
        source_kind=task.source_kind,
        source_id=task.source_id,
        done_at=task.done_at,
        done_note=task.done_note,
        done_by=names.get(task.done_by_id, "") if task.done_by_id else "",
        version=task.version,
        moves=tuple(
            TaskMoveInfo(old, new, reason, names.get(by, ""), at)
            for old, new, reason, by, at in moves
        ),
    )
