"""Searching everywhere: ``store.search``.

One call, ``search``: what was typed, optionally narrowed to a case, a kind of record and a
date range, gives a page of the records matching, newest first (or best first on demand),
each with its case, kind, date and the words matched in context. Only records of cases the
worker may read are found: a restricted case's only by the workers named for it (as the
caseload shows their names). Searching writes nothing: the audit trail records the records
opened from the results, as it does any opening, not every keystroke of a search.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee as pw

from store.access import guarded
from store.common.records import WorkerInfo
from store.core.db import Database
from store.core.models import Case, Client
from store.core.permissions import Access, names_shown, visible_cases
from store.core.postgres import is_postgres
from store.core.rows import tuples
from store.search import sqlite
from store.search.query import parse
from store.search.records import PAGE_SIZE, RANKED_AT_MOST, SearchHit, SearchPage


class SearchService:
    """``store.search``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @guarded(Access.READ, "case_id")
    def search(
        self,
        actor: WorkerInfo,
        text: str,
        *,
        case_id: int | None = None,
        kind: str = "",
        since: str | date | None = None,
        until: str | date | None = None,
        best: bool = False,
        page: int | None = None,
        size: int = PAGE_SIZE,
        dayfirst: bool = True,
    ) -> SearchPage:
        """Records matching ``text`` that ``actor`` may read, ``size`` a page.

        ``kind`` is a key of ``records.KINDS`` (or ""), ``since`` and ``until`` dates as typed
        (InvalidInput if they aren't). ``page`` is the ``next_page`` of the page before (None:
        the first). Any text is valid; with no word in it nothing is searched
        (``searched`` False)."""
        group, first, last = "", None, None
        if not (_blank(kind) and _blank(since) and _blank(until)):
            # Only filters need checking (and pydantic, which the search box alone doesn't).
            from store.common.validation import validate
            from store.search.input import SearchFilters

            filters = validate(
                SearchFilters, {"kind": kind, "since": since, "until": until}, dayfirst=dayfirst
            )
            group, first, last = filters.kind, filters.since, filters.until
        terms = parse(text)
        size = max(1, min(size, 200))
        if not terms:
            return SearchPage((), None, searched=False, ranked=best)
        low, high = sqlite.rowid_bounds(first, last)
        with self.database.reading() as db:
            cases, cases_sql = self._cases(actor, case_id)
            if cases is not None and not cases.ids and not cases.excluded:
                return SearchPage((), None, searched=True, ranked=best)
            engine: Any
            if is_postgres(db):
                from store.search import postgres as engine

                match: Any = engine.match_of(db, terms, cases=cases, group=group)
                if match is None:
                    return SearchPage((), None, searched=True, ranked=best)
            else:
                engine = sqlite
                prefix = terms[-1].prefix
                expanded = sqlite.words_starting(db, terms[-1].words[-1]) if prefix else None
                match = sqlite.match_of(terms, cases=cases, group=group, expanded=expanded)
            if best:
                offset = page or 0
                rows = engine.best(
                    db,
                    match,
                    cases_sql=cases_sql,
                    low=low,
                    high=high,
                    within=RANKED_AT_MOST,
                    offset=offset,
                    limit=size + 1,
                )
                more = len(rows) > size and offset + size < RANKED_AT_MOST
                next_page = offset + size if more else None
            else:
                if page is not None:
                    high = min(high, page - 1)
                rows = engine.newest(
                    db, match, cases_sql=cases_sql, low=low, high=high, limit=size + 1
                )
                more = len(rows) > size
                next_page = rows[size - 1][0][0] if more else None
            rows = rows[:size]
            names = self._names({row[1] for row, _snippet in rows})
        hits = tuple(
            SearchHit(
                case_id=row[1],
                case_ref=names.get(row[1], ("", ""))[0],
                client_name=names.get(row[1], ("", ""))[1],
                kind=row[2],
                record_id=row[3],
                on=_day(row[4]),
                snippet=snippet,
                key=row[0],
            )
            for row, snippet in rows
        )
        return SearchPage(hits, next_page, searched=True, ranked=best)

    def dates(
        self,
        actor: WorkerInfo,
        since: str | date | None,
        until: str | date | None,
        *,
        dayfirst: bool = True,
    ) -> tuple[date | None, date | None]:
        """The date range as typed, read as dates ("last monday" resolved now); InvalidInput
        at "since" or "until" if either isn't one, or they are the wrong way round."""
        from store.common.validation import validate
        from store.search.input import SearchFilters

        found = validate(SearchFilters, {"since": since, "until": until}, dayfirst=dayfirst)
        return found.since, found.until

    def _cases(
        self, actor: WorkerInfo, case_id: int | None
    ) -> tuple[sqlite.Cases | None, tuple[str, Any] | None]:
        """The cases to search, as the index is best asked for them: a short list of those
        readable (or, for someone who reads nearly every case, of those not), else a query
        selecting them. An empty list: none. Call inside a transaction."""
        readable = visible_cases(actor) & names_shown(actor)
        if case_id is not None:
            readable = readable & (Case.id == case_id)
        at_most = sqlite.LISTED_CASES_AT_MOST
        # NULL is not readable: "not readable" is written so that it is not hidden either.
        hidden = Case.select(Case.id).where(pw.Case(None, [(readable, 1)], 0) == 0)
        if case_id is None:
            left_out = [i for (i,) in tuples(hidden.limit(at_most + 1))]
            if len(left_out) <= at_most:
                return sqlite.Cases(tuple(left_out), excluded=True), None
        query = Case.select(Case.id).where(readable)
        found = [i for (i,) in tuples(query.limit(at_most + 1))]
        if len(found) <= at_most:
            return sqlite.Cases(tuple(found)), None
        sql, params = query.sql()
        return None, (sql, params)

    def _names(self, case_ids: set[int]) -> dict[int, tuple[str, str]]:
        if not case_ids:
            return {}
        query = (
            Case.select(Case.id, Case.ref, Client.name)
            .join(Client, on=(Case.client == Client.id))
            .where(Case.id.in_(sorted(case_ids)))
        )
        return {i: (ref, name) for i, ref, name in tuples(query)}


def _blank(value: object) -> bool:
    """True for a filter left empty (None, or nothing but spaces typed)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None
