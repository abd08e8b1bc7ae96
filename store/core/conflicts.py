"""A save refused because someone else saved first: who did, when, and what the record says now.

Every record two people can edit carries a version; a save sent from an older one is refused
with Conflict. The refusal carries what the person needs to lose nothing: the other person's
version to read (and copy from), and the version to send back to save theirs over it, having
seen it. Called inside the write transaction that found the version moved on.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from store.common import dates
from store.common.errors import Conflict
from store.core.models import RecordChange, Worker


def last_change(table: str, record_id: int) -> tuple[str, datetime | None]:
    """Who last changed a record with a change history, and when (naive UTC)."""
    key: Any = RecordChange._meta.primary_key
    row = (
        RecordChange.select(RecordChange.changed_at, Worker.display_name)
        .join(Worker)
        .where(RecordChange.table == table, RecordChange.record_id == record_id)
        .order_by(RecordChange.changed_at.desc(), key.desc())
        .tuples()
        .first()
    )
    if row is None:
        return "", None
    at, name = row
    return name, at


def worker_name(worker_id: int | None) -> str:
    """A worker's display name, or "" for none."""
    if worker_id is None:
        return ""
    name: str | None = (
        Worker.select(Worker.display_name).where(Worker._meta.primary_key == worker_id).scalar()
    )
    return name or ""


def as_text(value: Any) -> str:
    """A field's value as a person reads it in a form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return dates.format_date(value)
    return str(value)


def refused(
    what: str,
    *,
    changed_by: str,
    changed_at: datetime | None,
    current: dict[str, Any],
    version: int | None,
    verb: str = "changed",
) -> Conflict:
    """The Conflict for a save from an old version: "Sam Okafor changed this contact
    (05 Dec 2026 14:02) after you opened it." with the record as it now is."""
    who = changed_by or "Someone else"
    when = f" ({dates.format_datetime(dates.to_local(changed_at))})" if changed_at else ""
    return Conflict(
        f"{who} {verb} {what}{when} after you opened it.",
        changed_by=changed_by,
        changed_at=changed_at,
        current={name: as_text(value) for name, value in current.items()},
        version=version,
    )
