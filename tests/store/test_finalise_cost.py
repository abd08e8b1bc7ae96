"""What finalising a note asks of the database, counted by statement rather than timed: the
note, its place in the search index, its audit event and the seals of both are written in one
transaction, and the chain of seals is read once for all of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from store.common.records import WorkerInfo
from store.service import Store
from tests.store.test_search_cost import statements

MakeCase = Callable[..., Any]


def run(seen: list[str]) -> list[str]:
    """The statements run, from what the connection reported: a trigger's own statements
    ("-- ...") left out, and a statement reported again as each trigger it fires begins."""
    ran: list[str] = []
    for sql in seen:
        if not sql.startswith("--") and (not ran or sql != ran[-1]):
            ran.append(sql)
    return ran


def finalise(store: Store, me: WorkerInfo, case_id: int, when: str, **more: str) -> int:
    data = {"note_type": "phone call", "contact_at": when, "body": "Rang about the rent.", **more}
    return store.notes.finalise(me, case_id, data).id


def test_a_note_is_finalised_in_one_transaction_of_few_statements(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    finalise(store, me, case.id, "1/10/2026 9:00")  # the connection's seal triggers made
    with statements(store) as seen:
        note_id = finalise(store, me, case.id, "2/10/2026 9:00")
    ran = run(seen)
    # The permission check's read, then one write transaction holding everything.
    assert ran[:3] == ["BEGIN", ran[1], "COMMIT"] and ran[1].startswith("SELECT c.ref")
    assert ran[3] == "BEGIN IMMEDIATE" and ran[-1] == "COMMIT"
    written = seen[seen.index("BEGIN IMMEDIATE") : len(seen) - 1]
    assert [s for s in written if s.startswith('INSERT INTO "note"')]
    assert [s for s in written if "INSERT INTO 'main'.'search_index_content'" in s]
    assert [s for s in written if s.startswith('INSERT INTO "audit_event"')]
    sealed = [s for s in written if s.startswith("INSERT INTO record_seal")]
    assert [("'note', " + str(note_id)) in s for s in sealed] == [True, False]
    # The newest seal is read once, however many records the write seals.
    assert len([s for s in ran if s.startswith("SELECT chain_hash FROM record_seal")]) == 1
    assert len(ran) == 16  # the case's last contact moves: one UPDATE more than the least
    assert len([s for s in ran if s.startswith('UPDATE "case"')]) == 1


def test_a_note_with_a_follow_up_and_a_chronology_entry_seals_all_three_in_order(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    finalise(store, me, case.id, "1/10/2026 9:00")
    with statements(store) as seen:
        note_id = finalise(
            store,
            me,
            case.id,
            "2/10/2026 9:00",
            significant="yes",
            chronology_title="Rent arrears raised",
            chronology_category="housing",
            follow_up_on="9/10/2026",
        )
    sealed = [s.split("VALUES ('")[1].split("'")[0] for s in seen if "INTO record_seal" in s]
    assert sealed == ["note", "chronology_entry", "audit_event"]  # SEALED's order
    assert len([s for s in run(seen) if s.startswith("SELECT chain_hash")]) == 1
    report = store.integrity.verify()
    assert report.sound, report.problems
    assert store.notes.get(me, note_id).follow_up_on is not None


def test_the_terminal_an_event_comes_from_is_asked_of_the_system_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import sys

    from store.audit.service import origin_here

    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_CLIENT", raising=False)
    asked: list[int] = []

    class Terminal:
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            return 0

    def ttyname(fd: int) -> str:
        asked.append(fd)
        return f"/dev/pts/{len(asked)}"

    monkeypatch.setattr(os, "ttyname", ttyname)
    monkeypatch.setattr(sys, "stdin", Terminal())
    assert [origin_here() for _ in range(3)] == ["/dev/pts/1"] * 3
    assert asked == [0]
    monkeypatch.setattr(sys, "stdin", Terminal())  # another standard input: asked again
    assert origin_here() == "/dev/pts/2"
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.5 52100 10.0.0.1 22")  # SSH comes first
    assert origin_here() == "ssh 10.0.0.5"


def test_a_draft_finalised_is_stored_as_a_note_finalised_at_once(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: MakeCase
) -> None:
    from store.common.errors import Conflict

    case = make_case()
    state = {"note_type": "phone call", "contact_at": "2/10/2026 9:00", "body": "Rang."}
    draft = store.notes.save_draft(me, case.id, state)
    data = {**state, "significant": "yes", "chronology_title": "Rang", "follow_up_on": "9/10/2026"}
    with pytest.raises(Conflict):  # not the author's draft
        store.notes.finalise(other, case.id, data, draft_id=draft)
    store.notes.finalise(me, case.id, data, draft_id=draft)
    direct = store.notes.finalise(me, case.id, data).id
    with store.database.reading() as db:
        columns = "contact_at, note_type, present, body, significant, chronology_title, "
        columns += "follow_up_on, status, draft_state, typeof(finalised_at), version"
        rows = db.execute_sql(
            f"SELECT {columns} FROM note WHERE id IN (?, ?) ORDER BY id", (draft, direct)
        )
        made, at_once = rows.fetchall()
        last_contact = db.execute_sql(
            'SELECT last_contact_at FROM "case" WHERE id = ?', (case.id,)
        ).fetchone()[0]
    assert made[:-1] == at_once[:-1] and (made[-1], at_once[-1]) == (2, 1)
    assert made[0] == last_contact == "2026-10-02 08:00:00"  # as peewee writes a datetime
    with pytest.raises(Conflict):  # final already
        store.notes.finalise(me, case.id, data, draft_id=draft)


def test_a_content_hash_is_the_hash_of_the_same_json_as_ever() -> None:
    # Records sealed before keep their seals: the text hashed is written exactly as
    # json.dumps wrote it, whatever the values.
    import hashlib
    import json

    from store.core import seal

    kind = seal.Sealed("t", ("id", "body", "n", "x", "blob", "none", "zeta", "alpha"))
    rows = [
        (1, "plain", 0, 1.5, b"\x00\xff", None, "", "a"),
        (2, 'Zoë said “no” \\ "quoted" \u2028 \x1b[31m\ttab\nline', -7, 1e-9, b"", None, "z", ""),
        (3, "😀 emoji and \U0010ffff", 2**62, float(10**20), b"abc", None, "\x00", "é"),
    ]
    for values in rows:
        as_stored = {
            c: (v.hex() if isinstance(v, bytes) else v)
            for c, v in zip(kind.columns, values, strict=True)
        }
        text = json.dumps(as_stored, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert seal.content_hash(kind, values) == hashlib.sha256(text.encode()).hexdigest()
