"""Searching everywhere: the full-text index over a case's records, kept in step by the
database's triggers and built for an existing database by its migration; any text typed is a
search; results are only what the worker may read. On SQLite (FTS5) and PostgreSQL (tsvector)
alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from store.common.errors import InvalidInput, NotPermitted
from store.common.records import WorkerInfo
from store.core.models import Case
from store.search.query import Term, parse
from store.search.records import KINDS, SearchHit, spans
from store.service import Store
from tests.postgres_cluster import Outside
from tests.store.test_assessments import written
from tests.store.test_migrations_every_version import build_database
from tests.store.test_permissions import staffed
from tests.store.test_plans import GOOD_GOAL

pytestmark = pytest.mark.backends

MakeCase = Callable[..., Any]

NOTE = {"contact_at": "20/11/2026 9:30", "note_type": "home visit"}


def note(store: Store, me: WorkerInfo, case_id: int, body: str, when: str = "") -> int:
    data = {**NOTE, "body": body}
    if when:
        data["contact_at"] = when
    return store.notes.finalise(me, case_id, data).id


def found(store: Store, me: WorkerInfo, text: str, **filters: Any) -> list[tuple[str, int]]:
    return [(h.kind, h.record_id) for h in store.search.search(me, text, **filters).hits]


def marked(hit: SearchHit) -> list[str]:
    return [text for text, matched in spans(hit.snippet) if matched]


# --- what is found ----------------------------------------------------------------------------


def test_every_kind_of_record_is_found_with_its_case_and_date(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case(client_name="Dana Reyes", allocated_on="1/6/2026")
    note_id = note(store, me, case.id, "Talked about the quokka at the zoo.")
    store.notes.amend(me, note_id, reason="Quokka spelt wrong", body="It was a wallaby.")
    entry = store.chronology.add(
        me,
        case.id,
        {"occurred_on": "2/6/2026", "title": "Moved to Ashgrove", "category": "housing"},
    )
    store.case_file.save_summary(me, case.id, "Dana lives at Ashgrove with a quokka.")
    plan = store.plans.start(me, case.id, {"started_on": "1/6/2026", "review_interval": "6 weeks"})
    goal = store.plans.add_goal(me, plan.id, {**GOOD_GOAL, "change": "Quokka-free flat"})
    assessment = written(store, me, case.id, summary="Sleeps on a quokka sofa.")
    referral = store.referrals.create(
        me,
        case.id,
        {
            "agency": "Quokka Food Bank",
            "referred_on": "2/6/2026",
            "reason": "No food",
            "shared": "Name and address",
            "lawful_reason": "Safeguarding",
        },
    )
    hits = store.search.search(me, "quokka").hits
    # (The referral's own entry in the chronology names the agency too.)
    assert {(h.kind, h.record_id) for h in hits if h.kind != "chronology"} == {
        ("note", note_id),
        ("note amendment", note_id),
        ("summary", store.case_file.summary_versions(me, case.id)[0].id),
        ("plan goal", goal.id),
        ("assessment", assessment.id),
        ("referral", referral.id),
    }
    assert {(h.case_ref, h.client_name) for h in hits} == {(case.ref, "Dana Reyes")}
    assert found(store, me, "ashgrove", kind="chronology") == [("chronology", entry.id)]
    [hit] = store.search.search(me, "wallaby").hits
    assert str(hit.on) == "2026-11-23"  # the amendment's own day


def test_minutes_and_their_amendments_are_found_once_final(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    draft = store.conferences.start(
        me,
        case.id,
        {
            "held_at": "20/11/2026 14:00",
            "conference_type": "Case Conference",
            "chair": "Jo Marsh",
            "attendees": [{"who": "worker"}],
            "agenda": [{"title": "Housing", "discussion": "The marmalade landlord."}],
        },
    )
    assert found(store, me, "marmalade") == []  # a draft is not searched
    final = store.conferences.finalise(me, draft.id, version=draft.version)
    assert found(store, me, "marmalade") == [("minutes", final.id)]
    store.conferences.amend(me, final.id, {"reason": "Name", "body": "Marmalade is a cat."})
    assert found(store, me, "cat") == [("minutes amendment", final.id)]


def test_the_matching_words_are_marked_and_the_text_around_them_is_plain(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    note(store, me, case.id, "Rent [b]arrears[/b] of £400; the *arrears* letter came.")
    [hit] = store.search.search(me, "arrears").hits
    assert marked(hit) == ["arrears", "arrears"]
    assert "".join(text for text, _ in spans(hit.snippet)) == (
        "Rent [b]arrears[/b] of £400; the *arrears* letter came."
    )


def test_a_quoted_phrase_is_the_words_together_in_order(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    one = note(store, me, case.id, "Rent arrears are growing.")
    note(store, me, case.id, "The arrears of rent are growing.")
    assert found(store, me, '"rent arrears"') == [("note", one)]
    assert len(found(store, me, "rent arrears")) == 2  # both words, anywhere


def test_the_last_word_is_a_prefix_while_it_is_typed(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    one = note(store, me, case.id, "Housing officer called.")
    assert found(store, me, "hous") == [("note", one)]
    assert found(store, me, "hous ") == []  # a space: the word is finished
    assert found(store, me, "officer hou") == [("note", one)]
    assert found(store, me, "hou officer") == []  # only the last word
    assert found(store, me, '"housing off"') == []  # a closed quote is finished too
    assert found(store, me, '"housing off') == [("note", one)]


def test_a_long_prefix_is_searched_as_the_words_it_begins_or_as_a_prefix(
    store: Store, me: WorkerInfo, make_case: MakeCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.search import sqlite

    case = make_case()
    ids = [note(store, me, case.id, f"The {word} went well.") for word in ("visit", "visitor")]
    note(store, me, case.id, "A revisit.")
    assert sorted(found(store, me, "Visi")) == [("note", i) for i in ids]
    monkeypatch.setattr(sqlite, "EXPANDED_AT_MOST", 1)  # too many words: the index's prefix
    assert sorted(found(store, me, "Visi")) == [("note", i) for i in ids]


def test_accents_and_case_are_folded_both_ways(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    one = note(store, me, case.id, "Zoë came with Noémie.")
    two = note(store, me, case.id, "ZOE again, without NOEMIE.")
    for typed in ("zoe", "Zoë", "ZOË", "noemie", "Noé"):
        assert sorted(found(store, me, typed)) == [("note", one), ("note", two)], typed
    # Marked as each record wrote it.
    assert sorted(w for h in store.search.search(me, "zoe").hits for w in marked(h)) == [
        "ZOE",
        "Zoë",
    ]


def test_words_joined_by_marks_are_a_phrase(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    one = note(store, me, case.id, "Tested for covid-19 with Mrs O'Brien.")
    note(store, me, case.id, "19 days of covid; Brien and O are elsewhere.")
    assert found(store, me, "covid-19") == [("note", one)]
    assert found(store, me, "o'brien") == [("note", one)]
    assert found(store, me, "covid 19", kind="notes") != []


HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    '"""',
    "(",
    ")",
    "((rent",
    "rent)",
    "AND",
    "OR",
    "NOT",
    "rent AND",
    "NOT rent",
    "rent OR NOT",
    "*",
    "rent*",
    "*rent",
    "-",
    "-rent",
    "rent -",
    "^rent",
    "rent:",
    "body:rent",
    "scope:c1",
    "{body}: rent",
    "NEAR(rent arrears)",
    "rent + arrears",
    "covid-19",
    "o'brien",
    "'",
    "\\",
    "%_",
    "…!?;:,.",
    "🙂",
    "rent 🙂 arrears",
    "\x00",
    "rent\x00arrears",
    "\x1b[31mrent",
    "\x02rent\x03",
    "r" * 5000,
    "rent " * 500,
    "ﬁ",
    "e\u0301",
    "\u202erent",
    "\ud800",
    # PostgreSQL's tsquery and its driver's own syntax.
    "rent & arrears",
    "rent | arrears",
    "!rent",
    "rent:*",
    "rent:AB",
    "rent <-> arrears",
    "rent <2> arrears",
    "'rent'",
    "''",
    "\\'",
    "E'\\x00'",
    "$$",
    "%s",
    "%(rent)s",
    "?",
    "rent::tsquery",
    "rent'); DROP TABLE note; --",
]


