"""Sealing final records: each one, once final, gets a link in ``record_seal`` holding a hash of
its content chained to the link before it, so that changing, removing or slipping in a record
behind the store's back shows (see ``store.integrity``).

A link's ``content_hash`` is the SHA-256 of the record's sealed columns, as stored, written as
JSON with sorted keys; its ``chain_hash`` is the SHA-256 of the previous link's chain hash, the
table, the row id and the content hash. Only columns that never change once the record is final
are sealed: the next meeting date of finalised minutes, the status of their actions, and the
analysis and category of an automatic chronology entry may still change (each change is kept in
the record history, which is itself sealed).

Records are sealed in the transaction that makes them final, from one place: ``flush``, which
``Database.writing()`` runs before it commits. On each connection, temporary triggers (part of
no file, so nothing else that writes the file has them) note every row inserted into a sealed
table, and every note or minutes whose status is set; ``flush`` seals those that are final.
It runs under the write lock, so the link it chains to is the newest, whatever other
processes write.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import peewee

from store.core.dialect import execute_sql, executemany, note_final_rows

SEAL_TABLE = "record_seal"
# The chain hash the first link is chained to.
GENESIS = "0" * 64


@dataclass(frozen=True)
class Sealed:
    """A kind of final record: its table, the columns sealed, and when a row is final."""

    table: str
    columns: tuple[str, ...]
    final: str = ""  # an SQL condition on the row; "" means every row is final
    status_set: bool = False  # becomes final when its status is set (a draft before)
    # Parts sealed with their parent when it becomes final: (table, its parent's id column).
    parts: tuple[tuple[str, str], ...] = ()


CONFERENCE_PARTS = (
    ("conference_attendee", "conference_id"),
    ("conference_agenda_item", "conference_id"),
    ("conference_action", "conference_id"),
)

# Parent before parts, in the order they are sealed within a transaction. The columns are part
# of every content hash: changing them (or adding a kind) needs a migration that seals anew
# (m0010 seals with a frozen copy of the list as it was then).
SEALED: tuple[Sealed, ...] = (
    Sealed(
        "note",
        (
            "id",
            "case_id",
            "author_id",
            "contact_at",
            "note_type",
            "present",
            "body",
            "significant",
            "status",
            "finalised_at",
            "created_at",
            "updated_at",
            "version",
            "chronology_title",
            "follow_up_on",
            "draft_state",
        ),
        final="status = 'final'",
        status_set=True,
    ),
    Sealed("note_amendment", ("id", "note_id", "author_id", "reason", "body", "created_at")),
    Sealed(
        "conference",
        (
            "id",
            "case_id",
            "status",
            "held_at",
            "place",
            "conference_type",
            "chair",
            "minute_taker",
            "client_attended",
            "client_views",
            "information_shared",
            "decisions",
            "finalised_at",
            "finalised_by_id",
            "created_at",
            "created_by_id",
        ),
        final="status = 'final'",
        status_set=True,
        parts=CONFERENCE_PARTS,
    ),
    Sealed(
        "conference_attendee",
        (
            "id",
            "conference_id",
            "position",
            "present",
            "kind",
            "professional_id",
            "contact_id",
            "name",
            "role",
            "agency",
        ),
        final="(SELECT status FROM conference WHERE id = conference_id) = 'final'",
    ),
    Sealed(
        "conference_agenda_item",
        ("id", "conference_id", "position", "title", "discussion"),
        final="(SELECT status FROM conference WHERE id = conference_id) = 'final'",
    ),
    Sealed(
        "conference_action",
        (
            "id",
            "conference_id",
            "position",
            "what",
            "owner_name",
            "owner_attendee_id",
            "due_on",
            "created_at",
            "created_by_id",
        ),
        final="(SELECT status FROM conference WHERE id = conference_id) = 'final'",
    ),
    Sealed(
        "conference_amendment", ("id", "conference_id", "author_id", "reason", "body", "created_at")
    ),
    Sealed(
        "chronology_entry",
        (
            "id",
            "case_id",
            "allocation_id",
            "occurred_on",
            "title",
            "details",
            "source_kind",
            "source_id",
            "created_at",
            "created_by_id",
            "source_of_information",
        ),
        final="source_kind != 'manual'",
    ),
    Sealed("summary_version", ("id", "case_id", "body", "author_id", "created_at")),
    Sealed(
        "plan_goal_version",
        (
            "id",
            "goal_id",
            "number",
            "domain",
            "change",
            "measure",
            "target",
            "relevance",
            "target_on",
            "client_agreed",
            "achievable",
            "achievable_note",
            "reason",
            "created_at",
            "created_by_id",
        ),
    ),
    Sealed(
        "plan_review",
        (
            "id",
            "plan_id",
            "held_on",
            "client_present",
            "client_views",
            "participants",
            "summary",
            "next_review_on",
            "created_at",
            "created_by_id",
            "conference_id",
        ),
    ),
    Sealed(
        "plan_review_rating",
        (
            "id",
            "review_id",
            "goal_id",
            "goal_version_id",
            "rating",
            "evidence",
            "decision",
            "not_rated_reason",
        ),
    ),
    Sealed(
        "record_change",
        (
            "id",
            "table",
            "record_id",
            "field",
            "old_value",
            "new_value",
            "changed_by_id",
            "changed_at",
        ),
    ),
    Sealed(
        "audit_event",
        (
            "id",
            "at",
            "worker_id",
            "login",
            "action",
            "record_kind",
            "record_id",
            "case_id",
            "detail",
            "origin",
        ),
    ),
    # Supervision records are about a worker, not a client (m0012).
    Sealed(
        "supervision_note",
        (
            "id",
            "worker_id",
            "author_id",
            "held_on",
            "body",
            "agreed_actions",
            "status",
            "finalised_at",
            "created_at",
        ),
        final="status = 'final'",
        status_set=True,
    ),
    Sealed(
        "supervision_amendment",
        ("id", "supervision_id", "author_id", "reason", "body", "created_at"),
    ),
    # Assessments (m0015): a finalised one with its domains, and amendments.
    Sealed(
        "assessment",
        (
            "id",
            "case_id",
            "author_id",
            "as_at",
            "status",
            "summary",
            "goals",
            "copied_from",
            "finalised_at",
            "created_at",
        ),
        final="status = 'final'",
        status_set=True,
        parts=(("assessment_domain", "assessment_id"),),
    ),
    Sealed(
        "assessment_domain",
        (
            "id",
            "assessment_id",
            "position",
            "domain",
            "strengths",
            "needs",
            "client_view",
            "rating",
        ),
        final="(SELECT status FROM assessment WHERE id = assessment_id) = 'final'",
    ),
    Sealed(
        "assessment_amendment",
        ("id", "assessment_id", "author_id", "reason", "body", "created_at"),
    ),
    # A referral's status history and its chases (m0018).
    Sealed(
        "referral_status_change",
        (
            "id",
            "referral_id",
            "status",
            "previous",
            "changed_on",
            "note",
            "created_at",
            "created_by_id",
        ),
    ),
    Sealed(
        "referral_chase",
        (
            "id",
            "referral_id",
            "chased_on",
            "method",
            "contacted",
            "said",
            "responded",
            "next_chase_on",
            "created_at",
            "created_by_id",
        ),
    ),
    # What a referral said before each edit (m0022).
    Sealed(
        "referral_version",
        (
            "id",
            "referral_id",
            "service_id",
            "agency",
            "agency_contact",
            "referred_on",
            "reason",
            "urgency",
            "shared",
            "status",
            "why",
            "replaced_at",
            "replaced_by_id",
        ),
    ),
)
BY_TABLE = {kind.table: kind for kind in SEALED}
PART_TABLES = frozenset(table for kind in SEALED for table, _ in kind.parts)


def select_sql(kind: Sealed, where: str = "") -> str:
    """SELECT of a kind's sealed columns, in id order, optionally narrowed by ``where``."""
    columns = ", ".join(f'"{c}"' for c in kind.columns)
    conditions = " AND ".join(f"({c})" for c in (kind.final, where) if c)
    return (
        f'SELECT {columns} FROM "{kind.table}"'
        + (f" WHERE {conditions}" if conditions else "")
        + " ORDER BY id"
    )


