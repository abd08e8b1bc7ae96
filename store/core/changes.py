"""Changing a record that people edit: only the fields that differ, only from the version the
editor started from, and every changed field logged in ``RecordChange`` with who and when.

Every area's edits go through ``save_changes`` inside a ``writing()`` block, so this is the one
place where a change is checked and recorded.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import peewee as pw

from store.common.errors import Conflict
from store.common.records import WorkerInfo
from store.core.models import RecordChange, utcnow


def as_text(value: object) -> str | None:
    """How a value is kept in RecordChange: None stays None, dates as ISO, the rest as str."""
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def diff(current: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """{field: (old, new)} for the fields whose value differs."""
    return {f: (old, new[f]) for f, old in current.items() if new[f] != old}


def save_changes(
    model: type[pw.Model],
    row: Any,
    values: dict[str, Any],
    changes: dict[str, tuple[Any, Any]],
    table: str,
    actor: WorkerInfo,
    conflict: str,
) -> None:
    """Write the changed columns, bump the version, and log each change."""
    now = utcnow()
    pk = model._meta.primary_key
    version_field = model._meta.fields["version"]
    updated = (
        model.update(**values, version=row.version + 1, updated_at=now)
        .where(pk == row.id, version_field == row.version)
        .execute()
    )
    # The transaction holds the write lock, so this only trips if a caller forgot it.
    if updated != 1:
        raise Conflict(conflict)
    RecordChange.insert_many(
        [
            {
                "table": table,
                "record_id": row.id,
                "field": f,
                "old_value": as_text(old),
                "new_value": as_text(new),
                "changed_by": actor.id,
                "changed_at": now,
            }
            for f, (old, new) in changes.items()
        ]
    ).execute()
