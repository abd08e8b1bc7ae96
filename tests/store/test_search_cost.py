"""What a search costs the database, checked by what it asks of it rather than by the clock:
a prefix's words are looked up one seek each, not counted; best match reads its page's
snippets within the rowids it ranked; a search within one case is narrowed by the index
itself; and the answers are what the simplest way of asking gives. Most are about SQLite's
FTS5 (``sqlite_only``); what holds on both, and PostgreSQL's own, run on both."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import pytest

from store.common.records import WorkerInfo
from store.search import sqlite as dialect
from store.search.records import END_MARK, MARK
from store.service import Store

pytestmark = pytest.mark.backends

MakeCase = Callable[..., Any]

NOTE = {"note_type": "home visit"}
BODIES = (
    "Home visit: talked about the visit to the GP and the visitor's pass.",
    "Visited Zoë and her sister; the visits are going well.",
    "Phone call about rent arrears, rent arrears again, and a revisit of the rent plan.",
    "Visitors at the house: the housing officer and a housemate.",
    "Café meeting with the family; Zoe visiting next week.",
    "A long note about many things, school and health, friends and the visit once.",
)


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """Every statement this thread's connection runs meanwhile (a trigger's as "-- ...")."""
    with store.database.connection():
        connection = cast(sqlite3.Connection, cast(Any, store.database.db).connection())
    seen: list[str] = []
    connection.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        connection.set_trace_callback(None)


def plans(store: Store, sql: str) -> list[str]:
    """EXPLAIN QUERY PLAN of a statement as run (its values written in)."""
    with store.database.reading() as db:
        return [str(row[3]) for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}").fetchall()]


def written(store: Store, me: WorkerInfo, make_case: MakeCase, cases: int = 3) -> list[int]:
    ids = []
    for n in range(cases):
        case = make_case()
        for day, body in enumerate(BODIES, start=1):
            data = {**NOTE, "contact_at": f"{day}/{n + 1}/2026 10:00", "body": body}
            ids.append(store.notes.finalise(me, case.id, data).case_id)
    return ids


def vocabulary(store: Store, start: str) -> list[str]:
    """The words the index holds from ``start`` on, as its counting vocabulary gives them."""
    upper = start[:-1] + chr(ord(start[-1]) + 1)
    with store.database.reading() as db:
        return [
            str(word)
            for (word,) in db.execute_sql(
                "SELECT term FROM search_vocabulary WHERE term >= ? AND term < ? LIMIT ?",
                (start, upper, dialect.EXPANDED_AT_MOST + 1),
            )
        ]


@pytest.mark.sqlite_only
def test_a_long_prefix_is_looked_up_word_by_word_not_counted(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    written(store, me, make_case, cases=1)
    with statements(store) as seen:
        hits = store.search.search(me, "Visi").hits
    assert len(hits) == 5  # visit, visitor's, visited, visits, visitors, visiting; not revisit
    # The counting vocabulary reads every row holding each word before it answers.
    assert not [s for s in seen if "search_vocabulary" in s]
    assert [s for s in seen if dialect.WORDS in s]


@pytest.mark.sqlite_only
def test_the_words_a_prefix_begins_are_the_vocabularys_own(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    written(store, me, make_case, cases=2)
    # Words no longer in the index (a summary replaced) are no more a prefix's than the
    # vocabulary's.
    case = make_case()
    store.case_file.save_summary(me, case.id, "Zebrafish zebras zebu and the zealous zebroid.")
    store.case_file.save_summary(me, case.id, "Zebras only.")
    words = {w for body in BODIES for w in body.lower().replace("'", " ").split()}
    words |= {"zebrafish", "zebras", "zebu", "zealous", "zebroid"}
    with store.database.reading() as db:
        assert dialect.words_starting(db, "zebr") == vocabulary(store, "zebr") == ["zebras"]
    starts = {w.strip(".,:;")[:n] for w in words for n in range(4, 8)} | {"zoe", "c1", "c12"}
    starts |= {"cafe", "zzzz", "gnotes", "visitors", "a" * 64}
    with store.database.reading() as db:
        for start in sorted(s for s in starts if s):
            # As the index keeps words: lower case, accents dropped.
            folded = "".join(
                c for c in unicodedata.normalize("NFKD", start) if not unicodedata.combining(c)
            )
            expected = vocabulary(store, folded)
            got = dialect.words_starting(db, start)
            if len(start) <= dialect.PREFIX_INDEXED:
                assert got is None, start
            else:
                assert got == (expected or None), start


@pytest.mark.sqlite_only
def test_too_many_words_leave_the_prefix_to_the_index(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    words = [f"plover{chr(ord('a') + i // 26)}{chr(ord('a') + i % 26)}" for i in range(70)]
    for n in range(0, 70, 10):
        body = " ".join(words[n : n + 10])
        store.notes.finalise(me, case.id, {**NOTE, "contact_at": "1/1/2026", "body": body})
    with store.database.reading() as db:
        assert dialect.words_starting(db, "plover") is None  # 70: more than EXPANDED_AT_MOST
        assert dialect.words_starting(db, "ploverb") == words[26:52]
        assert dialect.words_starting(db, "ploverc") == words[52:]
    assert len(store.search.search(me, "plove", size=200).hits) == 7


@pytest.mark.sqlite_only
def test_a_read_only_store_still_finds_a_long_prefix(
    store: Store, me: WorkerInfo, make_case: MakeCase, db_path: Path
) -> None:
    written(store, me, make_case, cases=1)
    store.close()
    reader = Store.open_read_only(db_path)
    try:
        actor = reader.workers.named(me.username)
        assert len(reader.search.search(actor, "Visi").hits) == 5
        assert len(reader.search.search(actor, "hous").hits) == 1
    finally:
        reader.close()


def ranked_simply(store: Store, match: str, within: int) -> list[tuple[int, str]]:
    """Best match as its rule says, the plain way: every row of the newest ``within``
    highlighted and scored, then each one's snippet read on its own."""
    with store.database.reading() as db:
        rows = db.execute_sql(
            "SELECT rowid, highlight(search_index, 0, ?, ?) FROM search_index "
            "WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?",
            (MARK, END_MARK, match, within),
        ).fetchall()

        def score(marked: str) -> tuple[int, float]:
            found = [p.partition(END_MARK)[0].casefold() for p in marked.split(MARK)[1:]]
            return len(set(found)), len(found) / (1 + len(marked) / 400)

        order = sorted(
            ((score(text), key) for key, text in rows), key=lambda p: (-p[0][0], -p[0][1], -p[1])
        )
        return [
            (
                key,
                str(
                    db.execute_sql(
                        "SELECT snippet(search_index, 0, ?, ?, '…', ?) FROM search_index "
                        "WHERE search_index MATCH ? AND rowid = ?",
                        (MARK, END_MARK, dialect.SNIPPET_WORDS, match, key),
                    ).fetchone()[0]
                ),
            )
            for _score, key in order
        ]


