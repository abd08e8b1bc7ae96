"""A throw-away PostgreSQL cluster for the tests: made from the machine's own server programs
(``initdb``, ``pg_ctl``), listening only on a Unix socket in its own folder, stopped and
deleted when the tests end.

PostgreSQL refuses to run as root: when the tests do (a container), the server programs run as
the unprivileged ``nobody``, in a folder it owns. Each test gets a fresh database, copied from
a prepared one (``CREATE DATABASE ... TEMPLATE``, a few milliseconds) rather than made anew.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import time
from itertools import count
from pathlib import Path
from typing import Any

# Set (to 1) where PostgreSQL must be tested (CI): no server programs is then a failure.
REQUIRE = "CASELINE_REQUIRE_POSTGRES"
SUPERUSER = "caseline"
UNPRIVILEGED = "nobody"
TEMPLATE = "caseline_template"


class ClusterUnavailable(Exception):
    """No cluster can be made here (no server programs, no driver); the message says why."""


def required() -> bool:
    return os.environ.get(REQUIRE, "") not in ("", "0")


def missing() -> str | None:
    """Why no cluster can be made here (no server programs, no driver), None if one can."""
    programs = [name for name in ("initdb", "pg_ctl") if shutil.which(name) is None]
    if programs:
        return f"no {' or '.join(programs)} on PATH (install PostgreSQL's server programs)"
    from importlib.metadata import PackageNotFoundError, version

    try:
        version("psycopg")
    except PackageNotFoundError:
        return "no PostgreSQL driver (pip install -e '.[test]' installs it)"
    return None


def _as_server_user() -> list[str]:
    """The prefix that runs a server program as a user PostgreSQL accepts."""
    if os.getuid() != 0:
        return []
    return ["runuser", "-u", UNPRIVILEGED, "--"]


class Cluster:
    """One running cluster, its databases made on demand (``new_database``)."""

    # The cluster a test process has running, if any (its tests' databases are dropped after
    # each test: ``drop_made``).
    running: Cluster | None = None

    def __init__(self) -> None:
        # In memory where there is a memory file system: every test copies a database, and on
        # a disk the copies, a few megabytes each, made the suite wait on writing them.
        shm = Path("/dev/shm")
        memory = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
        self.root = Path(tempfile.mkdtemp(prefix="caseline-pg-", dir=memory))
        self.made: list[str] = []  # the databases made since ``drop_made`` was last called
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._names = count(1)
        self._admin: Any = None
        self._running = False

    # -- life ------------------------------------------------------------------------------

    def start(self) -> None:
        reason = missing()
        if reason:
            raise ClusterUnavailable(reason)
        atexit.register(self.stop)  # also if the session ends without its teardown
        if os.getuid() == 0:
            import pwd

            account = pwd.getpwnam(UNPRIVILEGED)
            os.chown(self.root, account.pw_uid, account.pw_gid)
        self.root.chmod(0o700)
        self._server(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        # No TCP: only the socket in the cluster's own folder, so clusters of several test
        # processes never meet. fsync off: a throw-away cluster need not survive a power cut.
        options = f"-k {self.root} -c listen_addresses='' -F -c full_page_writes=off"
        # Its shared memory segments in its own folder, deleted with it (not left in /dev/shm).
        options += " -c dynamic_shared_memory_type=mmap"
        self._server(
            "pg_ctl", "--pgdata", str(self.data), "--log", str(self.log), "--wait",
            "-o", options, "start",
        )  # fmt: skip
        self._running = True
        Cluster.running = self

    def _server(self, *command: str) -> None:
        done = subprocess.run(
            [*_as_server_user(), *command],
            capture_output=True,
            text=True,
            cwd=self.root,
            check=False,
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise ClusterUnavailable(
                f"{command[0]} failed ({done.returncode}): {done.stderr.strip()} {log}".strip()
            )

    def stop(self) -> None:
        """Stop the server and delete the cluster (safe to call twice)."""
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if Cluster.running is self:
            Cluster.running = None
        if self._running:
            self._running = False
            subprocess.run(
                [*_as_server_user(), "pg_ctl", "--pgdata", str(self.data), "-m", "immediate",
                 "stop"],
                capture_output=True,
                check=False,
                cwd=self.root,
            )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)

    # -- databases -------------------------------------------------------------------------

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.root}"

    def sql(self, statement: str) -> None:
        """Run one statement on the cluster's maintenance database, outside a transaction."""
        if self._admin is None:
            self._admin = self._driver().connect(self.url("postgres"), autocommit=True)
        self._admin.execute(statement)

    def require_passwords(self, user: str) -> None:
        """From now on ``user`` signs in with a password (everyone else as before)."""
        hba = self.data / "pg_hba.conf"
        rule = f"local all {user} scram-sha-256\n"
        text = hba.read_text()
        if rule not in text:
            hba.write_text(rule + text)  # the first rule that matches is the one applied
        self._server("pg_ctl", "--pgdata", str(self.data), "reload")
        # The server reads the rules again when it gets to it: wait until it asks.
        psycopg = self._driver()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                psycopg.connect(self.url("postgres").replace(f"{SUPERUSER}@", f"{user}@")).close()
            except psycopg.OperationalError as exc:
                if "password" in str(exc):
                    return
        raise ClusterUnavailable(f"the server never asked {user} for a password")

    def _driver(self) -> Any:
        from store.core.postgres import driver

        return driver()

    def new_database(self, template: str = TEMPLATE) -> str:
        """The URL of a new database, a copy of ``template``."""
        name = f"t{os.getpid()}_{next(self._names)}"
        # FILE_COPY: a copy of the template's files, with fsync off quicker than WAL_LOG's
        # writing every page to the log.
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        self.made.append(name)
        return self.url(name)

    def drop_made(self) -> None:
        """Drop the databases made since the last call (a test's), whoever is still connected."""
        made, self.made = self.made, []
        for name in made:
            self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Rows(list[tuple[Any, ...]]):
    """What a statement read, also as a cursor gives it."""

    def fetchone(self) -> tuple[Any, ...] | None:
        return self[0] if self else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return list(self)


class Outside:
    """A connection of its own to a test's database, as a program other than Caseline would
    write it (SQLite's ``sqlite3`` or PostgreSQL's psycopg, each statement committed at once):
    what the database itself allows, whatever writes to it. ``refused`` is the error the
    database raises when a guard refuses a change."""

    def __init__(self, where: str | Path) -> None:
        self.conn: Any
        self.postgres = not isinstance(where, Path)
        if isinstance(where, Path):
            import sqlite3

            self.conn = sqlite3.connect(where, isolation_level=None)
            self.refused: tuple[type[BaseException], ...] = (sqlite3.IntegrityError,)
        else:
            from store.core.postgres import driver

            psycopg = driver()
            self.conn = psycopg.connect(where, autocommit=True)
            self.refused = (psycopg.errors.IntegrityError,)

    @classmethod
    def of(cls, store: Any) -> Outside:
        """A connection to the database ``store`` (a Store) is open on."""
        return cls(store.database.location)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Rows:
        """Run one statement (with SQLite's ? marks, on either database)."""
        if self.postgres:
            from store.core.postgres import translate

            sql = translate(sql)
        cursor = self.conn.execute(sql, params)
        return Rows(cursor.fetchall() if cursor.description else [])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Outside:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
