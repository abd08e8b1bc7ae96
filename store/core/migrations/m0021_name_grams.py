"""Version 21: the clients' names indexed by their pieces, for the duplicate check of a new case.

``client_name_gram`` holds each client's folded name (``client.name_key``, with a space before
and after) cut into every run of three characters: "ada lee" is " ad", "ada", "da ", "a l",
" le", "lee" and "ee ". The check (``store.cases.service``) looks up the runs of the name being
typed in its index and scores only the clients that share enough of them, instead of comparing
the name with every client's. The database keeps it in step itself (triggers on ``client``),
whatever writes a name; ``name_gram_position`` only numbers the positions a trigger cuts at
(SQLite's triggers can't count by themselves), so a name's first 400 characters are indexed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

GRAM_TABLE = "client_name_gram"
POSITIONS = 400

_CUT = (
    "SELECT substr(' ' || {key} || ' ', p.n, 3), {id} FROM name_gram_position p"
    " WHERE p.n <= length({key})"
)


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    execute_sql(db, "CREATE TABLE name_gram_position (n INTEGER NOT NULL PRIMARY KEY)")
    execute_sql(
        db,
        "WITH RECURSIVE counted(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counted"
        f" WHERE n < {POSITIONS}) INSERT INTO name_gram_position SELECT n FROM counted",
    )
    execute_sql(
        db,
        f"CREATE TABLE {GRAM_TABLE} (gram TEXT NOT NULL,"
        " client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
        " PRIMARY KEY (gram, client_id)) WITHOUT ROWID",
    )
    execute_sql(db, f"CREATE INDEX {GRAM_TABLE}_client ON {GRAM_TABLE} (client_id)")
    cut_new = _CUT.format(key="NEW.name_key", id="NEW.id")
    execute_sql(
        db,
        f"CREATE TRIGGER {GRAM_TABLE}_insert AFTER INSERT ON client"
        f" BEGIN INSERT OR IGNORE INTO {GRAM_TABLE} {cut_new}; END",
    )
    execute_sql(
        db,
        f"CREATE TRIGGER {GRAM_TABLE}_update AFTER UPDATE OF name_key ON client"
        " WHEN NEW.name_key IS NOT OLD.name_key"
        f" BEGIN DELETE FROM {GRAM_TABLE} WHERE client_id = OLD.id;"
        f" INSERT OR IGNORE INTO {GRAM_TABLE} {cut_new}; END",
    )
    execute_sql(
        db,
        f"CREATE TRIGGER {GRAM_TABLE}_delete AFTER DELETE ON client"
        f" BEGIN DELETE FROM {GRAM_TABLE} WHERE client_id = OLD.id; END",
    )
    # The clients already there.
    execute_sql(
        db,
        f"INSERT OR IGNORE INTO {GRAM_TABLE}"
        " SELECT substr(' ' || c.name_key || ' ', p.n, 3), c.id"
        " FROM client c JOIN name_gram_position p ON p.n <= length(c.name_key)",
    )
