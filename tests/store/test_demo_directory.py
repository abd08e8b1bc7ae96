"""The demo's community-resource directory: about thirty services across categories, some
with ages and areas, most as imported and a few by hand, one withdrawn; the same for a seed."""

from __future__ import annotations

from pathlib import Path

from store.demo import directory
from store.service import Store
from tests.store.test_demo import ME, _generate, _rows


def test_the_demo_has_a_directory_to_search(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    _generate(path, cases=5, notes_per_case=2)
    store = Store.open(path)
    try:
        me = store.workers.named(ME)
        services = store.resources.search(me, limit=100)
        assert len(services) == len(directory.SERVICES) - 1 >= 29  # one withdrawn
        assert len(store.resources.categories(me)) >= 12
        assert sum(s.min_age is not None or s.max_age is not None for s in services) >= 10
        assert sum(bool(s.area) for s in services) >= 8
        [young] = store.resources.search(me, "care leavers")
        detail = store.resources.get(me, young.id)
        assert (detail.min_age, detail.max_age) == (16, 25)
        assert detail.hsds_source == directory.SOURCE
        assert store.resources.search(me, "warm space")[0].id  # added by hand
        energy = store.resources.search(me, "energy advice", include_withdrawn=True)
        assert [s.withdrawn for s in energy] == [True]
    finally:
        store.close()


def test_the_same_seed_gives_the_same_directory(tmp_path: Path) -> None:
    sql = "SELECT name, area, address, phone, languages FROM resource_service ORDER BY id"
    first, second, other = tmp_path / "1.db", tmp_path / "2.db", tmp_path / "3.db"
    for path, seed in ((first, 3), (second, 3), (other, 4)):
        _generate(path, cases=2, notes_per_case=1, seed=seed)
    assert _rows(first, sql) == _rows(second, sql)
    assert _rows(first, sql) != _rows(other, sql)
