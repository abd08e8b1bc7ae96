"""The commands that only read (``export``, ``list``, ``show``, ``verify``, ``audit``,
``serve``) on a PostgreSQL database: they open it read-only, every transaction READ ONLY, and
write nothing but the audit line (or the sharing log's) a read leaves, through a connection of
its own. Each on a real throw-away cluster (tests/postgres_cluster.py)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from store.common.errors import DatabaseUnavailable
from store.service import Store
from tests.cli import Ran, caseline
from tests.postgres_cluster import Cluster, Outside
from tests.store.test_integrity import build_records
from tests.terminal import ROOT, app_env
from tests.test_cli_postgres import assert_fails
from tests.test_serve import first_screen, free_port, until_answering

RECORDS = "caseline_records"  # a database with every kind of record, copied for each test


LOGINS = ("sam.okafor", "meg.manager", "nia.north")  # a worker, a manager, a worker


@pytest.fixture(scope="module")
def records(postgres_cluster: Cluster) -> tuple[str, dict[str, str]]:
    """The name of a database holding every kind of final record (``build_records``), and a
    token of each of ``LOGINS``, made there by the administrator."""
    name = f"{RECORDS}_{os.getpid()}"
    postgres_cluster.sql(f'DROP DATABASE IF EXISTS "{name}"')
    postgres_cluster.sql(f'CREATE DATABASE "{name}"')
    url = postgres_cluster.url(name)
    build_records(cast(Path, url))  # Store.open takes a URL as well as a path
    store = Store.open(url)
    try:
        admin = store.workers.sign_in("ada.admin", "a long passphrase")
        tokens = {login: store.tokens.create(admin, login).token for login in LOGINS}
    finally:
        store.close()
    return name, tokens


@pytest.fixture
def url(postgres_cluster: Cluster, records: tuple[str, dict[str, str]]) -> str:
    return postgres_cluster.new_database(template=records[0])


@pytest.fixture
def run(tmp_path: Path, url: str, records: tuple[str, dict[str, str]]) -> Callable[..., Ran]:
    """``caseline *args --db URL``, signed in with a token of ``login``'s."""

    def command(*args: str, login: str = "sam.okafor") -> Ran:
        return caseline(tmp_path, *args, "--db", url, env={"CASELINE_TOKEN": records[1][login]})

    return command


def ref(url: str) -> str:
    with Outside(url) as db:
        return str(db.execute('SELECT ref FROM "case" LIMIT 1')[0][0])


# What a sign-in writes besides its audit line: when each worker and token was last used.
SIGN_IN_TIMES = {"worker": "last_sign_in_at", "worker_token": "last_used_at"}


def contents(url: str) -> dict[str, Any]:
    """Every table's rows, in one digest each (the times of the last sign-ins left out); the
    audit trail's actions, and the number of seals of other tables' rows, apart."""
    found: dict[str, Any] = {}
    with Outside(url) as db:
        names = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        for (table,) in db.execute(names):
            if table == "audit_event":
                rows = db.execute("SELECT action FROM audit_event ORDER BY id")
                found[table] = [action for (action,) in rows]
                continue
            if table == "record_seal":
                sealed = "SELECT count(*) FROM record_seal WHERE table_name <> 'audit_event'"
                found[table] = db.execute(sealed)[0][0]
                continue
            row = f"(to_jsonb(t) - '{SIGN_IN_TIMES.get(table, '')}')::text"
            digest = f"md5(string_agg({row}, ',' ORDER BY {row}))"
            found[table] = db.execute(f'SELECT count(*), {digest} FROM "{table}" t')[0]
    return found


def only_audited(before: dict[str, Any], after: dict[str, Any], *actions: str) -> None:
    """Nothing changed between ``before`` and ``after`` but the audit lines ``actions``, added
    after the sign-ins'."""
    added = after["audit_event"][len(before["audit_event"]) :]
    assert after["audit_event"][: len(before["audit_event"])] == before["audit_event"]
    assert [a for a in added if a != "sign-in"] == list(actions)
    assert "sign-in" in added
    assert {k: v for k, v in after.items() if k != "audit_event"} == {
        k: v for k, v in before.items() if k != "audit_event"
    }


# -- opening read-only -----------------------------------------------------------------------


def test_a_read_only_opening_refuses_every_write_at_the_server(url: str) -> None:
    store = Store.open_read_only(url)
    try:
        assert store.cases.by_ref(store.workers.named("sam.okafor"), ref(url)).id
        with pytest.raises(DatabaseUnavailable, match="only for reading"):
            store.workers.ensure("someone.new")
        # Even SQL of its own, in a transaction of its own: the server says no.
        with (
            pytest.raises(DatabaseUnavailable, match="in a read-only transaction"),
            store.database.reading() as db,
        ):
            db.execute_sql("UPDATE worker SET team = 'Moved'")
    finally:
        store.close()


