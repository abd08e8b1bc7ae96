"""Transferring several cases at once: a selection from the caseload, or the whole open
caseload of a worker who is leaving.

All or nothing, in one write transaction: every case is checked first (the actor may manage
it, it is not closed, the receiver doesn't hold it already, the day is not before its current
allocation, nobody changed it since it was chosen), and any case that fails stops the whole
transfer with a message naming each such case. Each case then gets exactly what a transfer of
one case gives (``store.cases.lifecycle.transfer_case``): a new allocation, its history, the
chronology entry and the audit row.

A draft note on a moved case stays its author's: it is never moved or deleted, and is listed
for the receiver (``store.notes.drafts_left``) so that it is not silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import peewee as pw

from store.access import guard
from store.cases.lifecycle import transfer_case
from store.cases.records import (
    DraftsByAuthor,
    TransferCandidate,
    TransferPreview,
    TransferredCases,
)
from store.common import dates
from store.common.errors import Conflict, InvalidInput, NotFound, NotPermitted
from store.common.records import CaseStatus, WorkerInfo
from store.core.db import Database
from store.core.models import Case, Client, Note, Worker
from store.core.permissions import Access, refusal, require_case, visible_cases
from store.core.rows import current_allocation_start, tuples

NOTHING_CHOSEN = "Choose the cases to transfer."
NOTHING_DONE = "Nothing was transferred"


def named(refs: Sequence[str]) -> str:
    """Case references as a sentence names them: "CL-1", "CL-1 and CL-2", "CL-1, CL-2 and CL-3"."""
    if len(refs) < 2:
        return "".join(refs)
    return f"{', '.join(refs[:-1])} and {refs[-1]}"


def _cases(refs: Sequence[str]) -> str:
    return f"{'Case' if len(refs) == 1 else 'Cases'} {named(refs)}"


class BulkTransfer:
    """``store.cases.transfer_preview``, ``open_cases_of`` and ``transfer_many``."""

    database: Database

    def transfer_preview(self, actor: WorkerInfo, case_ids: Sequence[int]) -> TransferPreview:
        """The cases as they stand (with the versions to send back to ``transfer_many``),
        a sentence for each the actor may not transfer, and whose drafts are on them."""
        ids = list(dict.fromkeys(case_ids))
        with self.database.reading():
            says = {i: refusal(actor, i, Access.MANAGE) for i in ids}
            refused = tuple(m for m in says.values() if m)
            rows = (
                Case.select(
                    Case.id,
                    Case.ref,
                    Client.name,
                    Case.status,
                    Case.worker,
                    Worker.display_name,
                    Case.version,
                )
                .join(Client)
                .switch(Case)
                .join(Worker, pw.JOIN.LEFT_OUTER, on=(Case.worker == Worker.id))
                .where(Case.id.in_(ids))
            )
            found = {
                i: TransferCandidate(
                    id=i,
                    ref=ref,
                    client_name=name,
                    status=CaseStatus(status),
                    worker_id=worker_id,
                    worker_name=worker_name or "",
                    version=version,
                )
                for i, ref, name, status, worker_id, worker_name, version in tuples(rows)
            }
            allowed = [i for i in ids if i in found and not says[i]]
            drafts = _drafts_on(allowed)
        return TransferPreview(
            cases=tuple(found[i] for i in allowed), refused=refused, drafts=drafts
        )

    def open_cases_of(self, actor: WorkerInfo, worker_id: int) -> list[int]:
        """The ids of a worker's open cases and referrals that the actor may read, by
        reference: the caseload a worker who is leaving hands on."""
        with self.database.reading():
            query = (
                Case.select(Case.id)
                .where(Case.worker == worker_id, Case.status != CaseStatus.CLOSED.value)
                .where(visible_cases(actor))
                .order_by(Case.ref)
            )
            return [i for (i,) in tuples(query)]

    def transfer_many(
        self,
        actor: WorkerInfo,
        cases: Mapping[int, int],
        data: dict[str, Any],
        *,
        dayfirst: bool = True,
    ) -> TransferredCases:
        """Transfer every case of ``cases`` (a case's id to the version it was chosen at) to
        the worker ``data["worker"]`` from ``data["on"]`` for ``data["reason"]``, all or none.

        Raises NotPermitted naming each case the actor may not transfer (each refusal
        audited), Conflict naming each case changed since it was chosen, InvalidInput by field
        ("worker", "on", "reason"; "form" for closed cases) naming the cases, NotFound.
        """
        from store.cases.input import TransferInput
        from store.common.validation import validate

        ids = sorted(cases)
        if not ids:
            raise InvalidInput({"form": NOTHING_CHOSEN})
        # Each case asked as a transfer of one asks, refusals audited as theirs are; the
        # rules are asked again under the write lock below.
        what = f"{Access.MANAGE.value}: {type(self).__name__}.transfer_many"
        refused: list[str] = []
        for case_id in ids:
            try:
                guard(self.database, actor, "case", case_id, Access.MANAGE, what)
            except NotPermitted as exc:
                refused.append(exc.message)
        if refused:
            raise NotPermitted(f"{NOTHING_DONE}: {' '.join(refused)}")
        new: TransferInput = validate(TransferInput, data, dayfirst=dayfirst, reason_required=True)
        on = new.on or dates.today()
        with self.database.writing():
            worker = Worker.get_or_none(Worker.username == new.worker, Worker.active == True)  # noqa: E712
            if worker is None:
                raise InvalidInput({"worker": f"No worker {new.worker!r}."})
            rows = {c.id: c for c in Case.select().where(Case.id.in_(ids))}
            if len(rows) != len(ids):
                missing = next(i for i in ids if i not in rows)
                raise NotFound(f"No case with id {missing}.")
            for case_id in ids:
                require_case(actor, case_id, Access.MANAGE)
            _check_all(ids, rows, cases, worker, on)
            for case_id in ids:
                transfer_case(actor, rows[case_id], new.worker, on, new.reason)
            drafts = (
                Note.select()
                .where(Note.case.in_(ids), Note.status == "draft", Note.author != worker.id)
                .count()
            )
            return TransferredCases(
                worker_name=worker.display_name,
                refs=tuple(rows[i].ref for i in ids),
                drafts_left=drafts,
            )


def _check_all(
    ids: list[int], rows: dict[int, Any], versions: Mapping[int, int], worker: Any, on: Any
) -> None:
    """Refuse the whole transfer, naming the cases, if any case can't be transferred."""
    stale = [rows[i].ref for i in ids if rows[i].version != versions[i]]
    if stale:
        raise Conflict(
            f"{_cases(stale)} changed since you chose {'it' if len(stale) == 1 else 'them'}: "
            f"{NOTHING_DONE.lower()}. Look at the caseload again and transfer once more."
        )
    closed = [rows[i].ref for i in ids if rows[i].status == CaseStatus.CLOSED.value]
    held = [rows[i].ref for i in ids if rows[i].worker_id == worker.id]
    early = [
        rows[i].ref
        for i in ids
        if (start := current_allocation_start(i)) is not None and on < start
    ]
    errors: dict[str, str] = {}
    if closed:
        errors["form"] = (
            f"{_cases(closed)} {'is' if len(closed) == 1 else 'are'} closed; reopen "
            f"{'it' if len(closed) == 1 else 'them'} first. {NOTHING_DONE}."
        )
    if held:
        errors["worker"] = (
            f"{worker.display_name} already holds {named(held)}: leave "
            f"{'it' if len(held) == 1 else 'them'} out. {NOTHING_DONE}."
        )
    if early:
        errors["on"] = (
            f"{_cases(early)} {'was' if len(early) == 1 else 'were'} allocated after that day: "
            f"a transfer can't be dated before the current allocation. {NOTHING_DONE}."
        )
    if errors:
        raise InvalidInput(errors)


def _drafts_on(case_ids: list[int]) -> tuple[DraftsByAuthor, ...]:
    """Whose unfinished notes are on the cases, most first."""
    query = (
        Note.select(Note.author, Worker.display_name, pw.fn.COUNT(Note.id))
        .join(Worker, on=(Note.author == Worker.id))
        .where(Note.case.in_(case_ids), Note.status == "draft")
        .group_by(Note.author, Worker.display_name)
    )
    found = [DraftsByAuthor(a, n, c) for a, n, c in tuples(query)]
    return tuple(sorted(found, key=lambda d: (-d.count, d.author_name)))
