"""Searching the full-text index with SQLite's FTS5: what is SQLite's alone about searching.

The index itself (an FTS5 table, its triggers, its rowids made from each record's date, kind
and id) is migration 20's (``store.core.migrations.m0020_search``). Here: the MATCH expression
built from the parsed terms, each quoted so nothing typed is read as FTS5's syntax, and the
queries, newest first by rowid (the index's own order, no sorting) or best first by ``bm25``
within the newest ``RANKED_AT_MOST``. PostgreSQL's is ``store.search.postgres``, with the same
``newest`` and ``best`` over a ``tsvector``; the service picks by the database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import peewee as pw

from store.core.dialect import execute_sql
from store.search.query import Term
from store.search.records import END_MARK, MARK

TABLE = "search_index"
VOCABULARY = "search_vocabulary"
# The index's words as an fts5vocab table of type 'instance', on each connection (temporary:
# part of no file). The 'row' vocabulary of the schema counts every row holding a word before
# giving it, which for a prefix of common words costs more than the search itself; an
# instance table gives the first instance of the first word from a point on at once, so the
# words a prefix begins are read one seek each.
WORDS = "search_words"
_WORDS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{WORDS} USING fts5vocab(main, {TABLE}, 'instance')"
)
# Prefixes this long or shorter have an index of their own; a longer one is looked up in the
# index's vocabulary and searched as the words it begins (the index's own prefix search would
# gather every row of every such word first, before the newest could be picked).
PREFIX_INDEXED = 3
EXPANDED_AT_MOST = 64
DAY = 1 << 32
_EPOCH = date(1900, 1, 1)
# A case list this short goes into the MATCH itself, so the index does the narrowing.
LISTED_CASES_AT_MOST = 400
SNIPPET_WORDS = 12


def _quoted(words: Sequence[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


@dataclass(frozen=True)
class Cases:
    """Cases to search (or, ``excluded``, all cases but these)."""

    ids: tuple[int, ...]
    excluded: bool = False


def _folded(word: str) -> str:
    """``word`` as the index's tokenizer keeps it: lower case, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words_starting(db: pw.Database, start: str) -> list[str] | None:
    """The index's words beginning with ``start`` (at most ``EXPANDED_AT_MOST``), or None to
    leave it to the index's prefix search (a short start, or too many words)."""
    key = _folded(start)
    if len(key) <= PREFIX_INDEXED:
        return None
    upper = key[:-1] + chr(ord(key[-1]) + 1)
    try:
        words = _words_starting(db, key, EXPANDED_AT_MOST + 1)
    except pw.OperationalError:  # a connection that may not write, even its temporary tables
        words = [
            str(word)
            for (word,) in execute_sql(
                db,
                f"SELECT term FROM {VOCABULARY} WHERE term >= ? AND term < ? LIMIT ?",
                (key, upper, EXPANDED_AT_MOST + 1),
            )
        ]
    return words if 0 < len(words) <= EXPANDED_AT_MOST else None


def _words_starting(db: pw.Database, key: str, limit: int) -> list[str]:
    """The index's words beginning with ``key``, at most ``limit``, in order: each the first
    instance at or after the word before it and a character of code 1 (no word holds one, so
    nothing lies between a word and that).

    The range ends at ``key`` followed by the last character there is, inclusive: the index
    stops there itself. Ended before the string after the prefix instead ("visit" for
    "visis"), every instance of a word at that end would be read, and left out, one by one."""
    execute_sql(db, _WORDS_DDL)
    low, high = key, key + chr(0x10FFFF)
    words: list[str] = []
    while len(words) < limit:
        found = execute_sql(
            db,
            f"SELECT term FROM temp.{WORDS} WHERE term >= ? AND term <= ? LIMIT 1",
            (low, high),
        ).fetchone()
        if found is None:
            break
        words.append(str(found[0]))
        low = words[-1] + "\x01"
    return words


def _phrase(term: Term, expanded: Sequence[str] | None) -> str:
    if term.prefix and expanded and len(term.words) == 1:
        return "(" + " OR ".join(_quoted([word]) for word in expanded) + ")"
    return _quoted(term.words) + ("*" if term.prefix else "")


def match_of(
    terms: Sequence[Term],
    *,
    cases: Cases | None = None,
    group: str = "",
    expanded: Sequence[str] | None = None,
) -> str:
    """The FTS5 MATCH expression for ``terms`` (at least one), narrowed to the cases and the
    kind group given; ``expanded``: the words the last term, a prefix, may be."""
    phrases = [_phrase(t, expanded if t is terms[-1] else None) for t in terms]
    expr = f"body : ({' AND '.join(phrases)})"
    if group:
        expr += f" AND scope : {_quoted([f'g{group}'])}"
    if cases is not None and cases.ids:
        listed = " OR ".join(_quoted([f"c{i}"]) for i in cases.ids)
        expr += f" {'NOT' if cases.excluded else 'AND'} scope : ({listed})"
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
    """Rows matching, best first, among the newest ``within`` of them.

    Best: the most of the different words searched for, then the most matches for the
    length of the text (FTS5's own ``bm25`` counts every row holding each word in the whole
    index first, a second for a word in every note)."""
    sql = (
        f"SELECT rowid, highlight({TABLE}, 0, ?, ?) FROM {TABLE} "
        f"WHERE {TABLE} MATCH ? AND rowid BETWEEN ? AND ?"
    )
    params: list[Any] = [MARK, END_MARK, match, low, high]
    if cases_sql is not None:
        sql += f" AND case_id IN ({cases_sql[0]})"
        params.extend(cases_sql[1])
    sql += " ORDER BY rowid DESC LIMIT ?"
    params.append(within)
    scored = sorted(
        ((_score(text), key) for key, text in execute_sql(db, sql, params)),
        key=lambda pair: (-pair[0][0], -pair[0][1], -pair[1]),
    )
    ranked = [key for _score_of, key in scored[offset : offset + limit]]
    if not ranked:
        return []
    # The page's rows read again for their snippets, within the range of rowids they span
    # (at most the ``within`` just read): given to the index as a list of rowids instead
    # (without the +), each would be a search of the whole index of its own.
    marks = ", ".join("?" for _ in ranked)
    found = {
        r[0]: ((r[0], r[1], r[2], r[3], r[4]), r[5])
        for r in execute_sql(
            db,
            f"SELECT rowid, case_id, kind, record_id, on_date, "
            f"snippet({TABLE}, 0, ?, ?, '…', {SNIPPET_WORDS}) "
            f"FROM {TABLE} WHERE {TABLE} MATCH ? AND rowid BETWEEN ? AND ? "
            f"AND +rowid IN ({marks})",
            [MARK, END_MARK, match, min(ranked), max(ranked), *ranked],
        )
    }
    return [found[key] for key in ranked if key in found]


_MATCHED = re.compile(f"{MARK}([^{MARK}{END_MARK}]*)")


def _score(marked: str) -> tuple[int, float]:
    """(how many different words matched, matches per length) of a highlighted text."""
    if marked.count(MARK) == 1:  # most often: one match, one word
        return 1, 1 / (1 + len(marked) / 400)
    matched = _MATCHED.findall(marked)
    return len({text.casefold() for text in matched}), len(matched) / (1 + len(marked) / 400)


def indexed(db: pw.Database) -> int:
    """How many records the index holds."""
    return int(execute_sql(db, f"SELECT count(*) FROM {TABLE}").fetchone()[0])
