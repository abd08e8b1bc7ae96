"""A team's caseloads at a glance, for supervision: each worker's open cases and how many of
them need something (no note for a week, a plan review or a conference action overdue).

Supervisors see their own team; managers and auditors see every worker. The counts come from
the same rules as the caseload's flags (``store.common.reminders``), so the two agree.
"""

from __future__ import annotations

from collections import Counter as Tally
from typing import Any

from store.cases.detail import case_row, row_query
from store.cases.records import TeamLoad, WorkerLoad
from store.common import dates
from store.common.errors import NotPermitted
from store.common.records import CaseStatus, Role, WorkerInfo
from store.core.db import Database
from store.core.models import Case, Worker
from store.core.permissions import require_role

TEAM_READERS = frozenset({Role.SUPERVISOR, Role.MANAGER, Role.AUDITOR})
NOT_A_READER = "Only supervisors, managers and auditors see the team's caseloads."
NO_TEAM = (
    "You are in no team, so there is no team to show: an administrator can set yours "
    "(caseline admin set-team)."
)


class TeamView:
    """``store.cases.team_load``."""

    database: Database
    consent_days: int
    contact_days: int

    def team_load(self, actor: WorkerInfo) -> TeamLoad:
        """Every active worker the actor supervises (a supervisor: their team; a manager or an
        auditor: everyone), with their open cases counted, busiest first."""
        today = dates.today()
        with self.database.reading():
            me = require_role(actor, TEAM_READERS, NOT_A_READER)
            workers = Worker.select().where(Worker.active == True)  # noqa: E712
            team = ""
            if me.role == Role.SUPERVISOR:
                if not me.team:
                    raise NotPermitted(NO_TEAM)
                team = me.team
                workers = workers.where(Worker.team == team)
            people: list[Any] = list(workers)
            ids = [w.id for w in people]
            rows = (
                row_query()
                .where(Case.status != CaseStatus.CLOSED.value, Case.worker.in_(ids))
                .tuples()
            )
            cases = [
                case_row(row, today, actor.id, self.consent_days, self.contact_days) for row in rows
            ]
        open_cases: Tally[int] = Tally()
        referrals: Tally[int] = Tally()
        flagged: dict[str, Tally[int]] = {"contact": Tally(), "review": Tally(), "actions": Tally()}
        for case in cases:
            assert case.worker_id is not None
            if case.status is CaseStatus.REFERRAL:
                referrals[case.worker_id] += 1
            else:
                open_cases[case.worker_id] += 1
            for flag in case.flags:
                if flag in flagged:
                    flagged[flag][case.worker_id] += 1
        loads = [
            WorkerLoad(
                worker_id=w.id,
                login=w.username,
                name=w.display_name,
                role=w.role,
                team=w.team,
                open_cases=open_cases[w.id],
                referrals=referrals[w.id],
                no_recent_note=flagged["contact"][w.id],
                reviews_overdue=flagged["review"][w.id],
                actions_overdue=flagged["actions"][w.id],
            )
            for w in people
        ]
        loads.sort(key=lambda load: (-load.open_cases, -load.needing_attention, load.name))
        return TeamLoad(team=team, workers=tuple(loads))