@pytest.mark.sqlite_only
def test_best_match_gives_what_ranking_every_row_plainly_gives(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    written(store, me, make_case, cases=4)
    for typed, match in (
        ("visit ", 'body : ("visit")'),
        ("rent arrears ", 'body : ("rent" AND "arrears")'),
        ("the ", 'body : ("the")'),
        ("Zoë ", 'body : ("zoë")'),
    ):
        expected = ranked_simply(store, match, within=1000)
        got: list[tuple[int, str]] = []
        page = store.search.search(me, typed, best=True, size=4)
        while True:
            got += [(hit.key, hit.snippet) for hit in page.hits]
            if page.next_page is None:
                break
            page = store.search.search(me, typed, best=True, size=4, page=page.next_page)
        assert got == expected, typed


@pytest.mark.sqlite_only
def test_best_match_reads_its_page_within_the_rowids_it_ranked(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    written(store, me, make_case)
    with statements(store) as seen:
        assert store.search.search(me, "visit ", best=True, size=3).hits
    searched = [s for s in seen if s.startswith("SELECT") and "MATCH" in s]
    assert len(searched) == 2  # the ranking, then the page's snippets
    for sql in searched:
        [plan] = plans(store, sql)
        # The index is given the MATCH and a range of rowids; never one search per rowid
        # (the plan of "rowid IN (...)" begins "=").
        index = plan.partition("INDEX ")[2]
        assert "M" in index and "=" not in index, plan


@pytest.mark.sqlite_only
def test_a_search_within_one_case_is_narrowed_by_the_index(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case_ids = written(store, me, make_case)
    one = case_ids[-1]
    with statements(store) as seen:
        hits = store.search.search(me, "visit ", case_id=one).hits
    assert hits and {h.case_id for h in hits} == {one}
    searched = [s for s in seen if s.startswith("SELECT")]
    [match] = [s for s in searched if "MATCH" in s]
    assert f"c{one}" in match  # the case is a word of the MATCH, not a filter of its results
    for sql in searched:
        for plan in plans(store, sql):
            assert not plan.startswith("SCAN") or "VIRTUAL TABLE INDEX" in plan, (plan, sql)


def test_a_search_without_filters_has_nothing_to_check(
    store: Store, me: WorkerInfo, make_case: MakeCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The search box alone needs no validation (nor pydantic, imported for it on first use).
    from store.common import validation

    written(store, me, make_case, cases=1)

    def checked(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated")

    monkeypatch.setattr(validation, "validate", checked)
    assert store.search.search(me, "visit ", kind="", since=" ", until=None).hits
    assert store.search.search(me, "visit ").hits
    with pytest.raises(AssertionError, match="validated"):
        store.search.search(me, "visit ", kind="notes")


@pytest.mark.sqlite_only
def test_a_prefix_just_before_a_common_word_does_not_read_that_words_every_instance(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    body = "visit " * 2000 + "visisted"  # 2,000 instances of the word after "visis"
    store.notes.finalise(me, case.id, {**NOTE, "contact_at": "1/1/2026", "body": body})
    with store.database.reading() as db:
        connection = cast(sqlite3.Connection, cast(Any, db).connection())
        steps: list[int] = []
        connection.set_progress_handler(lambda: steps.append(1) and 0, 100)
        try:
            words = dialect.words_starting(db, "visis")
        finally:
            connection.set_progress_handler(None, 0)
    assert words == ["visisted"]
    assert len(steps) < 20, len(steps)  # reading 2,000 instances takes hundreds


def test_best_match_ranks_only_the_newest_it_is_bounded_to(
    store: Store, me: WorkerInfo, make_case: MakeCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.search import service

    case = make_case(allocated_on="1/1/2026")
    strong = store.notes.finalise(
        me, case.id, {**NOTE, "contact_at": "1/2/2026 10:00", "body": "Otter, otter, otter."}
    ).id
    newer = [
        store.notes.finalise(
            me, case.id, {**NOTE, "contact_at": f"{day}/3/2026 10:00", "body": body}
        ).id
        for day, body in enumerate(
            ["An otter once, in a long note of many words.", "Otter seen by the river today."], 1
        )
    ]
    assert store.search.search(me, "otter ", best=True).hits[0].record_id == strong
    monkeypatch.setattr(service, "RANKED_AT_MOST", 2)  # the oldest, strongest, left out
    page = store.search.search(me, "otter ", best=True)
    assert [h.record_id for h in page.hits] == newer[::-1] and page.next_page is None
