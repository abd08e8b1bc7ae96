"""The ``caseline`` command: errors are one line on stderr and a non-zero exit."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from store import __version__
from store.service import Store
from tests.cli import Ran, caseline, in_a_process
from tests.terminal import PASSPHRASE, Terminal, allow_sign_in, app_env, sign_in
from tui import cli


def run(tmp_path: Path, *args: str) -> Ran:
    return caseline(tmp_path, *args)


def assert_one_line_error(result: Ran, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_version(tmp_path: Path) -> None:
    # In a process of its own: the entry point itself (python -m tui) is what is checked.
    result = in_a_process(tmp_path, "--version")
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
    me = store.workers.ensure("sam.okafor")
    assert len(store.cases.caseload(me)) >= 20
    store.close()

    again = run(tmp_path, "demo", "--db", str(path), "--cases", "10")
    assert_one_line_error(again, "already holds cases", "--force")

    forced = run(tmp_path, "demo", "--db", str(path), "--cases", "10", "--notes", "2", "--force")
    assert forced.returncode == 0, forced.stderr
    real = tmp_path / "real.db"
    kept = Store.open(real)
    kept.cases.create(kept.workers.ensure("sam.okafor"), {"client_name": "Real Person"})
    kept.close()
    before = real.read_bytes()
    refused = run(tmp_path, "demo", "--db", str(real), "--force")
    assert_one_line_error(refused, "holds real records", "never written over them")
    assert real.read_bytes() == before
    store = Store.open(path)
    assert (
        len(store.cases.caseload(me, scope="all"))
        + len(store.cases.caseload(me, scope="all", closed=True))
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


def test_a_damaged_database_is_refused_before_anything_is_drawn(tmp_path: Path) -> None:
    from tests.store.test_db import damage_a_page, make_database_with_cases

    folder = tmp_path / "records"
    folder.mkdir()
    path = folder / "cases.db"
    make_database_with_cases(path)
    damage_a_page(path)
    before = path.read_bytes()
    result = run(tmp_path, "--db", str(path), "--worker", "new.worker")
    assert_one_line_error(result, f"{path} is damaged", "backup", f"sqlite3 {path} .recover")
    assert result.stdout == ""  # nothing drawn
    assert path.read_bytes() == before  # no migration, no worker registered
    assert sorted(p.name for p in folder.iterdir()) == ["cases.db"]  # no -wal, no -shm


def test_an_empty_file_is_not_turned_into_a_database(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    path.write_bytes(b"")
    assert_one_line_error(run(tmp_path, "--db", str(path)), "empty file (0 bytes)")
    assert path.read_bytes() == b""


def test_help_says_where_the_databases_are(tmp_path: Path) -> None:
    result = run(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    data = tmp_path / "data" / "caseline"
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["database", str(data / "caseline.db")] in lines
    assert ["demo", "database", str(data / "demo.db")] in lines
    assert ["config", "file", str(tmp_path / "no-config.toml")] in lines


def test_demo_command_writes_the_demo_database_privately(tmp_path: Path) -> None:
    result = run(tmp_path, "demo", "--demo", "--cases", "3", "--notes", "1", "--worker", "sam")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "data" / "caseline"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "demo.db").stat().st_mode) == 0o600
    assert result.stdout.splitlines()[-1] == "Run it with: caseline --demo --worker sam"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--demo", "--db", "x.db"], "--db and --demo can't be used together"),
        (["--demo", "export", "chronology", "CL-1", "--db", "x.db"], "can't be used together"),
        (["demo", "--cases", "3"], "give --db PATH, or --demo"),
    ],
)
def test_demo_flag_usage_errors(tmp_path: Path, args: list[str], fragment: str) -> None:
    result = run(tmp_path, *[a.replace("x.db", str(tmp_path / "x.db")) for a in args])
    assert_one_line_error(result, fragment)
    assert result.returncode == 2
    assert not (tmp_path / "x.db").exists()


def test_the_default_database_and_its_folder_are_private(tmp_path: Path) -> None:
    """The app, run with no --db in a real terminal, creates its folder and file for its owner
    only (SQLite gives the -wal and -shm, there while a connection is open, the file's
    permissions: see tests/store/test_db.py)."""
    folder = tmp_path / "data" / "caseline"
    term = Terminal(["--worker", "sam.okafor"], env=app_env(tmp_path))
    try:
        # A new database: its first user sets up the administrator (no name: the login's).
        assert term.wait_for("Set up the first administrator", seconds=60), bytes(term.output)
        term.type("\r", pause=0.2)
        term.type(PASSPHRASE + "\r", pause=0.2)
        term.type(PASSPHRASE + "\r", pause=0.0)
        assert term.wait_for("My open cases", seconds=60), bytes(term.output[-1500:])
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert modes["caseline.db"] == 0o600
        assert set(modes.values()) == {0o600}
        assert b"Records not private" not in term.output
    finally:
        term.close()


def test_a_database_others_can_read_is_warned_about_in_the_app(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    Store.open(path).close()
    allow_sign_in(path, "sam.okafor")
    path.chmod(0o644)
    term = Terminal(["--db", str(path), "--worker", "sam.okafor"], env=app_env(tmp_path))
    try:
        sign_in(term)
        assert term.wait_for("Records not private", seconds=60), bytes(term.output[-1500:])
        assert term.wait_for("chmod 600")
    finally:
        term.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "args",
    [
        ["verify", "--db", "{db}"],
        ["verify", "--db", "{db}", "--frobnicate"],
        ["export", "chronology", "NO-SUCH", "--db", "{db}", "--worker", "nobody"],
    ],
)
def test_a_command_run_in_the_test_process_is_as_in_a_process_of_its_own(
    tmp_path: Path, args: list[str]
) -> None:
    """The command-line tests run ``caseline`` in the test process (``tests.cli``): it must
    give what a process of its own gives, output, errors and exit status alike."""
    path = tmp_path / "c.db"
    Store.open(path).close()
    path.parent.chmod(0o700)
    args = [a.replace("{db}", str(path)) for a in args]
    here = caseline(tmp_path, *args)
    there = in_a_process(tmp_path, *args)
    assert (here.returncode, here.stdout, here.stderr) == (
        there.returncode,
        there.stdout,
        there.stderr,
    )
    assert here.stdout or here.stderr
