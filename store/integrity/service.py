"""Checking the chain of seals: ``store.integrity``.

``verify()`` recomputes every link of the chain and the content hash of every sealed record,
looks for final records with no seal, and checks that every trigger keeping final records as
they were is there as created. ``verify(full=False)`` is the quick check the app runs at start:
the newest links and the triggers. It only reads (a read-only store will do), and names records
by table and id, never by what they say.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee

from store.core import seal
from store.core.db import Database
from store.core.dialect import execute_sql, guard_as_made, has_table, trigger_name, triggers
from store.core.migrations import GUARD_TRIGGERS
from store.integrity.records import Head, Problem, ProblemKind, VerifyReport

# How many of the newest links the quick check recomputes.
QUICK_LINKS = 200

Link = tuple[int, str, int, str, str]  # id, table, row id, content hash, chain hash


def _check_triggers(db: peewee.Database) -> list[Problem]:
    found = triggers(db)
    problems = []
    for sql in GUARD_TRIGGERS:
        name = trigger_name(sql)
        if name not in found:
            problems.append(Problem(ProblemKind.TRIGGER_MISSING, name))
        elif found[name] != guard_as_made(db, sql):
            problems.append(Problem(ProblemKind.TRIGGER_CHANGED, name))
    return problems


def _links(db: peewee.Database, newest: int | None) -> tuple[str, list[Link]]:
    """The links to check, oldest first, and the chain hash they follow from."""
    columns = "id, table_name, row_id, content_hash, chain_hash"
    if newest is None:
        rows = execute_sql(db, f"SELECT {columns} FROM {seal.SEAL_TABLE} ORDER BY id").fetchall()
        return seal.GENESIS, [tuple(r) for r in rows]
    rows = execute_sql(
        db, f"SELECT {columns} FROM {seal.SEAL_TABLE} ORDER BY id DESC LIMIT ?", (newest + 1,)
    ).fetchall()
    links: list[Link] = [tuple(r) for r in reversed(rows)]
    if len(links) <= newest:
        return seal.GENESIS, links
    return links[0][4], links[1:]


def _content_hashes(db: peewee.Database, table: str, ids: Sequence[int] | None) -> dict[int, str]:
    """{id: content hash} of a table's rows, final or not (all of them, or those ``ids``),
    hashed as they are read so that a large table is never held whole."""
    kind = seal.BY_TABLE[table]
    unfiltered = seal.Sealed(kind.table, kind.columns)
    where = "" if ids is None else f"id IN ({', '.join(str(int(i)) for i in ids)})"
    return {
        int(row[0]): seal.content_hash(kind, row)
        for row in execute_sql(db, seal.select_sql(unfiltered, where))
    }


def _check_links(
    db: peewee.Database, previous: str, links: list[Link], *, full: bool
) -> list[Problem]:
    problems = []
    by_table: dict[str, list[int]] = {}
    for _id, table, row_id, _content, _chain in links:
        by_table.setdefault(table, []).append(row_id)
    hashes = {
        table: _content_hashes(db, table, None if full else ids)
        for table, ids in by_table.items()
        if table in seal.BY_TABLE
    }
    for link_id, table, row_id, content, chain in links:
        if seal.chain_hash(previous, table, row_id, content) != chain:
            problems.append(Problem(ProblemKind.BROKEN_LINK, table, row_id, link_id))
        previous = chain
        if table not in hashes:
            continue  # a kind this Caseline does not know: the broken link says so
        found = hashes[table].get(row_id)
        if found is None:
            problems.append(Problem(ProblemKind.DELETED, table, row_id, link_id))
        elif found != content:
            problems.append(Problem(ProblemKind.ALTERED, table, row_id, link_id))
    return problems


def _unsealed(db: peewee.Database) -> tuple[int, list[Problem]]:
    """How many final records there are, and those with no seal."""
    total = 0
    problems = []
    for kind in seal.SEALED:
        condition = f" WHERE {kind.final}" if kind.final else ""
        total += int(
            execute_sql(db, f'SELECT COUNT(*) FROM "{kind.table}"{condition}').fetchone()[0]
        )
        query = seal.select_sql(
            seal.Sealed(kind.table, ("id",), kind.final),
            f"id NOT IN (SELECT row_id FROM {seal.SEAL_TABLE} WHERE table_name = ?)",
        )
        for (row_id,) in execute_sql(db, query, (kind.table,)).fetchall():
            problems.append(Problem(ProblemKind.INSERTED, kind.table, int(row_id)))
    return total, problems


class IntegrityService:
    """Checks that the final records are as they were sealed."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def head(self) -> Head:
        """The newest link of the chain (to keep outside, as an anchor)."""
        with self.database.reading() as db:
            if not has_table(db, seal.SEAL_TABLE):
                return Head(seal.GENESIS, 0, None)
            return Head(*seal.newest(db))

    def verify(self, *, full: bool = True, anchor: tuple[str, int] | None = None) -> VerifyReport:
        """Recompute the chain and the records' hashes: all of them, or (``full=False``) the
        newest QUICK_LINKS links; and check the triggers. ``anchor``, a head kept outside
        (its chain hash and count), must still be the chain's link at that count."""
        with self.database.reading() as db:
            return verify_in(db, full=full, anchor=anchor)


def verify_in(
    db: peewee.Database, *, full: bool = True, anchor: tuple[str, int] | None = None
) -> VerifyReport:
    """``IntegrityService.verify`` in a transaction already open on ``db`` (a copy of a
    database checks what it wrote before committing it)."""
    problems = _check_triggers(db)
    if not has_table(db, seal.SEAL_TABLE):
        problems.append(Problem(ProblemKind.NO_SEALS, seal.SEAL_TABLE))
        return VerifyReport(
            full, 0, 0, len(GUARD_TRIGGERS), Head(seal.GENESIS, 0, None), tuple(problems)
        )
    previous, links = _links(db, None if full else QUICK_LINKS)
    problems += _check_links(db, previous, links, full=full)
    records = 0
    if full:
        records, inserted = _unsealed(db)
        problems += inserted
    if anchor is not None and seal.link_at(db, anchor[1]) != anchor[0]:
        problems.append(Problem(ProblemKind.ANCHOR, seal.SEAL_TABLE, anchor[1]))
    head = Head(*seal.newest(db))
    anchored = None if anchor is None else anchor[1]
    return VerifyReport(
        full, len(links), records, len(GUARD_TRIGGERS), head, tuple(problems), anchored
    )
