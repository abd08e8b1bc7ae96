"""bench/run.py at a tiny size: one command measuring in a real terminal and in the process,
printing the table and writing the figures as JSON."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.terminal import ROOT


@pytest.mark.slow
def test_the_bench_prints_its_table_and_writes_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", bench)
    spec.loader.exec_module(bench)
    out = tmp_path / "figures.json"
    bench.main(
        [
            *("--cases", "12", "--notes", "2", "--big-case", "5", "--runs", "1"),
            *("--idle", "0.2", "--quiet-ms", "20", "--skip", "startup,memory"),
            *("--keep", str(tmp_path / "bench.db"), "--json", str(out)),
        ]
    )
    printed = capsys.readouterr().out
    header = printed[printed.index("Action") :].splitlines()[0].split()
    assert header == ["Action", "Caseline", "Bare", "Ratio", "Bytes", "sent", "Target", "Met?"]
    figures = json.loads(out.read_text())
    rows = {row["action"]: row for row in figures["rows"]}
    for action in (
        "cursor move on the caseload",
        "case-file tab switch",
        "notes filter keystroke",
        "finalise a note (store)",
        "first search results",
    ):
        assert action in rows, action
        assert action in printed
    cursor = rows["cursor move on the caseload"]
    assert cursor["caseline"] > 0 and cursor["bare"] > 0 and cursor["unit"] == "ms"
    assert "B (bare" in cursor["sent"]
    assert rows["finalise a note (store)"]["bare"] > 0
