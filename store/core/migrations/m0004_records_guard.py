"""Version 4: the database itself refuses to change a finalised note, an amendment or an entry
in the record history.

The store never does these things; the triggers make sure nothing else can either (a bug, a
script, a hand-edit with the sqlite3 shell), so that a note's legal record holds whatever
writes the file. A draft is not a record and stays free to change or discard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

FINAL_NOTE = "a finalised note is a record and cannot be changed or deleted; add an amendment"
APPEND_ONLY = "{what} are kept as written and cannot be changed or deleted"

TRIGGERS = (
    guard_trigger("note_final_no_update", "UPDATE", "note", FINAL_NOTE, "OLD.status = 'final'"),
    guard_trigger("note_final_no_delete", "DELETE", "note", FINAL_NOTE, "OLD.status = 'final'"),
    *(
        guard_trigger(f"{table}_no_{action.lower()}", action, table, APPEND_ONLY.format(what=what))
        for table, what in (("note_amendment", "amendments"), ("record_change", "past values"))
        for action in ("UPDATE", "DELETE")
    ),
)


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    for sql in TRIGGERS:
        db.execute_sql(sql)