# What json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False) writes, made
# once (dumps makes an encoder at each call, a third of the time of sealing a row).
# PostgreSQL's driver reads dates and times as such, SQLite's as the text it stores: written
# as SQLite stores them (only values JSON can't write reach ``default``, so SQLite's rows cost
# nothing more). Likewise a yes/no column, which PostgreSQL's driver reads as True or False
# and SQLite as the 1 or 0 it stores: hashed as 1 or 0 (``_canonical``), so that a record
# hashes the same on either database and a chain still verifies after a copy between them
# (``store.copy_db``). SQLite never gives a bool, so its seals are as they were.
_CONTENT = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _canonical(value: Any) -> Any:
    """A column's value as the content hash writes it: bytes as hex, a bool as SQLite's 1/0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def content_hash(kind: Sealed, values: Sequence[Any]) -> str:
    """The hash of a row's sealed columns (``values`` in ``kind.columns`` order), as stored."""
    row = {c: _canonical(v) for c, v in zip(kind.columns, values, strict=True)}
    return hashlib.sha256(_CONTENT.encode(row).encode()).hexdigest()


def chain_hash(previous: str, table: str, row_id: int, content: str) -> str:
    """The hash that links a record's content hash to the link before it."""
    return hashlib.sha256(f"{previous}|{table}|{row_id}|{content}".encode()).hexdigest()


def _now() -> str:
    from store.common import dates

    now = dates.now_utc().astimezone(UTC).replace(tzinfo=None)
    return now.isoformat(sep=" ")


