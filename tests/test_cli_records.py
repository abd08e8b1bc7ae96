"""``caseline list`` and ``caseline note``, run for real: the caseload as a table, CSV and
JSON, yours, your team's or all; a note added (finalised, significant, a draft, from standard
input with a token), validated as the app validates it, each mistake in one line."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from store.service import Store
from tests.cli import Ran, caseline
from tests.test_cli_admin import assert_fails

BOSS, SAM = "the boss's passphrase", "sam's own passphrase"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Sam (a manager in team North) with two cases, a colleague in North with one, someone
    in South with one; a client's name made to run in a spreadsheet."""
    path = tmp_path / "c.db"
    store = Store.open(path)
    try:
        boss = store.workers.init_administrator("boss", None, BOSS)
        sam = store.workers.add(
            boss, login="sam.okafor", role="manager", team="North", passphrase=SAM
        )
        nia = store.workers.add(boss, login="nia.shah", team="North")
        tom = store.workers.add(boss, login="tom.south", team="South")
        store.cases.create(sam, {"client_name": "Ada Byron", "allocated_on": "1/6/2026"})
        store.cases.create(sam, {"client_name": "=cmd|' /C calc'!A0"})
        store.cases.create(nia, {"client_name": "Bea North"})
        store.cases.create(tom, {"client_name": "Cy South"})
    finally:
        store.close()
    return path


def listing(tmp_path: Path, db: Path, *args: str) -> Ran:
    return caseline(
        tmp_path, "--worker", "sam.okafor", "list", "--db", str(db), *args, stdin=SAM + "\n"
    )


def test_list_shows_mine_my_teams_or_all_as_a_table_csv_or_json(tmp_path: Path, db: Path) -> None:
    table = listing(tmp_path, db)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:4] == ["REF", "CLIENT", "STATUS", "WORKER"]
    assert len(lines) == 3 and "Ada Byron" in table.stdout and "Bea North" not in table.stdout
    team = json.loads(listing(tmp_path, db, "--team", "--format", "json").stdout)
    assert sorted(c["client"] for c in team) == ["=cmd|' /C calc'!A0", "Ada Byron", "Bea North"]
    assert {c["status"] for c in team} == {"open"}
    assert all(c["ref"].startswith("CL-") and isinstance(c["flags"], list) for c in team)
    every = listing(tmp_path, db, "--all", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(every.stdout)))
    assert sorted(r["client"] for r in rows) == [
        "'=cmd|' /C calc'!A0",  # shown as text, never run as a formula
        "Ada Byron",
        "Bea North",
        "Cy South",
    ]
    assert json.loads(listing(tmp_path, db, "--status", "closed", "--format", "json").stdout) == []
    assert listing(tmp_path, db, "--mine", "--all").returncode == 2
    assert listing(tmp_path, db, "--format", "xml").returncode == 2
    wrong = caseline(tmp_path, "--worker", "sam.okafor", "list", "--db", str(db), stdin="guess\n")
    assert_fails(wrong, "passphrase")


def note(tmp_path: Path, db: Path, *args: str, stdin: str = SAM + "\n", **kw: object) -> Ran:
    return caseline(
        tmp_path,
        "--worker",
        "sam.okafor",
        "note",
        *args,
        "--db",
        str(db),
        stdin=stdin,
        **kw,  # type: ignore[arg-type]
    )


def ref_of(db: Path, client: str) -> str:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        (ref,) = conn.execute(
            'SELECT c.ref FROM "case" c JOIN client l ON l.id = c.client_id WHERE l.name = ?',
            (client,),
        ).fetchone()
    finally:
        conn.close()
    return str(ref)


