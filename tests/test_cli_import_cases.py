"""``caseline import cases PATH.csv``, run for real: every line checked, then all imported in
one go or nothing; each problem named by its line and column; a file that isn't a file of
cases refused in one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.service import Store
from tests.cli import Ran, caseline
from tests.test_cli_admin import assert_fails, said

BOSS, SAM, TOM = "the boss's passphrase", "sam's own passphrase", "tom's own passphrase"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    store = Store.open(path)
    try:
        boss = store.workers.init_administrator("boss", None, BOSS)
        store.workers.add(boss, login="sam.okafor", role="manager", team="North", passphrase=SAM)
        store.workers.add(boss, login="nia.shah", team="North")
        store.workers.add(boss, login="tom.south", team="South", passphrase=TOM)
    finally:
        store.close()
    return path


def run(tmp_path: Path, db: Path, text: str, who: str = "sam.okafor", said: str = SAM) -> Ran:
    csv = tmp_path / "cases.csv"
    csv.write_bytes(text.encode("utf-8"))
    return caseline(
        tmp_path, "--worker", who, "import", "cases", str(csv), "--db", str(db), stdin=said + "\n"
    )


def cases(db: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(
            'SELECT l.name, c.ref, w.username FROM "case" c JOIN client l ON l.id = c.client_id '
            "JOIN worker w ON w.id = c.worker_id ORDER BY c.id"
        ).fetchall()
    finally:
        conn.close()


def test_a_file_of_cases_is_imported_whole_each_starting_its_chronology(
    tmp_path: Path, db: Path
) -> None:
    text = (
        "\ufeffClient name,Date of birth,Address,Phone,Worker,Allocated on,Ref\n"
        'Amina Okoro,2011-04-03,"Flat 2, 10 Hope St\nLeeds",0161 496 0001,,1/11/2026,\n'
        '"Ben ""Benny"" Ross",,,,nia.shah,,OLD-17\n'
        "\n"
    )
    result = run(tmp_path, db, text)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Imported 2 cases from {tmp_path / 'cases.csv'}."
    assert "Amina Okoro" in lines[1] and "OLD-17" in lines[2] and "Nia Shah" in lines[2]
    assert [(name, who) for name, _ref, who in cases(db)] == [
        ("Amina Okoro", "sam.okafor"),
        ('Ben "Benny" Ross', "nia.shah"),
    ]
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    address, dob = conn.execute(
        "SELECT address, date_of_birth FROM client WHERE name = 'Amina Okoro'"
    ).fetchone()
    first = conn.execute(
        "SELECT category, occurred_on FROM chronology_entry ORDER BY id LIMIT 1"
    ).fetchone()
    created = conn.execute("SELECT COUNT(*) FROM audit_event WHERE action = 'case-created'")
    assert created.fetchone()[0] == 2
    conn.close()
    assert (address, dob) == ("Flat 2, 10 Hope St Leeds", "2011-04-03")  # as the form keeps it
    assert first == ("allocation", "2026-11-01")


def test_a_file_with_any_problem_imports_nothing_and_names_each_by_its_line(
    tmp_path: Path, db: Path
) -> None:
    text = (
        "client_name,date_of_birth,phone,worker,ref\n"
        '"Amina Okoro","2011-04-03","0161 496 0001",,A-1\n'  # line 2: fine
        '"Cara\nLee",31/02/2001,12,nobody,\n'  # lines 3-4: three problems, on line 3
        ",,,,\n"  # blank: left out
        "1234,,,,A-1\n"  # line 6: no letters in the name, A-1 twice
    )
    result = run(tmp_path, db, text)
    assert_fails(result, "4 problems in", "nothing was imported")
    said = result.stdout.splitlines()
    assert said[0].startswith("line 3: date_of_birth: Not a valid date")
    assert said[1] == "line 3: phone: Phone number should have between 6 and 20 digits."
    assert said[2] == "line 3: worker: No worker called 'nobody'."
    assert said[3] == "line 6: client_name: Client name must contain letters."
    assert cases(db) == []
    again = run(tmp_path, db, "client_name,ref\nAmina Okoro,A-1\nBea,A-1\n")
    assert again.returncode == 1
    assert again.stdout.splitlines() == ["line 3: ref: A-1 is on line 2 too."]
    # A worker may not give cases to someone else: refused at that line, the others undone.
    refused = run(
        tmp_path, db, "client_name,worker\nAmina Okoro,\nBea,nia.shah\n", "tom.south", TOM
    )
    assert_fails(refused, "Line 3:")
    assert cases(db) == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("name,dob\nAda,\n", "no column 'name'"),
        ("date_of_birth\n2001-01-01\n", "no client_name column"),
        ("client_name\n", "has no cases in it"),
        ("client_name\nAda,extra\n", "line 2 has more cells"),
        ("", "no client_name column"),
    ],
)
def test_a_file_that_is_not_a_file_of_cases_is_refused_in_one_line(
    tmp_path: Path, db: Path, text: str, said: str
) -> None:
    assert_fails(run(tmp_path, db, text), said)
    assert cases(db) == []


def on_record(db: Path) -> None:
    """Cases already held: a closed one, one of another team's, and a restricted one."""
    store = Store.open(db)
    try:
        sam, tom = store.workers.named("sam.okafor"), store.workers.named("tom.south")
        old = store.cases.create(sam, {"client_name": "Jonathan Smith", "ref": "OLD-1"})
        store.cases.create(
            tom, {"client_name": "Maria Garcia", "date_of_birth": "1975-06-05", "ref": "OLD-2"}
        )
        hidden = store.cases.create(tom, {"client_name": "Rosa Diaz", "ref": "OLD-3"})
        store.cases.restrict(
            tom, hidden.id, {"restricted": "yes", "reason": "A worker's relative"}, version=1
        )
        store.cases.close(
            sam,
            old.id,
            {"reason": "work completed", "open_items_reason": "Closed before the checklist"},
            version=store.cases.get(sam, old.id).version,
        )
    finally:
        store.close()


