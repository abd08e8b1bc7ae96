"""bench/stress.py at a small size: several processes writing notes and correcting one
shared record at once; every write the store acknowledged is in the database afterwards."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.terminal import ROOT


@pytest.mark.slow
def test_no_acknowledged_write_is_lost_with_three_writers_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("bench_stress", ROOT / "bench" / "stress.py")
    assert spec is not None and spec.loader is not None
    stress = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_stress", stress)
    spec.loader.exec_module(stress)
    figures = stress.run(tmp_path / "stress.db", processes=3, seconds=1.0)
    assert figures["failed_processes"] == []
    assert figures["notes"] > 3 and figures["lost"] == 0
    assert figures["writes"] == figures["notes"] + figures["corrections"] + figures["conflicts"]
    # A correction made with a version someone else's correction moved on is refused, not
    # saved over theirs: each was either saved or refused, never both or neither.
    assert figures["corrections"] + figures["conflicts"] > 0
