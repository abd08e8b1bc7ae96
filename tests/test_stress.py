"""bench/stress.py at a small size: several processes writing notes and correcting one
shared record at once, on an SQLite file and on PostgreSQL; every write the store
acknowledged is in the database afterwards."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.postgres_cluster import Cluster
from tests.terminal import ROOT


def load_stress(monkeypatch: pytest.MonkeyPatch) -> Any:
    spec = importlib.util.spec_from_file_location("bench_stress", ROOT / "bench" / "stress.py")
    assert spec is not None and spec.loader is not None
    stress = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_stress", stress)
    spec.loader.exec_module(stress)
    return stress


@pytest.mark.slow
@pytest.mark.backends
def test_no_acknowledged_write_is_lost_with_three_writers_at_once(
    database_url: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = load_stress(monkeypatch).run(database_url, processes=3, seconds=1.0)
    assert figures["failed_processes"] == []
    assert figures["notes"] > 3 and figures["lost"] == 0
    assert figures["writes"] == figures["notes"] + figures["corrections"] + figures["conflicts"]
    # A correction made with a version someone else's correction moved on is refused, not
    # saved over theirs: each was either saved or refused, never both or neither.
    assert figures["corrections"] + figures["conflicts"] > 0


def test_the_command_refuses_a_database_it_would_fill_and_a_backend_it_has_not(
    postgres_cluster: Cluster, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stress = load_stress(monkeypatch)
    # A Caseline database already (the cluster's copy of its template): not empty, left alone.
    url = postgres_cluster.new_database()
    assert stress.main(["--db", url, "--seconds", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("stress: ") and "is not empty" in err and len(err.splitlines()) == 1
    with pytest.raises(SystemExit) as usage:
        stress.main(["--backends", "mysql"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        stress.main(["--db", url, "--backends", "sqlite"])
    assert usage.value.code == 2


@pytest.mark.slow
def test_both_backends_side_by_side_in_one_table(
    postgres_cluster: Cluster, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    postgres_cluster.sql('CREATE DATABASE "stress_empty"')
    url = postgres_cluster.url("stress_empty")
    stress = load_stress(monkeypatch)
    argv = ["--backends", "sqlite,postgres", "--db", url, "--processes", "2", "--seconds", "0.5"]
    assert stress.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[-2:] == ["SQLite", "PostgreSQL"]
    lost = next(line for line in lines if "lost" in line)
    assert lost.split()[-2:] == ["0", "0"]
    written = next(line for line in lines if "acknowledged writes" in line)
    assert all(int(n.replace(",", "")) >= 2 * 3 for n in written.split()[-2:])
