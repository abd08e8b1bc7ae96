"""Pasted text arrives as one piece, in order, with control sequences removed.

Text copied from e-mails and web pages can hold escape sequences and control characters. A
terminal in bracketed-paste mode sends it between ``ESC [200~`` and ``ESC [201~``; Textual's
parser read an ESC inside the paste as the start of a key sequence and sent what followed as
keystrokes ahead of the paste, so "V2 AAA <OSC> BBB end" was stored as "^]0;x BBB endV2 AAA ".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from store.service import Store
from tests.terminal import Terminal, allow_sign_in, app_env, sign_in
from tui.app import CaselineApp
from tui.screens.caseload.new_case import NewCaseScreen
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.widgets.textual_fixes import PasteInOrderParser

from .helpers import loaded

WORKER = "sam.okafor"
TITLE = "\x1b]0;x\x07"
OSC52 = "\x1b]52;c;SEVJTUxP\x07"


def paste(text: str) -> bytes:
    return f"\x1b[200~{text}\x1b[201~".encode()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "paste.db"
    store = Store.open(path)
    store.cases.create(store.workers.ensure(WORKER), {"client_name": "Aisha Bello"})
    store.close()
    allow_sign_in(path, WORKER)
    return path


# -- the terminal's input, parsed ------------------------------------------------------------


def parsed(*chunks: str) -> list[tuple[str, str]]:
    parser = PasteInOrderParser()
    found: list[tuple[str, str]] = []
    for chunk in chunks:
        for event in parser.feed(chunk):
            if isinstance(event, events.Paste):
                found.append(("paste", event.text))
            elif isinstance(event, events.Key):
                found.append(("key", event.key))
    return found


def test_a_paste_with_an_escape_sequence_is_one_paste_in_order() -> None:
    assert parsed(paste(f"V2 AAA {TITLE} BBB end").decode()) == [("paste", "V2 AAA  BBB end")]


def test_keys_around_a_paste_keep_their_places() -> None:
    events_ = parsed("ab" + paste(f"x{OSC52}\x1b[31my\x07z").decode() + "c\r")
    assert events_ == [
        ("key", "a"),
        ("key", "b"),
        ("paste", "xyz"),
        ("key", "c"),
        ("key", "enter"),
    ]


def test_a_paste_split_across_reads_is_still_one_paste() -> None:
    whole = paste(f"Anna {TITLE} Smith\r2nd line").decode()
    for cut in range(1, len(whole)):
        assert parsed(whole[:cut], whole[cut:]) == [("paste", "Anna  Smith\n2nd line")], cut


# -- pastes reach the field that has the focus, in order -------------------------------------


async def test_a_paste_after_a_tab_goes_to_the_next_field(db: Path) -> None:
    app = CaselineApp(db=db, worker=WORKER)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await loaded(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        # One burst, as a terminal sends them: the name, a tab, then the pasted address.
        app.post_message(events.Paste(f"Anna {TITLE}Smith"))
        app.post_message(events.Key("tab", "\t"))
        app.post_message(events.Key("tab", "\t"))
        app.post_message(events.Paste(f"Flat 2{OSC52}\r\n10 High St"))
        await loaded(pilot)
        values = {w.id: w.value for w in app.screen.query(Input)}
        assert values["client_name"] == "Anna Smith"
        assert values["date_of_birth"] == ""
        assert values["address"] == "Flat 2 10 High St"  # one line: the lines joined


async def test_a_paste_into_the_note_keeps_its_lines_and_loses_its_escapes(db: Path) -> None:
    app = CaselineApp(db=db, worker=WORKER)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press(*"Seen.")
        app.post_message(events.Paste(f" V2 AAA {TITLE} BBB\r\nend\ttab\x07"))
        app.post_message(events.Key("exclamation_mark", "!"))
        await loaded(pilot)
        body = app.screen.query_one("#body", TextArea)
        assert body.text == "Seen. V2 AAA  BBB\nend\ttab!"


# -- in a real terminal -----------------------------------------------------------------------


def run(
    db: Path, tmp_path: Path, opening: str, title: str, keys: bytes, end: str, done: str = ""
) -> bytes:
    """Open a screen, send ``keys`` in one write, then ``end``; return what was drawn after,
    once ``done`` is drawn (or, without ``done``, once the app has quit)."""
    term = Terminal(["--db", str(db), "--worker", WORKER], env=app_env(tmp_path))
    try:
        sign_in(term)
        assert term.wait_for("Aisha Bello"), bytes(term.output[-1500:])
        term.type(opening, pause=1.0)
        assert term.wait_for(title), bytes(term.output[-1500:])
        mark = len(term.output)
        os.write(term.fd, keys)
        term.read(2.0)  # the new case form looks for existing clients before it saves
        term.type(end, pause=1.0)
        if done:
            term.wait_for(done, seconds=10)
        else:
            term.wait(10)
    finally:
        term.close()
    drawn = bytes(term.output[mark:])
    assert b"\x1b]0;x" not in drawn
    assert b"SEVJTUxP" not in drawn
    return drawn


@pytest.mark.slow
def test_a_name_pasted_in_a_real_terminal_is_stored_in_order(db: Path, tmp_path: Path) -> None:
    keys = paste(f"Anna {TITLE} Smith") + b"\t" + paste("1/2/1990")
    drawn = run(db, tmp_path, "a", "New case", keys, "\x13", done="created for")  # ctrl+s
    assert b"created for" in drawn
    store = Store.open(db)
    me = store.workers.ensure(WORKER)
    rows = store.cases.caseload(me)
    anna = next(r for r in rows if r.client_name.startswith("Anna"))
    client = store.case_file.client(me, store.cases.get(me, anna.id).client_id)
    store.close()
    assert sorted(r.client_name for r in rows) == ["Aisha Bello", "Anna Smith"]
    assert str(client.date_of_birth) == "1990-02-01"


@pytest.mark.slow
def test_a_note_pasted_in_a_real_terminal_is_stored_in_order(db: Path, tmp_path: Path) -> None:
    keys = b"Seen. " + paste(f"V2 AAA {TITLE} BBB\rend{OSC52}") + b"!"
    run(db, tmp_path, "n", "New note", keys, "\x11")  # ctrl+q: quit, keeping a draft
    store = Store.open(db)
    (draft,) = store.notes.drafts(store.workers.ensure(WORKER))
    store.close()
    assert draft.state["body"] == "Seen. V2 AAA  BBB\nend!"
