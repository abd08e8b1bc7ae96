"""The caseload is painted once at start-up, in a real terminal: with more cases than fit, its
scrollbar is decided before the first paint, not drawn a frame later beside lines drawn again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.terminal import Terminal, app_env

pytestmark = pytest.mark.slow


def test_the_caseload_is_painted_once_with_its_scrollbar(tmp_path: Path) -> None:
    term = Terminal(["--demo"], env=app_env(tmp_path))  # the demo worker has 30 cases
    try:
        assert term.wait_for("palette", 60), bytes(term.output[-800:])  # the footer's last key
        term.read(1.0)  # what follows the first paint comes within a few frames
    finally:
        term.close()
    out = bytes(term.output)
    assert b"My open cases (30)" in out, out[-800:]
    # One whole frame, from the top left corner down.
    assert out.count(b"\x1b[1;1H") == 1, out
    # The scrollbar's column was in it: not drawn a frame later, cell by cell (line;80H).
    assert not re.search(rb"\x1b\[\d+;80H", out), out
    # Nor was any line of the table drawn again.
    assert out.count(b"My open cases") == 1
