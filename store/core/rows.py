"""Small helpers the store's operations share inside a reading() or writing() block."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

import peewee as pw

from store.core.errors import InvalidInput, NotFound
from store.core.models import Allocation, Case, Worker


def tuples(query: pw.BaseQuery) -> Iterable[tuple[Any, ...]]:
    """``query.tuples()``, typed as what it yields: a tuple of the selected columns per row.

    Peewee's stubs say a model query yields the model even after ``.tuples()``, so to a type
    checker unpacking a row (``for key, title in query.tuples()``) is an error.
    """
    return cast("Iterable[tuple[Any, ...]]", query.tuples())


def get_row(model: Any, record_id: int, what: str) -> Any:
    """The row, or NotFound saying "No <what> with id N."."""
    row = model.get_or_none(model.id == record_id)
    if row is None:
        raise NotFound(f"No {what} with id {record_id}.")
    return row


def open_case(case_id: int, change: str) -> Any:
    """The case, refusing a closed one: "Case X is closed; reopen it to <change>."."""
    case = get_row(Case, case_id, "case")
    if case.status == "closed":
        raise InvalidInput({"form": f"Case {case.ref} is closed; reopen it to {change}."})
    return case


def worker_names(ids: Iterable[int | None]) -> dict[int, str]:
    """Display names of the workers with these ids (None, a record nobody is named on, skipped)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(tuples(Worker.select(Worker.id, Worker.display_name).where(Worker.id.in_(wanted))))


def current_allocation_start(case_id: int) -> date | None:
    """When the case's current worker was allocated it (None if nobody holds it)."""
    start: date | None = (
        Allocation.select(Allocation.allocated_on)
        .where(Allocation.case == case_id, Allocation.ended_on.is_null())
        .order_by(Allocation.allocated_on.desc())
        .scalar()
    )
    return start


def current_allocation_id(case_id: int) -> int | None:
    """The allocation a new entry on the case belongs to (None if nobody holds the case)."""
    found: int | None = (
        Allocation.select(Allocation.id)
        .where(Allocation.case == case_id, Allocation.ended_on.is_null())
        .order_by(Allocation.allocated_on.desc(), Allocation.id.desc())
        .scalar()
    )
    return found
