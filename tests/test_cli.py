"""The ``caseline`` command: errors are one line on stderr and a non-zero exit."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from store import __version__
from store.service import Store
from tests.terminal import ROOT, app_env
from tui import cli


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=app_env(tmp_path),
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_version(tmp_path: Path) -> None:
    result = run(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"caseline {__version__}"


def test_missing_folder_for_db(tmp_path: Path) -> None:
    assert_one_line_error(
        run(tmp_path, "--db", str(tmp_path / "no" / "such" / "c.db")), "does not exist"
    )


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("hello")
    assert_one_line_error(run(tmp_path, "--db", str(path)), "not a Caseline database")
    assert path.read_text() == "hello"


def test_database_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE caseline_meta SET value = '999' WHERE key = 'schema_version'")
    assert_one_line_error(run(tmp_path, "--db", str(path)), "newer Caseline")


def test_locked_database(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    Store.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run(tmp_path, "--db", str(path))
    finally:
        holder.close()
    assert_one_line_error(result, "locked by another program")


def test_bad_config_file(tmp_path: Path) -> None:
    (tmp_path / "no-config.toml").write_text("date_order = 'backwards'\n")
    assert_one_line_error(run(tmp_path, "--db", str(tmp_path / "c.db")), "date_order")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["demo", "--db", "x.db", "--cases", "many"], "'many' is not a whole number"),
        (["demo", "--db", "x.db", "--cases", "-5"], "must be 0 or more"),
        (["demo"], "--db"),
        (["--frobnicate"], "unrecognized arguments"),
        (["demo", "--db", "x.db", "--as-of", "someday"], "--as-of"),
        (["demo", "--db", "x.db", "--workers", "0"], "at least 1"),
    ],
)
def test_bad_arguments(tmp_path: Path, args: list[str], fragment: str) -> None:
    args = [a.replace("x.db", str(tmp_path / "x.db")) for a in args]
    assert_one_line_error(run(tmp_path, *args), fragment)


def test_demo_writes_a_database_and_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    result = run(
        tmp_path,
        "demo",
        "--db",
        str(path),
        "--cases",
        "40",
        "--notes",
        "5",
        "--worker",
        "sam.okafor",
        "--seed",
        "3",
    )
    assert result.returncode == 0, result.stderr
    assert "40 cases" in result.stdout
    store = Store.open(path)
    me = store.ensure_worker("sam.okafor")
    assert len(store.caseload(me)) >= 20
    store.close()

    again = run(tmp_path, "demo", "--db", str(path), "--cases", "10")
    assert_one_line_error(again, "already holds cases", "--force")

    forced = run(tmp_path, "demo", "--db", str(path), "--cases", "10", "--notes", "2", "--force")
    assert forced.returncode == 0, forced.stderr
    store = Store.open(path)
    assert (
        len(store.caseload(me, scope="all")) + len(store.caseload(me, scope="all", closed=True))
        == 10
    )
    store.close()


def test_demo_refuses_a_file_that_is_not_caseline(tmp_path: Path) -> None:
    path = tmp_path / "precious.txt"
    path.write_text("keep me")
    assert_one_line_error(run(tmp_path, "demo", "--db", str(path), "--force"), "not a Caseline")
    assert path.read_text() == "keep me"


def test_parser_knows_every_documented_option() -> None:
    parser = cli.build_parser()
    args = parser.parse_args(["--db", "a.db", "--worker", "sam", "--demo"])
    assert (args.db, args.worker, args.demo, args.command) == ("a.db", "sam", True, None)
    demo = parser.parse_args(
        ["demo", "--db", "d.db", "--cases", "5", "--seed", "2", "--workers", "3", "--force"]
    )
    assert (demo.cases, demo.seed, demo.workers, demo.force) == (5, 2, 3, True)


def test_damaged_database(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    assert_one_line_error(run(tmp_path, "--db", str(path)), "damaged")
