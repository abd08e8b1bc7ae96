"""The demo's search index: built in one pass once everything is written, rather than by the
database's triggers record by record (which takes as long again as writing the demo)."""

from __future__ import annotations

from contextlib import AbstractContextManager

import peewee as pw

from store.search.index import set_aside


def indexed_at_the_end(db: pw.Database) -> AbstractContextManager[None]:
    """Around the demo's writes, inside their transaction."""
    return set_aside(db)
