"""Keys typed ahead, in a real terminal: `enter` then a tab's number in one burst (a slow SSH
link delivers keys together) opens the case on that tab, and a tab's own keys straight after
its number act on that tab, which is built for them at once. Before, both crashed the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.service import Store
from tests.terminal import Terminal, allow_sign_in, app_env, sign_in

pytestmark = pytest.mark.slow
WORKER = "sam.okafor"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ahead.db"
    store = Store.open(path)
    me = store.workers.ensure(WORKER)
    case = store.cases.create(me, {"client_name": "Aisha Bello"})
    store.notes.finalise(
        me,
        case.id,
        {"contact_at": "today 9:00", "note_type": "phone call", "body": "Rang the GP."},  # type: ignore[dict-item]
    )
    store.close()
    allow_sign_in(path, WORKER)
    return path


@pytest.mark.parametrize(
    ("first", "keys", "shown"),
    [
        ("", "\r3", b"filter notes by text"),  # the case opens on its notes
        ("\r", "4x", b"Export chronology"),  # the chronology's keys, before it was built
        ("\r", "4a", b"Chronology entry"),
        ("\r", "4e", b"Case allocated to"),  # the allocation entry, or its analysis form
        ("", "/aq", b"(0 of 1)"),  # the caseload's filter, not its keys (a: new case, q: quit)
        ("\r", "3/zq", b"No notes match."),  # the notes' filter (z, q: no keys of their own)
        ("", "\r3/rent", b"No notes match."),  # before the case is up (e edits, n a note)
        ("", "/ai\r\r3", b"filter notes by text"),  # enter in the filter, enter on the case
        ("", "\r3/rang\r\r", b"Written by"),  # the note found, opened once the notes are read
        ("", "\r3/rang\r\rm", b"Amend note"),  # and the key after, to the note
        ("", "\r4/allocated\r\r", b"Analysis"),  # the chronology's entry found, opened
        ("", "\r3\r", b"Written by"),  # the first note, not what the first tab had focused
        ("", "\r4\r", b"Analysis"),  # the first entry of the chronology
        ("", "g\r", b"1 Overview"),  # Today's first line opened, once Today is read
    ],
    ids=[
        "enter-then-notes",
        "chronology-export",
        "chronology-add",
        "chronology-edit",
        "caseload-filter",
        "notes-filter",
        "enter-then-notes-filter",
        "filter-enter-enter",
        "notes-filter-enter-enter",
        "notes-filter-enter-enter-then-amend",
        "chronology-filter-enter-enter",
        "enter-3-enter",
        "enter-4-enter",
        "today-enter",
    ],
)
def test_keys_typed_together_act_where_they_were_meant(
    db: Path, tmp_path: Path, first: str, keys: str, shown: bytes
) -> None:
    term = Terminal(["--db", str(db), "--worker", WORKER], env=app_env(tmp_path))
    try:
        sign_in(term)
        assert term.wait_for("Aisha Bello"), bytes(term.output[-1500:])
        if first:
            term.type(first)
            # The client's details: the case is loaded (its headings are drawn before it is).
            assert term.wait_for("Identifiers"), bytes(term.output[-1500:])
        mark = len(term.output)
        term.type(keys, pause=0.0)
        # On the screen: a line that reads much as before is sent only where it differs.
        assert term.wait_for_screen(shown.decode()), "\n".join(term.screen())
        assert b"Traceback" not in bytes(term.output[mark:])
        assert term.wait(0.5) is None  # still running
    finally:
        term.close()


@pytest.mark.parametrize("filtered", [False, True], ids=["enter", "filter-enter-enter-notes"])
def test_keys_typed_with_the_command_act_once_the_caseload_is_up(
    tmp_path: Path, filtered: bool
) -> None:
    """Keys typed straight after the command, before the program has started (a demo
    database: no sign-in first): the terminal turns enter into a line feed until the program
    puts it in raw mode, read as ctrl+j and lost; and the keys came before the caseload had
    the focus, so `/` moved it to the filter after the letters behind it had gone by. Now
    `enter` opens the first case, and `/`, the last client's name, `enter enter 3` that
    client's notes."""
    from store.demo.generator import generate

    path = tmp_path / "start.db"
    store = Store.open(path)
    try:
        generate(store, me=WORKER, cases=3, notes_per_case=1, workers=1, seed=1)
        rows = store.cases.caseload(store.workers.named(WORKER), scope="mine", closed=False)
        names = sorted(row.client_name for row in rows)
    finally:
        store.close()
    wanted = names[-1] if filtered else names[0]
    keys = f"/{wanted}\r\r3" if filtered else "\r"
    term = Terminal(["--db", str(path), "--worker", WORKER], env=app_env(tmp_path))
    try:
        term.type(keys, pause=0.0)  # before anything is drawn
        shown = "filter notes by text" if filtered else "1 Overview"
        assert term.wait_for_screen(shown), "\n".join(term.screen())
        assert wanted in term.screen()[0], "\n".join(term.screen())
        assert term.wait(0.5) is None  # still running
    finally:
        term.close()
