"""``caseline import resources PATH``: the real command, signing in with a passphrase on
standard input, importing an HSDS package and saying what it did; a folder that is not a
package, a refusal and bad arguments each one line on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.service import Store
from tests.cli import Ran, caseline
from tests.test_cli import assert_one_line_error
from tests.test_cli_admin import assert_fails, said

BOSS = "the boss's passphrase"
MEG = "meg's own passphrase"
WES = "wes's own passphrase"
PACKAGES = Path(__file__).parent / "data" / "hsds"


def run_import(tmp_path: Path, who: str, passphrase: str, *args: str) -> Ran:
    return caseline(tmp_path, "--worker", who, "import", *args, stdin=passphrase + "\n")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    store = Store.open(path)
    try:
        boss = store.workers.init_administrator("boss", None, BOSS)
        store.workers.add(boss, login="meg", role="manager", passphrase=MEG)
        store.workers.add(boss, login="wes", role="worker", passphrase=WES)
    finally:
        store.close()
    return path


def test_a_package_is_imported_and_what_it_did_is_said(tmp_path: Path, db: Path) -> None:
    result = run_import(
        tmp_path, "meg", MEG, "resources", str(PACKAGES / "v3"), "--source", "city", "--db", str(db)
    )
    assert result.returncode == 0, result.stderr
    assert said(result) == []
    lines = result.stdout.splitlines()
    assert lines[0] == f"Imported the HSDS 3.0 package 'city' from {PACKAGES / 'v3'}."
    assert lines[1] == "Services: 4 added, 0 changed, 0 unchanged, 0 gone (withdrawn)."
    assert lines[2] == "5 rows left out or cut short:"
    assert "  services.csv line 9: no name; left out" in lines
    again = run_import(
        tmp_path,
        "meg",
        MEG,
        "resources",
        str(PACKAGES / "v3-later"),
        "--source",
        "city",
        "--db",
        str(db),
    )
    assert "Services: 0 added, 1 changed, 2 unchanged, 1 gone (withdrawn)." in again.stdout
    store = Store.open(db)
    try:
        meg = store.workers.named("meg")
        assert len(store.resources.search(meg)) == 3
    finally:
        store.close()


def test_a_folder_that_is_not_a_package_is_one_line_and_exit_1(tmp_path: Path, db: Path) -> None:
    result = run_import(
        tmp_path, "meg", MEG, "resources", str(PACKAGES / "not-hsds"), "--db", str(db)
    )
    assert_fails(result, "is not an Open Referral (HSDS) package", "organizations.csv")
    assert result.stdout == ""
    missing = run_import(tmp_path, "meg", MEG, "resources", str(tmp_path / "nope"), "--db", str(db))
    assert_fails(missing, "is not a folder")


def test_a_worker_is_refused(tmp_path: Path, db: Path) -> None:
    result = run_import(tmp_path, "wes", WES, "resources", str(PACKAGES / "v3"), "--db", str(db))
    assert_fails(result, "Only a manager or an administrator imports a directory.")


def test_bad_arguments_are_one_line_and_exit_2(tmp_path: Path, db: Path) -> None:
    result = run_import(tmp_path, "meg", MEG, "clients", str(PACKAGES / "v3"), "--db", str(db))
    assert_one_line_error(result, "'clients' is not something to import")
    assert result.returncode == 2 and result.stdout == ""
    usage = run_import(tmp_path, "meg", MEG, "resources")
    assert usage.returncode == 2
    assert len(usage.stderr.strip().splitlines()) == 1
    assert "Traceback" not in usage.stderr


@pytest.mark.parametrize(
    ("what", "shown"),
    [
        ("widgets", "'widgets'"),
        ("", "''"),
        ("Resources", "'Resources'"),
        ("resources\nclients", "'resources\\nclients'"),
        ("\x1b[31mred", "'\\x1b[31mred'"),
        ("r" * 5000, f"'{'r' * 40}…'"),
    ],
    ids=["unknown", "blank", "capitalised", "newline", "escape", "long"],
)
def test_an_unknown_kind_is_a_usage_error_before_signing_in(
    tmp_path: Path, db: Path, what: str, shown: str
) -> None:
    # Exit 2 and one line, as argparse's own usage errors: no passphrase asked for, no
    # database opened, nothing on standard output.
    result = caseline(tmp_path, "--worker", "meg", "import", what, str(PACKAGES / "v3"))
    assert_one_line_error(result, f"import: argument WHAT: {shown}", "resources PATH")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "\x1b" not in result.stderr
