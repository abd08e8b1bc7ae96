"""Shared fixtures: a real SQLite file per test, a frozen clock, and no user config."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from store.cases.records import CaseDetail
from store.core import dates
from store.core.records import WorkerInfo
from store.service import Store

# A Monday morning; every test sees this as "now" unless it says otherwise.
FROZEN_NOW = datetime(2026, 11, 23, 10, 0, 0)


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Hide the user's config, database and worker settings; freeze the clock."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CASELINE_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("CASELINE_DB", raising=False)
    monkeypatch.delenv("CASELINE_WORKER", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("TZ", "Europe/London")
    import time

    time.tzset()
    dates.freeze(FROZEN_NOW)
    yield
    dates.freeze(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "caseline.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def me(store: Store) -> WorkerInfo:
    return store.workers.ensure("sam.okafor")


@pytest.fixture
def other(store: Store) -> WorkerInfo:
    return store.workers.ensure("priya.nair")


@pytest.fixture
def make_case(store: Store, me: WorkerInfo) -> Callable[..., CaseDetail]:
    """Create a case with sensible defaults; keyword arguments override the form's fields."""
    names = count(1)

    def make(actor: WorkerInfo | None = None, **fields: Any) -> CaseDetail:
        data: dict[str, Any] = {"client_name": f"Test Person {next(names)}"}
        data.update(fields)
        return store.cases.create(actor or me, data)

    return make
