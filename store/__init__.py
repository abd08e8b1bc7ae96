"""Caseline's data layer: models, migrations and the service API the UI and CLI call.

Nothing in this package imports Textual or Rich (an import-linter contract checks it).
"""

import sys

__version__ = "0.1.0"

# peewee imports psycopg (PostgreSQL's driver, some 200 ms) whenever it is installed, and
# start-up on an SQLite file needs none of it: until a PostgreSQL database is opened
# (``store.core.postgres.driver`` imports it then), peewee is told there is none.
if "peewee" not in sys.modules:
    sys.modules.setdefault("psycopg", None)  # type: ignore[arg-type]
