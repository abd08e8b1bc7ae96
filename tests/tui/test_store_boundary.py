"""The UI gets what a screen shows from one store call and never opens transactions or builds
queries itself: nothing in tui/ reaches the store's database or peewee."""

from __future__ import annotations

import re
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "tui"
REACHING_IN = re.compile(r"\.database\b|\bpeewee\b")


def test_nothing_in_the_ui_touches_the_database_directly() -> None:
    found = [
        f"{path.relative_to(TUI.parent)}:{number}: {line.strip()}"
        for path in sorted(TUI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if REACHING_IN.search(line)
    ]
    assert found == []
