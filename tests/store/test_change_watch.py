"""store.watch(): another connection's commit is a change; this process's own are not, even
when one of ours comes after another's before anyone looked."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from store.cases.records import CaseDetail
from store.service import Store


def someone_else_writes(path: Path, key: str) -> None:
    other = sqlite3.connect(path)
    try:
        other.execute("INSERT INTO caseline_meta (key, value) VALUES (?, '1')", (key,))
        other.commit()
    finally:
        other.close()


def test_own_commits_do_not_count_and_anothers_always_does(
    store: Store, db_path: Path, make_case: Callable[..., CaseDetail]
) -> None:
    watch = store.watch()
    try:
        assert not watch.changed()
        make_case()
        assert not watch.changed()  # ours
        someone_else_writes(db_path, "first")
        assert watch.changed()
        assert not watch.changed()  # seen
        someone_else_writes(db_path, "second")
        make_case()  # ours, after theirs, before anyone looked
        assert watch.changed()
        assert not watch.changed()
    finally:
        store.unwatch(watch)
    assert watch not in store.database.watches
