"""The lock in a real terminal: once locked, no client's name is drawn, and none is ever put in
the terminal's title; the passphrase brings the case back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from store.service import Store
from tests.terminal import PASSPHRASE, Terminal, allow_sign_in, app_env, sign_in

pytestmark = pytest.mark.slow
WORKER = "sam.okafor"
CTRL_L = "\x0c"
TITLE = re.compile(rb"\x1b\][012];([^\x07\x1b]*)")  # OSC 0/1/2: set the window title


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lock.db"
    store = Store.open(path)
    store.cases.create(store.workers.ensure(WORKER), {"client_name": "Aisha Bello"})
    store.close()
    allow_sign_in(path, WORKER)
    return path


def test_a_locked_screen_draws_no_client_and_titles_none(db: Path, tmp_path: Path) -> None:
    term = Terminal(["--db", str(db), "--worker", WORKER], env=app_env(tmp_path))
    try:
        sign_in(term)
        assert term.wait_for("Aisha Bello"), bytes(term.output[-1500:])
        term.type("\r", pause=0.0)  # open the case: the name is in its header
        assert term.wait_for("Support network"), bytes(term.output[-1500:])
        assert term.wait_for_screen("Aisha Bello"), "\n".join(term.screen())
        mark = len(term.output)
        term.type(CTRL_L, pause=0.0)
        assert term.wait_for("Locked"), bytes(term.output[mark:][-1500:])
        term.read(1.0)
        shown = "\n".join(term.screen())
        assert "Locked" in shown
        assert "Aisha" not in shown and "Bello" not in shown, shown
        mark = len(term.output)
        term.type(PASSPHRASE + "\r", pause=0.0)
        assert term.wait_for_screen("Aisha Bello"), "\n".join(term.screen())
    finally:
        term.close()
    titles = TITLE.findall(bytes(term.output))
    assert not [t for t in titles if b"Aisha" in t or b"Bello" in t]