def test_a_note_is_added_finalised_or_as_a_draft_and_checked_as_the_app_checks_it(
    tmp_path: Path, db: Path
) -> None:
    ada = ref_of(db, "Ada Byron")
    options = ("--type", "home visit", "--date", "yesterday 14:30")
    significant = ("--significant", "Moved to a dry flat")
    added = note(tmp_path, db, ada, "Visited; the flat is dry now.", *options, *significant)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added note ") and added.stdout.strip().endswith(
        f"to {ada}, finalised."
    )
    drafted = note(tmp_path, db, ada, "Half a thought", "--draft")
    assert drafted.returncode == 0 and "draft" in drafted.stdout
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    notes = conn.execute("SELECT status, note_type, body FROM note ORDER BY id").fetchall()
    titles = conn.execute(
        "SELECT title FROM chronology_entry WHERE source_kind = 'note'"
    ).fetchall()
    conn.close()
    assert notes == [
        ("final", "home visit", "Visited; the flat is dry now."),
        ("draft", "case note", "Half a thought"),
    ]
    assert titles == [("Moved to a dry flat",)]
    for args, said in (
        (("--type", "smoke signal"), "--type: Choose a type"),
        (("--date", "blursday"), "--date: Not a date"),
        (("--follow-up", "31/2/2027"), "--follow-up: Not a valid date"),
        (("--significant", ""), "--significant:"),
    ):
        assert_fails(note(tmp_path, db, ada, "Text", *args), said)
    assert_fails(note(tmp_path, db, ada, "   "), "TEXT: The note is empty")
    assert_fails(note(tmp_path, db, "CL-1999-0001", "Text"), "No case with reference")
    # The note from standard input needs a token: standard input can't hold a passphrase too.
    assert_fails(note(tmp_path, db, ada, "-", stdin="From a script"), "token")
    store = Store.open(db)
    try:
        boss = store.workers.sign_in("boss", BOSS)
        token = store.tokens.create(boss, "sam.okafor", label="case notes script").token
    finally:
        store.close()
    piped = note(
        tmp_path, db, ada, "-", stdin="From a script.\nTwo lines.", env={"CASELINE_TOKEN": token}
    )
    assert piped.returncode == 0, piped.stderr
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (body,) = conn.execute("SELECT body FROM note ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert body == "From a script.\nTwo lines."


def test_show_gives_a_case_at_a_glance_and_its_opening_is_audited(tmp_path: Path, db: Path) -> None:
    ada = ref_of(db, "Ada Byron")
    assert note(tmp_path, db, ada, "Rang about the *rent*.", "--type", "phone call").returncode == 0

    def show(*args: str) -> Ran:
        return caseline(
            tmp_path, "--worker", "sam.okafor", "show", *args, "--db", str(db), stdin=SAM + "\n"
        )

    shown = show(ada)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert text.startswith(f"# {ada}: Ada Byron\n")
    assert "- **Allocated on:** 01 Jun 2026" in text and "- **Next review:** no plan" in text
    assert "No summary yet." in text
    assert "## Latest notes (1 of 1)" in text
    assert "phone call, Sam Okafor: Rang about the \\*rent\\*." in text  # typed, not markup
    data = json.loads(show(ada, "--format", "json").stdout)
    assert data["ref"] == ada and data["client"] == "Ada Byron" and data["notes_count"] == 1
    assert data["notes"][0]["first_line"] == "Rang about the *rent*."
    assert data["summary"] is None and data["allocated_on"] == "2026-06-01"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    opened = conn.execute(
        "SELECT login, detail FROM audit_event WHERE action = 'case-file-opened'"
    ).fetchall()
    conn.close()
    assert opened == [("sam.okafor", "stdout (caseline show)")] * 2
    assert_fails(show("CL-1999-0001"), "No case with reference")
    assert show(ada, "--format", "yaml").returncode == 2


def test_bytes_that_are_not_utf8_are_refused_in_one_line_and_nothing_kept(
    tmp_path: Path, db: Path
) -> None:
    ada = ref_of(db, "Ada Byron")
    undecodable = b"Rang \xff".decode("utf-8", "surrogateescape")  # as Python passes them on
    assert_fails(note(tmp_path, db, ada, undecodable), "not UTF-8 text")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (notes,) = conn.execute("SELECT COUNT(*) FROM note").fetchone()
    conn.close()
    assert notes == 0