@pytest.mark.parametrize("typed", HOSTILE, ids=range(len(HOSTILE)))
def test_any_text_typed_is_a_search_and_never_an_error(
    store: Store, me: WorkerInfo, make_case: MakeCase, typed: str
) -> None:
    case = make_case()
    note(store, me, case.id, "Rent arrears; covid-19; Mrs O'Brien.")
    for best in (False, True):
        page = store.search.search(me, typed, best=best)
        assert page.searched == bool(parse(typed))
        for hit in page.hits:
            assert hit.case_id == case.id


# What each search engine's syntax would read otherwise, read as the words typed (the note:
# "Rent arrears; covid-19; Mrs O'Brien.").
AS_WORDS = [
    ("rent & arrears", True),  # tsquery's AND: two words
    ("rent | zebra", False),  # not OR: both words are wanted
    ("!rent", True),  # not NOT
    ("rent -arrears", True),  # not NOT either
    ("NOT arrears", False),  # the word "not"
    ("rent:*", True),
    ("rent:AB", False),  # the word "ab", not weights
    ("rent <2> arrears", False),  # the word "2", not a distance
    ("'rent' & 'o'", True),
    ("rent* arr", True),
    ('"arrears rent"', False),  # a phrase in its order
    ('"mrs o brien"', True),
    ("rent'); DROP TABLE note; --", False),
    ("%(rent)s", False),
]


