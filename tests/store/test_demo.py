"""The demo data generator: reproducible, plausible, consistent with the rest of the store."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter as Tally
from collections.abc import Iterator
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from store import demo, demo_text
from store.demo import MANUAL_CHRONOLOGY_MAX, DemoReport
from store.service import Store
from store.textsafe import fold

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


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    _generate(path)
    return path


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """An open store holding demo data (for tests that go through the service API)."""
    store = Store.open(tmp_path / "demo.db")
    demo.generate(store, me=ME, cases=60, notes_per_case=10, workers=6, seed=3, today=TODAY)
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
    existing = store.ensure_worker(ME, "Sam Okafor (Team A)")
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
    actor = demo_store.ensure_worker(ME)
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
        first = demo_store.chronology(actor, case_id)[0]
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
    actor = demo_store.ensure_worker(ME)
    path = demo_store.path
    for year in (TODAY.year, TODAY.year - 2):
        used = _scalar(path, 'SELECT COUNT(*) FROM "case" WHERE ref LIKE ?', f"CL-{year}-%")
        assert used > 0
        new = demo_store.create_case(
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
        seconds=report.seconds,
    )
    assert min(report.contacts, report.professionals, report.summaries) > 0
    lines = report.lines()
    assert lines[0].startswith(f"Wrote 80 cases ({statuses['open']} open, ")
    assert lines[0].endswith("for 4 workers")
    assert f"{report.notes:,} notes" in lines[1]
    assert lines[2] == (
        f"{report.contacts} contacts in support networks, {report.professionals} "
        f"professionals involved, {report.summaries} case summaries "
        f"({report.summary_versions} versions)"
    )
    assert re.fullmatch(r"in \d+\.\d s", lines[3])


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
        seconds=23.44,
    )
    assert report.lines() == [
        "Wrote 5,000 cases (3,512 open, 1,003 closed, 485 referrals; 612 transferred) for 1 worker",
        "4,900 clients, 250,000 notes, 1 chronology entry",
        "1 contact in support networks, 15,210 professionals involved, 1 case summary (1 version)",
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


@pytest.fixture
def case_file_db(tmp_path: Path) -> Path:
    """Enough cases for shares to be stable, few notes so it stays quick."""
    return _path_with(tmp_path / "demo.db", cases=300, notes_per_case=8)


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
    assert 0.75 * len(clients) < len(by_client) < 0.97 * len(clients)  # some have nobody
    assert max(len(c) for c in by_client.values()) == 4
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
    from store.schemas import ClientUpdate, ContactInput, ProfessionalInput, validate

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
    from store.casefile import CaseFileOps

    # In this order the MRO holds whether or not Store already includes the mixin.
    class CaseFileStore(Store, CaseFileOps):
        pass

    store = CaseFileStore.open(tmp_path / "demo.db")
    try:
        demo.generate(store, me=ME, cases=40, notes_per_case=5, seed=5, today=TODAY)
        actor = store.ensure_worker(ME)
        closed = store.caseload(actor, scope="all", closed=True)
        assert closed
        for row in closed:
            case = store.case(actor, row.id)
            summary = store.summary(actor, case.id)  # type: ignore[attr-defined]
            assert summary is not None and case.client_name in summary.body
            assert summary.created_at.date() <= TODAY
            professionals = store.professionals(actor, case.id)  # type: ignore[attr-defined]
            assert 1 <= len(professionals) <= 5
            store.contacts(actor, case.client_id)  # type: ignore[attr-defined]
            assert store.client(actor, case.client_id).name == case.client_name  # type: ignore[attr-defined]
    finally:
        store.close()


# --- chronology: manual entries and analyses ------------------------------------------------


def test_about_a_quarter_of_cases_have_manual_chronology_entries(case_file_db: Path) -> None:
    from store.chronology import DEFAULT_CATEGORIES, EntryInput
    from store.schemas import validate

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
    actor = demo_store.ensure_worker(ME)
    path = demo_store.path
    case_id, entry_id = _rows(
        path,
        'SELECT e.case_id, e.id FROM chronology_entry e JOIN "case" c ON c.id = e.case_id '
        "WHERE e.source_kind = 'manual' AND c.status = 'open' ORDER BY e.id LIMIT 1",
    )[0]
    items = demo_store.chronology(actor, case_id)
    assert items[0].source_kind == "allocation"
    manual = [i for i in items if i.is_manual]
    assert manual and all(i.author_name and i.source_of_information for i in manual)
    assert [i.occurred_on for i in items] == sorted(i.occurred_on for i in items)
    edited = demo_store.update_chronology_entry(
        actor, entry_id, {"analysis": "Reviewed in supervision."}, version=1
    )
    assert (edited.analysis, edited.version) == ("Reviewed in supervision.", 2)
    assert demo_store.history(actor, "chronology_entry", entry_id)[0].field == "analysis"


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
