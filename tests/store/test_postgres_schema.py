"""A PostgreSQL database is made whole at the newest schema (``store.core.postgres_db``), not by
SQLite's migrations: its tables, columns, indexes and guard triggers must stay those the
migrations make in an SQLite file, or the two would drift apart unseen."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from store.core import migrations
from store.core.dialect import trigger_name
from store.service import Store
from tests.postgres_cluster import Cluster, Outside

# SQLite's alone: the numbers the name-gram triggers cut at (PostgreSQL counts by itself).
# The full-text index is each database's own (an FTS5 table and its shadow tables on SQLite,
# a table with a tsvector on PostgreSQL: store.core.postgres_search), compared apart.
SQLITE_ONLY_TABLES = {"name_gram_position"}
SQLITE_ONLY_PREFIXES = ("search_", "sqlite_")
SEARCH = "search_"
# PostgreSQL's own: the triggers that note what becomes final (temporary ones on SQLite).
POSTGRES_ONLY_TRIGGER_PREFIX = "seal_pending_"

Schema = dict[str, Any]


def sqlite_schema(path: Path) -> Schema:
    conn = sqlite3.connect(path)
    try:
        tables = {
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name not in SQLITE_ONLY_TABLES and not name.startswith(SQLITE_ONLY_PREFIXES)
        }
        columns = set()
        indexes = set()
        for table in tables:
            for _cid, name, _type, notnull, default, pk in conn.execute(
                f'PRAGMA table_info("{table}")'
            ):
                columns.add((table, name, bool(notnull or pk), default is not None))
            for _seq, index, unique, origin, _partial in conn.execute(
                f'PRAGMA index_list("{table}")'
            ):
                if origin == "pk":
                    continue
                keys = tuple(row[2] for row in conn.execute(f'PRAGMA index_info("{index}")'))
                indexes.add((table, keys, bool(unique)))
        triggers = {
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            if not name.startswith("search_")
        }
    finally:
        conn.close()
    return {"tables": tables, "columns": columns, "indexes": indexes, "triggers": triggers}


def postgres_schema(url: str) -> Schema:
    conn = Outside(url)
    try:
        tables = {
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
            if not name.startswith(SEARCH)
        }
        columns = {
            (table, name, nullable == "NO", default is not None and "nextval" not in default)
            for table, name, nullable, default in conn.execute(
                "SELECT table_name, column_name, is_nullable, column_default"
                " FROM information_schema.columns WHERE table_schema = current_schema()"
            )
            if not table.startswith(SEARCH)
        }
        indexes = {
            (table, tuple(keys), bool(unique))
            for table, keys, unique in conn.execute(
                "SELECT t.relname, ARRAY(SELECT a.attname FROM unnest(x.indkey)"
                " WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a"
                " ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n), x.indisunique"
                " FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid"
                " JOIN pg_namespace s ON s.oid = t.relnamespace"
                " WHERE s.nspname = current_schema() AND NOT x.indisprimary"
            )
            if not table.startswith(SEARCH)
        }
        every_trigger = {
            (str(table), str(name))
            for table, name in conn.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c"
                " ON c.oid = t.tgrelid JOIN pg_namespace s ON s.oid = c.relnamespace"
                " WHERE s.nspname = current_schema() AND NOT t.tgisinternal"
            )
        }
        triggers = {
            name
            for _table, name in every_trigger
            if not name.startswith((POSTGRES_ONLY_TRIGGER_PREFIX, SEARCH))
        }
        search = {pair for pair in every_trigger if pair[1].startswith(SEARCH)}
    finally:
        conn.close()
    return {
        "tables": tables,
        "columns": columns,
        "indexes": indexes,
        "triggers": triggers,
        "search": search,
    }


@pytest.fixture(scope="module")
def both(
    postgres_cluster: Cluster, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Schema, Schema]:
    path = tmp_path_factory.mktemp("schema") / "migrated.db"
    Store.open(path).close()
    url = postgres_cluster.new_database()
    return sqlite_schema(path), postgres_schema(url)


@pytest.mark.parametrize("part", ["tables", "columns", "indexes"])
def test_postgresql_has_the_tables_columns_and_indexes_the_migrations_make(
    both: tuple[Schema, Schema], part: str
) -> None:
    on_sqlite, on_postgres = both
    assert on_sqlite[part]  # read, not an empty set on both sides
    only_postgres = sorted(on_postgres[part] - on_sqlite[part])
    only_sqlite = sorted(on_sqlite[part] - on_postgres[part])
    assert only_postgres == []
    assert only_sqlite == []


def test_postgresql_has_every_guard_trigger(both: tuple[Schema, Schema]) -> None:
    on_sqlite, on_postgres = both
    guards = {trigger_name(sql) for sql in migrations.GUARD_TRIGGERS}
    # A client deleted takes its name's runs with it by a foreign key on PostgreSQL.
    assert on_sqlite["triggers"] - {"client_name_gram_delete"} == on_postgres["triggers"]
    assert guards <= on_postgres["triggers"]


def test_postgresql_keeps_its_search_index_by_a_trigger_on_every_table_sqlite_does(
    both: tuple[Schema, Schema],
) -> None:
    from store.core import postgres_search
    from store.core.migrations import m0020_search

    _on_sqlite, on_postgres = both
    tables = {source.table for source in m0020_search.SOURCES} | {
        child for source in m0020_search.SOURCES for child, _column in source.children
    }
    assert on_postgres["search"] == set(postgres_search.trigger_names())
    assert {table for table, _name in on_postgres["search"]} == tables
