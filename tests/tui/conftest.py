"""Fixtures for driving the app with Pilot against a real database file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.core.models import Case
from store.service import Store
from tests.conftest import COLLEAGUES
from tests.tui.held import Held
from tests.tui.ui_thread import UiThreadWatch, fail_on_ui_thread_calls, watching
from tui.app import CaselineApp
from tui.widgets import held_input

CLIENTS = [
    # name, dob, allocated, worker (None = me), last contact (UTC), next review
    (
        "Aisha Bello",
        "12/03/1988",
        "2025-02-10",
        None,
        datetime(2026, 11, 20, 11, 0),
        date(2026, 12, 10),
    ),
    (
        "Łukasz Nowak",
        "01/07/1979",
        "2024-06-01",
        None,
        datetime(2026, 10, 2, 9, 30),
        date(2026, 11, 1),
    ),
    ("Zoë Adams", "", "2026-11-20", None, None, None),
    (
        "Tom Gallagher",
        "23/09/2001",
        "2023-01-15",
        None,
        datetime(2026, 11, 22, 15, 0),
        date(2027, 1, 5),
    ),
    (
        "Siobhán O'Sullivan-Murphy",
        "05/05/1995",
        "2025-08-08",
        None,
        datetime(2026, 11, 16, 10, 0),
        None,
    ),
    (
        "Priya Patel",
        "30/10/1960",
        "2022-04-04",
        "priya.nair",
        datetime(2026, 11, 21, 10, 0),
        date(2027, 2, 1),
    ),
    ("Marcus Johnson", "", "2021-09-09", "priya.nair", None, None),
]


def seed(store: Store) -> tuple[WorkerInfo, list[CaseDetail]]:
    """A small caseload with a spread of names, dates and flags."""
    me = store.workers.ensure("sam.okafor", **COLLEAGUES)
    store.workers.ensure("priya.nair", **COLLEAGUES)
    created = []
    for name, dob, allocated, worker, last, review in CLIENTS:
        case = store.cases.create(
            me,
            {
                "client_name": name,
                "date_of_birth": dob,
                "allocated_on": allocated,
                "worker": worker or "",
                "address": "1 High Street, Leeds LS1 1AA",
                "phone": "07700 900123",
            },
        )
        with store.database.writing():
            Case.update(last_contact_at=last, next_review_on=review).where(
                Case.id == case.id
            ).execute()
        created.append(case)
    closed = store.cases.create(
        me, {"client_name": "Old Closed Case", "allocated_on": "2020-01-01"}
    )
    with store.database.writing():
        Case.update(status="closed", closed_on=date(2021, 1, 1)).where(
            Case.id == closed.id
        ).execute()
    created.append(closed)
    return me, created


def seeded(path: Path) -> None:
    store = Store.open(path)
    seed(store)
    store.close()


@pytest.fixture
def seeded_db(tmp_path: Path, prebuilt: Callable[[Path, Callable[[Path], object]], Path]) -> Path:
    return prebuilt(tmp_path / "seeded.db", seeded)


@pytest.fixture
def make_app(seeded_db: Path) -> Callable[..., CaselineApp]:
    def make(**kwargs: object) -> CaselineApp:
        kwargs.setdefault("worker", "sam.okafor")
        return CaselineApp(db=kwargs.pop("db", seeded_db), **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture(autouse=True)
def ui_thread_watch() -> Iterator[UiThreadWatch]:
    """Fail a test whose app called the store on the UI thread (see tests.tui.ui_thread)."""
    with watching() as watch:
        yield watch
    fail_on_ui_thread_calls(watch)


@pytest.fixture
def hold(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Any, str], Held]]:
    """``hold(owner, name)``: ``owner.name`` held up until released (``tests.tui.held``);
    whatever a failing test left held is released after it, so no thread waits on. A screen
    holding what is typed until such a read is in waits for it as long: on a loaded machine
    the test's keys can take longer to be handed on than the two seconds a screen waits."""
    monkeypatch.setattr(held_input, "HOLD_AT_MOST_SECONDS", 15.0)
    made: list[Held] = []

    def make(owner: Any, name: str) -> Held:
        made.append(Held(monkeypatch, owner, name))
        return made[-1]

    yield make
    for each in made:
        each.release()
