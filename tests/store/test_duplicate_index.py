"""The duplicate check of a new case finds its clients by the index of names' pieces (schema
version 21) and finds exactly whom comparing every client's name would find."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from store.cases import similar
from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.common.textsafe import fold
from store.core.dialect import execute_sql
from store.service import Store
from tests.store.test_db import make_version_1_database

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]

FIRST = ["Ada", "Jonathan", "Zoë", "Li", "Mohammed", "Anne", "Siobhán", "Jo", "Kwame", "Ann"]
LAST = ["Byron", "Smith", "Smyth", "Wu", "O'Brien", "Lee", "Okafor", "Nowak", "Łukasz", "Ng"]


def add_clients(store: Store, me: WorkerInfo, names: list[str]) -> dict[int, str]:
    """Clients written straight to the table (the database indexes them itself)."""
    with store.database.writing() as db:
        for name in names:
            execute_sql(
                db,
                "INSERT INTO client (name, name_key, address, phone, created_at, updated_at,"
                " created_by_id, version) VALUES (?, ?, '', '', '2026-01-01', '2026-01-01', ?, 1)",
                (name, fold(name), me.id),
            )
        return dict(execute_sql(db, "SELECT id, name_key FROM client").fetchall())


def misspelt(rng: random.Random, name: str) -> str:
    i = rng.randrange(len(name))
    return name[:i] + rng.choice("aeiouy xz") + name[i + 1 :]


def scanned(clients: dict[int, str], key: str) -> dict[int, str]:
    """Every client compared, as the check did before the index."""
    tokens = key.split()
    if not tokens:
        return {}
    return {
        cid: reason
        for cid, other in clients.items()
        if (reason := similar.similarity(tokens, key, other))
    }


def test_the_index_finds_whom_comparing_every_client_finds(store: Store, me: WorkerInfo) -> None:
    rng = random.Random(16)
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(150)]
    names += [misspelt(rng, n) for n in names[:60]] + ["Smith Jonathan", "J Smith", "x"]
    clients = add_clients(store, me, names)
    typed = [*names[:40], *(misspelt(rng, n) for n in names[40:100]), "jonathan  SMITH", "ng"]
    # The same names held in memory (a file's rows being imported) are found alike.
    held = similar.NameIndex()
    for cid, key in clients.items():
        held.add(cid, key)
    for name in typed:
        key = fold(name)
        with store.database.reading() as db:
            assert similar.similar_clients(db, key) == scanned(clients, key), name
        assert held.similar(key) == scanned(clients, key), name


def test_only_clients_sharing_pieces_of_the_name_are_compared(
    store: Store, me: WorkerInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(7)
    letters = "bcdfghkmpqrtvw"
    strangers = ["".join(rng.choice(letters) for _ in range(12)) for _ in range(300)]
    add_clients(store, me, [*strangers, "Jonathan Smith", "Jonathon Smith"])
    compared: list[str] = []
    score = similar.similarity

    def counted(tokens: list[str], key: str, other: str, probe: Any = None) -> str | None:
        compared.append(other)
        return score(tokens, key, other, probe)

    monkeypatch.setattr(similar, "similarity", counted)
    found = store.cases.possible_duplicates(me, "Jonathan Smith")
    assert [(c.name, c.reasons) for c in found] == [
        ("Jonathan Smith", ("same name",)),
        ("Jonathon Smith", ("similar name",)),
    ]
    assert sorted(compared) == ["jonathan smith", "jonathon smith"]


def test_a_changed_name_is_found_by_the_new_name_only(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case(client_name="Ada Byron")
    store.case_file.update_client(me, case.client_id, {"name": "Ada Lovelace"}, version=1)
    assert [c.name for c in store.cases.possible_duplicates(me, "Ada Lovelace")] == ["Ada Lovelace"]
    assert store.cases.possible_duplicates(me, "Ada Byron") == []


def test_a_database_from_before_the_index_gets_it_built(db_path: Path) -> None:
    make_version_1_database(db_path)  # "Ada Byron", written before version 21
    store = Store.open(db_path)
    try:
        me = store.workers.ensure("sam", role="manager", team="North")
        found = store.cases.possible_duplicates(me, "Ada Bryon")
        assert [(c.name, c.reasons) for c in found] == [("Ada Byron", ("similar name",))]
    finally:
        store.close()


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "\x00\x1b[31m", "%", "_", "' OR 1=1 --", "ab" * 600, "Zoë\u200b", "\t\n"],
)
def test_any_name_typed_is_checked_without_error(
    store: Store, me: WorkerInfo, make_case: MakeCase, typed: str
) -> None:
    make_case(client_name="Zoë Byron")
    found = store.cases.possible_duplicates(me, typed)
    assert all(c.name == "Zoë Byron" for c in found)
