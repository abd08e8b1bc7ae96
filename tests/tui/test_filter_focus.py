"""`/` in the case file, in a real terminal: from any tab it opens the notes' filter, and what
is typed next goes into the filter, not to the keys of the screen behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.service import Store
from tests.terminal import Terminal, allow_sign_in, app_env, sign_in

pytestmark = pytest.mark.slow
WORKER = "sam.okafor"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "filter.db"
    store = Store.open(path)
    me = store.workers.ensure(WORKER)
    case = store.cases.create(me, {"client_name": "Aisha Bello"})
    for when, body in (("today 9:00", "Home visit, kitchen tidy."), ("today 11:00", "Rang GP.")):
        store.notes.finalise(
            me,
            case.id,
            {"contact_at": when, "note_type": "phone call", "body": body},  # type: ignore[dict-item]
        )
    store.close()
    allow_sign_in(path, WORKER)
    return path


@pytest.mark.parametrize("burst", [False, True], ids=["typed", "in-one-write"])
@pytest.mark.parametrize("tab", ["1", "2", "5"], ids=["overview", "summary", "plan"])
def test_slash_on_another_tab_then_typing_filters_the_notes(
    db: Path, tmp_path: Path, tab: str, burst: bool
) -> None:
    term = Terminal(["--db", str(db), "--worker", WORKER], env=app_env(tmp_path))
    try:
        sign_in(term)
        assert term.wait_for("Aisha Bello"), bytes(term.output[-1500:])
        term.type("\r")
        assert term.wait_for("Support network"), bytes(term.output[-1500:])
        term.type(tab, pause=1.0)
        # `/` and the text straight after it, as a person types or in one write (a congested
        # SSH link); `h` is the history key on the notes list, so it shows where the focus went.
        mark = len(term.output)
        if burst:
            term.type("/zqxh", pause=0.5)
        else:
            term.type("/", pause=0.0)
            term.type("zqxh", pause=0.5)
        # Waits for all four letters: "No notes match." already shows after the first.
        assert term.wait_for(b"zqxh"), bytes(term.output[mark:][-1500:])
        # On the screen: "No notes yet" shown first changes into it in the cells that differ.
        assert term.wait_for_screen("No notes match."), "\n".join(term.screen())
        term.read(0.3)  # had `h` reached the notes list, its history would be opening now
        assert b"History of changes" not in bytes(term.output[mark:])
    finally:
        term.close()
