"""The demo's tasks: on about one open case in three, some overdue, some moved with a reason,
some done with a note, all readable through the store and on the demo worker's agenda; and the
same seed gives the same rows."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from store.common import dates
from store.common.reminders import HORIZON_DAYS
from store.reminders.records import ItemKind
from store.service import Store
from tests.store.test_demo import ME, _generate, _rows


def test_the_demo_has_tasks_overdue_moved_and_done(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    _generate(path)
    tasks = _rows(path, "SELECT id, case_id, due_on, done_at, version FROM task ORDER BY id")
    moves = _rows(path, "SELECT task_id, reason FROM task_move ORDER BY id")
    assert len(tasks) >= 10
    assert moves and all(reason for _task, reason in moves)
    done = [t for t in tasks if t[3] is not None]
    assert done
    store = Store.open(path)
    try:
        me = store.workers.named(ME)
        moved = store.reminders.task(me, moves[0][0])
        assert moved.moves and moved.version == 2 and not moved.done
        finished = store.reminders.task(me, done[0][0])
        assert finished.done_note and finished.done_by
        today = dates.today()
        agenda = store.reminders.agenda(me, team=True)
        shown = [i for i in agenda.items if i.kind is ItemKind.TASK]
        horizon = (today + timedelta(days=HORIZON_DAYS)).isoformat()
        assert len(shown) == len([t for t in tasks if t[3] is None and t[2] <= horizon])
        assert any(i.due_on < today for i in shown)
    finally:
        store.close()


def test_the_same_seed_gives_the_same_tasks(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    _generate(first)
    _generate(second)
    for query in ("SELECT * FROM task ORDER BY id", "SELECT * FROM task_move ORDER BY id"):
        assert _rows(first, query) == _rows(second, query)