@pytest.mark.parametrize(("typed", "finds"), AS_WORDS, ids=range(len(AS_WORDS)))
def test_search_syntax_typed_is_read_as_words(
    store: Store, me: WorkerInfo, make_case: MakeCase, typed: str, finds: bool
) -> None:
    case = make_case()
    one = note(store, me, case.id, "Rent arrears; covid-19; Mrs O'Brien.")
    for best in (False, True):
        assert found(store, me, typed, best=best) == ([("note", one)] if finds else []), best
    assert found(store, me, "rent") == [("note", one)]  # nothing typed ever ran as SQL


def test_nothing_to_search_for_returns_nothing_calmly(store: Store, me: WorkerInfo) -> None:
    page = store.search.search(me, "!!! ((( *** 🙂")
    assert (page.hits, page.searched, page.next_page) == ((), False, None)


def test_the_query_is_parsed_into_quoted_terms() -> None:
    assert parse('rent "home visit" covid-19 o\'bri') == (
        Term(("rent",)),
        Term(("home", "visit")),
        Term(("covid", "19")),
        Term(("o", "bri"), prefix=True),
    )
    assert parse("a") == (Term(("a",)),)  # one letter: too short to be a prefix
    assert parse("AND (OR") == (Term(("AND",)), Term(("OR",), prefix=True))


# --- order, paging and ranking ----------------------------------------------------------------


