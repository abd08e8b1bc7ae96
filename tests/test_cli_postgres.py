"""``--db postgresql://...`` (and CASELINE_DB, and the config file's ``db``): the same commands
on a PostgreSQL database; a server that can't be reached, a database or user it doesn't know,
or no driver installed, each said in one line with exit status 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from store.common.config import load_config, resolve_database, resolve_db_path
from store.common.database_url import shown_url
from store.common.settings import Config, ConfigError
from store.service import Store
from tests.cli import Ran, caseline
from tests.postgres_cluster import SUPERUSER, Cluster, Outside
from tests.terminal import ROOT

BOSS = "the boss's passphrase"


def assert_fails(result: Ran, *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("caseline: ")
    for fragment in fragments:
        assert fragment in lines[0]


# -- where the database is named ----------------------------------------------------------------


def test_a_url_given_anywhere_is_kept_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql://caseline@db.example.org:5433/agency"
    assert resolve_database(url, Config()) == url  # --db
    monkeypatch.setenv("CASELINE_DB", url)
    assert resolve_database(None, Config()) == url
    monkeypatch.delenv("CASELINE_DB")
    config = tmp_path / "config.toml"
    config.write_text(f'db = "{url}"\n')
    assert resolve_database(None, load_config(config)) == url
    # Read by the file's model too (a setting the simple reading leaves to it).
    config.write_text(f'db = "{url}"\nkeys = {{ quit = "ctrl+q" }}\n')
    assert resolve_database(None, load_config(config)) == url
    # A file is still a file.
    config.write_text('db = "~/cases.db"\n')
    assert resolve_database(None, load_config(config)) == Path("~/cases.db").expanduser()


def test_a_password_is_never_shown() -> None:
    assert shown_url("postgresql://sam:s3cret@db/agency") == "postgresql://sam:***@db/agency"
    assert shown_url("postgresql://sam@db/agency") == "postgresql://sam@db/agency"


@pytest.mark.parametrize(
    ("url", "why"),
    [("postgresql://sam:s3cret@[db/agency", "Invalid IPv6 URL"),
     ("postgresql://sam:s3cret@db:99999/agency", "Port out of range")],
)  # fmt: skip
def test_a_url_that_cannot_be_read_is_one_line_without_the_password(
    tmp_path: Path, url: str, why: str
) -> None:
    for args, env in (
        (("list", "--db", url), {}),
        (("demo", "--db", url), {}),
        (("verify",), {"CASELINE_DB": url}),
    ):
        result = caseline(tmp_path, *args, env=env)
        assert_fails(result, "The PostgreSQL URL given can't be read", why)
        assert "s3cret" not in result.stderr


def test_a_command_on_the_file_itself_refuses_a_postgresql_database() -> None:
    with pytest.raises(ConfigError, match="works on an SQLite database file"):
        resolve_db_path("postgresql://sam:s3cret@db/agency", Config())


def test_a_backup_of_a_postgresql_database_says_to_use_pg_dump(tmp_path: Path) -> None:
    target = tmp_path / "agency.dump"
    result = caseline(tmp_path, "backup", str(target), "--db", "postgresql://sam:pw@db/agency")
    assert_fails(
        result,
        "postgresql://sam:***@db/agency is a PostgreSQL database",
        f"pg_dump --format=custom --file={target} postgresql://sam@db/agency",
    )
    assert ":pw" not in result.stderr
    assert not target.exists()


def test_a_restore_into_a_postgresql_database_says_to_use_pg_restore(tmp_path: Path) -> None:
    backup = tmp_path / "agency.dump"
    backup.write_bytes(b"PGDMP")
    url = "postgresql://sam:pw@db/agency?host=/run/pg"
    result = caseline(tmp_path, "restore", str(backup), "--db", url, "--yes")
    assert_fails(
        result,
        "pg_restore --single-transaction '--dbname=postgresql://sam@db/agency?host=/run/pg'",
        "psql",
        "caseline admin copy-db",
    )
    assert ":pw" not in result.stderr


def test_check_of_a_postgresql_database_verifies_the_seals(
    tmp_path: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.new_database()
    store = Store.open(url)
    try:
        boss = store.workers.init_administrator("boss", None, BOSS)
        store.workers.add(boss, login="sam.okafor")
    finally:
        store.close()
    sound = caseline(tmp_path, "check", "--db", url)
    assert sound.returncode == 0, sound.stderr
    assert "SQLite's check of a file does not apply" in sound.stdout
    assert "quick check" not in sound.stdout
    assert sound.stdout.splitlines()[-1].startswith("Sound: no final record altered")
    with Outside(url) as conn:
        conn.execute("ALTER TABLE note DISABLE TRIGGER note_final_no_update")
    damaged = caseline(tmp_path, "check", "--db", url)
    assert damaged.returncode == 1
    assert "trigger changed: note_final_no_update" in damaged.stdout


def test_without_the_driver_opening_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "class NoDriver:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'psycopg':\n"
        "            raise ImportError('no psycopg')\n"
        "sys.meta_path.insert(0, NoDriver())\n"
        "from tui.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", "postgresql://sam@db/agency", "admin", "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [
        "caseline: A PostgreSQL database needs the PostgreSQL driver: install Caseline with it "
        "(pip install 'caseline[postgres]')."
    ]


# -- on a server ---------------------------------------------------------------------------------


def test_init_then_list_on_a_postgresql_database(tmp_path: Path, postgres_cluster: Cluster) -> None:
    url = postgres_cluster.new_database()
    made = caseline(
        tmp_path, "admin", "init", "--db", url, "--worker", "priya.nair", "--name", "Priya Nair",
        stdin=BOSS + "\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout == "priya.nair (Priya Nair) is the administrator.\n"
    store = Store.open(url)
    try:
        assert store.workers.has_administrator()
    finally:
        store.close()


def test_a_demo_is_written_to_a_postgresql_database_once(
    tmp_path: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.new_database()
    args = ("--cases", "8", "--notes", "2", "--workers", "2", "--worker", "sam.okafor")
    made = caseline(tmp_path, "demo", "--db", url, *args)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Demo database {url}:\n")
    assert made.stdout.endswith(f"Run it with: caseline --db {url} --worker sam.okafor\n")
    listed = caseline(tmp_path, "--worker", "sam.okafor", "list", "--db", url, "--all")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("\nCL-") >= 3  # the demo's cases, beneath the heading
    verified = caseline(tmp_path, "verify", "--db", url)
    assert verified.returncode == 0, verified.stderr
    # Caseline never empties a server's database, even a demo: that is for its administrator.
    again = caseline(tmp_path, "demo", "--db", url, "--force", *args)
    assert_fails(again, "already holds a demo", "dropdb")


def test_a_database_the_server_does_not_have_is_one_line(
    tmp_path: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.url("no_such_database")
    assert_fails(caseline(tmp_path, "admin", "list", "--db", url), "There is no database")


def test_a_user_the_server_does_not_know_is_one_line(
    tmp_path: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.url("postgres").replace(f"{SUPERUSER}@", "nobody_here@")
    assert_fails(caseline(tmp_path, "admin", "list", "--db", url), "no such user")


def test_a_server_that_is_not_there_is_one_line(tmp_path: Path) -> None:
    url = f"postgresql://sam@/agency?host={tmp_path}"  # no server's socket in that folder
    assert_fails(caseline(tmp_path, "admin", "list", "--db", url), "Could not reach")


def test_a_password_refused_is_one_line_without_the_password(
    tmp_path: Path, postgres_cluster: Cluster
) -> None:
    postgres_cluster.sql("CREATE ROLE sam LOGIN PASSWORD 'right one'")
    postgres_cluster.require_passwords("sam")
    url = postgres_cluster.url("postgres").replace(f"{SUPERUSER}@", "sam:wrong@")
    result = caseline(tmp_path, "admin", "list", "--db", url)
    assert_fails(result, "user name or password was refused", "sam:***@")
    assert "wrong" not in result.stderr