def test_an_empty_database_is_refused_not_made(postgres_cluster: Cluster, tmp_path: Path) -> None:
    postgres_cluster.sql('CREATE DATABASE "left_empty"')
    empty = postgres_cluster.url("left_empty")
    for command in (("list",), ("verify",), ("show", "CL-1")):
        result = caseline(tmp_path, *command, "--db", empty, env={"CASELINE_TOKEN": "x"})
        assert_fails(result, "No Caseline database", "it is empty")
    with Outside(empty) as db:
        assert db.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0][0] == 0


# -- each command ----------------------------------------------------------------------------


def test_list_and_show_read_and_leave_only_their_audit_lines(
    run: Callable[..., Ran], url: str
) -> None:
    before = contents(url)
    listed = run("list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert [c["client"] for c in json.loads(listed.stdout)] == ["Dana Reyes"]
    shown = run("show", ref(url), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert "Dana Reyes" in shown.stdout
    only_audited(before, contents(url), "case-file-opened")
    assert_fails(run("show", "CL-99999"), "CL-99999")
    assert run("list", "--format", "xml").returncode == 2


def test_every_kind_of_export_reads_and_leaves_only_its_audit_line(
    run: Callable[..., Ran], url: str
) -> None:
    case = ref(url)
    before = contents(url)
    for what in ("chronology", "plan", "assessment"):
        done = run("export", what, case)
        assert done.returncode == 0, done.stderr
        assert "Dana Reyes" in done.stdout
    minutes = run("export", "minutes", case)
    assert minutes.returncode == 0 and "Hillside Family Centre" in minutes.stdout
    whole = run("export", "case", case, "--pack", "record", "--format", "json")
    assert whole.returncode == 0, whole.stderr
    assert json.loads(whole.stdout)["client"]["name"] == "Dana Reyes"
    pack = run("export", "case", case, "--pack", "handover")
    assert pack.returncode == 0, pack.stderr
    only_audited(
        before,
        contents(url),
        "chronology-exported",
        "plan-exported",
        "assessment-exported",
        "minutes-exported",
        "record-exported",
        "handover-exported",
    )
    assert_fails(run("export", "plan", "CL-99999"), "CL-99999")


def test_an_export_for_another_agency_is_in_the_sharing_log(
    tmp_path: Path, run: Callable[..., Ran], url: str
) -> None:
    shared = run(
        "export", "case", ref(url), "--pack", "handover", "--for", "Police",
        "--lawful-reason", "Safeguarding", "-o", str(tmp_path / "pack.md"),
    )  # fmt: skip
    assert shared.returncode == 0, shared.stderr
    with Outside(url) as db:
        rows = db.execute("SELECT recipient, lawful_reason FROM sharing_event ORDER BY id")
    assert rows[-1] == ("Police", "Safeguarding")


def test_verify_checks_the_chain_on_the_server(tmp_path: Path, url: str) -> None:
    before = contents(url)
    result = caseline(tmp_path, "verify", "--db", url)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1].startswith("Sound:")
    assert url in result.stdout.splitlines()[0]
    assert contents(url) == before  # verify signs no one in: nothing at all is written
    with Outside(url) as db:
        db.execute("ALTER TABLE note DISABLE TRIGGER ALL")
        db.execute("UPDATE note SET body = 'Rewritten' WHERE id = (SELECT min(id) FROM note)")
    altered = caseline(tmp_path, "verify", "--db", url)
    assert altered.returncode == 1 and "Sound" not in altered.stdout


def test_audit_reads_the_trail_and_refuses_a_worker(run: Callable[..., Ran], url: str) -> None:
    before = contents(url)
    trail = run("audit", "--format", "json", login="meg.manager")
    assert trail.returncode == 0, trail.stderr
    actions = [event["action"] for event in json.loads(trail.stdout)]
    assert "case-created" in actions and "note-finalised" in actions
    only_audited(before, contents(url))
    assert_fails(run("audit", login="nia.north"), "audit trail")
    assert run("audit", "--format", "xml").returncode in (1, 2)


# -- serve -----------------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path, url: str) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--db", url, "--port", str(port)],
        cwd=ROOT,
        env=app_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()  # once it listens, or "" if it ended
        assert line.startswith("Caseline is served at"), server.communicate(timeout=15)
        # Said as it starts up: the port may take a moment more to answer.
        until_answering(port, server)
        yield port, server
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


def test_serve_serves_a_postgresql_database_without_its_url_on_a_command_line(
    served: tuple[int, subprocess.Popen[str]], url: str
) -> None:
    port, _server = served
    screen = asyncio.run(first_screen(f"ws://127.0.0.1:{port}/ws?width=80&height=24"))
    # Each browser's app found the database (the sign-in screen is the app's, drawn once it
    # has opened it) in its environment, as the URL, which may hold a password, is kept off
    # its command line.
    assert b"Passphrase" in screen and url.encode() not in screen


def test_serve_refuses_an_empty_postgresql_database(
    tmp_path: Path, postgres_cluster: Cluster
) -> None:
    postgres_cluster.sql('CREATE DATABASE "serve_empty"')
    result = caseline(tmp_path, "serve", "--db", postgres_cluster.url("serve_empty"))
    assert_fails(result, "No Caseline database")
