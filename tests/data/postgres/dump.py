"""Writes ``schema_N.sql``: a PostgreSQL database as this Caseline makes it (schema N, the
newest) holding one of every kind of final record, dumped by ``pg_dump``. Run once per schema
version that reaches PostgreSQL, before the next migration lands, so that the upgrade from it
is tested for ever after (tests/store/test_postgres_migrations.py):

    .venv/bin/python -m tests.data.postgres.dump
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from store.core import migrations
from tests.postgres_cluster import Cluster
from tests.store.test_integrity import build_records

HERE = Path(__file__).resolve().parent


def main() -> None:
    cluster = Cluster()
    cluster.start()
    try:
        cluster.sql('CREATE DATABASE "dumped"')
        url = cluster.url("dumped")
        build_records(url)  # type: ignore[arg-type]  # Store.open takes a URL as well
        text = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges", "--inserts", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # Plain SQL, for any driver to run: psql's own commands (``\restrict``) left out.
        text = "".join(line for line in text.splitlines(True) if not line.startswith("\\"))
        target = HERE / f"schema_{migrations.LATEST}.sql"
        target.write_text(text)
        print(f"wrote {target.relative_to(Path.cwd())} ({len(text):,} characters)")
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
