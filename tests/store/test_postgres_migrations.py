"""A PostgreSQL database made by an earlier Caseline is upgraded in place when it is opened
(``store.core.migrations.postgres_steps``): to the schema a new one is made at, its records
kept and its hash chain sound; a failed upgrade leaves it as it was; one that can't be done
is refused in one line; commands that only read refuse an older schema rather than change it.

Each schema a Caseline made on PostgreSQL is kept as ``pg_dump`` wrote it, records included
(tests/data/postgres/schema_N.sql, written by tests/data/postgres/dump.py), and upgraded
here. The upgrade's own steps are tried with steps made up for the test."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from store.common.errors import DatabaseUnavailable
from store.core import migrations
from store.core.dialect import execute_sql
from store.core.migrations import postgres_steps
from store.core.postgres import driver
from store.service import Store
from tests.postgres_cluster import Cluster, Outside
from tests.store.test_integrity import NOTE
from tests.store.test_postgres_schema import postgres_schema

DUMPS = Path(__file__).resolve().parent.parent / "data" / "postgres"


def dumped_versions() -> list[int]:
    found = (re.fullmatch(r"schema_(\d+)\.sql", p.name) for p in DUMPS.iterdir())
    return sorted(int(m.group(1)) for m in found if m)


def load_dump(cluster: Cluster, version: int) -> str:
    """A new database holding what the dump of schema ``version`` holds; its URL."""
    name = f"dumped_{version}_{len(cluster.made)}"
    cluster.sql(f'CREATE DATABASE "{name}"')
    cluster.made.append(name)  # dropped after the test, as the cluster's own are
    url = cluster.url(name)
    with driver().connect(url, autocommit=True) as conn:
        conn.execute((DUMPS / f"schema_{version}.sql").read_text())
    return url


def meta(url: str) -> dict[str, str]:
    with Outside(url) as conn:
        return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM caseline_meta")}


def tables(url: str) -> set[str]:
    with Outside(url) as conn:
        return {
            str(name)
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }


def test_every_version_after_the_first_on_postgresql_has_its_step_and_the_first_its_dump() -> None:
    assert postgres_steps.missing() == []
    assert postgres_steps.FIRST in dumped_versions()
    assert postgres_steps.FIRST <= migrations.LATEST


@pytest.mark.parametrize("version", dumped_versions())
def test_a_database_an_earlier_caseline_made_is_upgraded_to_the_schema_made_new(
    postgres_cluster: Cluster, version: int
) -> None:
    old = load_dump(postgres_cluster, version)
    assert meta(old)["schema_version"] == str(version)
    store = Store.open(old)
    try:
        assert store.schema_version() == migrations.LATEST
        assert store.integrity.verify().sound
        me = store.workers.ensure("sam.okafor")
        assert [row.client_name for row in store.cases.caseload(me)] == ["Dana Reyes"]
        # Still written to, with its chain kept: a note made final after the upgrade.
        case = store.cases.caseload(me)[0]
        store.notes.finalise(me, case.id, {**NOTE, "body": "Written after the upgrade."})
        assert store.integrity.verify().sound
    finally:
        store.close()
    assert postgres_schema(old) == postgres_schema(postgres_cluster.new_database())


def _made_up(monkeypatch: pytest.MonkeyPatch, steps: dict[int, Any]) -> None:
    """Caseline as if its newest schema were the last of ``steps``, each on PostgreSQL."""
    monkeypatch.setattr(migrations, "LATEST", max(steps, default=migrations.LATEST))
    monkeypatch.setattr(postgres_steps, "POSTGRES_STEPS", steps)


def _add_table(name: str) -> Any:
    def step(db: pw.Database, migrator: Any) -> None:
        execute_sql(db, f'CREATE TABLE "{name}" ("id" SERIAL PRIMARY KEY, "what" TEXT NOT NULL)')

    return step


def test_the_steps_a_database_lacks_run_in_order_and_its_version_is_recorded(
    postgres_cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = postgres_cluster.new_database()  # at today's schema, FIRST
    ran: list[int] = []

    def recorded(version: int, name: str) -> Any:
        def step(db: pw.Database, migrator: Any) -> None:
            ran.append(version)
            _add_table(name)(db, migrator)

        return step

    first = migrations.LATEST
    steps = {first + 1: recorded(first + 1, "probe_a"), first + 2: recorded(first + 2, "probe_b")}
    _made_up(monkeypatch, steps)
    Store.open(url).close()
    assert ran == [first + 1, first + 2]
    assert {"probe_a", "probe_b"} <= tables(url)
    assert meta(url)["schema_version"] == str(first + 2)
    Store.open(url).close()  # up to date: nothing runs again
    assert ran == [first + 1, first + 2]


def test_a_failed_upgrade_leaves_the_database_as_it_was(
    postgres_cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = postgres_cluster.new_database()
    before = (tables(url), meta(url))

    def fails(db: pw.Database, migrator: Any) -> None:
        raise RuntimeError("the disk is full")

    first = migrations.LATEST
    _made_up(monkeypatch, {first + 1: _add_table("probe_a"), first + 2: fails})
    with pytest.raises(DatabaseUnavailable) as refused:
        Store.open(url)
    message = str(refused.value)
    assert "\n" not in message
    assert "Could not upgrade" in message and "the disk is full" in message
    assert "left as it was" in message
    assert (tables(url), meta(url)) == before  # the first step's table undone with the rest


def test_an_upgrade_this_caseline_has_no_step_for_is_refused_in_one_line(
    postgres_cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = postgres_cluster.new_database()
    before = meta(url)
    first = migrations.LATEST
    monkeypatch.setattr(migrations, "LATEST", first + 1)
    with pytest.raises(DatabaseUnavailable) as refused:
        Store.open(url)
    assert str(refused.value).endswith(
        f"holds schema {first}; this Caseline has no PostgreSQL upgrade to schema {first + 1}, "
        "so it was left as it was."
    )
    assert meta(url) == before


@pytest.mark.parametrize("opener", [Store.open_read_only, Store.open_current])
def test_commands_that_only_read_refuse_an_older_schema_and_change_nothing(
    postgres_cluster: Cluster, monkeypatch: pytest.MonkeyPatch, opener: Any
) -> None:
    url = postgres_cluster.new_database()
    before = (tables(url), meta(url))
    first = migrations.LATEST
    _made_up(monkeypatch, {first + 1: _add_table("probe_a")})
    with pytest.raises(DatabaseUnavailable) as refused:
        opener(url)
    assert "needs upgrading before it can be read" in str(refused.value)
    assert "caseline --db" in str(refused.value)
    assert (tables(url), meta(url)) == before