def test_newest_first_a_page_at_a_time(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    case = make_case(allocated_on="1/1/2026")
    ids = [note(store, me, case.id, f"Visit {i}", when=f"{i}/10/2026 10:00") for i in range(1, 8)]
    seen: list[int] = []
    page = store.search.search(me, "visit", size=3)
    pages = 1
    while True:
        seen += [h.record_id for h in page.hits]
        if page.next_page is None:
            break
        page = store.search.search(me, "visit", size=3, page=page.next_page)
        pages += 1
    assert seen == ids[::-1]
    assert pages == 3


def test_best_match_ranks_the_closest_first_and_pages_too(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case(allocated_on="1/1/2026")
    strong = note(
        store, me, case.id, "Arrears, arrears, arrears: arrears again.", when="1/10/2026 10:00"
    )
    weak = note(
        store,
        me,
        case.id,
        "A long visit about many things, school and health and friends, and arrears once.",
        when="2/10/2026 10:00",
    )
    assert [r for _, r in found(store, me, "arrears")] == [weak, strong]
    first = store.search.search(me, "arrears", best=True, size=1)
    assert first.ranked and [h.record_id for h in first.hits] == [strong]
    assert first.next_page is not None
    second = store.search.search(me, "arrears", best=True, size=1, page=first.next_page)
    assert [h.record_id for h in second.hits] == [weak] and second.next_page is None


# --- filters ----------------------------------------------------------------------------------


def test_filters_by_case_kind_and_dates(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    one = make_case(allocated_on="1/1/2026")
    two = make_case(allocated_on="1/1/2026")
    early = note(store, me, one.id, "Parrot seen", when="1/3/2026 10:00")
    late = note(store, me, one.id, "Parrot again", when="1/9/2026 10:00")
    elsewhere = note(store, me, two.id, "A parrot too", when="1/9/2026 10:00")
    entry = store.chronology.add(
        me, one.id, {"occurred_on": "2/9/2026", "title": "Parrot died", "category": "other"}
    )
    assert len(found(store, me, "parrot")) == 4
    assert sorted(found(store, me, "parrot", case_id=two.id)) == [("note", elsewhere)]
    assert found(store, me, "parrot", kind="chronology") == [("chronology", entry.id)]
    assert found(store, me, "parrot", case_id=one.id, kind="notes") == [
        ("note", late),
        ("note", early),
    ]
    assert found(store, me, "parrot", since="1/9/2026", until="1/9/2026", case_id=one.id) == [
        ("note", late)
    ]
    assert found(store, me, "parrot", until="31/8/2026") == [("note", early)]
    assert found(store, me, "parrot", since="3/9/2026") == []


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"since": "the 45th"}, "since"),
        ({"until": "31/2/2026"}, "until"),
        ({"since": "2/9/2026", "until": "1/9/2026"}, "until"),
        ({"kind": "gossip"}, "kind"),
        ({"kind": "notes and more"}, "kind"),
        ({"since": "\x1b[31m"}, "since"),
        ({"until": "x" * 500}, "until"),
    ],
)
def test_bad_filters_are_refused_at_their_field(
    store: Store, me: WorkerInfo, filters: dict[str, str], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        store.search.search(me, "rent", **filters)
    assert field in refused.value.errors


def test_every_kind_filter_has_a_name() -> None:
    assert all(KINDS.values())


# --- who sees what ----------------------------------------------------------------------------


def test_only_the_cases_a_worker_may_read_are_searched(database_url: str | Path) -> None:
    store = Store.open(database_url)
    try:
        people = staffed(store)
        holder, named = people["nia.north"], people["sol.south"]
        secret = store.cases.create(holder, {"client_name": "Rosa Diaz"})
        plain = store.cases.create(holder, {"client_name": "Ann Lee"})
        waiting = store.cases.create(holder, {"client_name": "Bo Chan"})
        for case in (secret, plain, waiting):
            store.notes.finalise(holder, case.id, {**NOTE, "body": "Spoke about the lizard."})
        store.cases.restrict(
            holder,
            secret.id,
            {"restricted": "yes", "named": "sol.south", "reason": "A colleague's sister"},
            version=store.cases.get(holder, secret.id).version,
        )

        def cases(login: str) -> set[int]:
            return {h.case_id for h in store.search.search(people[login], "lizard").hits}

        with store.database.writing():  # allocated to nobody: a referral waiting
            Case.update(worker=None).where(Case.id == waiting.id).execute()
        assert cases("nia.north") == {secret.id, plain.id}
        assert cases("sol.south") == {secret.id}  # named for it; the others are another team's
        assert cases("meg.manager") == {plain.id, waiting.id}  # a manager, but not named
        assert cases("sue.super") == {plain.id, waiting.id}
        assert cases("aud.auditor") == {plain.id, waiting.id}
        assert cases("wes.worker") == set()  # a colleague's cases are not theirs, nor nobody's
        assert cases("administrator") == set()
        with pytest.raises(NotPermitted):
            store.search.search(people["meg.manager"], "lizard", case_id=secret.id)
        assert {h.case_id for h in store.search.search(named, "lizard", case_id=secret.id).hits}
    finally:
        store.close()


def test_many_readable_cases_are_searched_as_well_as_a_few(
    store: Store, me: WorkerInfo, make_case: MakeCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.search import sqlite

    cases = [make_case() for _ in range(3)]
    for case in cases:
        note(store, me, case.id, "The heron visited.")
    few = {h.case_id for h in store.search.search(me, "heron").hits}
    monkeypatch.setattr(sqlite, "LISTED_CASES_AT_MOST", 1)
    many = {h.case_id for h in store.search.search(me, "heron").hits}
    assert few == many == {c.id for c in cases}


# --- the index kept in step -------------------------------------------------------------------


def test_a_draft_is_found_only_once_finalised(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    draft = store.notes.save_draft(me, case.id, {**NOTE, "body": "Draft about an otter."})
    store.notes.save_draft(me, case.id, {**NOTE, "body": "Draft about a beaver."}, draft)
    assert found(store, me, "otter") == found(store, me, "beaver") == []
    store.notes.finalise(me, case.id, {**NOTE, "body": "Final about a beaver."}, draft_id=draft)
    assert found(store, me, "beaver") == [("note", draft)]
    assert found(store, me, "otter") == []


def test_an_edited_entry_is_found_by_its_new_words_only(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    entry = store.chronology.add(
        me, case.id, {"occurred_on": "2/6/2026", "title": "Badger sett", "category": "other"}
    )
    store.chronology.update(
        me, entry.id, {"title": "Fox den", "occurred_on": "3/7/2026"}, version=entry.version
    )
    assert found(store, me, "badger") == []
    [hit] = store.search.search(me, "fox").hits
    assert (hit.record_id, str(hit.on)) == (entry.id, "2026-07-03")


def test_a_replaced_summary_and_a_reworded_goal_leave_only_the_current_words(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case(allocated_on="1/6/2026")
    store.case_file.save_summary(me, case.id, "About a kestrel.")
    store.case_file.save_summary(me, case.id, "About a falcon.")
    assert found(store, me, "kestrel") == []
    assert [k for k, _ in found(store, me, "falcon")] == ["summary"]
    plan = store.plans.start(me, case.id, {"started_on": "1/6/2026", "review_interval": "6 weeks"})
    goal = store.plans.add_goal(me, plan.id, {**GOOD_GOAL, "change": "See the osprey"})
    store.plans.update_goal(
        me, goal.id, {**GOOD_GOAL, "change": "See the eagle"}, version=goal.version
    )
    assert found(store, me, "osprey") == []
    assert found(store, me, "eagle") == [("plan goal", goal.id)]


def test_a_deleted_record_leaves_the_index(
    store: Store, me: WorkerInfo, make_case: MakeCase, outside: Outside
) -> None:
    case = make_case()
    incoming = store.referrals.add_incoming(
        me,
        case.id,
        {"source": "self", "reason": "Asked about the albatross", "received_on": "1/6/2026"},
    )
    assert found(store, me, "albatross") == [("referral in", incoming.id)]
    outside.execute("DELETE FROM incoming_referral WHERE id = ?", (incoming.id,))
    left = outside.execute("SELECT count(*) FROM search_index WHERE body LIKE '%albatross%'")
    assert left == [(0,)]
    assert found(store, me, "albatross") == []


@pytest.mark.sqlite_only  # PostgreSQL's schema is made whole at the newest version
def test_an_existing_database_is_indexed_when_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "v18.db"
    build_database(path, 18)
    store = Store.open(path)
    try:
        me = store.workers.named("kept")
        [hit] = store.search.search(me, "agreed plan").hits  # note 1 of version 1
        assert (hit.kind, hit.record_id, hit.case_ref) == ("note", 1, "CL-2026-0001")
        assert found(store, me, "Half-written") == []  # its draft
        assert ("referral", 1) in found(store, me, "northside food")
    finally:
        store.close()


def test_the_index_is_rebuilt_whole_and_set_aside_for_many_writes(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    from store.core.dialect import execute_sql
    from store.core.postgres import is_postgres
    from store.search import index

    case = make_case()
    note(store, me, case.id, "A pangolin.")
    store.chronology.add(
        me, case.id, {"occurred_on": "2/6/2026", "title": "Pangolin seen", "category": "other"}
    )
    store.case_file.save_summary(me, case.id, "About a pangolin.")
    key = "key" if is_postgres(store.database.db) else "rowid"

    def rows() -> list[tuple[Any, ...]]:
        with store.database.reading() as db:
            return list(execute_sql(db, f"SELECT {key}, * FROM search_index ORDER BY {key}"))

    written = rows()
    with store.database.writing() as db:
        index.rebuild(db)
    assert len(written) == 4 and rows() == written  # with the allocation's chronology entry
    with store.database.writing() as db, index.set_aside(db):
        aside = note(store, me, case.id, "An aardvark, written aside.")
    assert found(store, me, "aardvark") == [("note", aside)]
    after = note(store, me, case.id, "A numbat, after.")  # the triggers are back
    assert found(store, me, "numbat") == [("note", after)]


@pytest.mark.sqlite_only  # the demo is made on an SQLite file
def test_the_demo_is_indexed_whole_and_kept_in_step_after(store: Store) -> None:
    from store.core import postgres_search
    from store.core.dialect import execute_sql, triggers
    from store.core.migrations import m0020_search
    from store.core.postgres import is_postgres
    from store.demo.generator import generate
    from store.search import index

    generate(store, me="sam.okafor", cases=12, notes_per_case=4, workers=3)
    on_postgres = is_postgres(store.database.db)
    key = "key" if on_postgres else "rowid"

    def rows() -> list[tuple[Any, ...]]:
        with store.database.reading() as db:
            return list(execute_sql(db, f"SELECT {key}, * FROM search_index ORDER BY {key}"))

    written = rows()
    with store.database.writing() as db:
        index.rebuild(db)
        names = sorted(name for name in triggers(db) if name.startswith("search_"))
    assert len(written) > 48 and rows() == written
    if on_postgres:
        assert names == sorted(name for _table, name in postgres_search.trigger_names())
    else:
        assert len(names) == len(m0020_search.TRIGGERS)
    me = store.workers.named("sam.okafor")
    case = store.cases.caseload(me)[0]
    note(store, me, case.id, "A pangolin, after the demo.")
    assert [h.case_id for h in store.search.search(me, "pangolin").hits] == [case.id]
