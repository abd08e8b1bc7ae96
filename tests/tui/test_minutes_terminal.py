"""The minutes editor in a real terminal: after choosing someone not on the case's lists, `tab`
goes to the box for their name, and the name typed there is the name kept."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from store.service import Store
from tests.terminal import Terminal, allow_sign_in, app_env, sign_in

pytestmark = pytest.mark.slow
WORKER = "sam.okafor"
END = "\x1b[F"  # xterm's End key: the last option of an open drop-down
CTRL_O = "\x0f"
CTRL_S = "\x13"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "minutes.db"
    store = Store.open(path)
    store.cases.create(store.workers.ensure(WORKER), {"client_name": "Aisha Bello"})
    store.close()
    allow_sign_in(path, WORKER)
    return path


def people_saved(db: Path) -> list[tuple[str, str, str]]:
    """(name, role, agency) of everyone in the case's draft minutes, as saved: in the minutes
    themselves, or in the page kept as typed when the store can't take it yet."""
    store = Store.open(db)
    try:
        me = store.workers.ensure(WORKER)
        case_id = store.cases.caseload(me)[0].id
        (meeting,) = store.conferences.for_case(me, case_id)
        kept = store.forms.draft(me, f"conference:{meeting.id}")
        if kept is not None:
            people = json.loads(kept[0]["state"])["people"]
            return [(p["name"], p["role"], p["agency"]) for p in people]
        info = store.conferences.get(me, meeting.id)
        return [(p.name, p.role, p.agency) for p in (*info.attendees, *info.apologies)]
    finally:
        store.close()


def wait_for_any(term: Terminal, *texts: str, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(t.encode() in term.output for t in texts):
            return True
        term.read(0.1)
    return False


@pytest.mark.parametrize("choice", ["Someone else", "New professional"])
def test_tab_after_choosing_someone_new_goes_to_their_name(
    db: Path, tmp_path: Path, choice: str
) -> None:
    term = Terminal(["--db", str(db), "--worker", WORKER], env=app_env(tmp_path))
    try:
        sign_in(term)
        assert term.wait_for("Aisha Bello"), bytes(term.output[-1500:])
        term.type("\r", pause=1.0)  # open the case
        term.type("M", pause=1.0)  # its meetings
        assert term.wait_for("Meetings")
        term.type("a", pause=1.0)  # new minutes
        assert term.wait_for("Attendees and apologies")
        term.read(1.0)
        # From When to the worker's row (When, Where, Type, Chair, Minutes by), then a new row.
        term.type("\t" * 5, pause=0.5)
        term.type(CTRL_O, pause=1.0)
        term.type("\r", pause=0.8)  # open "Who…"
        if choice == "Someone else":
            term.type(END, pause=0.5)
        else:
            term.type(END, pause=0.3)
            term.type("\x1b[A", pause=0.5)  # up: the option above "Someone else"
        term.type("\r", pause=0.8)  # choose it
        term.type("\t", pause=0.5)
        term.type("Pat Adeyemi", pause=0.5)
        term.type("\t", pause=0.3)
        term.type("Early Help", pause=0.5)
        term.type(CTRL_S, pause=0.5)
        assert wait_for_any(term, "Draft minutes saved", "Kept as typed"), bytes(term.output[-800:])
    finally:
        term.close()
    assert ("Pat Adeyemi", "Early Help", "") in people_saved(db)
