"""Final records prove they were not altered: each is sealed in a hash chain when it becomes
final, the database refuses to change or delete it, and ``store.integrity.verify`` names every
record changed, removed or slipped in behind the store's back, as someone holding the file and
the ``sqlite3`` module would (dropping the triggers first), and every trigger taken away."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from store.core import seal
from store.core.dialect import trigger_name
from store.core.migrations import GUARD_TRIGGERS
from store.integrity.records import Problem, ProblemKind, VerifyReport
from store.integrity.service import QUICK_LINKS
from store.service import Store
from tests.conftest import Build

GOAL = {
    "domain": "health",
    "change": "Attend three diabetes education classes at the health centre",
    "measure": "classes attended, from the centre's register",
    "target": "3 of 3",
    "relevance": "I want to be well enough to look after my grandson",
    "target_on": "1/2/2027",
    "client_agreed": "yes",
    "achievable": "yes",
    "achievable_note": "",
}
NOTE = {
    "contact_at": "today 9:30",
    "note_type": "home visit",
    "present": "Client",
    "body": "Visited at home; agreed to call the housing office by Friday.",
}

# For each kind of final record: a sealed column an intruder might change.
EDITED = {
    "note": "body",
    "note_amendment": "body",
    "conference": "place",
    "conference_attendee": "name",
    "conference_agenda_item": "title",
    "conference_action": "what",
    "conference_amendment": "body",
    "chronology_entry": "title",
    "summary_version": "body",
    "plan_goal_version": "change",
    "plan_review": "summary",
    "plan_review_rating": "evidence",
    "record_change": "new_value",
    "audit_event": "detail",
    "supervision_note": "body",
    "supervision_amendment": "body",
    "assessment": "summary",
    "assessment_domain": "needs",
    "assessment_amendment": "body",
    "referral_status_change": "note",
    "referral_chase": "said",
    "referral_version": "reason",
}
KINDS = [kind.table for kind in seal.SEALED]


def build_records(path: Path) -> None:
    """A database with at least one of every kind of final record, all made through the store."""
    store = Store.open(path)
    try:
        # An administrator's account (its making is audited); the records are a worker's.
        store.workers.init_administrator("ada.admin", "Ada Admin", "a long passphrase")
        me = store.workers.ensure("sam.okafor")
        case = store.cases.create(me, {"client_name": "Dana Reyes", "allocated_on": "1/6/2026"})
        store.case_file.update_client(me, case.client_id, {"phone": "0161 496 0000"}, version=1)
        store.case_file.save_summary(me, case.id, "## Background\nMoved in January.")
        note = store.notes.finalise(
            me, case.id, {**NOTE, "significant": "yes", "chronology_title": "Eviction notice"}
        )
        store.notes.amend(me, note.id, reason="Wrong day", body="It was Thursday.")
        draft_id = store.notes.save_draft(me, case.id, NOTE)  # final later, from a draft
        store.notes.finalise(me, case.id, NOTE, draft_id=draft_id)
        gp = store.case_file.add_professional(me, case.id, {"name": "Dr Amir Khan"})
        draft = store.conferences.start(
            me,
            case.id,
            {
                "held_at": "20/11/2026 14:00",
                "place": "Hillside Family Centre",
                "conference_type": "Case Conference",
                "chair": "Jo Marsh",
                "minute_taker": "Sam Okafor",
                "attendees": [{"who": f"professional:{gp.id}"}, {"who": "worker"}],
                "agenda": [{"title": "Health", "discussion": "Steadier."}],
                "actions": [{"what": "Send the letter", "owner": "attendee:0", "due_on": "+2w"}],
            },
        )
        minutes = store.conferences.finalise(me, draft.id, version=draft.version)
        store.conferences.amend(me, minutes.id, {"reason": "Typo", "body": "Room 2, not 3."})
        plan = store.plans.start(
            me, case.id, {"started_on": "1/9/2026", "review_interval": "6 weeks"}
        )
        store.plans.add_goal(me, plan.id, GOAL)
        plan = store.plans.get(me, plan.id)
        review = {"held_on": "20/11/2026", "client_present": "yes", "client_views": "OK."}
        for g in plan.open_goals:
            review |= {
                f"rating_{g.id}": "progressing",
                f"evidence_{g.id}": "Seen at the home visit",
                f"decision_{g.id}": "continue",
            }
        store.plans.review(me, plan.id, review)
        # Supervision, recorded on a worker: a manager's note about a worker, amended.
        admin = store.workers.named("ada.admin")
        manager = store.workers.add(admin, login="meg.manager", role="manager")
        worker = store.workers.add(admin, login="nia.north", role="worker")
        supervision = store.supervision.finalise(
            manager, worker.id, {"held_on": "20/11/2026", "body": "Caseload steady."}
        )
        store.supervision.amend(manager, supervision.id, reason="Date", body="Held on the 19th.")
        # An assessment, finalised with its domains, amended; the next one a draft.
        begun = store.assessments.start(me, case.id)
        begun = store.assessments.save_draft(
            me,
            begun.id,
            {"summary": "Settled.", "d4_needs": "Arrears.", "d4_rating": "high need"},
            version=begun.version,
        )
        assessment = store.assessments.finalise(me, begun.id, version=begun.version)
        store.assessments.amend(me, assessment.id, reason="Figure", body="£450.")
        store.assessments.start(me, case.id, copy_last=True)
        # A referral sent, accepted and chased: its status history and chases.
        referral = store.referrals.create(
            me,
            case.id,
            {
                "agency": "Citizens Advice",
                "referred_on": "2/11/2026",
                "reason": "Debts",
                "shared": "Name and address",
                "lawful_reason": "Safeguarding",
            },
        )
        store.referrals.change_status(
            me, referral.id, {"status": "accepted", "note": "Seen"}, version=1
        )
        store.referrals.chase(
            me, referral.id, {"method": "phone", "contacted": "Duty desk", "said": "Soon"}
        )
        store.referrals.edit(
            me,
            referral.id,
            {
                "agency": "Citizens Advice",
                "referred_on": "2/11/2026",
                "reason": "Debts and rent arrears",
                "shared": "Name and address",
                "why": "The arrears were left out",
            },
            version=2,
        )
        # A manual entry is not sealed: it can be edited, its history is.
        store.chronology.add(
            me, case.id, {"occurred_on": "2/6/2026", "title": "School meeting", "category": "other"}
        )
    finally:
        store.close()


@pytest.fixture
def path(tmp_path: Path, prebuilt: Callable[[Path, Build], Path]) -> Path:
    return prebuilt(tmp_path / "records.db", build_records)


def verify(path: Path, *, full: bool = True) -> VerifyReport:
    store = Store.open_read_only(path)
    try:
        return store.integrity.verify(full=full)
    finally:
        store.close()


@pytest.fixture
def intruder(path: Path) -> Iterator[sqlite3.Connection]:
    """The file opened with sqlite3, as anyone who can write it could."""
    conn = sqlite3.connect(path, isolation_level=None)
    yield conn
    conn.close()


def drop_triggers(conn: sqlite3.Connection, table: str) -> list[str]:
    """Drop the triggers guarding ``table`` (those keeping the search index in step stay)."""
    names = [
        str(name)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            "AND name NOT LIKE 'search\\_%' ESCAPE '\\'",
            (table,),
        )
    ]
    for name in names:
        conn.execute(f"DROP TRIGGER {name}")
    return names


def a_row(conn: sqlite3.Connection, table: str) -> int:
    kind = seal.BY_TABLE[table]
    where = f" WHERE {kind.final}" if kind.final else ""
    return int(conn.execute(f'SELECT MAX(id) FROM "{table}"{where}').fetchone()[0])


def missing(names: list[str]) -> set[Problem]:
    return {Problem(ProblemKind.TRIGGER_MISSING, name) for name in names}


# --- sealing ------------------------------------------------------------------------------------


def test_every_kind_of_final_record_is_sealed_and_the_chain_is_sound(path: Path) -> None:
    report = verify(path)
    assert report.problems == ()
    conn = sqlite3.connect(path)
    try:
        sealed = dict(
            conn.execute("SELECT table_name, COUNT(*) FROM record_seal GROUP BY table_name")
        )
        manual = conn.execute(
            "SELECT COUNT(*) FROM record_seal JOIN chronology_entry c ON c.id = row_id"
            " WHERE table_name = 'chronology_entry' AND c.source_kind = 'manual'"
        ).fetchone()[0]
    finally:
        conn.close()
    assert sorted(sealed) == sorted(KINDS)
    assert sealed["note"] == 2  # the one finalised from a draft too
    assert manual == 0
    assert report.head.count == report.links_checked == report.records_checked
    assert report.triggers_checked == len(GUARD_TRIGGERS)


def test_the_quick_check_looks_at_the_newest_links_only(
    path: Path, intruder: sqlite3.Connection
) -> None:
    quick = verify(path, full=False)
    assert (quick.full, quick.problems, quick.records_checked) == (False, (), 0)
    assert quick.links_checked == min(QUICK_LINKS, quick.head.count)


def test_the_head_is_the_newest_link(path: Path) -> None:
    store = Store.open_read_only(path)
    try:
        head = store.integrity.head()
    finally:
        store.close()
    conn = sqlite3.connect(path)
    try:
        newest = conn.execute("SELECT chain_hash FROM record_seal ORDER BY id DESC").fetchone()
        count = conn.execute("SELECT COUNT(*) FROM record_seal").fetchone()[0]
    finally:
        conn.close()
    assert (head.chain_hash, head.count) == (newest[0], count)
    assert head.sealed_at is not None


def test_a_failed_write_seals_nothing(path: Path) -> None:
    store = Store.open(path)
    try:
        me = store.workers.named("sam.okafor")
        before = store.integrity.head()
        with pytest.raises(RuntimeError), store.database.writing():
            store.case_file.save_summary(me, 1, "Rolled back")
            raise RuntimeError
        assert store.integrity.head() == before
        assert store.integrity.verify().problems == ()
    finally:
        store.close()


# --- what an intruder with the file does, named ---------------------------------------------


@pytest.mark.parametrize("table", KINDS)
def test_an_edit_made_outside_the_app_is_named(
    path: Path, intruder: sqlite3.Connection, table: str
) -> None:
    row_id = a_row(intruder, table)
    dropped = drop_triggers(intruder, table)
    intruder.execute(
        f'UPDATE "{table}" SET "{EDITED[table]}" = \'changed\' WHERE id = ?', (row_id,)
    )
    link = intruder.execute(
        "SELECT id FROM record_seal WHERE table_name = ? AND row_id = ?", (table, row_id)
    ).fetchone()[0]
    for full in (True, False):
        report = verify(path, full=full)
        assert set(report.problems) == {
            Problem(ProblemKind.ALTERED, table, row_id, link),
            *missing(dropped),
        }
    assert not report.sound


@pytest.mark.parametrize("table", KINDS)
def test_a_deleted_record_is_named(path: Path, intruder: sqlite3.Connection, table: str) -> None:
    row_id = a_row(intruder, table)
    dropped = drop_triggers(intruder, table)
    intruder.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))
    link = intruder.execute(
        "SELECT id FROM record_seal WHERE table_name = ? AND row_id = ?", (table, row_id)
    ).fetchone()[0]
    assert set(verify(path).problems) == {
        Problem(ProblemKind.DELETED, table, row_id, link),
        *missing(dropped),
    }


@pytest.mark.parametrize("table", KINDS)
def test_a_record_inserted_outside_the_app_is_named(
    path: Path, intruder: sqlite3.Connection, table: str
) -> None:
    row_id = a_row(intruder, table)
    dropped = drop_triggers(intruder, table) if table in seal.PART_TABLES else []
    columns = [r[1] for r in intruder.execute(f'PRAGMA table_info("{table}")') if r[1] != "id"]
    names = ", ".join(f'"{c}"' for c in columns)
    # A copy of a record, but a goal's versions and an assessment's domains are numbered
    # uniquely.
    values = names.replace('"number"', '"number" + 1').replace('"position"', '"position" + 100')
    cursor = intruder.execute(
        f'INSERT INTO "{table}" ({names}) SELECT {values} FROM "{table}" WHERE id = ?', (row_id,)
    )
    assert set(verify(path).problems) == {
        Problem(ProblemKind.INSERTED, table, cursor.lastrowid),
        *missing(dropped),
    }


def test_a_link_changed_in_the_chain_is_named(path: Path, intruder: sqlite3.Connection) -> None:
    drop_triggers(intruder, "record_seal")
    link, table, row_id = intruder.execute(
        "SELECT id, table_name, row_id FROM record_seal WHERE table_name = 'note'"
    ).fetchone()
    # The record and its seal both changed, consistently: the chain still shows it.
    intruder.execute("DROP TRIGGER note_final_no_update")
    intruder.execute("UPDATE note SET body = 'rewritten' WHERE id = ?", (row_id,))
    kind = seal.BY_TABLE["note"]
    values = intruder.execute(seal.select_sql(kind, f"id = {row_id}")).fetchone()
    intruder.execute(
        "UPDATE record_seal SET content_hash = ? WHERE id = ?",
        (seal.content_hash(kind, values), link),
    )
    problems = set(verify(path).problems) - missing(
        ["record_seal_no_update", "record_seal_no_delete", "note_final_no_update"]
    )
    assert problems == {Problem(ProblemKind.BROKEN_LINK, table, row_id, link)}


def test_a_removed_link_breaks_the_chain_after_it(path: Path, intruder: sqlite3.Connection) -> None:
    drop_triggers(intruder, "record_seal")
    link = 3
    after = intruder.execute(
        "SELECT table_name, row_id FROM record_seal WHERE id = ?", (link + 1,)
    ).fetchone()
    gone = intruder.execute(
        "SELECT table_name, row_id FROM record_seal WHERE id = ?", (link,)
    ).fetchone()
    intruder.execute("DELETE FROM record_seal WHERE id = ?", (link,))
    problems = set(verify(path).problems)
    assert Problem(ProblemKind.BROKEN_LINK, after[0], after[1], link + 1) in problems
    assert Problem(ProblemKind.INSERTED, gone[0], gone[1]) in problems


@pytest.mark.parametrize("name", [trigger_name(sql) for sql in GUARD_TRIGGERS])
def test_a_dropped_or_changed_trigger_is_named(
    path: Path, intruder: sqlite3.Connection, name: str
) -> None:
    intruder.execute(f"DROP TRIGGER {name}")
    assert verify(path, full=False).problems == (Problem(ProblemKind.TRIGGER_MISSING, name),)
    sql = next(s for s in GUARD_TRIGGERS if trigger_name(s) == name)
    # The same trigger in name, that lets the change through quietly.
    intruder.execute(re.sub(r"RAISE\(ABORT, '.*'\)", "RAISE(IGNORE)", sql))
    assert verify(path).problems == (Problem(ProblemKind.TRIGGER_CHANGED, name),)


def test_a_missing_seal_table_is_named(path: Path, intruder: sqlite3.Connection) -> None:
    intruder.execute("DROP TABLE record_seal")
    problems = verify(path).problems
    assert Problem(ProblemKind.NO_SEALS, "record_seal") in problems
    assert set(problems) - {Problem(ProblemKind.NO_SEALS, "record_seal")} == missing(
        ["record_seal_no_update", "record_seal_no_delete"]
    )


# --- what the database refuses ------------------------------------------------------------------


@pytest.mark.parametrize("table", [*KINDS, "record_seal"])
def test_update_and_delete_are_refused_on_every_sealed_table(
    intruder: sqlite3.Connection, table: str
) -> None:
    row_id = (
        int(intruder.execute("SELECT MAX(id) FROM record_seal").fetchone()[0])
        if table == "record_seal"
        else a_row(intruder, table)
    )
    column = EDITED.get(table, "chain_hash")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed or deleted"):
        intruder.execute(f'UPDATE "{table}" SET "{column}" = \'changed\' WHERE id = ?', (row_id,))
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed or deleted"):
        intruder.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))


def test_an_automatic_entry_still_takes_an_analysis_and_a_manual_one_changes(
    path: Path,
) -> None:
    store = Store.open(path)
    try:
        me = store.workers.named("sam.okafor")
        entries = store.chronology.entries(me, 1)
        automatic = next(e for e in entries if e.source_kind == "note")
        manual = next(e for e in entries if e.source_kind == "manual")
        store.chronology.annotate(
            me, automatic.id, "Risk of homelessness.", version=automatic.version, category="housing"
        )
        store.chronology.update(me, manual.id, {"title": "School review"}, version=manual.version)
        assert store.integrity.verify().problems == ()
    finally:
        store.close()


# --- an upgraded database, and several writers at once ---------------------------------------


def test_an_upgraded_database_has_its_final_records_sealed(tmp_path: Path) -> None:
    from tests.store.test_migrations_every_version import build_database

    path = tmp_path / "v9.db"
    build_database(path, 9)
    Store.open(path).close()
    report = verify(path)
    assert report.problems == ()
    conn = sqlite3.connect(path)
    try:
        order = conn.execute("SELECT table_name, row_id FROM record_seal ORDER BY id").fetchall()
    finally:
        conn.close()
    assert {t for t, _ in order} >= {"note", "note_amendment", "conference", "audit_event"}
    for table in {t for t, _ in order}:
        ids = [r for t, r in order if t == table]
        assert ids == sorted(ids), f"{table} sealed in id order"
    assert report.head.count == len(order) == report.records_checked


WRITER = r"""
import sys
from store.service import Store

