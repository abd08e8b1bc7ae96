"""Searching on PostgreSQL, what is its own: the fold (each character to one, words split as
typed words are), ranking by ``ts_rank`` within the bound, and what is typed in tsquery's own
syntax read as words. (Everything else about search runs on both databases:
tests/store/test_search.py.)"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from store.common.records import WorkerInfo
from store.core.dialect import execute_sql
from store.search.query import words_of
from store.service import Store
from tests.store.test_search_cost import written

MakeCase = Callable[..., Any]
ON_POSTGRES = pytest.mark.parametrize("backend", ["postgres"], indirect=True)


FOLDED = [
    ("Zoë O\u2019Brien, covid-19!", ["zoe", "o", "brien", "covid", "19"]),
    ("ΑΘΗΝΑ and Иван", ["αθηνα", "and", "иван"]),
    ("ﬁx Straße \uff21\uff22\uff23", ["ﬁx", "straße", "abc"]),
    ("e\u0301t\u00e9 🙂 ok", ["ete", "ok"]),
    ("\x1b[31mred\x02x\x03", ["31mred", "x"]),
    ("NOÉMIE\tNoémie", ["noemie", "noemie"]),
]


@pytest.mark.parametrize(("text", "words"), FOLDED, ids=range(len(FOLDED)))
@ON_POSTGRES
def test_postgresql_folds_each_character_to_one_splitting_words_as_typed_words_are(
    store: Store, text: str, words: list[str]
) -> None:

    with store.database.reading() as db:
        nfc, folded = execute_sql(
            db, "SELECT normalize(?, NFC), search_fold(normalize(?, NFC))", (text, text)
        ).fetchone()
        typed = [
            execute_sql(db, "SELECT search_fold(?)", (word,)).fetchone()[0]
            for word in words_of(unicodedata.normalize("NFC", text))
        ]
    assert len(folded) == len(nfc)  # a headline of the folded text lies on the text itself
    assert folded.split() == words == typed


@ON_POSTGRES
def test_postgresql_ranks_as_ranking_every_row_plainly_does(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:

    written(store, me, make_case, cases=3)
    for typed, query in (("visit ", "'visit'"), ("rent arrears ", "'rent' & 'arrears'")):
        with store.database.reading() as db:
            expected = [
                key
                for (key,) in execute_sql(
                    db,
                    "SELECT key FROM search_index WHERE words @@ to_tsquery('simple', ?) "
                    "ORDER BY ts_rank(words, to_tsquery('simple', ?), 1) DESC, key DESC",
                    (query, query),
                )
            ]
        got: list[int] = []
        page = store.search.search(me, typed, best=True, size=2)
        while True:
            got += [hit.key for hit in page.hits]
            if page.next_page is None:
                break
            page = store.search.search(me, typed, best=True, size=2, page=page.next_page)
        assert got == expected and got, typed


@ON_POSTGRES
def test_a_database_made_before_postgresql_had_search_is_given_its_index(
    store: Store, me: WorkerInfo, make_case: MakeCase, database_url: str
) -> None:
    from store.core import postgres_search
    from tests.postgres_cluster import Outside

    case = make_case()
    note = store.notes.finalise(
        me,
        case.id,
        {"contact_at": "20/11/2026 9:30", "note_type": "home visit", "body": "A tapir."},
    )
    store.close()
    with Outside(database_url) as outside:  # as the schema was made before
        outside.execute("DROP TABLE search_index")
        for _table, name in postgres_search.trigger_names():
            outside.execute(f"DROP FUNCTION IF EXISTS {name}() CASCADE")
        outside.execute("DROP FUNCTION search_fold(text)")
    reopened = Store.open(database_url)
    try:
        hits = reopened.search.search(reopened.workers.named(me.username), "tapir").hits
        assert [(h.kind, h.record_id) for h in hits] == [("note", note.id)]
    finally:
        reopened.close()


@ON_POSTGRES
def test_a_record_longer_than_a_tsvector_holds_is_saved_and_its_beginning_searched(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    from store.core.postgres_search import INDEXED_CHARS
    from store.notes.rules import BODY_MAX

    words = [f"w{i}" for i in range(BODY_MAX // 8)]  # every word its own: the most to hold
    body = " ".join(words)
    assert INDEXED_CHARS < len(body) <= BODY_MAX
    case = make_case()
    data = {"contact_at": "20/11/2026 9:30", "note_type": "home visit", "body": body}
    note = store.notes.finalise(me, case.id, data)
    [hit] = store.search.search(me, "w12345 ").hits
    assert hit.record_id == note.id and "\x02w12345\x03" in hit.snippet
