"""``caseline audit``: the real command, signing in with a passphrase on standard input, reading
the trail newest first as a table, CSV or JSON; refused to a worker; bad input in one line."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from store.common import dates
from store.common.errors import SignInRefused
from store.service import Store
from tests.cli import Ran, caseline
from tests.conftest import FROZEN_NOW
from tests.test_cli_admin import assert_fails

BOSS = "the boss's passphrase"
AUDREY = "audrey's passphrase"
SAM = "sam's own passphrase"


def audit(tmp_path: Path, who: str, passphrase: str, *args: str) -> Ran:
    return caseline(tmp_path, "--worker", who, "audit", *args, stdin=passphrase + "\n")


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, str, str]:
    """An administrator, an auditor, a worker (sam) with two cases, each opened by sam: the
    first a week ago, the second now. Returns the database and the two cases' references."""
    path = tmp_path / "c.db"
    store = Store.open(path)
    try:
        boss = store.workers.init_administrator("boss", None, BOSS)
        store.workers.add(boss, login="audrey", role="auditor", passphrase=AUDREY)
        sam = store.workers.add(boss, login="sam.okafor", passphrase=SAM)
        dates.freeze(FROZEN_NOW - timedelta(days=7))
        first = store.cases.create(sam, {"client_name": "Ada Byron", "allocated_on": "1/6/2026"})
        store.case_file.view(sam, first.id, opening=True)
        dates.freeze(FROZEN_NOW)
        second = store.cases.create(sam, {"client_name": "=cmd|' /C calc'!A0"})
        store.case_file.view(sam, second.id, opening=True)
        with pytest.raises(SignInRefused):  # a login typed to make a spreadsheet run it
            store.workers.sign_in("=1+1", "guess")
    finally:
        store.close()
    return path, first.ref, second.ref


def test_the_trail_as_a_table_newest_first(tmp_path: Path, db: tuple[Path, str, str]) -> None:
    path, _first, second = db
    result = audit(tmp_path, "audrey", AUDREY, "--db", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["WHEN", "WHO", "ACTION", "CASE", "RECORD", "DETAIL", "FROM"]
    # When is "23 Nov 2026 10:00": then who, and the action.
    rows = [line.split()[4:7] for line in lines[1:]]
    assert (
        rows[:4]
        == [
            ["audrey", "sign-in", *rows[0][2:]],  # this very reading's sign-in, first
            ["=1+1", "sign-in-failed", *rows[1][2:]],
            ["sam.okafor", "case-file-opened", second],
            ["sam.okafor", "case-created", second],
        ]
    )
    assert [r[1] for r in rows].count("case-file-opened") == 2


def test_filters_by_case_worker_and_day_as_json_and_csv(
    tmp_path: Path, db: tuple[Path, str, str]
) -> None:
    path, first, second = db
    result = audit(
        tmp_path, "audrey", AUDREY, "--db", str(path), "--case", first, "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert [(e["action"], e["case"], e["login"]) for e in events] == [
        ("case-file-opened", first, "sam.okafor"),
        ("case-created", first, "sam.okafor"),
    ]
    assert events[0]["at"].endswith("Z") and events[0]["record_kind"] == "case-file"
    result = audit(
        tmp_path,
        "audrey",
        AUDREY,
        "--db",
        str(path),
        "--worker",
        "sam.okafor",
        "--since",
        "20/11/2026",
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["action"], r["case"]) for r in rows] == [
        ("case-file-opened", second),
        ("case-created", second),
    ]
    # What was typed at a sign-in prompt goes into a spreadsheet as text, never a formula.
    result = audit(tmp_path, "audrey", AUDREY, "--db", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert "'=1+1" in [r["login"] for r in rows]
    assert all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())


def test_a_worker_may_not_read_the_trail(tmp_path: Path, db: tuple[Path, str, str]) -> None:
    result = audit(tmp_path, "sam.okafor", SAM, "--db", str(db[0]))
    assert_fails(result, "Only supervisors, managers, auditors and administrators")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--format", "xml"), "--format: 'xml' is not one of table, csv, json."),
        (("--since", "the other day"), "--since: "),
        (("--case", "CL-1999-9999"), "CL-1999-9999"),
    ],
)
def test_bad_input_is_one_line(
    tmp_path: Path, db: tuple[Path, str, str], args: tuple[str, ...], says: str
) -> None:
    result = audit(tmp_path, "audrey", AUDREY, "--db", str(db[0]), *args)
    assert_fails(result, says)
    assert result.stdout == ""


def test_a_wrong_passphrase_reads_nothing(tmp_path: Path, db: tuple[Path, str, str]) -> None:
    result = audit(tmp_path, "audrey", "not it", "--db", str(db[0]))
    assert_fails(result, "Login or passphrase not recognised.")
    assert result.stdout == ""
