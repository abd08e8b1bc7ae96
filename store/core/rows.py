"""Small helpers the store's operations share inside a reading() or writing() block."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

import peewee as pw

from store.common.errors import InvalidInput, NotFound
from store.core.dialect import insert_id
from store.core.models import Allocation, Case, Worker

# INSERT statements written by ``insert_row``: (model, columns given) -> (SQL, each column's
# name and conversion to what is stored); and each model's defaults, (name, default).
_INSERTS: dict[tuple[type[pw.Model], tuple[str, ...]], tuple[str, tuple[tuple[str, Any], ...]]] = {}
_DEFAULTS: dict[type[pw.Model], tuple[tuple[str, Any], ...]] = {}


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


def insert_row(model: type[pw.Model], **values: Any) -> int:
    """``model.create(**values).id``, for the rows written most often (an audit event, a note):
    the statement is written once per model and set of columns rather than by peewee at each
    insert, which costs more than SQLite's writing the row. Values are stored as peewee stores
    them (each field's ``db_value``), with the model's defaults for fields not given."""
    meta: Any = model._meta
    defaults = _DEFAULTS.get(model)
    if defaults is None:
        defaults = _DEFAULTS[model] = tuple((f.name, d) for f, d in meta.defaults.items())
    for name, default in defaults:
        if name not in values:
            values[name] = default() if callable(default) else default
    key = (model, tuple(values))
    found = _INSERTS.get(key)
    if found is None:
        fields = tuple(meta.combined[name] for name in values)
        columns = ", ".join(f'"{field.column_name}"' for field in fields)
        marks = ", ".join("?" for _ in fields)
        sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
        found = _INSERTS[key] = (sql, tuple(zip(values, [f.db_value for f in fields], strict=True)))
    sql, columns_given = found
    params = [convert(values[name]) for name, convert in columns_given]
    return insert_id(meta.database, sql, params)
