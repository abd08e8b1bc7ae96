"""Version 11: tokens, with which scripts sign in to the command line instead of a passphrase.

``worker_token`` holds only a hash of each token (the token itself is shown once, when it is
made), with the worker it signs in as, a label saying what it is for, who made it and when,
the last day it works (if it expires), when it was last used, and when and by whom it was
revoked. The database refuses to delete a token (the audit trail names it), to change whose
it is or its hash, and to take back a revocation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

TABLE = "worker_token"
KEPT = "a token is kept once made: revoke it instead"
# What never changes once a token is made.
FIXED = ("worker_id", "token_hash", "created_at", "created_by_id")

TRIGGERS = (
    guard_trigger(f"{TABLE}_no_delete", "DELETE", TABLE, KEPT),
    guard_trigger(
        f"{TABLE}_fixed",
        "UPDATE",
        TABLE,
        KEPT,
        " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in FIXED)
        + ' OR (OLD."revoked_at" IS NOT NULL AND NEW."revoked_at" IS NOT OLD."revoked_at")',
    ),
)


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    execute_sql(
        db,
        f"""CREATE TABLE "{TABLE}" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "worker_id" INTEGER NOT NULL REFERENCES "worker" ("id"),
            "token_hash" TEXT NOT NULL,
            "label" TEXT NOT NULL DEFAULT '',
            "created_at" DATETIME NOT NULL,
            "created_by_id" INTEGER NOT NULL REFERENCES "worker" ("id"),
            "expires_on" DATE,
            "last_used_at" DATETIME,
            "revoked_at" DATETIME,
            "revoked_by_id" INTEGER REFERENCES "worker" ("id")
        )""",
    )
    # How a token is found when it is used; no two alike.
    execute_sql(db, f'CREATE UNIQUE INDEX "{TABLE}_token_hash" ON "{TABLE}" ("token_hash")')
    execute_sql(db, f'CREATE INDEX "{TABLE}_worker_id" ON "{TABLE}" ("worker_id")')
    for sql in TRIGGERS:
        execute_sql(db, sql)
