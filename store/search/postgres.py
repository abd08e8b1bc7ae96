"""Searching the full-text index on PostgreSQL: what is PostgreSQL's alone about searching.

The index (``search_index``: a ``tsvector`` of each record's folded text, GIN-indexed, kept by
PL/pgSQL triggers) is made with the schema (``store.core.postgres_search``). Here: the words
typed, folded by the database's own ``search_fold`` (so a word is searched exactly as the
records were indexed), made a ``tsquery`` of quoted lexemes (phrases with ``<->``, the last
word being typed with ``:*``), so nothing typed is ever read as tsquery's syntax; the queries,
newest first by key (the index's order) or best first by ``ts_rank`` within the newest
``RANKED_AT_MOST``; and each result's matching words marked in context by ``ts_headline``,
run on the folded text and laid back onto the text itself (the fold keeps every character in
its place).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import peewee as pw

from store.core.dialect import execute_sql
from store.core.postgres_search import FOLD, INDEXED_CHARS, TABLE
from store.search.query import Term
from store.search.records import END_MARK, MARK
from store.search.sqlite import SNIPPET_WORDS, Cases, Row

# Around the matching words of a headline of the folded text, which holds only letters,
# digits and spaces: never the text's own.
_START, _STOP = "<", ">"
_HEADLINE = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords={2 * SNIPPET_WORDS}, "
    f"MinWords={SNIPPET_WORDS}, ShortWord=0"
)
_QUERY = "to_tsquery('simple', ?)"


@dataclass(frozen=True)
class Match:
    """What to search for: a tsquery (as text) and the records it may be in."""

    query: str
    cases: Cases | None = None
    group: str = ""


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def match_of(
    db: pw.Database, terms: Sequence[Term], *, cases: Cases | None = None, group: str = ""
) -> Match | None:
    """The search for ``terms``, their words folded by the database (None: no word is left)."""
    words = [word for term in terms for word in term.words]
    folded = [
        str(row[0])
        for row in execute_sql(
            db,
            f"SELECT {FOLD}(w) FROM unnest(?::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n",
            (words,),
        )
    ]
    parts: list[str] = []
    at = 0
    for term in terms:
        lexemes = [w for word in folded[at : at + len(term.words)] for w in word.split()]
        at += len(term.words)
        if not lexemes:
            continue
        quoted = [_lexeme(w) for w in lexemes]
        if term.prefix and term is terms[-1]:
            quoted[-1] += ":*"
        parts.append("(" + " <-> ".join(quoted) + ")")
    if not parts:
        return None
    return Match(" & ".join(parts), cases, group)


def _where(
    match: Match, cases_sql: tuple[str, Sequence[Any]] | None, low: int, high: int
) -> tuple[str, list[Any]]:
    sql = f"words @@ {_QUERY} AND key BETWEEN ? AND ?"
    params: list[Any] = [match.query, low, high]
    if match.group:
        sql += " AND grp = ?"
        params.append(match.group)
    if match.cases is not None and match.cases.ids:
        sql += f" AND case_id {'<> ALL' if match.cases.excluded else '= ANY'}(?)"
        params.append(list(match.cases.ids))
    if cases_sql is not None:
        sql += f" AND case_id IN ({cases_sql[0]})"
        params.extend(cases_sql[1])
    return sql, params


# The page's rows with their headlines: the folded text's, the text at the same place, and
# where that is, for ``_snippet`` to lay the marks onto the text. Each step MATERIALIZED: a
# headline is made once for each row of the page, never for a row not shown.
_WITH_HEADLINES = (
    "lit AS MATERIALIZED (SELECT page.*, s.case_id, s.kind, s.record_id, s.on_date, s.body, "
    f"s.folded, ts_headline('simple', left(s.folded, {INDEXED_CHARS}), {_QUERY}, ?) AS h "
    "FROM page JOIN search_index s ON s.key = page.key), "
    "plain AS MATERIALIZED (SELECT lit.*, strpos(folded, replace(replace(h, ?, ''), ?, '')) "
    "AS at, length(h) - length(replace(replace(h, ?, ''), ?, '')) AS marks FROM lit) "
    "SELECT key, case_id, kind, record_id, on_date, h, at, "
    "substr(body, at, length(h) - marks), length(body) FROM plain "
)


def _headlined(
    db: pw.Database, match: Match, sql: str, params: list[Any], order: str
) -> list[tuple[Row, str]]:
    rows = execute_sql(
        db,
        f"WITH page AS MATERIALIZED ({sql}), {_WITH_HEADLINES} ORDER BY {order}",
        [*params, match.query, _HEADLINE, _START, _STOP, _START, _STOP],
    )
    return [((r[0], r[1], r[2], r[3], r[4]), _snippet(r[5], r[6], r[7], r[8])) for r in rows]


def _snippet(headline: str, at: int, text: str, length: int) -> str:
    """The headline's marks laid onto ``text``, the record's own characters where the folded
    headline was (``at``, from 1; 0: not found, and the headline is shown as it is)."""
    if not at:
        return headline.replace(_START, MARK).replace(_STOP, END_MARK)
    out: list[str] = ["…"] if at > 1 else []
    i = 0
    for ch in headline:
        if ch == _START:
            out.append(MARK)
        elif ch == _STOP:
            out.append(END_MARK)
        else:
            out.append(text[i] if i < len(text) else ch)
            i += 1
    if at - 1 + len(text) < length:
        out.append("…")
    return "".join(out)


def newest(
    db: pw.Database,
    match: Match,
    *,
    cases_sql: tuple[str, Sequence[Any]] | None,
    low: int,
    high: int,
    limit: int,
) -> list[tuple[Row, str]]:
    """Rows matching, newest first, with their snippets: ``limit`` of them with keys from
    ``low`` to ``high``, of the cases ``cases_sql`` selects (None: as the match says)."""
    where, params = _where(match, cases_sql, low, high)
    sql = f"SELECT key FROM {TABLE} WHERE {where} ORDER BY key DESC LIMIT ?"
    return _headlined(db, match, sql, [*params, limit], "key DESC")


def best(
    db: pw.Database,
    match: Match,
    *,
    cases_sql: tuple[str, Sequence[Any]] | None,
    low: int,
    high: int,
    within: int,
    offset: int,
    limit: int,
) -> list[tuple[Row, str]]:
    """Rows matching, best first (``ts_rank``, for the length of the text), among the newest
    ``within`` of them: a word in every record never ranks the whole index."""
    where, params = _where(match, cases_sql, low, high)
    sql = (
        f"SELECT key, ts_rank(words, {_QUERY}, 1) AS rank FROM "
        f"(SELECT key, words FROM {TABLE} WHERE {where} ORDER BY key DESC LIMIT ?) newest "
        "ORDER BY rank DESC, key DESC OFFSET ? LIMIT ?"
    )
    return _headlined(
        db,
        match,
        sql,
        [match.query, *params, within, offset, limit],
        "rank DESC, key DESC",
    )


def indexed(db: pw.Database) -> int:
    """How many records the index holds."""
    return int(execute_sql(db, f"SELECT count(*) FROM {TABLE}").fetchone()[0])