FILE_WITH_DUPLICATES = (
    "client_name,date_of_birth\n"
    "Jonathon Smith,\n"  # line 2: spelt nearly as a client on record (a closed case)
    "Maria Khan,1975-06-05\n"  # line 3: born the day Maria Garcia was: a surname changed?
    "Pat Jones,1975-06-05\n"  # line 4: born that day too, but no name in common: not flagged
    "Amina Okoro,\n"  # line 5
    "Rosa Diaz,\n"  # line 6: a restricted case's client, not named to this worker
    "okoro AMINA,\n"  # line 7: the client of line 5 again
)


def test_rows_whose_clients_may_already_be_known_import_nothing_and_each_is_named(
    tmp_path: Path, db: Path
) -> None:
    on_record(db)
    before = cases(db)
    result = run(tmp_path, db, FILE_WITH_DUPLICATES)
    assert result.returncode == 1 and result.stdout == ""
    assert said(result) == [
        "line 2: 'Jonathon Smith' may be OLD-1 Jonathan Smith (similar name)",
        "line 3: 'Maria Khan' may be OLD-2 Maria Garcia (same date of birth)",
        "line 6: 'Rosa Diaz' may be OLD-3 (restricted) (same name)",
        "line 7: 'okoro AMINA' may be line 5 Amina Okoro (same name, other order)",
        f"caseline: 4 rows of {tmp_path / 'cases.csv'} may be clients already known: nothing "
        "was imported. Check them; import anyway with --allow-duplicates.",
    ]
    assert cases(db) == before


def test_allowed_duplicates_are_imported_and_still_listed(tmp_path: Path, db: Path) -> None:
    on_record(db)
    path = tmp_path / "cases.csv"
    path.write_text(FILE_WITH_DUPLICATES, encoding="utf-8")
    args = ("--worker", "sam.okafor", "import", "cases", str(path), "--db", str(db))
    result = caseline(tmp_path, *args, "--allow-duplicates", stdin=SAM + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Imported 6 cases from {path}."
    listed = said(result)
    assert [line.split(":")[0] for line in listed[-5:-1]] == [
        "line 2",
        "line 3",
        "line 6",
        "line 7",
    ]
    assert listed[-1] == "caseline: 4 rows imported may be clients already known: check them."
    assert len(cases(db)) == 3 + 6
    # The same file again, by mistake: every row's client is now on record.
    again = caseline(tmp_path, *args, stdin=SAM + "\n")
    assert again.returncode == 1
    assert len(said(again)) == 6 + 1 and "6 rows of" in said(again)[-1]
    assert "line 4: 'Pat Jones' may be " in again.stderr and "(same name" in again.stderr
    assert len(cases(db)) == 3 + 6


def test_a_file_without_duplicates_says_nothing_of_them(tmp_path: Path, db: Path) -> None:
    on_record(db)
    result = run(tmp_path, db, "client_name,date_of_birth\nKate Brown,1975-06-05\nJo Byron,\n")
    assert result.returncode == 0, result.stderr
    assert "known" not in result.stderr and result.stdout.startswith("Imported 2 cases")
