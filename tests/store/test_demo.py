"""The demo data generator: reproducible, plausible, consistent with the rest of the store."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter as Tally
from collections.abc import Callable, Iterator
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from store.common import dates
from store.common.textsafe import fold
from store.demo import generator as demo
from store.demo import text as demo_text
from store.demo.generator import MANUAL_CHRONOLOGY_MAX, DemoReport
from store.plans.info import next_review_due
from store.plans.records import (
    ACTION_STATUSES,
    DECISIONS,
    DOMAINS,
    OWNER_KINDS,
    RATINGS,
    REVIEW_UNITS,
)
from store.plans.service import GOAL_VERSION_FIELDS
from store.service import Store

TODAY = date(2026, 11, 23)  # the frozen clock's date (tests/conftest.py)
ME = "sam.okafor"


def _generate(path: Path, **kwargs: Any) -> DemoReport:
    """Generate into a fresh database file and close it again."""
    store = Store.open(path)
    try:
        options: dict[str, Any] = {
            "me": ME,
            "cases": 60,
            "notes_per_case": 10,
            "workers": 6,
            "seed": 3,
            "today": TODAY,
        }
        options.update(kwargs)
        return demo.generate(store, **options)
    finally:
        store.close()


def _rows(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read with plain sqlite3, so nothing depends on which Store the models are bound to."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _scalar(path: Path, sql: str, *params: Any) -> Any:
    return _rows(path, sql, *params)[0][0]


Prebuilt = Callable[[Path, Callable[[Path], object]], Path]


@pytest.fixture
def demo_db(tmp_path: Path, prebuilt: Prebuilt) -> Path:
    return prebuilt(tmp_path / "demo.db", _generate)


@pytest.fixture
def demo_store(tmp_path: Path, prebuilt: Prebuilt) -> Iterator[Store]:
    """An open store holding demo data (for tests that go through the service API)."""
    store = Store.open(prebuilt(tmp_path / "demo.db", _generate))
    yield store
    store.close()


SNAPSHOT = {
    "worker": "id, username, display_name",
    "client": "id, name, name_key, date_of_birth, address, phone, language, identifiers, "
    "created_at",
    '"case"': "id, ref, client_id, status, worker_id, allocated_on, opened_on, closed_on, "
    "closure_reason, closing_summary, last_contact_at, next_review_on",
    "allocation": "id, case_id, worker_id, allocated_on, ended_on, reason",
    "note": "id, case_id, author_id, contact_at, note_type, present, body, significant, "
    "chronology_title, follow_up_on, status, draft_state, finalised_at",
    "chronology_entry": "id, case_id, allocation_id, occurred_on, category, title, details, "
    "source_kind, source_id, source_of_information, analysis, version, updated_at, created_by_id",
    "counter": "name, value",
    "contact": "id, client_id, name, relationship, phone, address, notes, created_by_id",
    "professional": "id, case_id, name, agency, role, phone, email, started_on, ended_on",
    "summary_version": "id, case_id, body, author_id, created_at",
    "service_plan": "id, case_id, number, started_on, review_every, review_unit, review_dates, "
    "status, ended_on, created_at, created_by_id, updated_at, version",
    "plan_goal": "id, plan_id, position, status, closed_on, carried_from_id, created_at, "
    "created_by_id, updated_at, version",
    "plan_goal_version": "id, goal_id, number, domain, change, measure, target, relevance, "
    "target_on, client_agreed, achievable, achievable_note, reason, created_at, created_by_id",
    "plan_action": "id, goal_id, what, owner_kind, owner_name, professional_id, due_on, status, "
    "status_note, created_at, updated_at, version",
    "plan_review": "id, plan_id, held_on, client_present, client_views, participants, summary, "
    "next_review_on, created_at, created_by_id, conference_id",
    "plan_review_rating": "id, review_id, goal_id, goal_version_id, rating, evidence, decision, "
    "not_rated_reason",
    "record_change": 'id, "table", record_id, field, old_value, new_value, changed_by_id, '
    "changed_at",
    "conference": "id, case_id, status, held_at, place, conference_type, chair, minute_taker, "
    "client_attended, client_views, information_shared, decisions, next_meeting_on, "
    "finalised_at, finalised_by_id, created_at, created_by_id, updated_at, version",
    "conference_attendee": "id, conference_id, position, present, kind, professional_id, "
    "contact_id, name, role, agency",
    "conference_agenda_item": "id, conference_id, position, title, discussion",
    "conference_action": "id, conference_id, position, what, owner_name, owner_attendee_id, "
    "due_on, status, status_note, done_at, done_by_id, created_at, updated_at, version",
    "assessment": "id, case_id, author_id, as_at, status, summary, goals, finalised_at",
    "assessment_domain": "id, assessment_id, position, domain, strengths, needs, client_view, "
    "rating",
}


def _snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: _rows(path, f"SELECT {columns} FROM {table} ORDER BY 1")
        for table, columns in SNAPSHOT.items()
    }


def test_same_seed_and_day_give_identical_databases(tmp_path: Path) -> None:
    first = _snapshot(_path_with(tmp_path / "a.db", seed=11))
    second = _snapshot(_path_with(tmp_path / "b.db", seed=11))
    assert all(first[table] for table in SNAPSHOT)  # not trivially equal because empty
    assert first == second


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    first = _snapshot(_path_with(tmp_path / "a.db", seed=11))
    other = _snapshot(_path_with(tmp_path / "b.db", seed=12))
    for table in (
        "client",
        '"case"',
        "note",
        "chronology_entry",
        "contact",
        "professional",
        "summary_version",
        "service_plan",
        "plan_goal_version",
        "plan_action",
        "plan_review",
        "conference",
        "conference_action",
    ):
        assert first[table] != other[table], table


def _path_with(path: Path, **kwargs: Any) -> Path:
    _generate(path, **kwargs)
    return path


def test_me_has_a_full_caseload_and_some_closed_cases(demo_db: Path) -> None:
    me_id = _scalar(demo_db, "SELECT id FROM worker WHERE username = ?", ME)
    by_status = dict(
        _rows(
            demo_db,
            'SELECT status, COUNT(*) FROM "case" WHERE worker_id = ? GROUP BY status',
            me_id,
        )
    )
    assert 22 <= by_status["open"] <= 30
    assert by_status["closed"] >= 1
    assert _scalar(demo_db, "SELECT display_name FROM worker WHERE id = ?", me_id) == "Sam Okafor"


def test_workers_have_realistic_names_and_matching_usernames(demo_db: Path) -> None:
    workers = _rows(demo_db, "SELECT username, display_name FROM worker ORDER BY id")
    assert len(workers) == 6
    assert workers[0] == (ME, "Sam Okafor")
    for username, name in workers[1:]:
        assert re.fullmatch(r"[a-z]+\.[a-z]+", username), username
        assert username == ".".join(fold(name).replace("'", "").split())


def test_existing_worker_for_me_is_reused(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "demo.db")
    existing = store.workers.ensure(ME, "Sam Okafor (Team A)")
    demo.generate(store, me=ME, cases=30, notes_per_case=2, workers=3, today=TODAY)
    store.close()
    path = tmp_path / "demo.db"
    assert _rows(path, "SELECT id, display_name FROM worker WHERE username = ?", ME) == [
        (existing.id, "Sam Okafor (Team A)")
    ]
    assert _scalar(path, "SELECT COUNT(*) FROM worker") == 3
    assert _scalar(path, 'SELECT COUNT(*) FROM "case" WHERE worker_id = ?', existing.id) > 0


def test_status_mix_and_referrals_are_unallocated(demo_db: Path) -> None:
    statuses = dict(_rows(demo_db, 'SELECT status, COUNT(*) FROM "case" GROUP BY status'))
    assert statuses == {"open": 42, "closed": 12, "referral": 6}
    referrals = _rows(
        demo_db,
        'SELECT id, worker_id, allocated_on, opened_on, last_contact_at FROM "case" '
        "WHERE status = 'referral'",
    )
    for case_id, worker_id, allocated_on, opened_on, last_contact in referrals:
        assert (worker_id, allocated_on, last_contact) == (None, None, None)
        assert _scalar(demo_db, "SELECT COUNT(*) FROM allocation WHERE case_id = ?", case_id) == 0
        assert _rows(
            demo_db, "SELECT title, occurred_on FROM chronology_entry WHERE case_id = ?", case_id
        ) == [("Referral received", opened_on)]


def test_closed_cases_close_after_their_last_note(demo_db: Path) -> None:
    closed = _rows(
        demo_db,
        "SELECT c.id, c.closed_on, c.closure_reason, c.closing_summary, MAX(n.contact_at) "
        "FROM \"case\" c LEFT JOIN note n ON n.case_id = c.id WHERE c.status = 'closed' "
        "GROUP BY c.id",
    )
    assert closed
    for case_id, closed_on, reason, summary, last_note in closed:
        assert reason and len(summary) > 80
        assert last_note is None or last_note[:10] < closed_on
        titles = _rows(
            demo_db,
            "SELECT title, occurred_on, source_kind FROM chronology_entry WHERE case_id = ? "
            "ORDER BY occurred_on DESC, id DESC LIMIT 1",
            case_id,
        )
        assert titles == [("Case closed", closed_on, "status")]


def test_transferred_cases_have_earlier_allocations_and_transfer_entries(
    tmp_path: Path,
) -> None:
    path = _path_with(tmp_path / "demo.db", cases=200, notes_per_case=4)
    report_transferred = 0
    cases = _rows(
        path, 'SELECT id, worker_id, allocated_on FROM "case" WHERE worker_id IS NOT NULL'
    )
    for case_id, worker_id, allocated_on in cases:
        allocations = _rows(
            path,
            "SELECT id, worker_id, allocated_on, ended_on FROM allocation WHERE case_id = ? "
            "ORDER BY allocated_on, id",
            case_id,
        )
        # The case's worker and allocation date are the current (last) allocation's.
        assert allocations[-1][1:] == (worker_id, allocated_on, None)
        if len(allocations) < 2:
            continue
        report_transferred += 1
        for earlier, later in pairwise(allocations):
            assert earlier[3] == later[2]  # ended the day the next began
            assert earlier[1] != later[1]
        transfers = _rows(
            path,
            "SELECT allocation_id, occurred_on, title FROM chronology_entry "
            "WHERE case_id = ? AND source_kind = 'transfer' ORDER BY occurred_on",
            case_id,
        )
        assert [(a, d) for a, d, _ in transfers] == [(a[0], a[2]) for a in allocations[1:]]
        assert all(t.startswith("Case transferred from ") for _, _, t in transfers)
    assert 20 <= report_transferred <= 40  # about 15% of 200


def test_every_allocated_case_starts_its_chronology_with_the_first_allocation(
    demo_store: Store,
) -> None:
    actor = demo_store.workers.ensure(ME)
    path = demo_store.path
    cases = _rows(path, "SELECT id FROM \"case\" WHERE status != 'referral'")
    assert len(cases) == 54
    for (case_id,) in cases:
        first_alloc = _rows(
            path,
            "SELECT id, allocated_on, worker_id FROM allocation WHERE case_id = ? "
            "ORDER BY allocated_on, id LIMIT 1",
            case_id,
        )[0]
        first = demo_store.chronology.entries(actor, case_id)[0]
        assert first.source_kind == "allocation"
        assert first.source_id == first_alloc[0]
        assert first.occurred_on.isoformat() == first_alloc[1]
        name = _scalar(path, "SELECT display_name FROM worker WHERE id = ?", first_alloc[2])
        assert first.title == f"Case allocated to {name}"


def test_client_names_are_varied_and_never_placeholders(tmp_path: Path) -> None:
    path = _path_with(tmp_path / "demo.db", cases=200, notes_per_case=1)
    rows = _rows(path, "SELECT name, name_key, date_of_birth, phone, address FROM client")
    names = [r[0] for r in rows]
    assert not [n for n in names if re.search(r"\b(client|person|test)\b", n, re.I)]
    assert any(not n.isascii() for n in names)
    assert any("-" in n.split()[-1] for n in names)
    assert len(set(names)) > 0.9 * len(names)
    assert len({n.split()[-1] for n in names}) > 80  # many surnames, many backgrounds
    for name, key, _dob, phone, address in rows:
        assert key == fold(name)
        assert re.fullmatch(r"(07700 900\d{3}|01632 960\d{3})?", phone), phone
        assert re.search(r", [A-Z][A-Za-z -]+ [A-Z]{1,2}\d{1,2} \d[A-Z]{2}$", address), address
    dobs = [r[2] for r in rows if r[2] is not None]
    assert len(dobs) > 0.85 * len(rows)
    families = [n for n in names if re.fullmatch(r"The \S+ family", n)]
    unknown = [r for r in rows if r[2] is None and r[0] not in families]
    assert families and len(families) < 0.1 * len(rows)
    assert unknown  # a few people's dates of birth aren't known either
    ages = [(TODAY - date.fromisoformat(d)).days // 365 for d in dobs]
    assert min(ages) < 18 <= max(ages) <= 96


def test_a_few_clients_have_an_old_closed_case_and_a_newer_one(tmp_path: Path) -> None:
    path = _path_with(tmp_path / "demo.db", cases=300, notes_per_case=1)
    repeat = _rows(path, 'SELECT client_id FROM "case" GROUP BY client_id HAVING COUNT(*) > 1')
    assert 3 <= len(repeat) <= 9
    for (client_id,) in repeat:
        (old_status, _, old_closed), (_, new_opened, _) = _rows(
            path,
            'SELECT status, opened_on, closed_on FROM "case" WHERE client_id = ? '
            "ORDER BY opened_on",
            client_id,
        )
        assert old_status == "closed" and old_closed < new_opened


def test_references_are_numbered_per_year_in_date_order(demo_db: Path) -> None:
    rows = _rows(demo_db, 'SELECT ref, opened_on FROM "case" ORDER BY opened_on, id')
    seen: dict[str, list[int]] = {}
    for ref, opened_on in rows:
        year, seq = re.fullmatch(r"CL-(\d{4})-(\d{4})", ref).groups()  # type: ignore[union-attr]
        assert year == opened_on[:4]
        seen.setdefault(year, []).append(int(seq))
    for seqs in seen.values():
        assert seqs == list(range(1, len(seqs) + 1))
    counters = dict(_rows(demo_db, "SELECT name, value FROM counter"))
    assert counters == {f"case_ref:{y}": len(s) for y, s in seen.items()}
    assert len(seen) >= 4  # openings spread over several years


def test_counters_let_new_cases_take_the_next_reference(demo_store: Store) -> None:
    actor = demo_store.workers.ensure(ME)
    path = demo_store.path
    for year in (TODAY.year, TODAY.year - 2):
        used = _scalar(path, 'SELECT COUNT(*) FROM "case" WHERE ref LIKE ?', f"CL-{year}-%")
        assert used > 0
        new = demo_store.cases.create(
            actor, {"client_name": "Ana Ruiz", "allocated_on": date(year, 6, 1)}
        )
        assert new.ref == f"CL-{year}-{used + 1:04d}"


def test_last_contact_is_the_newest_note(demo_db: Path) -> None:
    rows = _rows(
        demo_db,
        'SELECT c.id, c.last_contact_at, MAX(n.contact_at), COUNT(n.id) FROM "case" c '
        "LEFT JOIN note n ON n.case_id = c.id GROUP BY c.id",
    )
    assert sum(1 for r in rows if r[3]) > 40
    for case_id, last_contact, newest, _ in rows:
        assert last_contact == newest, case_id


def test_notes_fit_their_case_and_author(tmp_path: Path) -> None:
    path = _path_with(tmp_path / "demo.db", cases=40, notes_per_case=50)
    total = _scalar(path, "SELECT COUNT(*) FROM note")
    assert abs(total - 40 * 50) <= 40  # within 2%
    notes = _rows(
        path,
        "SELECT n.case_id, n.author_id, n.contact_at, c.opened_on, c.closed_on, n.status, "
        "n.finalised_at, n.note_type, n.present, n.body FROM note n "
        'JOIN "case" c ON c.id = n.case_id',
    )
    allocations: dict[int, list[tuple[str, int]]] = {}
    for case_id, worker_id, allocated_on in _rows(
        path, "SELECT case_id, worker_id, allocated_on FROM allocation ORDER BY allocated_on, id"
    ):
        allocations.setdefault(case_id, []).append((allocated_on, worker_id))
    for case_id, author, contact, opened, closed, status, final, kind, present, body in notes:
        day = contact[:10]
        assert opened <= day < (closed or TODAY.isoformat()), (case_id, contact)
        holder = [w for start, w in allocations[case_id] if start <= day][-1]
        assert author == holder
        assert status == "final" and final > contact
        assert kind in demo_text.NOTE_TYPES
        assert bool(present) == (kind in demo_text.PRESENT_TYPES)
        assert body and "{" not in body and "[home]" not in body
    assert len({n[-1] for n in notes}) > 0.95 * len(notes)  # hardly any repeats


def test_significant_notes_have_a_chronology_entry(demo_db: Path) -> None:
    significant = _rows(
        demo_db, "SELECT id, case_id, substr(contact_at, 1, 10) FROM note WHERE significant"
    )
    total = _scalar(demo_db, "SELECT COUNT(*) FROM note")
    assert 0.03 * total < len(significant) < 0.15 * total
    entries = {
        source_id: (case_id, occurred_on, category, title)
        for source_id, case_id, occurred_on, category, title in _rows(
            demo_db,
            "SELECT source_id, case_id, occurred_on, category, title "
            "FROM chronology_entry WHERE source_kind = 'note'",
        )
    }
    assert len(entries) == len(significant)
    for note_id, case_id, day in significant:
        entry_case, occurred_on, category, title = entries[note_id]
        assert (entry_case, occurred_on) == (case_id, day)
        assert category in {
            "contact",
            "housing",
            "health",
            "safeguarding",
            "education",
            "legal",
            "finance",
            "family",
        }
        assert 5 < len(title) < 60


def test_my_open_cases_mostly_have_recent_contact_and_some_reviews_are_due(
    demo_db: Path,
) -> None:
    rows = _rows(
        demo_db,
        'SELECT c.last_contact_at, c.next_review_on, c.allocated_on FROM "case" c '
        "JOIN worker w ON w.id = c.worker_id WHERE w.username = ? AND c.status = 'open'",
        ME,
    )
    recent = [r for r in rows if r[0] and (TODAY - datetime.fromisoformat(r[0]).date()).days <= 14]
    assert len(recent) >= 0.7 * len(rows)
    all_open = _rows(
        demo_db, "SELECT next_review_on, allocated_on FROM \"case\" WHERE status = 'open'"
    )
    reviews = [r for r in all_open if r[0]]
    assert 0.55 * len(all_open) < len(reviews) < 0.95 * len(all_open)
    assert all(review > allocated for review, allocated in reviews)
    overdue = [r for r in reviews if r[0] < TODAY.isoformat()]
    assert overdue and len(overdue) < 0.4 * len(reviews)


def test_report_counts_match_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    report = _generate(path, cases=80, notes_per_case=6, workers=4)
    statuses = Tally(dict(_rows(path, 'SELECT status, COUNT(*) FROM "case" GROUP BY status')))
    transferred = _scalar(
        path,
        "SELECT COUNT(*) FROM (SELECT case_id FROM allocation GROUP BY case_id "
        "HAVING COUNT(*) > 1)",
    )
    assert report == DemoReport(
        workers=_scalar(path, "SELECT COUNT(*) FROM worker"),
        clients=_scalar(path, "SELECT COUNT(*) FROM client"),
        cases=_scalar(path, 'SELECT COUNT(*) FROM "case"'),
        open=statuses["open"],
        closed=statuses["closed"],
        referrals=statuses["referral"],
        transferred=transferred,
        notes=_scalar(path, "SELECT COUNT(*) FROM note"),
        chronology=_scalar(path, "SELECT COUNT(*) FROM chronology_entry"),
        contacts=_scalar(path, "SELECT COUNT(*) FROM contact"),
        professionals=_scalar(path, "SELECT COUNT(*) FROM professional"),
        summaries=_scalar(path, "SELECT COUNT(DISTINCT case_id) FROM summary_version"),
        summary_versions=_scalar(path, "SELECT COUNT(*) FROM summary_version"),
        plans=_scalar(path, "SELECT COUNT(*) FROM service_plan"),
        goals=_scalar(path, "SELECT COUNT(*) FROM plan_goal"),
        actions=_scalar(path, "SELECT COUNT(*) FROM plan_action"),
        reviews=_scalar(path, "SELECT COUNT(*) FROM plan_review"),
        conferences=_scalar(path, "SELECT COUNT(*) FROM conference"),
        attendees=_scalar(path, "SELECT COUNT(*) FROM conference_attendee"),
        conference_actions=_scalar(path, "SELECT COUNT(*) FROM conference_action"),
        conference_reviews=_scalar(
            path, "SELECT COUNT(*) FROM plan_review WHERE conference_id IS NOT NULL"
        ),
        seconds=report.seconds,
    )
    assert min(report.contacts, report.professionals, report.summaries) > 0
    assert 0 < report.plans < report.goals < report.actions and report.reviews > 0
    lines = report.lines()
    assert lines[0].startswith(f"Wrote 80 cases ({statuses['open']} open, ")
    assert lines[0].endswith("for 4 workers")
    assert f"{report.notes:,} notes" in lines[1]
    assert lines[2] == (
        f"{report.contacts} contacts in support networks, {report.professionals} "
        f"professionals involved, {report.summaries} case summaries "
        f"({report.summary_versions} versions)"
    )
    assert lines[3] == (
        f"{report.plans} service plans ({report.goals} goals, {report.actions} actions, "
        f"{report.reviews} reviews)"
    )
    assert 0 < report.conferences < report.attendees and report.conference_actions > 0
    assert lines[4] == (
        f"{report.conferences} case conferences ({report.attendees} attendees, "
        f"{report.conference_actions} actions, {report.conference_reviews} with a plan review)"
    )
    assert re.fullmatch(r"in \d+\.\d s", lines[5])


def test_report_lines_group_thousands_and_use_singulars() -> None:
    report = DemoReport(
        workers=1,
        clients=4900,
        cases=5000,
        open=3512,
        closed=1003,
        referrals=485,
        transferred=612,
        notes=250000,
        chronology=1,
        contacts=1,
        professionals=15210,
        summaries=1,
        summary_versions=1,
        plans=1,
        goals=1,
        actions=2345,
        reviews=1,
        conferences=1230,
        attendees=1,
        conference_actions=1,
        conference_reviews=1234,
        seconds=23.44,
    )
    assert report.lines() == [
        "Wrote 5,000 cases (3,512 open, 1,003 closed, 485 referrals; 612 transferred) for 1 worker",
        "4,900 clients, 250,000 notes, 1 chronology entry",
        "1 contact in support networks, 15,210 professionals involved, 1 case summary (1 version)",
        "1 service plan (1 goal, 2,345 actions, 1 review)",
        "1,230 case conferences (1 attendee, 1 action, 1,234 with a plan review)",
        "in 23.4 s",
    ]


def test_one_worker_gets_everything_and_nothing_is_transferred(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    report = _generate(path, cases=50, notes_per_case=3, workers=1)
    assert report.workers == 1 and report.transferred == 0
    assert _rows(path, 'SELECT DISTINCT worker_id FROM "case" WHERE worker_id IS NOT NULL') == [
        (1,)
    ]


def test_no_cases_writes_only_the_workers(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    report = _generate(path, cases=0, notes_per_case=5, workers=3)
    assert (report.cases, report.clients, report.notes, report.chronology) == (0, 0, 0, 0)
    assert (report.contacts, report.professionals, report.summary_versions) == (0, 0, 0)
    assert (report.plans, report.goals, report.actions, report.reviews) == (0, 0, 0, 0)
    assert _scalar(path, "SELECT COUNT(*) FROM worker") == 3


def test_default_today_comes_from_the_clock(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "demo.db")
    demo.generate(store, me=ME, cases=20, notes_per_case=3)
    store.close()
    newest = _scalar(tmp_path / "demo.db", 'SELECT MAX(opened_on) FROM "case"')
    assert TODAY.isoformat() >= newest >= "2026-09-01"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cases": -1}, "cases"),
        ({"notes_per_case": -5}, "notes_per_case"),
        ({"workers": 0}, "workers"),
        ({"me": "  "}, "me"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_written(
    tmp_path: Path, kwargs: dict[str, Any], message: str
) -> None:
    store = Store.open(tmp_path / "demo.db")
    try:
        options: dict[str, Any] = {"me": ME, "cases": 5, "today": TODAY, **kwargs}
        with pytest.raises(ValueError, match=message):
            demo.generate(store, **options)
        assert store.is_empty()
    finally:
        store.close()
    assert _scalar(tmp_path / "demo.db", "SELECT COUNT(*) FROM worker") == 0


# --- the case file: client details, support networks, professionals, summaries -------------


def _case_file_demo(path: Path) -> None:
    _generate(path, cases=300, notes_per_case=8)


@pytest.fixture
def case_file_db(tmp_path: Path, prebuilt: Prebuilt) -> Path:
    """Enough cases for shares to be stable, few notes so it stays quick."""
    return prebuilt(tmp_path / "demo.db", _case_file_demo)


_DRAMA_PHONE = re.compile(
    r"07700 900\d{3}|01632 960\d{3}|01(1[3-7]|[2-5]1|61) 496 0\d{3}|0191 498 0\d{3}"
    r"|020 7946 0\d{3}|029 2018 0\d{3}"
)


def _nhs_check_digit_ok(number: str) -> bool:
    digits = [int(d) for d in number.replace(" ", "")]
    check = 11 - sum(d * (10 - i) for i, d in enumerate(digits[:9])) % 11
    return check != 10 and check % 11 == digits[9]


def _surname_stem(name: str) -> str:
    """The family part of a name, without the Polish feminine ending."""
    last = name.split()[-2] if name.endswith(" family") else name.split()[-1]
    return last[:-1] if last.endswith(("ska", "ski", "cka", "cki")) else last


def test_some_clients_have_a_language_and_most_have_identifiers(case_file_db: Path) -> None:
    rows = _rows(case_file_db, "SELECT name, date_of_birth, language, identifiers FROM client")
    known = {lang for languages, _ in demo_text.LANGUAGES for lang in languages}
    assert len(demo_text.LANGUAGES) == len(demo_text.BACKGROUNDS)
    languages = [r[2] for r in rows if r[2]]
    assert 0.07 * len(rows) < len(languages) < 0.25 * len(rows)
    assert set(languages) <= known and len(set(languages)) > 5
    with_ids = [r for r in rows if r[3]]
    assert 0.45 * len(rows) < len(with_ids) < 0.75 * len(rows)
    kinds: Tally[str] = Tally()
    for name, dob, _, identifiers in with_ids:
        assert "\n" not in identifiers and len(identifiers) <= 300
        for part in identifiers.split("; "):
            kind = part.split()[0]
            kinds[kind] += 1
            if kind == "NHS":
                assert re.fullmatch(r"NHS 999 \d{3} \d{4}", part), part
                assert _nhs_check_digit_ok(part[4:]), part
            elif kind == "UPN":
                assert re.fullmatch(r"UPN [A-HJ-NP-RT-Z]\d{12}( \(\w[\w' -]*\))?", part), part
                # Only children (and families) have a pupil number.
                assert dob is None or date.fromisoformat(dob) > date(TODAY.year - 25, 1, 1), (
                    name,
                    dob,
                )
            else:
                assert re.fullmatch(r"NI QQ \d\d \d\d \d\d [A-D]", part), part
    assert min(kinds["NHS"], kinds["UPN"], kinds["NI"]) > 5


def test_support_networks_fit_their_clients(case_file_db: Path) -> None:
    clients = {
        cid: (name, address)
        for cid, name, address in _rows(case_file_db, "SELECT id, name, address FROM client")
    }
    contacts = _rows(
        case_file_db,
        "SELECT client_id, name, relationship, phone, address, notes, removed_at, version "
        "FROM contact ORDER BY id",
    )
    by_client: dict[int, list[tuple[Any, ...]]] = {}
    for row in contacts:
        by_client.setdefault(row[0], []).append(row)
    assert len(by_client) == len(clients)  # the relative the records talk about, at least
    assert max(len(c) for c in by_client.values()) in (4, 5)  # 4 drawn, and the relative
    relationships = {
        rel
        for pool in (
            demo_text.CHILD_NETWORK,
            demo_text.ADULT_NETWORK,
            demo_text.CHILD_CARERS,
            demo_text.ADULT_RELATIVES,
        )
        for rel, _ in pool
    }
    shared_address = 0
    for client_id, name, rel, phone, address, notes, removed_at, version in contacts:
        client_name, client_address = clients[client_id]
        assert rel in relationships
        assert (removed_at, version) == (None, 1)
        assert re.fullmatch(f"({_DRAMA_PHONE.pattern})?", phone), phone
        assert "{" not in notes
        if rel in demo_text.FAMILY_RELATIONSHIPS:
            assert _surname_stem(name) == _surname_stem(client_name), (name, rel, client_name)
        shared_address += address == client_address
        if "power of attorney" in notes:
            assert not client_name.endswith(" family")
    assert shared_address > 0.1 * len(contacts)
    assert sum(bool(c[5]) for c in contacts) > 0.2 * len(contacts)
    for rows in by_client.values():
        assert len({r[1] for r in rows}) == len(rows)  # nobody twice


def test_every_case_has_professionals_with_sensible_details(case_file_db: Path) -> None:
    cases = _scalar(case_file_db, 'SELECT COUNT(*) FROM "case"')
    counts = [
        n for (n,) in _rows(case_file_db, "SELECT COUNT(*) FROM professional GROUP BY case_id")
    ]
    assert len(counts) == cases and min(counts) == 1 and max(counts) == 5
    rows = _rows(
        case_file_db,
        "SELECT name, agency, role, phone, email, started_on, ended_on FROM professional",
    )
    ended = 0
    for name, agency, role, phone, email, started_on, ended_on in rows:
        assert name and agency and "{" not in agency
        assert role in demo_text.PROFESSIONAL_AGENCIES
        assert re.fullmatch(f"({_DRAMA_PHONE.pattern})?", phone), phone
        assert re.fullmatch(r"([a-z]\.)?[a-z]+@[a-z0-9.]+\.example|", email), email
        if started_on is not None:
            assert started_on <= TODAY.isoformat()
        if started_on is not None and ended_on is not None:
            assert ended_on >= started_on, name
        ended += ended_on is not None and ended_on < TODAY.isoformat()
        if role == "GP":
            assert agency in demo_text.SURGERY_NAMES and name.startswith("Dr ")
        if role in ("class teacher", "SENCo"):
            assert agency in demo_text.SCHOOL_NAMES
        if role == "housing officer":
            assert agency.endswith("Council Housing"), agency
    assert 0.1 * len(rows) < ended < 0.4 * len(rows)
    assert sum(bool(r[4]) for r in rows) > 0.75 * len(rows)


def _allocations(path: Path) -> dict[int, list[tuple[str, int]]]:
    found: dict[int, list[tuple[str, int]]] = {}
    for case_id, worker_id, allocated_on in _rows(
        path, "SELECT case_id, worker_id, allocated_on FROM allocation ORDER BY allocated_on, id"
    ):
        found.setdefault(case_id, []).append((allocated_on, worker_id))
    return found


def _summaries(path: Path) -> dict[int, list[tuple[str, int, str]]]:
    """case id -> [(created_at, author id, body)], oldest first."""
    found: dict[int, list[tuple[str, int, str]]] = {}
    for case_id, created_at, author, body in _rows(
        path, "SELECT case_id, created_at, author_id, body FROM summary_version ORDER BY id"
    ):
        found.setdefault(case_id, []).append((created_at, author, body))
    return found


def test_every_closed_case_has_a_summary_written_the_day_it_closed(case_file_db: Path) -> None:
    summaries = _summaries(case_file_db)
    allocations = _allocations(case_file_db)
    closed = _rows(
        case_file_db,
        'SELECT c.id, c.closed_on, c.closure_reason, cl.name FROM "case" c '
        "JOIN client cl ON cl.id = c.client_id WHERE c.status = 'closed'",
    )
    assert len(closed) == 60
    for case_id, closed_on, reason, name in closed:
        *_, (created_at, author, body) = summaries[case_id]
        assert created_at[:10] == closed_on
        assert author == allocations[case_id][-1][1]
        assert body.startswith(f"## Background\n\n{name}")
        assert "## Current position\n\nCase closed on " in body and f": {reason}." in body
        assert "## Next steps" not in body


def test_summaries_are_dated_within_the_case_by_its_worker_at_the_time(
    case_file_db: Path,
) -> None:
    summaries = _summaries(case_file_db)
    allocations = _allocations(case_file_db)
    cases = {
        case_id: (status, opened_on, closed_on)
        for case_id, status, opened_on, closed_on in _rows(
            case_file_db, 'SELECT id, status, opened_on, closed_on FROM "case"'
        )
    }
    assert not [c for c in summaries if cases[c][0] == "referral"]
    for case_id, versions in summaries.items():
        _, opened_on, closed_on = cases[case_id]
        assert 1 <= len(versions) <= 4
        assert [v[0] for v in versions] == sorted(v[0] for v in versions)
        assert len({v[2] for v in versions}) == len(versions)  # each version says something new
        for created_at, author, body in versions:
            day = created_at[:10]
            assert opened_on <= day <= (closed_on or TODAY.isoformat())
            assert day < TODAY.isoformat()
            assert author == [w for start, w in allocations[case_id] if start <= day][-1]
            for heading in ("## Background", "## Progress", "## Current position"):
                assert f"\n{heading}\n" in f"\n{body}"
            assert "{" not in body and "[home]" not in body


def test_most_open_cases_have_a_recent_summary_and_some_are_overdue(case_file_db: Path) -> None:
    summaries = _summaries(case_file_db)
    open_cases = [
        case_id
        for (case_id,) in _rows(case_file_db, "SELECT id FROM \"case\" WHERE status = 'open'")
    ]
    summarised = [c for c in open_cases if c in summaries]
    assert len(summarised) > 0.65 * len(open_cases)
    three_months_ago = date(TODAY.year, TODAY.month - 3, TODAY.day).isoformat()
    overdue = [c for c in summarised if summaries[c][-1][0][:10] < three_months_ago]
    assert 0.08 * len(summarised) < len(overdue) < 0.35 * len(summarised)
    assert sum(len(summaries[c]) > 1 for c in summarised) > 0.3 * len(summarised)


def test_notes_are_final_with_chronology_titles_and_some_follow_ups(case_file_db: Path) -> None:
    notes = _rows(
        case_file_db,
        "SELECT n.id, n.note_type, n.status, n.draft_state, n.significant, n.chronology_title, "
        "n.contact_at, n.follow_up_on, n.body, c.title FROM note n "
        "LEFT JOIN chronology_entry c ON c.source_kind = 'note' AND c.source_id = n.id",
    )
    assert {n[1] for n in notes} == set(demo_text.NOTE_TYPES)
    assert {(n[2], n[3]) for n in notes} == {("final", "")}
    follow_ups = 0
    for _, _, _, _, significant, title, contact_at, follow_up_on, body, entry_title in notes:
        assert title == (entry_title if significant else "")
        if follow_up_on is None:
            continue
        follow_ups += 1
        gap = (date.fromisoformat(follow_up_on) - date.fromisoformat(contact_at[:10])).days
        assert 2 <= gap <= 13
        day = date.fromisoformat(follow_up_on)
        assert f"{day.day} {day.strftime('%b')}" in body  # the date the note names
    assert 0.1 * len(notes) < follow_ups < 0.3 * len(notes)


def test_demo_case_files_pass_the_forms_own_validation(case_file_db: Path) -> None:
    # What the demo writes is what a worker could have typed: it validates unchanged.
    from store.case_file.input import ClientUpdate, ContactInput, ProfessionalInput
    from store.common.validation import validate

    checks: list[tuple[Any, str, tuple[str, ...]]] = [
        (ClientUpdate, "client", ClientUpdate.model_fields.keys()),  # type: ignore[list-item]
        (ContactInput, "contact", tuple(ContactInput.model_fields)),
        (ProfessionalInput, "professional", tuple(ProfessionalInput.model_fields)),
    ]
    for model, table, fields in checks:
        names = tuple(fields)
        for row in _rows(case_file_db, f"SELECT {', '.join(names)} FROM {table}"):
            data = dict(zip(names, row, strict=True))
            for key in ("date_of_birth", "started_on", "ended_on"):
                if data.get(key):
                    data[key] = date.fromisoformat(data[key])
            assert validate(model, data, today=TODAY).model_dump() == data, data


def test_the_case_file_api_reads_demo_data(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "demo.db")
    try:
        demo.generate(store, me=ME, cases=40, notes_per_case=5, seed=5, today=TODAY)
        actor = store.workers.ensure(ME)
        closed = store.cases.caseload(actor, scope="all", closed=True)
        assert closed
        for row in closed:
            case = store.cases.get(actor, row.id)
            summary = store.case_file.summary(actor, case.id)  # type: ignore[attr-defined]
            assert summary is not None and case.client_name in summary.body
            assert summary.created_at.date() <= TODAY
            professionals = store.case_file.professionals(actor, case.id)  # type: ignore[attr-defined]
            assert 1 <= len(professionals) <= 5
            store.case_file.contacts(actor, case.client_id)  # type: ignore[attr-defined]
            assert store.case_file.client(actor, case.client_id).name == case.client_name  # type: ignore[attr-defined]
    finally:
        store.close()


# --- chronology: manual entries and analyses ------------------------------------------------


def test_about_a_quarter_of_cases_have_manual_chronology_entries(case_file_db: Path) -> None:
    from store.chronology.input import EntryInput
    from store.chronology.rules import DEFAULT_CATEGORIES
    from store.common.validation import validate

    cases = {
        case_id: (status, opened_on, closed_on)
        for case_id, status, opened_on, closed_on in _rows(
            case_file_db, 'SELECT id, status, opened_on, closed_on FROM "case"'
        )
    }
    allocations: dict[int, list[tuple[str, int, int]]] = {}
    for alloc_id, case_id, worker_id, allocated_on in _rows(
        case_file_db,
        "SELECT id, case_id, worker_id, allocated_on FROM allocation ORDER BY allocated_on, id",
    ):
        allocations.setdefault(case_id, []).append((allocated_on, alloc_id, worker_id))
    manual = _rows(
        case_file_db,
        "SELECT case_id, allocation_id, occurred_on, category, title, details, "
        "source_of_information, analysis, source_id, version, updated_at, created_by_id, "
        "created_at FROM chronology_entry WHERE source_kind = 'manual'",
    )
    per_case = Tally(row[0] for row in manual)
    assert 0.7 * len(cases) < len(per_case) < 0.9 * len(cases)
    assert min(per_case.values()) == 1 and max(per_case.values()) == MANUAL_CHRONOLOGY_MAX
    with_analysis = 0
    for (
        case_id,
        allocation_id,
        occurred_on,
        category,
        title,
        details,
        reported,
        analysis,
        source_id,
        version,
        updated_at,
        author,
        created_at,
    ) in manual:
        status, opened_on, closed_on = cases[case_id]
        assert status != "referral"
        assert opened_on < occurred_on < (closed_on or TODAY.isoformat())
        assert created_at[:10] == occurred_on
        _, alloc, worker = [a for a in allocations[case_id] if a[0] <= occurred_on][-1]
        assert (allocation_id, author) == (alloc, worker)
        assert category in DEFAULT_CATEGORIES
        assert (source_id, version, updated_at) == (None, 1, None)
        assert reported and details
        for text in (title, details, reported, analysis):
            assert "{" not in text and "}" not in text, text
        with_analysis += bool(analysis)
        # What the demo wrote is what a worker could have typed.
        form = {
            "occurred_on": date.fromisoformat(occurred_on),
            "category": category,
            "title": title,
            "details": details,
            "source_of_information": reported,
            "analysis": analysis,
        }
        assert validate(EntryInput, form, today=TODAY).model_dump() == form
    assert 0.35 * len(manual) < with_analysis < 0.65 * len(manual)
    assert len({row[4] for row in manual}) > 15  # varied events
    for case_id, count in per_case.items():
        titles = [row[4] for row in manual if row[0] == case_id]
        assert len(set(titles)) == count  # no event twice in one case


def test_some_automatic_entries_carry_an_analysis(case_file_db: Path) -> None:
    by_kind = {
        kind: (total, annotated)
        for kind, total, annotated in _rows(
            case_file_db,
            "SELECT source_kind, COUNT(*), SUM(analysis != '') FROM chronology_entry "
            "GROUP BY source_kind",
        )
    }
    total, annotated = by_kind["note"]
    assert 0.05 * total < annotated < 0.25 * total
    for kind in ("allocation", "transfer", "status"):
        assert by_kind[kind][1] == 0, kind
    assert (
        _scalar(case_file_db, "SELECT COUNT(*) FROM chronology_entry WHERE analysis LIKE '%{%'")
        == 0
    )


def test_the_chronology_api_reads_and_edits_demo_entries(demo_store: Store) -> None:
    actor = demo_store.workers.ensure(ME)
    path = demo_store.path
    case_id, entry_id = _rows(
        path,
        'SELECT e.case_id, e.id FROM chronology_entry e JOIN "case" c ON c.id = e.case_id '
        "WHERE e.source_kind = 'manual' AND c.status = 'open' ORDER BY e.id LIMIT 1",
    )[0]
    items = demo_store.chronology.entries(actor, case_id)
    assert items[0].source_kind == "allocation"
    manual = [i for i in items if i.is_manual]
    assert manual and all(i.author_name and i.source_of_information for i in manual)
    assert [i.occurred_on for i in items] == sorted(i.occurred_on for i in items)
    edited = demo_store.chronology.update(
        actor, entry_id, {"analysis": "Reviewed in supervision."}, version=1
    )
    assert (edited.analysis, edited.version) == ("Reviewed in supervision.", 2)
    assert demo_store.case_file.history(actor, "chronology_entry", entry_id)[0].field == "analysis"


def test_a_case_does_not_repeat_a_significant_event(tmp_path: Path) -> None:
    path = _path_with(tmp_path / "demo.db", cases=120, notes_per_case=60)
    rows = _rows(
        path,
        "SELECT case_id, title FROM chronology_entry WHERE source_kind = 'note' ORDER BY id",
    )
    per_case: dict[int, list[str]] = {}
    for case_id, title in rows:
        per_case.setdefault(case_id, []).append(title)
    assert sum(len(t) for t in per_case.values()) > 300
    # An event recurs only once every event the case could have has happened: no title
    # appears for the first time after a repeat.
    repeated = {c: t for c, t in per_case.items() if len(set(t)) != len(t)}
    assert len(repeated) < len(per_case) / 2
    for titles in repeated.values():
        first_repeat = next(i for i, t in enumerate(titles) if t in titles[:i])
        assert set(titles[:first_repeat]) == set(titles)


def test_manual_entries_suit_the_client_and_do_not_repeat_a_note(case_file_db: Path) -> None:
    rows = _rows(
        case_file_db,
        "SELECT e.case_id, e.occurred_on, e.title, e.details, e.source_kind, c.date_of_birth "
        'FROM chronology_entry e JOIN "case" k ON k.id = e.case_id '
        "JOIN client c ON c.id = k.client_id",
    )
    titles: dict[tuple[int, str], set[str]] = {}
    children_hospital = 0
    for case_id, on, title, details, kind, dob in rows:
        titles.setdefault((case_id, title), set()).add(kind)
        if kind == "manual" and "Children's Hospital" in details:
            children_hospital += 1
            assert dob is not None
            born, when = date.fromisoformat(dob), date.fromisoformat(on)
            assert (when.year - born.year) < 19, (title, dob, on)
    assert not [key for key, kinds in titles.items() if {"manual", "note"} <= kinds]
    assert children_hospital > 0


# --- service plans --------------------------------------------------------------------------


def test_most_open_cases_have_a_plan_and_the_case_row_says_so(case_file_db: Path) -> None:
    cases = _rows(
        case_file_db,
        "SELECT c.id, c.status, c.opened_on, c.closed_on, c.has_plan, c.next_review_on, "
        "COUNT(p.id), COALESCE(SUM(p.status = 'current'), 0), MIN(p.started_on) "
        'FROM "case" c LEFT JOIN service_plan p ON p.case_id = c.id GROUP BY c.id',
    )
    for _, status, opened_on, closed_on, has_plan, next_on, plans, current, first in cases:
        assert bool(has_plan) == (plans > 0)
        if plans:
            assert current == 1  # a closed case's plan stays as it was: still the current one
            assert opened_on < first <= (closed_on or TODAY.isoformat())
        else:
            assert next_on is None
        assert not (status == "referral" and plans)
    open_ = [c for c in cases if c[1] == "open"]
    planned = [c for c in open_ if c[6]]
    assert 0.6 * len(open_) < len(planned) < 0.85 * len(open_)
    new = [c for c in open_ if (TODAY - date.fromisoformat(c[2])).days < demo.NEW_CASE_DAYS]
    assert len(new) > 10 and sum(bool(c[6]) for c in new) < 0.6 * len(new)
    closed = [c for c in cases if c[1] == "closed"]
    assert 0.5 * len(closed) < sum(bool(c[6]) for c in closed) < 0.9 * len(closed)
    overdue = [c for c in planned if c[5] < TODAY.isoformat()]
    assert 0.05 * len(planned) < len(overdue) < 0.3 * len(planned)
    per_case = Tally(
        n for (n,) in _rows(case_file_db, "SELECT COUNT(*) FROM service_plan GROUP BY case_id")
    )
    assert per_case[1] > per_case[2] > 0 and max(per_case) <= demo.MAX_PLANS


def test_the_case_row_keeps_the_current_plans_next_review(case_file_db: Path) -> None:
    store = Store.open(case_file_db)
    try:
        actor = store.workers.ensure(ME)
        overdue = set()
        rows = _rows(case_file_db, 'SELECT id, status, has_plan, next_review_on FROM "case"')
        for case_id, status, has_plan, next_on in rows:
            plan = store.plans.current(actor, case_id)
            if plan is None:
                assert (has_plan, next_on) == (0, None)
                continue
            held = [r.held_on for r in plan.reviews]
            due = next_review_due(
                plan.started_on, plan.review_every, plan.review_unit, plan.review_dates, held
            )
            assert plan.next_review_on == due and due is not None
            assert (has_plan, next_on) == (1, due.isoformat()), case_id
            if status == "open":
                overdue.add(due < TODAY)
        assert overdue == {True, False}
    finally:
        store.close()


def test_plans_are_scheduled_as_a_worker_would_set_them(case_file_db: Path) -> None:
    plans = _rows(
        case_file_db,
        "SELECT p.case_id, p.number, p.started_on, p.review_every, p.review_unit, "
        "p.review_dates, p.status, p.ended_on, p.version, c.opened_on "
        'FROM service_plan p JOIN "case" c ON c.id = p.case_id ORDER BY p.case_id, p.number',
    )
    intervals: Tally[str] = Tally()
    by_case: dict[int, list[tuple[Any, ...]]] = {}
    for row in plans:
        case_id, number, started_on, every, unit, fixed, status, _, version, opened = row
        by_case.setdefault(case_id, []).append(row)
        assert number == len(by_case[case_id])
        assert opened < started_on <= TODAY.isoformat()
        if every:
            assert unit in REVIEW_UNITS and fixed == ""
        else:
            days = fixed.split(",")
            assert unit == "" and days == sorted(days) and days[0] > started_on
        if status == "current":
            intervals[f"{every} {unit}" if every else "fixed"] += 1
        assert (status, version) in (("current", 1), ("ended", 2))
    assert {"6 weeks", "3 months", "1 months", "fixed"} <= set(intervals)
    current = sum(intervals.values())
    common = intervals["6 weeks"] + intervals["3 months"] + intervals["1 months"]
    assert common > 0.7 * current and intervals["fixed"] < 0.15 * current
    for rows in by_case.values():
        assert rows[-1][6] == "current" and rows[-1][7] is None
        for before, after in pairwise(rows):
            assert before[6] == "ended" and before[7] == after[2]  # ended as the next began
    # Nothing in an ended plan changed after the next plan was made.
    ended = _rows(
        case_file_db,
        "SELECT n.created_at, MAX(r.created_at), MAX(c.changed_at) FROM service_plan p "
        "JOIN service_plan n ON n.case_id = p.case_id AND n.number = p.number + 1 "
        "LEFT JOIN plan_review r ON r.plan_id = p.id "
        "LEFT JOIN plan_goal g ON g.plan_id = p.id LEFT JOIN plan_action a ON a.goal_id = g.id "
        "LEFT JOIN record_change c ON c.\"table\" = 'plan_action' AND c.record_id = a.id "
        "GROUP BY p.id",
    )
    assert ended
    for next_made, last_review, last_change in ended:
        assert max(last_review or "", last_change or "") < next_made


def test_reviews_rate_every_goal_open_at_the_time(case_file_db: Path) -> None:
    store = Store.open(case_file_db)
    try:
        actor = store.workers.ensure(ME)
        closed_on = dict(_rows(case_file_db, 'SELECT id, closed_on FROM "case"'))
        ratings: Tally[str] = Tally()
        for plan_id, case_id in _rows(case_file_db, "SELECT id, case_id FROM service_plan"):
            plan = store.plans.get(actor, plan_id)
            goals = {g.id: g for g in plan.goals}
            assert plan.goals and len(plan.reviews) <= 3
            last_day = min(TODAY, plan.ended_on or TODAY)
            if closed_on[case_id]:
                last_day = min(last_day, date.fromisoformat(closed_on[case_id]))
            held: list[date] = []
            for review in plan.reviews:
                assert plan.started_on < review.held_on <= last_day
                assert not held or held[-1] < review.held_on
                held.append(review.held_on)
                assert review.next_review_on == next_review_due(
                    plan.started_on, plan.review_every, plan.review_unit, plan.review_dates, held
                )
                open_then = {
                    g.id
                    for g in plan.goals
                    if g.versions[0].created_at < review.created_at
                    and (g.closed_on is None or g.closed_on >= review.held_on)
                }
                assert {r.goal_id for r in review.ratings} == open_then
                assert review.client_views
                for r in review.ratings:
                    goal = goals[r.goal_id]
                    # The wording the review judged: the goal's, as it stood that day.
                    assert (
                        r.goal == [v for v in goal.versions if v.created_at < review.created_at][-1]
                    )
                    ratings[r.rating or "not rated"] += 1
                    if r.rating:
                        assert r.rating in RATINGS and r.decision in DECISIONS and r.evidence
                        assert not r.not_rated_reason
                    else:
                        assert r.not_rated_reason and not (r.decision or r.evidence)
                    if r.decision == "close goal":
                        status = "achieved" if r.rating == "achieved" else "closed"
                        assert (goal.status, goal.closed_on) == (status, review.held_on)
            for goal in plan.goals:
                if not goal.is_open:
                    assert goal.ratings[-1].decision == "close goal"
                    assert goal.ratings[-1].held_on == goal.closed_on
        assert set(ratings) == {*RATINGS, "not rated"}
        assert ratings["not rated"] < 0.1 * sum(ratings.values())
    finally:
        store.close()


def test_goals_are_smart_and_some_are_reworded_or_carried_over(case_file_db: Path) -> None:
    versions = _rows(
        case_file_db,
        "SELECT v.goal_id, v.number, v.domain, v.change, v.measure, v.target, v.relevance, "
        "v.target_on, v.client_agreed, v.achievable, v.achievable_note, v.reason, v.created_at, "
        "g.carried_from_id, p.number FROM plan_goal_version v JOIN plan_goal g ON g.id = v.goal_id "
        "JOIN service_plan p ON p.id = g.plan_id ORDER BY v.goal_id, v.number",
    )
    wording = {(v[0], v[1]): v[2:11] for v in versions}
    latest = {v[0]: v[2:11] for v in versions}  # ordered, so the last number wins
    domains: set[str] = set()
    reworded = carried = 0
    for goal_id, number, domain, change, measure, target, relevance, target_on, *rest in versions:
        _, achievable, note, reason, created_at, carried_from, plan_number = rest
        domains.add(domain)
        for text in (change, measure, target, relevance, note, reason):
            assert "{" not in text and "}" not in text, text
        assert change and measure and target
        if carried_from is None or number > 1:
            assert target_on > created_at[:10]  # a copy keeps its date, even one now past
        assert re.search(r"\b(i|i'm|my|me|we|us|our)\b", relevance, re.I), relevance
        assert achievable or note  # a doubt says why
        if number > 1:
            reworded += 1
            assert reason and not reason.endswith(".")
            assert target_on >= wording[(goal_id, number - 1)][5]
        elif carried_from is not None:
            carried += 1
            assert reason == f"Carried over from plan {plan_number - 1}"
            assert wording[(goal_id, 1)] == latest[carried_from]
        else:
            assert reason == ""
    assert domains <= set(DOMAINS) and len(domains) >= 8
    first = [v for v in versions if v[1] == 1]
    assert 0.05 * len(first) < reworded < 0.4 * len(first)
    assert carried > 0.05 * len(first)
    assert 0.85 * len(first) < sum(v[8] for v in first) < len(first)  # mostly agreed
    assert 0.85 * len(first) < sum(v[9] for v in first) < len(first)  # mostly achievable
    carried_rows = _rows(
        case_file_db,
        "SELECT g.id, p.case_id, p.number, o.status, op.case_id, op.number, op.status "
        "FROM plan_goal g JOIN service_plan p ON p.id = g.plan_id "
        "JOIN plan_goal o ON o.id = g.carried_from_id JOIN service_plan op ON op.id = o.plan_id",
    )
    for _, case_id, number, old_status, old_case, old_number, old_plan_status in carried_rows:
        assert (old_case, old_number, old_status, old_plan_status) == (
            case_id,
            number - 1,
            "open",
            "ended",
        )


def test_actions_have_every_kind_of_owner_and_name_real_people(case_file_db: Path) -> None:
    actions = _rows(
        case_file_db,
        "SELECT a.owner_kind, a.owner_name, a.professional_id, a.status, a.due_on, a.created_at, "
        "a.what, g.carried_from_id, p.case_id, c.client_id, p.status = 'current' "
        "AND c.status = 'open' FROM plan_action a JOIN plan_goal g ON g.id = a.goal_id "
        'JOIN service_plan p ON p.id = g.plan_id JOIN "case" c ON c.id = p.case_id',
    )
    professionals = {
        pro_id: (case_id, f"{name} ({agency})")
        for pro_id, case_id, name, agency in _rows(
            case_file_db, "SELECT id, case_id, name, agency FROM professional"
        )
    }
    networks: dict[int, set[str]] = {}
    for client_id, name, rel in _rows(
        case_file_db, "SELECT client_id, name, relationship FROM contact"
    ):
        networks.setdefault(client_id, set()).add(f"{name} ({rel})")
    kinds: Tally[str] = Tally()
    overdue = open_now = 0
    for kind, name, pro, status, due_on, created_at, what, carried, case_id, client, now in actions:
        kinds[kind] += 1
        assert status in ACTION_STATUSES and what and "{" not in what
        assert due_on > created_at[:10] or carried  # a copy keeps its due date
        if kind == "professional":
            assert professionals[pro] == (case_id, name)
        else:
            assert pro is None
        if kind in ("worker", "client"):
            assert name == ""
        if kind == "family":
            assert name in networks.get(client, {name}), name
            assert re.fullmatch(r"[^()]+ \([a-z ]+\)", name), name
        if now and status in ("not started", "in progress"):
            open_now += 1
            overdue += due_on < TODAY.isoformat()
    assert set(kinds) == set(OWNER_KINDS)
    assert min(kinds.values()) > 0.05 * len(actions)
    assert {a[3] for a in actions} == set(ACTION_STATUSES)
    assert 0.05 * open_now < overdue < 0.5 * open_now
    changes = _rows(
        case_file_db,
        "SELECT a.version, COUNT(r.id), SUM(r.field = 'status') FROM plan_action a "
        "LEFT JOIN record_change r ON r.\"table\" = 'plan_action' AND r.record_id = a.id "
        "GROUP BY a.id",
    )
    assert {version for version, _, _ in changes} == {1, 2}
    for version, logged, status_changes in changes:
        # A changed action keeps the change in its history, as the store's edits do.
        assert (version, status_changes or 0) in ((1, 0), (2, 1)) and logged <= 2


def test_plan_chronology_entries_point_at_their_plans_and_reviews(case_file_db: Path) -> None:
    plans = {
        plan_id: (case_id, number, started_on, author)
        for plan_id, case_id, number, started_on, author in _rows(
            case_file_db, "SELECT id, case_id, number, started_on, created_by_id FROM service_plan"
        )
    }
    reviews = {
        review_id: (plans[plan_id], held_on, author)
        for review_id, plan_id, held_on, author in _rows(
            case_file_db, "SELECT id, plan_id, held_on, created_by_id FROM plan_review"
        )
    }
    allocations: dict[int, list[tuple[str, int, int]]] = {}
    for alloc_id, case_id, worker_id, allocated_on in _rows(
        case_file_db,
        "SELECT id, case_id, worker_id, allocated_on FROM allocation ORDER BY allocated_on, id",
    ):
        allocations.setdefault(case_id, []).append((allocated_on, alloc_id, worker_id))
    entries = _rows(
        case_file_db,
        "SELECT case_id, allocation_id, occurred_on, category, title, source_kind, source_id, "
        "created_by_id, created_at, analysis FROM chronology_entry "
        "WHERE source_kind IN ('plan', 'plan_review')",
    )
    assert entries
    seen: Tally[tuple[str, int]] = Tally()
    for (
        case_id,
        alloc,
        on,
        category,
        title,
        kind,
        source_id,
        author,
        created_at,
        analysis,
    ) in entries:
        seen[(kind, source_id)] += 1
        if kind == "plan":
            plan_case, number, day, plan_author = plans[source_id]
            assert title == f"Service plan {number} started"
        else:
            (plan_case, number, _, _), day, plan_author = reviews[source_id]
            assert title == f"Service plan {number} reviewed"
        assert (case_id, on, category, author, analysis) == (
            plan_case,
            day,
            "plan",
            plan_author,
            "",
        )
        assert created_at[:10] == on
        _, current, holder = [a for a in allocations[case_id] if a[0] <= on][-1]
        assert (alloc, author) == (current, holder)
    assert set(seen) == {("plan", p) for p in plans} | {("plan_review", r) for r in reviews}
    assert set(seen.values()) == {1}


def _replay(source: Store, target: Store, case_id: int) -> tuple[list[tuple[Any, ...]], Any]:
    """Enter a demo case's plans through the store's own forms, on the days the demo dates
    them; returns the plan entries the store wrote and the plan it ends with."""
    actor = source.workers.ensure(ME)
    me = target.workers.ensure(ME)
    opened = _scalar(source.path, 'SELECT opened_on FROM "case" WHERE id = ?', case_id)
    case = target.cases.create(me, {"client_name": "Replay", "allocated_on": opened})
    for item in reversed(source.plans.for_case(actor, case_id)):
        plan = source.plans.get(actor, item.id)
        with dates.frozen(datetime.combine(plan.started_on, datetime.min.time())):
            schedule = (
                {"review_interval": f"{plan.review_every} {plan.review_unit}"}
                if plan.review_every
                else {"review_dates": ", ".join(d.isoformat() for d in plan.review_dates)}
            )
            new = target.plans.start(me, case.id, {"started_on": plan.started_on, **schedule})
        ids = {g.id: new.goals[g.position - 1].id for g in plan.goals if g.carried_from_plan}
        events: list[tuple[datetime, Any]] = [(r.created_at, r) for r in plan.reviews]
        for goal in plan.goals:
            wordings = goal.versions[1:] if goal.carried_from_plan else goal.versions
            events += [(v.created_at, (goal, v)) for v in wordings]
        for at, event in sorted(events, key=lambda e: e[0]):
            with dates.frozen(dates.to_local(at).replace(tzinfo=None)):
                if isinstance(event, tuple):
                    goal, v = event
                    fields = {f: getattr(v, f) for f in GOAL_VERSION_FIELDS}
                    if v.number == 1:
                        added = target.plans.add_goal(me, new.id, fields)
                        assert added.position == goal.position
                        ids[goal.id] = added.id
                    else:
                        now = target.plans.get(me, new.id)
                        version = next(g.version for g in now.goals if g.id == ids[goal.id])
                        target.plans.update_goal(
                            me, ids[goal.id], {**fields, "reason": v.reason}, version=version
                        )
                    continue
                data = {
                    "held_on": event.held_on,
                    "client_present": event.client_present,
                    "client_views": event.client_views,
                    "participants": event.participants,
                    "summary": event.summary,
                }
                for r in event.ratings:
                    g = ids[r.goal_id]
                    data |= {
                        f"rating_{g}": r.rating,
                        f"evidence_{g}": r.evidence,
                        f"decision_{g}": r.decision,
                        f"not_rated_{g}": r.not_rated_reason,
                    }
                target.plans.review(me, new.id, data)
    written = [
        (e.occurred_on, e.title, e.details)
        for e in target.chronology.entries(me, case.id)
        if e.category == "plan"
    ]
    return written, target.plans.current(me, case.id)


def test_plans_are_what_the_store_would_write_for_the_same_work(
    demo_store: Store, tmp_path: Path
) -> None:
    # Each demo plan entered afresh through the store's forms, day by day, validates and
    # leaves the same chronology entries and next review dates as the demo wrote.
    target = Store.open(tmp_path / "replay.db")
    try:
        path = demo_store.path
        cases = _rows(
            path,
            "SELECT p.case_id, c.next_review_on, COUNT(*) FROM service_plan p "
            'JOIN "case" c ON c.id = p.case_id GROUP BY p.case_id',
        )
        assert len(cases) > 25 and max(n for *_, n in cases) > 1
        for case_id, next_on, _ in cases:
            written, current = _replay(demo_store, target, case_id)
            demo_entries = _rows(
                path,
                "SELECT occurred_on, title, details FROM chronology_entry "
                "WHERE case_id = ? AND category = 'plan' ORDER BY occurred_on, id",
                case_id,
            )
            assert written == [(date.fromisoformat(d), t, x) for d, t, x in demo_entries]
            assert current.next_review_on.isoformat() == next_on
    finally:
        target.close()


def test_actions_are_what_the_action_form_accepts(demo_store: Store) -> None:
    from store.common.validation import validate
    from store.plans.input import ActionInput

    actor = demo_store.workers.ensure(ME)
    path = demo_store.path
    rows = _rows(
        path,
        "SELECT p.case_id, a.what, a.owner_kind, a.owner_name, a.professional_id, a.due_on, "
        "a.status, a.status_note, a.created_at FROM plan_action a "
        "JOIN plan_goal g ON g.id = a.goal_id JOIN service_plan p ON p.id = g.plan_id",
    )
    assert rows
    for case_id, what, kind, name, pro, due_on, status, note, created_at in rows:
        owners = dict(demo_store.plans.action_owners(actor, case_id))
        if kind == "professional":
            owner, typed = f"professional:{pro}", ""
        elif kind == "family":
            contacts = [c for c, label in owners.items() if label == f"Network: {name}"]
            owner, typed = (contacts[0], "") if contacts else ("family", name)
        else:
            owner, typed = kind, ""
        assert owner in owners
        form = {
            "what": what,
            "owner": owner,
            "owner_name": typed,
            "due_on": date.fromisoformat(due_on),
            "status": status,
            "status_note": note,
        }
        today = date.fromisoformat(created_at[:10])
        checked = validate(ActionInput, form, owners=owners, today=today)
        assert checked.model_dump() == form


# --- case conferences -----------------------------------------------------------------------


def test_some_cases_have_conferences_with_the_cases_own_people(case_file_db: Path) -> None:
    from store.common.settings import CONFERENCE_TYPES

    conferences = _rows(
        case_file_db,
        "SELECT f.id, f.case_id, k.status, f.status, f.held_at, f.conference_type, f.chair, "
        "f.client_attended, f.client_views, f.decisions, f.finalised_at, "
        "(SELECT MIN(allocated_on) FROM allocation a WHERE a.case_id = k.id), l.date_of_birth "
        'FROM conference f JOIN "case" k ON k.id = f.case_id '
        "JOIN client l ON l.id = k.client_id",
    )
    assert conferences
    by_case = Tally(row[1] for row in conferences)
    assert set(by_case.values()) <= {1, 2, 3} and len(set(by_case.values())) > 1
    statuses = Tally(row[2] for row in _one_per_case(conferences))
    open_with_pros = _scalar(
        case_file_db,
        "SELECT COUNT(*) FROM \"case\" k WHERE k.status = 'open' "
        "AND EXISTS (SELECT 1 FROM professional p WHERE p.case_id = k.id)",
    )
    assert 0.15 * open_with_pros < statuses["open"] < 0.35 * open_with_pros
    assert statuses["referral"] == 0
    assert len({row[5] for row in conferences}) >= 4
    assert {row[5] for row in conferences} <= set(CONFERENCE_TYPES)
    adults = Tally()
    for (
        _,
        _,
        _,
        status,
        held_at,
        _,
        chair,
        attended,
        views,
        decisions,
        final,
        first,
        dob,
    ) in conferences:
        held = dates.to_local(datetime.fromisoformat(held_at)).date()
        assert date.fromisoformat(first) < held <= TODAY
        assert chair and views and decisions
        assert all(line.strip() for line in decisions.split("\n"))
        assert (final is None) == (status == "draft")
        if dob and (held - date.fromisoformat(dob)).days > 18 * 366:
            adults[bool(attended)] += 1
    assert adults[True] > 2 * adults[False]  # adults mostly come to their meetings
    assert sum(row[7] for row in conferences) > 0.4 * len(conferences)
    drafts = [row for row in conferences if row[3] == "draft"]
    assert 0 < len(drafts) < 0.2 * len(conferences)
    latest = {}
    for row in sorted(conferences, key=lambda row: row[4]):
        latest[row[1]] = row[0]
    assert all(latest[row[1]] == row[0] and row[2] == "open" for row in drafts)

    attendees = _rows(
        case_file_db,
        "SELECT a.conference_id, a.present, a.kind, a.name, a.role, a.agency, "
        "p.case_id, p.name, p.role, p.agency, c.client_id, c.name, c.relationship, "
        "k.id, k.client_id, l.name "
        "FROM conference_attendee a JOIN conference f ON f.id = a.conference_id "
        'JOIN "case" k ON k.id = f.case_id JOIN client l ON l.id = k.client_id '
        "LEFT JOIN professional p ON p.id = a.professional_id "
        "LEFT JOIN contact c ON c.id = a.contact_id",
    )
    kinds = Tally((row[2], bool(row[1])) for row in attendees)
    assert kinds[("professional", True)] and kinds[("professional", False)]
    assert kinds[("contact", True)] and kinds[("client", True)] and kinds[("worker", True)]
    for row in attendees:
        kind, name, role, agency = row[2:6]
        if kind == "professional":
            assert (row[6], row[7], row[8], row[9]) == (row[13], name, role, agency)
        elif kind == "contact":
            assert (row[10], row[11], row[12], agency) == (row[14], name, role, "")
        elif kind == "client":
            assert name == row[15]
        else:
            assert kind == "worker" and role == "allocated worker"
    present_ids = {row[0] for row in attendees if row[1]}
    assert present_ids == {row[0] for row in conferences}

    actions = _rows(
        case_file_db,
        "SELECT x.status, x.status_note, x.done_at, x.done_by_id, x.due_on, x.owner_name, "
        "a.conference_id, x.conference_id, a.name, f.status "
        "FROM conference_action x JOIN conference f ON f.id = x.conference_id "
        "LEFT JOIN conference_attendee a ON a.id = x.owner_attendee_id",
    )
    assert set(Tally(row[7] for row in actions).values()) <= {1, 2, 3, 4}
    for status, note, done_at, done_by, _due, owner, at, conf, who, conf_status in actions:
        assert at == conf and owner.startswith(who)
        assert status in ("open", "done")
        if status == "done":
            assert note and done_at and done_by and conf_status == "final"
            assert date.fromisoformat(done_at[:10]) <= TODAY
        else:
            assert not note and done_at is None and done_by is None
    assert any(row[0] == "open" and date.fromisoformat(row[4]) < TODAY for row in actions)
    assert any(row[0] == "done" for row in actions)


def _one_per_case(conferences: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """One row per case (the case's status is the third column)."""
    return list({row[1]: row for row in conferences}.values())


def test_finalised_conferences_have_one_chronology_entry_each(case_file_db: Path) -> None:
    from store.conferences.records import type_title

    conferences = {
        conf_id: (case_id, status, held_at, kind, finalised_at, finalised_by)
        for conf_id, case_id, status, held_at, kind, finalised_at, finalised_by in _rows(
            case_file_db,
            "SELECT id, case_id, status, held_at, conference_type, finalised_at, "
            "finalised_by_id FROM conference",
        )
    }
    allocations: dict[int, list[tuple[str, int]]] = {}
    for alloc_id, case_id, allocated_on in _rows(
        case_file_db,
        "SELECT id, case_id, allocated_on FROM allocation ORDER BY allocated_on, id",
    ):
        allocations.setdefault(case_id, []).append((allocated_on, alloc_id))
    entries = _rows(
        case_file_db,
        "SELECT case_id, allocation_id, occurred_on, category, title, details, source_id, "
        "created_at, created_by_id FROM chronology_entry WHERE source_kind = 'conference'",
    )
    seen = Tally(row[6] for row in entries)
    assert set(seen) == {i for i, row in conferences.items() if row[1] == "final"}
    assert set(seen.values()) == {1}
    alloc_of = {
        alloc_id: worker
        for alloc_id, worker in _rows(case_file_db, "SELECT id, worker_id FROM allocation")
    }
    for case_id, alloc, on, category, title, details, source_id, created_at, by in entries:
        conf_case, _, held_at, kind, finalised_at, finalised_by = conferences[source_id]
        held = dates.to_local(datetime.fromisoformat(held_at)).date()
        assert (case_id, on, category, title) == (
            conf_case,
            held.isoformat(),
            "conference",
            f"{type_title(kind)} held",
        )
        assert (created_at, by) == (finalised_at, finalised_by)
        assert details.startswith("Chaired by ") and " action" in details
        final_day = dates.to_local(datetime.fromisoformat(finalised_at)).date().isoformat()
        current = [a for a in allocations[case_id] if a[0] <= final_day][-1]
        # The allocation current when the minutes were finalised, by its worker.
        assert (alloc, alloc_of[alloc]) == (current[1], by)


def test_case_rows_keep_the_earliest_open_action_and_the_caseload_flags_it(
    case_file_db: Path,
) -> None:
    store = Store.open(case_file_db)
    try:
        me = store.workers.ensure(ME)
        due = dict(_rows(case_file_db, 'SELECT id, next_action_due_on FROM "case"'))
        with_conferences = {row[0] for row in _rows(case_file_db, "SELECT case_id FROM conference")}
        assert with_conferences
        for case_id, on in due.items():
            if case_id not in with_conferences:
                assert on is None
                continue
            actions = store.conferences.case_actions(me, case_id)
            open_ = [a.due_on for a in actions if a.is_open]
            assert (date.fromisoformat(on) if on else None) == (min(open_) if open_ else None)
        rows = store.cases.caseload(me, scope="all")
        flagged = [row for row in rows if "actions" in row.flags]
        assert flagged
        for row in rows:
            overdue = row.next_action_due_on is not None and row.next_action_due_on < TODAY
            assert ("actions" in row.flags) == overdue
    finally:
        store.close()


def test_the_store_loads_and_renders_every_demo_conference(case_file_db: Path) -> None:
    from store.conferences.render import minutes_markdown

    store = Store.open(case_file_db)
    try:
        me = store.workers.ensure(ME)
        counts = {
            conf_id: (attendees, actions)
            for conf_id, attendees, actions in _rows(
                case_file_db,
                "SELECT f.id, (SELECT COUNT(*) FROM conference_attendee a "
                "WHERE a.conference_id = f.id), (SELECT COUNT(*) FROM conference_action x "
                "WHERE x.conference_id = f.id) FROM conference f",
            )
        }
        assert counts
        for conf_id, (attendees, actions) in counts.items():
            info = store.conferences.get(me, conf_id)
            assert len(info.attendees) + len(info.apologies) == attendees
            assert len(info.actions) == actions and 1 <= actions <= 4
            assert 1 <= len(info.agenda) <= 3 and info.decisions
            text = minutes_markdown(info, today=TODAY)
            assert info.title in text
    finally:
        store.close()


REVIEW_MEETINGS = {"case conference", "review meeting", "core group"}


def _held_reviews(path: Path) -> list[tuple[Any, ...]]:
    """Plan reviews held in a meeting, with their plan's case and the meeting's details."""
    return _rows(
        path,
        "SELECT r.id, r.conference_id, r.held_on, r.client_present, r.created_at, p.case_id, "
        "f.case_id, f.status, f.held_at, f.conference_type, f.client_attended, f.created_at, "
        "f.finalised_at FROM plan_review r JOIN service_plan p ON p.id = r.plan_id "
        "JOIN conference f ON f.id = r.conference_id",
    )


def test_some_finalised_conferences_hold_a_plan_review_of_their_case(case_file_db: Path) -> None:
    held = _held_reviews(case_file_db)
    assert held
    assert set(Tally(row[1] for row in held).values()) == {1}  # one review a meeting at most
    for (
        review_id,
        conf_id,
        held_on,
        present,
        created_at,
        plan_case,
        conf_case,
        status,
        held_at,
        kind,
        attended,
        conf_created,
        finalised_at,
    ) in held:
        assert plan_case == conf_case and status == "final"
        assert dates.to_local(datetime.fromisoformat(held_at)).date().isoformat() == held_on
        assert kind in REVIEW_MEETINGS
        assert bool(present) == bool(attended)
        # Recorded while the minutes were a draft, as the store allows.
        assert conf_created < created_at < finalised_at
        entries = _rows(
            case_file_db,
            "SELECT source_kind, occurred_on FROM chronology_entry WHERE case_id = ? AND "
            "((source_kind = 'plan_review' AND source_id = ?) OR "
            "(source_kind = 'conference' AND source_id = ?))",
            plan_case,
            review_id,
            conf_id,
        )
        assert sorted(entries) == [("conference", held_on), ("plan_review", held_on)]
    drafts = _scalar(case_file_db, "SELECT COUNT(*) FROM conference WHERE status = 'draft'")
    assert drafts > 0
    assert not _rows(
        case_file_db,
        "SELECT r.id FROM plan_review r JOIN conference f ON f.id = r.conference_id "
        "WHERE f.status = 'draft'",
    )
    # A third to a half of the finalised meetings with one of the case's reviews near them.
    reviews: dict[int, list[date]] = {}
    for case_id, held_on in _rows(
        case_file_db,
        "SELECT p.case_id, r.held_on FROM plan_review r JOIN service_plan p ON p.id = r.plan_id",
    ):
        reviews.setdefault(case_id, []).append(date.fromisoformat(held_on))
    near = 0
    for case_id, held_at in _rows(
        case_file_db, "SELECT case_id, held_at FROM conference WHERE status = 'final'"
    ):
        day = dates.to_local(datetime.fromisoformat(held_at)).date()
        near += any(abs((day - d).days) <= 60 for d in reviews.get(case_id, ()))
    assert 0.3 * near <= len(held) <= 0.55 * near


def test_minutes_show_the_plan_review_held_in_the_meeting(case_file_db: Path) -> None:
    from store.conferences.render import minutes_markdown

    held = {row[1]: row[0] for row in _held_reviews(case_file_db)}
    assert held
    other = _scalar(
        case_file_db,
        "SELECT MIN(f.id) FROM conference f WHERE f.status = 'final' AND NOT EXISTS "
        "(SELECT 1 FROM plan_review r WHERE r.conference_id = f.id)",
    )
    store = Store.open(case_file_db)
    try:
        me = store.workers.ensure(ME)
        for conf_id, review_id in held.items():
            info = store.conferences.get(me, conf_id)
            assert info.review is not None and info.review_plan is not None
            assert info.review.id == review_id and info.review_plan.case_id == info.case_id
            assert info.held_at is not None
            assert info.review.held_on == dates.to_local(info.held_at).date()
            text = minutes_markdown(info, today=TODAY)
            assert "Plan review held in the meeting" in text
            assert f"*Service plan {info.review_plan.number}.*" in text
        info = store.conferences.get(me, other)
        assert info.review is None and info.review_plan is None
        assert "Plan review held in the meeting" not in minutes_markdown(info, today=TODAY)
    finally:
        store.close()


def test_conference_actions_are_open_done_and_overdue(case_file_db: Path) -> None:
    actions = _rows(
        case_file_db,
        "SELECT x.status, x.due_on < ? FROM conference_action x "
        "JOIN conference f ON f.id = x.conference_id WHERE f.status = 'final'",
        TODAY.isoformat(),
    )
    kinds = Tally((status, bool(late)) for status, late in actions)
    assert kinds[("open", False)] and kinds[("open", True)] and kinds[("done", True)]
    assert kinds[("done", True)] > kinds[("open", True)]  # most past their date are done


def test_holding_reviews_moves_only_those_meetings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The meetings that hold a review draw from where they would have anyway, so everything
    # else a seed writes is as it was when no meeting held one.
    with_reviews = _snapshot(_path_with(tmp_path / "a.db"))
    monkeypatch.setattr(demo, "INLINE_REVIEW_SHARE", 0.0)
    without = _snapshot(_path_with(tmp_path / "b.db"))
    held = {row[-1]: row[0] for row in with_reviews["plan_review"] if row[-1] is not None}
    assert held and all(row[-1] is None for row in without["plan_review"])
    assert [row[:-1] for row in with_reviews["plan_review"]] == [
        row[:-1] for row in without["plan_review"]
    ]
    for table in ("note", "service_plan", "plan_goal", "plan_action", "contact", "professional"):
        assert with_reviews[table] == without[table], table
    moved = [
        (a, b)
        for a, b in zip(with_reviews["conference"], without["conference"], strict=True)
        if a[0] in held
    ]
    assert any(a[3] != b[3] for a, b in moved)  # some did move
    for a, b in zip(with_reviews["conference"], without["conference"], strict=True):
        assert a[:3] == b[:3]  # the same meetings of the same cases
        if a[0] not in held:
            # As they were, bar the date of a next meeting that moved.
            assert a[:12] == b[:12] and a[13:] == b[13:]


# --- the people in the records agree ---------------------------------------------------------


def _network_mentions(text: str, relationships: set[str]) -> list[tuple[str, str]]:
    """Every "Maria Nowak (mother)" or "Maria (mother)" in ``text``: (name, relationship)."""
    rels = "|".join(re.escape(r) for r in sorted(relationships, key=len, reverse=True))
    word = r"[^\W\d_][\w'\u2019-]*"
    found = []
    for words, rel in re.findall(rf"((?:{word} )*{word}) \(({rels})\)", text):
        # The name is the run of capitalised words just before the bracket.
        name: list[str] = []
        for w in reversed(words.split(" ")):
            if not w[0].isupper():
                break
            name.insert(0, w)
        found.append((" ".join(name), rel))
    return found


def test_the_people_in_summaries_and_owning_actions_are_in_the_network(
    case_file_db: Path,
) -> None:
    """Nobody a summary names as family or friend, and nobody owning an action for the
    network, is missing from the client's support network."""
    relationships = {
        rel
        for pool in (
            demo_text.CHILD_NETWORK,
            demo_text.ADULT_NETWORK,
            demo_text.CHILD_CARERS,
            demo_text.ADULT_RELATIVES,
        )
        for rel, _ in pool
    }
    network: dict[int, set[tuple[str, str]]] = {}
    for client_id, name, rel in _rows(
        case_file_db, "SELECT client_id, name, relationship FROM contact WHERE removed_at IS NULL"
    ):
        network.setdefault(client_id, set()).add((name, rel))

    def known(client_id: int, name: str, rel: str) -> bool:
        """In the network by full name, or by first name ("Hui Min" of "Hui Min Chen")."""
        people = network.get(client_id, set())
        return any((n == name or n.startswith(f"{name} ")) and r == rel for n, r in people)

    summaries = _rows(
        case_file_db,
        'SELECT c.client_id, c.ref, s.body FROM summary_version s JOIN "case" c '
        "ON c.id = s.case_id",
    )
    named = 0
    for client_id, ref, body in summaries:
        for name, rel in _network_mentions(body, relationships):
            named += 1
            assert known(client_id, name, rel), (ref, name, rel)
    assert named >= len(summaries)  # every summary says who the main support is

    closing = _rows(
        case_file_db,
        'SELECT client_id, ref, closing_summary FROM "case" WHERE closing_summary != ""',
    )
    for client_id, ref, text in closing:
        for first in re.findall(r"; (\S+) remains the main support", text):
            assert any(n.startswith(f"{first} ") for n, _ in network[client_id]), (ref, first)

    owned = _rows(
        case_file_db,
        "SELECT c.client_id, c.ref, a.owner_name FROM plan_action a JOIN plan_goal g ON "
        "g.id = a.goal_id JOIN service_plan p ON p.id = g.plan_id "
        "JOIN \"case\" c ON c.id = p.case_id WHERE a.owner_kind = 'family'",
    )
    assert owned
    for client_id, ref, owner in owned:
        ((name, rel),) = _network_mentions(owner, relationships)
        assert (name, rel) in network.get(client_id, set()), (ref, owner)

    at_meetings = _rows(
        case_file_db,
        "SELECT c.client_id, c.ref, x.owner_name, t.client_id FROM conference_action x "
        'JOIN conference f ON f.id = x.conference_id JOIN "case" c ON c.id = f.case_id '
        "JOIN conference_attendee a ON a.id = x.owner_attendee_id "
        "JOIN contact t ON t.id = a.contact_id",
    )
    for client_id, ref, owner, contact_client in at_meetings:
        assert contact_client == client_id, (ref, owner)
        assert any(owner.startswith(n) for n, _ in network[client_id]), (ref, owner)


def test_long_cases_have_assessments_over_time_whose_ratings_change(demo_store: Store) -> None:
    from store.core.models import Case

    with demo_store.database.reading():
        cases = [(c.id, c.worker_id) for c in Case.select() if c.worker_id]
    me = demo_store.workers.named(ME)
    assessed = 0
    moved = False
    for case_id, _worker in cases:
        history = demo_store.assessments.history(me, case_id)
        finals = history.overview.finals
        if not finals:
            continue
        assessed += 1
        assert len(finals) >= 2
        assert history.overview.draft is None
        columns = history.ratings.columns
        assert [c.as_at for c in columns] == sorted(c.as_at for c in columns)
        moved = moved or any(
            cell.trend in ("better", "worse") for row in history.ratings.rows for cell in row.cells
        )
    assert assessed >= 5 and moved
    assert demo_store.integrity.verify().problems == ()


# --- referrals ----------------------------------------------------------------------------------


def test_referrals_out_in_every_status_with_chases_some_to_escalate(demo_store: Store) -> None:
    from store.core.models import Case
    from store.referrals.rules import STATUSES

    me = demo_store.workers.named(ME)
    with demo_store.database.reading():
        case_ids = [c.id for c in Case.select(Case.id).order_by(Case.id)]
    seen: set[str] = set()
    escalated = chased = to_services = 0
    decisions: set[str] = set()
    for case_id in case_ids:
        listed = demo_store.referrals.for_case(me, case_id)
        for r in listed.outgoing:
            seen.add(r.status)
            chased += r.chases
            escalated += r.escalate
            to_services += r.service_id is not None
            detail = demo_store.referrals.get(me, r.id)
            # The history walks the allowed transitions, in date order.
            assert detail.history[0].previous == ""
            for before, after in pairwise(detail.history):
                assert after.status in STATUSES and after.previous == before.status
                assert before.changed_on <= after.changed_on
            assert detail.history[-1].status == r.status
        decisions |= {i.decision for i in listed.incoming}
        logged = {
            e.source_id
            for e in demo_store.consent.sharing_log(me, case_id)
            if e.source == "referral"
        }
        assert logged == {r.id for r in listed.outgoing if r.sent_on is not None}
        with demo_store.database.reading():
            kept = Case.get_by_id(case_id).referrals_to_escalate
        assert kept == listed.to_escalate
    assert seen == set(STATUSES)
    assert chased > 0 and escalated > 0 and to_services > 0
    assert decisions >= {"allocated", "signposted", "no further action", ""}
    assert demo_store.integrity.verify().problems == ()
    assert any("escalate" in row.flags for row in demo_store.cases.caseload(me, scope="all"))


def test_some_sent_referrals_were_corrected_with_what_they_said_kept(demo_store: Store) -> None:
    from store.referrals.models import Referral, ReferralVersion

    me = demo_store.workers.named(ME)
    with demo_store.database.reading():
        corrected = sorted({v.referral_id for v in ReferralVersion.select()})
        sent = Referral.select().where(Referral.sent_on.is_null(False)).count()
    assert 0 < len(corrected) < sent
    for referral_id in corrected:
        detail = demo_store.referrals.get(me, referral_id)
        [before] = detail.earlier
        assert before.why and before.replaced_at.date() >= detail.summary.referred_on
        now = (detail.summary.urgency, detail.agency_contact, detail.reason)
        assert (before.urgency, before.agency_contact, before.reason) != now
