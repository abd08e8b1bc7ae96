"""Opening a Caseline database on a PostgreSQL server (``Store.open`` with a postgresql://
URL): made at the newest schema from every area's models when it is empty. Apart from
``store.service`` so that an SQLite start-up loads none of it."""

from __future__ import annotations

from store.common.errors import DatabaseUnavailable
from store.core import migrations
from store.core.db import Database
from store.core.models import BaseModel


def open_postgres(url: str) -> Database:
    """The PostgreSQL database at ``url``, made a Caseline database at the newest schema if it
    is empty, upgraded in place if its schema is older. Refused (DatabaseUnavailable, in one
    line) if the server can't be reached or refuses the user, or an upgrade fails (it is then
    left as it was)."""
    from store.core.postgres_db import (
        PostgresDatabase,
        add_search_index,
        create_schema,
        schema_version,
        upgrade_schema,
    )

    database = PostgresDatabase(url)
    try:
        current = schema_version(database)
        if current is None:
            create_schema(database, all_models())
        else:
            if current < migrations.LATEST:
                upgrade_schema(database)
            add_search_index(database)
    except BaseException:
        database.close()
        raise
    database.bind()
    return database


def open_postgres_existing(url: str, *, read_only: bool) -> Database:
    """The Caseline database at ``url`` as it is, for a command that reads it: never made or
    upgraded. ``read_only``: every transaction READ ONLY, so nothing can be written through it.
    Refused (DatabaseUnavailable) as ``open_postgres`` is, and if the database is empty."""
    from store.core.postgres_db import PostgresDatabase, schema_version

    database = PostgresDatabase(url, read_only=read_only)
    try:
        current = schema_version(database)
        if current is None:
            raise DatabaseUnavailable(
                f"No Caseline database at {database.where} yet (it is empty); "
                "make it with: caseline admin init --db URL"
            )
        if current < migrations.LATEST:
            raise DatabaseUnavailable(
                f"{database.where} was written by an older Caseline and needs upgrading before "
                "it can be read: open it once with caseline --db and its URL."
            )
    except BaseException:
        database.close()
        raise
    database.bind()
    return database


def all_models() -> list[type[BaseModel]]:
    """Every model of every area: the tables of a Caseline database at the newest schema."""
    import store.assessments.models
    import store.consent.models
    import store.referrals.models
    import store.reminders.models
    import store.resources.models
    import store.supervision.models  # noqa: F401

    found: list[type[BaseModel]] = []
    kinds: list[type[BaseModel]] = [BaseModel]
    while kinds:
        for kind in kinds.pop().__subclasses__():
            found.append(kind)
            kinds.append(kind)
    return found
