"""Keys that arrive together (one write to the terminal, as over a congested SSH link) take
effect in the order they were typed: a backspace before the characters after it, a tab before
the text meant for the next field, a save after the text it saves."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from store.service import Store
from tests.terminal import Terminal, allow_sign_in, app_env, sign_in

pytestmark = pytest.mark.slow
WORKER = "sam.okafor"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "keys.db"
    store = Store.open(path)
    store.cases.create(store.workers.ensure(WORKER), {"client_name": "Aisha Bello"})
    store.close()
    allow_sign_in(path, WORKER)
    return path


def burst_into_new_note(db: Path, tmp_path: Path, keys: str, drawn: str) -> None:
    """Send ``keys`` to a new note at once; quit once ``drawn`` is on the screen (or, if it
    never is, after three seconds: the test then finds what went wrong in the database)."""
    term = Terminal(["--db", str(db), "--worker", WORKER], env=app_env(tmp_path))
    try:
        sign_in(term)
        assert term.wait_for("Aisha Bello"), bytes(term.output[-1500:])
        term.type("n", pause=1.0)
        assert term.wait_for("New note")
        mark = len(term.output)
        os.write(term.fd, keys.encode())  # all at once
        deadline = time.monotonic() + 3.0
        while drawn.encode() not in term.output[mark:] and time.monotonic() < deadline:
            term.read(0.05)
        term.type("\x11", pause=0.0)  # ctrl+q: quit, keeping a draft
        term.wait(10)
    finally:
        term.close()


def test_a_backspace_in_a_burst_deletes_what_came_before_it(db: Path, tmp_path: Path) -> None:
    burst_into_new_note(db, tmp_path, "Helpp\x7fo there", drawn="Helpo there")
    store = Store.open(db)
    (draft,) = store.notes.drafts(store.workers.ensure(WORKER))
    store.close()
    assert draft.state["body"] == "Helpo there"


def test_a_save_in_a_burst_saves_everything_typed_before_it(db: Path, tmp_path: Path) -> None:
    burst_into_new_note(
        db,
        tmp_path,
        "Home visit with Aisha; agreed next steps, follow up fri.\x13s",
        drawn="Note saved",
    )
    store = Store.open(db)
    me = store.workers.ensure(WORKER)
    case_id = store.cases.caseload(me)[0].id
    notes = [n.first_line for n in store.notes.for_case(me, case_id)]
    drafts = store.notes.drafts(me)
    store.close()
    assert notes == ["Home visit with Aisha; agreed next steps, follow up fri."]
    assert drafts == []


def test_text_after_a_tab_in_a_burst_goes_to_the_next_field(db: Path, tmp_path: Path) -> None:
    term = Terminal(["--db", str(db), "--worker", WORKER], env=app_env(tmp_path))
    try:
        sign_in(term)
        assert term.wait_for("Aisha Bello"), bytes(term.output[-1500:])
        term.type("a", pause=1.0)
        assert term.wait_for("New case")
        os.write(term.fd, b"Dana Reyes\t4/5/1990")
        term.read(1.5)  # the form looks for existing clients before it saves
        term.type("\x13", pause=0.5)
        assert term.wait_for("created for Dana", seconds=10), bytes(term.output[-800:])
        term.read(2.0)
    finally:
        term.close()
    store = Store.open(db)
    me = store.workers.ensure(WORKER)
    dana = next(r for r in store.cases.caseload(me) if r.client_name == "Dana Reyes")
    client = store.case_file.client(me, store.cases.get(me, dana.id).client_id)
    store.close()
    assert str(client.date_of_birth) == "1990-05-04"
