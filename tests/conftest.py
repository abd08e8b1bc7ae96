"""Shared fixtures: a real SQLite file per test, a frozen clock, and no user config."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import count
from pathlib import Path
from typing import Any, TypeVar

import pytest
import textual._wait
import textual.constants
import textual.css.stylesheet
from argon2 import PasswordHasher

from store.cases.records import CaseDetail
from store.common import dates
from store.common.errors import StoreError
from store.common.records import WorkerInfo
from store.core import cipher
from store.service import Store
from store.workers import passphrases
from tests.postgres_cluster import REQUIRE, TEMPLATE, Cluster, ClusterUnavailable, Outside
from tests.postgres_cluster import missing as postgres_missing
from tests.postgres_cluster import required as require_postgres

# After each key it presses, Pilot waits until the app looks idle: it sleeps in steps of 20 ms
# until a step in which the process used under a twentieth of it. Most of a Pilot test's time
# went on those steps; steps of 5 ms, idle by the same measure, end each wait as soon as the app
# is. (The tests wait for what they check with ``tests.tui.waiting.until``, not on this.)
assert hasattr(textual._wait, "SLEEP_GRANULARITY") and hasattr(textual._wait, "SLEEP_IDLE")
textual._wait.SLEEP_GRANULARITY = 0.005
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20
# Animations (a tab's underline sliding, a list scrolling to a row) end where they would have
# jumped; in Pilot tests they only add frames to draw. The real-terminal tests keep them.
assert textual.constants.TEXTUAL_ANIMATIONS in ("full", "basic", "none")
textual.constants.TEXTUAL_ANIMATIONS = "none"  # type: ignore[misc]  # Final, but read by each App

# Each App parses every stylesheet it meets (the app's, each widget's DEFAULT_CSS, each screen's)
# into a cache of its own, so every Pilot test parsed the same CSS again: about a twentieth of
# their CPU. The rules a text parses to depend only on the text, where it came from and the
# theme's variables; parsed once per test process, each App gets the same rules, as a second
# screen of one App already does from its cache. tests/tui/test_css_parsed_once.py keeps the
# signature this wraps.
_PARSED: dict[tuple[object, ...], list[Any]] = {}
_parse_rules = textual.css.stylesheet.Stylesheet._parse_rules


def _parse_rules_once(
    self: textual.css.stylesheet.Stylesheet,
    css: str,
    read_from: Any,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[Any]:
    key = (css, read_from, is_default_rules, tie_breaker, scope, *sorted(self._variables.items()))
    rules = _PARSED.get(key)
    if rules is None:
        rules = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _PARSED[key] = rules
    return rules


textual.css.stylesheet.Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]

# The cyclic garbage collector, at Python's default thresholds, made a full collection every few
# hundred thousand allocations over everything the tests had loaded (Textual, the store, the
# apps still referenced): about a quarter of a Pilot test's CPU went on it (12.6 of 48.8 s over
# the minutes editor's and the assessment's tests). Collecting young objects less often leaves
# the same garbage collected, later; tests that count what is freed call ``gc.collect()``.
gc.set_threshold(50_000, 20, 10)

# A Monday morning; every test sees this as "now" unless it says otherwise.
FROZEN_NOW = datetime(2026, 11, 23, 10, 0, 0)


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Hide the user's config, database and worker settings; freeze the clock."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CASELINE_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("CASELINE_DB", raising=False)
    monkeypatch.delenv("CASELINE_WORKER", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("TZ", "Europe/London")
    import time

    time.tzset()
    dates.freeze(FROZEN_NOW)
    yield
    dates.freeze(None)


# Argon2 as production runs it takes a tenth of a second and 64 MiB per hash; the tests hash
# hundreds of times. tests/store/test_sign_in.py checks production uses the library's defaults.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash passphrases with the cheapest Argon2id parameters, in this process."""
    monkeypatch.setattr(passphrases, "HASHER", CHEAP_HASHER)


# SQLCipher 4 derives a file's key from its passphrase with 256,000 rounds of PBKDF2: a quarter
# of a second of CPU each time a passphrase is tried, and the tests try hundreds. In this
# process the key is derived with a few rounds; a child process (the real-terminal tests) uses
# the real number, so a file a child is to open is encrypted with ``real_key_derivation`` on.
# tests/store/test_cipher.py checks production's number and SQLCipher's own reading of it.
PRODUCTION_KDF_ROUNDS = cipher._KDF_ROUNDS
CHEAP_KDF_ROUNDS = 2


@pytest.fixture(autouse=True)
def _cheap_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cipher, "_KDF_ROUNDS", CHEAP_KDF_ROUNDS)


