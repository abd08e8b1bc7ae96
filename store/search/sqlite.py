"""Searching the full-text index with SQLite's FTS5: what is SQLite's alone about searching.

The index itself (an FTS5 table, its triggers, its rowids made from each record's date, kind
and id) is migration 20's (``store.core.migrations.m0020_search``). Here: the MATCH expression
built from the parsed terms, each quoted so nothing typed is read as FTS5's syntax, and the
queries, newest first by rowid (the index's own order, no sorting) or best first by ``bm25``
within the newest ``RANKED_AT_MOST``. A PostgreSQL dialect would be a second module with these
names, querying a ``tsvector`` with ``websearch_to_tsquery`` (or a tsquery built the same way).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import peewee as pw

from store.core.dialect import execute_sql
from store.search.query import Term
from store.search.records import END_MARK, MARK

TABLE = "search_index"
DAY = 1 << 32
_EPOCH = date(1900, 1, 1)
# A case list this short goes into the MATCH itself, so the index does the narrowing.
LISTED_CASES_AT_MOST = 400
SNIPPET_WORDS = 12


def _quoted(words: Sequence[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def match_of(
    terms: Sequence[Term], *, case_ids: Sequence[int] | None = None, group: str = ""
) -> str:
    """The FTS5 MATCH expression for ``terms`` (at least one), narrowed to the cases and the
    kind group given."""
    phrases = [_quoted(t.words) + ("*" if t.prefix else "") for t in terms]
    expr = f"body : ({' AND '.join(phrases)})"
    if case_ids is not None:
        expr += f" AND scope : ({' OR '.join(_quoted([f'c{i}']) for i in case_ids)})"
    if group:
        expr += f" AND scope : {_quoted([f'g{group}'])}"
    return expr


def rowid_bounds(since: date | None, until: date | None) -> tuple[int, int]:
    """The rowids of records dated from ``since`` to ``until`` (either open)."""
    low = (since - _EPOCH).days * DAY if since else 0
    high = ((until - _EPOCH).days + 1) * DAY - 1 if until else (1 << 63) - 1
    return low, high


Row = tuple[int, int, str, int, str]  # key, case id, kind, record id, date


def newest(
    db: pw.Database,
    match: str,
    *,
    cases_sql: tuple[str, Sequence[Any]] | None,
    low: int,
    high: int,
    limit: int,
) -> list[tuple[Row, str]]:
    """Rows matching, newest first, with their snippets: ``limit`` of them with rowids from
    ``low`` to ``high``, of the cases ``cases_sql`` selects (None: as the MATCH says)."""
    sql = (
        f"SELECT rowid, case_id, kind, record_id, on_date, "
        f"snippet({TABLE}, 0, ?, ?, '…', {SNIPPET_WORDS}) "
        f"FROM {TABLE} WHERE {TABLE} MATCH ? AND rowid BETWEEN ? AND ?"
    )
    params: list[Any] = [MARK, END_MARK, match, low, high]
    if cases_sql is not None:
        sql += f" AND case_id IN ({cases_sql[0]})"
        params.extend(cases_sql[1])
    sql += " ORDER BY rowid DESC LIMIT ?"
    params.append(limit)
    return [((r[0], r[1], r[2], r[3], r[4]), r[5]) for r in execute_sql(db, sql, params)]


def best(
    db: pw.Database,
    match: str,
    *,
    cases_sql: tuple[str, Sequence[Any]] | None,
    low: int,
    high: int,
    within: int,
    offset: int,
    limit: int,
) -> list[tuple[Row, str]]:
    """Rows matching, best first (``bm25``), among the newest ``within`` of them."""
    inner = (
        f"SELECT rowid AS key, bm25({TABLE}) AS score FROM {TABLE} "
        f"WHERE {TABLE} MATCH ? AND rowid BETWEEN ? AND ?"
    )
    params: list[Any] = [match, low, high]
    if cases_sql is not None:
        inner += f" AND case_id IN ({cases_sql[0]})"
        params.extend(cases_sql[1])
    inner += " ORDER BY rowid DESC LIMIT ?"
    params.append(within)
    ranked = [
        key
        for (key,) in execute_sql(
            db,
            f"SELECT key FROM ({inner}) ORDER BY score, key DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    ]
    if not ranked:
        return []
    marks = ", ".join("?" for _ in ranked)
    found = {
        r[0]: ((r[0], r[1], r[2], r[3], r[4]), r[5])
        for r in execute_sql(
            db,
            f"SELECT rowid, case_id, kind, record_id, on_date, "
            f"snippet({TABLE}, 0, ?, ?, '…', {SNIPPET_WORDS}) "
            f"FROM {TABLE} WHERE {TABLE} MATCH ? AND rowid IN ({marks})",
            [MARK, END_MARK, match, *ranked],
        )
    }
    return [found[key] for key in ranked if key in found]


def indexed(db: pw.Database) -> int:
    """How many records the index holds."""
    return int(execute_sql(db, f"SELECT count(*) FROM {TABLE}").fetchone()[0])
