"""Demo tasks added by hand: on about one open case in three, something to do by a day, some
overdue, some moved to another day with a reason, some done with a note. Drawn from a stream
of its own, so the rest of a seed's data stays as it was."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from store.common import dates
from store.common.records import CaseStatus
from store.core.models import Case, Task
from store.core.rows import tuples
from store.reminders.models import TaskMove

TITLES = (
    "Ring the housing officer about the repairs",
    "Send the benefits form back",
    "Book an interpreter for the next visit",
    "Check the GP appointment was kept",
    "Chase the school about the attendance meeting",
    "Post the food bank voucher",
    "Ask the landlord for the rent statement",
    "Confirm the date of the review with the family",
    "Find a debt advice appointment",
    "Take the blue badge form on the next visit",
)
MOVE_REASONS = (
    "Client away until next week",
    "Office closed for training",
    "Waiting for the letter to arrive",
    "Client asked to move it",
)
DONE_NOTES = (
    "Done: spoke to them, all in hand.",
    "Sent by post; copy on file.",
    "Booked; client told by text.",
    "Rang; they will write to the client.",
)
SHARE = 3  # about one open case in this many gets a task


def _at(day: date, hour: int) -> datetime:
    """The naive UTC instant of ``hour`` o'clock local time on ``day``."""
    return dates.to_utc(datetime.combine(day, time(hour, 0)))


def write_tasks(rng: random.Random, today: date) -> int:
    """Write the demo's tasks inside the generator's transaction; returns how many."""
    cases = list(
        tuples(
            Case.select(Case.id, Case.worker)
            .where(Case.status == CaseStatus.OPEN.value, Case.worker.is_null(False))
            .order_by(Case.id)
        )
    )
    made = 0
    for case_id, worker_id in cases:
        if rng.randrange(SHARE):
            continue
        created = today - timedelta(days=rng.randint(3, 30))
        due = created + timedelta(days=rng.randint(2, 45))
        task = Task.create(
            case=case_id,
            worker=worker_id,
            title=rng.choice(TITLES),
            due_on=due,
            source_kind="manual",
            created_at=_at(created, 9),
            created_by=worker_id,
        )
        made += 1
        version = 1
        roll = rng.random()
        if roll < 0.25:  # moved once, to a day still ahead
            moved_on = min(today, due)
            new_due = max(due, today) + timedelta(days=rng.randint(3, 14))
            TaskMove.create(
                task=task.id,
                old_due_on=due,
                new_due_on=new_due,
                reason=rng.choice(MOVE_REASONS),
                moved_by=worker_id,
                moved_at=_at(moved_on, 11),
            )
            version += 1
            Task.update(due_on=new_due, updated_at=_at(moved_on, 11), version=version).where(
                Task.id == task.id
            ).execute()
        elif roll < 0.5 and due <= today:  # done, on or before the day it was due
            done_on = max(created, due - timedelta(days=rng.randint(0, 2)))
            Task.update(
                done_at=_at(done_on, 15),
                done_note=rng.choice(DONE_NOTES),
                done_by=worker_id,
                updated_at=_at(done_on, 15),
                version=version + 1,
            ).where(Task.id == task.id).execute()
    return made