@pytest.fixture
def real_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys derived as production derives them, for a file another process will open."""
    monkeypatch.setattr(cipher, "_KDF_ROUNDS", PRODUCTION_KDF_ROUNDS)


Build = Callable[[Path], object]
T = TypeVar("T")


class Prebuilt:
    """``prebuilt(path, build)`` puts at ``path`` the database file ``build(path)`` would make
    there, and returns ``path``: built once per test process, then copied.
    ``prebuilt.with_result(path, build)`` also returns what ``build`` returned (the ids and
    versions of the records it wrote, which are the same in every copy).

    Making a database (its schema, then its data) takes longer than most tests that use one;
    a copy takes a millisecond, and each test still has a file of its own. What a build depends
    on besides ``build`` itself is part of the key: the frozen clock and the time zone (an
    unfrozen clock is never the same twice, so nothing is shared then).
    """

    def __init__(self, folders: pytest.TempPathFactory) -> None:
        self._folders = folders
        self._built: dict[tuple[object, ...], tuple[Path, Any]] = {}

    def __call__(self, path: Path, build: Build) -> Path:
        return self.with_result(path, build)[0]

    def with_result(self, path: Path, build: Callable[[Path], T]) -> tuple[Path, T]:
        key = (build, path.name, dates.now_utc(), os.environ.get("TZ"))
        if key not in self._built:
            template = self._folders.mktemp("prebuilt") / path.name
            result = build(template)
            leftovers = [p.name for p in template.parent.iterdir() if p != template]
            assert not leftovers, f"{build} left {leftovers}: a copy of the file alone is not whole"
            self._built[key] = (template, result)
        template, result = self._built[key]
        shutil.copy(template, path)  # with its permissions: a new database is private
        return path, result


@pytest.fixture(scope="session")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Prebuilt:
    """Database files built once per test process, then copied (``Prebuilt``)."""
    return Prebuilt(tmp_path_factory)


def new_database(path: Path) -> None:
    Store.open(path).close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "caseline.db"


@pytest.fixture
def store(
    backend: str,
    db_path: Path,
    prebuilt: Callable[[Path, Build], Path],
    request: pytest.FixtureRequest,
) -> Iterator[Store]:
    if backend == "postgres":
        opened = Store.open(request.getfixturevalue("database_url"))
    else:
        opened = Store.open(prebuilt(db_path, new_database))
    yield opened
    opened.close()


# The two colleagues most tests act as: managers in one team, so each may read and change
# the other's cases (two people at one record) and sees every worker's. What each role may do
# is tested on its own (tests/store/test_permissions.py).
COLLEAGUES = {"role": "manager", "team": "North"}


@pytest.fixture
def me(store: Store) -> WorkerInfo:
    return store.workers.ensure("sam.okafor", **COLLEAGUES)


@pytest.fixture
def other(store: Store) -> WorkerInfo:
    return store.workers.ensure("priya.nair", **COLLEAGUES)


@pytest.fixture
def make_case(store: Store, me: WorkerInfo) -> Callable[..., CaseDetail]:
    """Create a case with sensible defaults; keyword arguments override the form's fields."""
    names = count(1)

    def make(actor: WorkerInfo | None = None, **fields: Any) -> CaseDetail:
        data: dict[str, Any] = {"client_name": f"Test Person {next(names)}"}
        data.update(fields)
        return store.cases.create(actor or me, data)

    return make


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (the default, in pyproject.toml) starts two test processes per core.

    The Pilot and real-terminal tests spend about a third of their time waiting: for the app's
    timers (autosave, debounced filters), for a child process to start and draw, for a lock to
    time out. One process per core leaves the cores idle while they wait; two keep them busy,
    and the suite takes three quarters of the time.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return 2 * cores


# -- PostgreSQL ------------------------------------------------------------------------------
# Tests marked ``backends`` run twice: on an SQLite file and on a database of a throw-away
# PostgreSQL cluster (one per test process, tests/postgres_cluster.py). With no PostgreSQL server
# programs here they are skipped on PostgreSQL (one line in the summary), unless
# CASELINE_REQUIRE_POSTGRES=1 (CI), when that is a failure.
BACKENDS = ("sqlite", "postgres")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marked = metafunc.definition.get_closest_marker
    if "backend" in metafunc.fixturenames and marked("backends") and not marked("sqlite_only"):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


def _on_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    on = callspec is not None and callspec.params.get("backend") == "postgres"
    return on or "postgres_cluster" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Where no cluster can be made, the PostgreSQL tests are left out (said once, at the end:
    ``pytest_terminal_summary``) rather than each skipped; where it must be, they run and fail."""
    if postgres_missing() is None or require_postgres():
        return
    left_out = [item for item in items if _on_postgres(item)]
    if left_out:
        items[:] = [item for item in items if not _on_postgres(item)]
        config.hook.pytest_deselected(items=left_out)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    reason = postgres_missing()
    if reason is not None and not require_postgres():
        terminalreporter.write_line(
            f"PostgreSQL tests not run: {reason}; set {REQUIRE}=1 to make that a failure."
        )


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test's store is on: "sqlite" unless the test is marked ``backends``."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A running cluster, with a Caseline database made to copy (``Cluster.new_database``)."""
    cluster = Cluster()
    try:
        try:
            cluster.start()
            cluster.sql(f'CREATE DATABASE "{TEMPLATE}"')
            Store.open(cluster.url(TEMPLATE)).close()
        except (ClusterUnavailable, StoreError) as exc:
            if require_postgres():
                pytest.fail(f"PostgreSQL is required here ({REQUIRE}) but: {exc}", pytrace=False)
            pytest.skip(f"PostgreSQL tests skipped: {exc} (set {REQUIRE}=1 to fail instead)")
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(autouse=True)
def _test_databases_dropped() -> Iterator[None]:
    """The PostgreSQL databases a test made are dropped after it: kept, each test process's
    cluster grew by a copy of the template per test."""
    yield
    if Cluster.running is not None:
        Cluster.running.drop_made()


@pytest.fixture
def database_url(backend: str, db_path: Path, request: pytest.FixtureRequest) -> str | Path:
    """Where the test's database is: a new file (``db_path``), or a new PostgreSQL database."""
    if backend == "postgres":
        cluster: Cluster = request.getfixturevalue("postgres_cluster")
        return cluster.new_database()
    return db_path


@pytest.fixture
def outside(store: Store, database_url: str | Path) -> Iterator[Outside]:
    """A connection to the test's store's database that is not Caseline's."""
    connection = Outside(database_url)
    yield connection
    connection.close()
