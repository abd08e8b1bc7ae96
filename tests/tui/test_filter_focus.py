"""`/` in the case file, in a real terminal: from any tab it opens the notes' filter, and what
is typed next goes into the filter, not to the keys of the screen behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.service import Store
from tests.terminal import Terminal, app_env

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
    return path


@pytest.mark.parametrize("tab", ["1", "2", "5"], ids=["overview", "summary", "plan"])
def test_slash_on_another_tab_then_typing_filters_the_notes(
    db: Path, tmp_path: Path, tab: str
) -> None:
    term = Terminal(["--db", str(db), "--worker", WORKER], env=app_env(tmp_path))
    try:
        assert term.wait_for("Aisha Bello"), bytes(term.output[-1500:])
        term.type("\r")
        assert term.wait_for("Support network"), bytes(term.output[-1500:])
        term.type(tab, pause=1.0)
        # `/` and the text straight after it, as a person types; `h` is the history key on
        # the notes list, so it shows where the focus went.
        term.type("/", pause=0.0)
        mark = len(term.output)
        term.type("zqxh", pause=0.5)
        assert term.wait_for("No notes match."), bytes(term.output[-1500:])
        after = bytes(term.output[mark:])
        assert b"History of changes" not in after
        assert b"zqxh" in after
    finally:
        term.close()