path, login, notes = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store.open(path)
me = store.workers.ensure(login)
case = store.cases.create(me, {"client_name": f"Client of {login}"})
for n in range(notes):
    store.notes.finalise(me, case.id, {
        "contact_at": "today 9:30", "note_type": "phone call", "body": f"Note {n}."
    })
store.close()
"""


def test_writers_in_two_processes_keep_one_unbroken_chain(path: Path) -> None:
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), login, "25"],
            cwd=Path(__file__).resolve().parents[2],
        )
        for login in ("priya.nair", "tom.hughes")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    report = verify(path)
    assert report.problems == ()
    conn = sqlite3.connect(path)
    try:
        notes = conn.execute("SELECT COUNT(*) FROM note WHERE status = 'final'").fetchone()[0]
    finally:
        conn.close()
    assert notes == 2 + 50


# --- an anchor kept outside -----------------------------------------------------------------


def test_a_chain_rewritten_from_a_copy_is_caught_by_the_head_kept_outside(
    path: Path, intruder: sqlite3.Connection
) -> None:
    store = Store.open_read_only(path)
    try:
        kept = store.integrity.head()
    finally:
        store.close()
    anchor = (kept.chain_hash, kept.count)
    assert verify_anchored(path, anchor).problems == ()
    # Someone rewrites an early note and every link from its own onwards: the chain checks
    # out on its own, but no longer leads through the head kept outside.
    for name in ("record_seal_no_update", "note_final_no_update"):
        intruder.execute(f"DROP TRIGGER {name}")
    intruder.execute("UPDATE note SET body = 'rewritten' WHERE id = 1")
    previous = seal.GENESIS
    for link, table, row_id in intruder.execute(
        "SELECT id, table_name, row_id FROM record_seal ORDER BY id"
    ).fetchall():
        kind = seal.BY_TABLE[table]
        values = intruder.execute(seal.select_sql(kind, f"id = {row_id}")).fetchone()
        content = seal.content_hash(kind, values)
        previous = seal.chain_hash(previous, table, row_id, content)
        intruder.execute(
            "UPDATE record_seal SET content_hash = ?, chain_hash = ? WHERE id = ?",
            (content, previous, link),
        )
    for name in ("record_seal_no_update", "note_final_no_update"):
        sql = next(s for s in GUARD_TRIGGERS if trigger_name(s) == name)
        intruder.execute(sql)
    assert verify(path).problems == ()  # undetectable from the file alone
    assert verify_anchored(path, anchor).problems == (
        Problem(ProblemKind.ANCHOR, "record_seal", kept.count),
    )


def verify_anchored(path: Path, anchor: tuple[str, int]) -> VerifyReport:
    store = Store.open_read_only(path)
    try:
        return store.integrity.verify(anchor=anchor)
    finally:
        store.close()