def _last_link(db: peewee.Database) -> str:
    row = execute_sql(
        db, f"SELECT chain_hash FROM {SEAL_TABLE} ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else GENESIS


Link = tuple[str, int, str, str, str]  # table, row id, content hash, chain hash, sealed at


def _chained(
    kind: Sealed, rows: Iterable[Sequence[Any]], previous: str, at: str, links: list[Link]
) -> str:
    """Add a link for each row to ``links``, chained from ``previous``; returns the last's."""
    for values in rows:
        content = content_hash(kind, values)
        previous = chain_hash(previous, kind.table, int(values[0]), content)
        links.append((kind.table, int(values[0]), content, previous, at))
    return previous


def _append(db: peewee.Database, links: Sequence[Link]) -> None:
    if links:
        executemany(
            db,
            f"INSERT INTO {SEAL_TABLE} (table_name, row_id, content_hash, chain_hash, sealed_at)"
            " VALUES (?, ?, ?, ?, ?)",
            links,
        )


def seal_rows(db: peewee.Database, kind: Sealed, rows: Iterable[Sequence[Any]]) -> int:
    """Append a link for each row (its sealed columns, id first) to the chain; call under the
    write lock. Returns how many were sealed."""
    links: list[Link] = []
    _chained(kind, rows, _last_link(db), _now(), links)
    _append(db, links)
    return len(links)


def _unsealed(kind: Sealed) -> str:
    # A look-up in the seals' unique index per row, not a scan of every seal of the kind.
    return (
        f"NOT EXISTS (SELECT 1 FROM {SEAL_TABLE} s"
        f" WHERE s.table_name = '{kind.table}' AND s.row_id = \"{kind.table}\".id)"
    )


def seal_all(db: peewee.Database, kinds: Sequence[Sealed] = SEALED) -> int:
    """Seal every final record of ``kinds`` that has no link yet, kind by kind in id order (an
    upgraded database's records). Returns how many were sealed."""
    sealed = 0
    for kind in kinds:
        rows = execute_sql(db, select_sql(kind, _unsealed(kind))).fetchall()
        sealed += seal_rows(db, kind, rows)
    return sealed


# -- noting what a transaction makes final (temporary, per connection) ------------------------

PENDING = "seal_pending"


def watch(db: peewee.Database, *, made: bool = False) -> bool:
    """Make sure this connection notes what becomes final (once per connection: ``made`` says
    it was done on it already). False when the database has no seals yet (older than version
    10: being upgraded)."""
    if made:
        return True
    return note_final_rows(
        db,
        PENDING,
        SEAL_TABLE,
        [(kind.table, kind.status_set) for kind in SEALED if kind.table not in PART_TABLES],
    )


# Each kind's rows noted and not sealed yet, as ``flush`` reads them.
_NOTED = {
    kind.table: select_sql(
        kind,
        f"id IN (SELECT row_id FROM {PENDING} WHERE table_name = '{kind.table}') "
        f"AND {_unsealed(kind)}",
    )
    for kind in SEALED
}


def flush(db: peewee.Database) -> int:
    """Seal what this transaction made final; call just before it commits. Returns how many.

    Every link is made in memory, chained from the newest read once, and appended at once:
    this runs at every write that makes something final (a note, and its audit event)."""
    pending = execute_sql(db, f"SELECT DISTINCT table_name FROM {PENDING}").fetchall()
    if not pending:
        return 0
    tables = {str(name) for (name,) in pending}
    links: list[Link] = []
    previous, at = _last_link(db), _now()
    for kind in SEALED:
        if kind.table not in tables:
            continue
        rows = execute_sql(db, _NOTED[kind.table]).fetchall()
        previous = _chained(kind, rows, previous, at, links)
        for table, parent in kind.parts:
            part = BY_TABLE[table]
            ids = ", ".join(str(int(r[0])) for r in rows)
            if ids:
                part_rows = execute_sql(db, select_sql(part, f"{parent} IN ({ids})")).fetchall()
                previous = _chained(part, part_rows, previous, at, links)
    _append(db, links)
    execute_sql(db, f"DELETE FROM {PENDING}")
    return len(links)


def newest(db: peewee.Database) -> tuple[str, int, datetime | None]:
    """The newest link's chain hash, how many links there are, and when it was made."""
    count = int(execute_sql(db, f"SELECT COUNT(*) FROM {SEAL_TABLE}").fetchone()[0])
    row = execute_sql(
        db, f"SELECT chain_hash, sealed_at FROM {SEAL_TABLE} ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return GENESIS, 0, None
    return str(row[0]), count, datetime.fromisoformat(str(row[1]))


def link_at(db: peewee.Database, count: int) -> str | None:
    """The chain hash of the ``count``-th link (the head when there were ``count`` links)."""
    if count < 1:
        return GENESIS if count == 0 else None
    row = execute_sql(
        db, f"SELECT chain_hash FROM {SEAL_TABLE} ORDER BY id LIMIT 1 OFFSET ?", (count - 1,)
    ).fetchone()
    return str(row[0]) if row else None
