"""``Store.warm_up`` loads the code a case's opening reads with: once it has run, reading a
case's file and its health imports nothing more (the app warms up once its caseload is up, so
the first case opened doesn't pay for some 25 modules' imports)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from store.common.records import WorkerInfo
from store.service import Store

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: this process has imported everything already.
OPEN_A_CASE = """
import json, sys
from store.service import Store
store = Store.open(sys.argv[1])
me = store.workers.ensure("sam.okafor")
if sys.argv[3] == "warm":
    store.warm_up()
before = set(sys.modules)
store.case_file.view(me, int(sys.argv[2]), notes=None, plan=False, opening=True)
store.reminders.health(me, int(sys.argv[2]))
print(json.dumps(sorted(m for m in set(sys.modules) - before if m.startswith("store"))))
store.close()
"""


def imported_on_opening(db: Path, case_id: int, warm: bool) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", OPEN_A_CASE, str(db), str(case_id), "warm" if warm else "cold"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return list(json.loads(done.stdout))


def test_a_warmed_up_store_opens_a_case_without_importing_anything(
    store: Store, me: WorkerInfo, db_path: Path
) -> None:
    case = store.cases.create(me, {"client_name": "Ada Lovelace", "allocated_on": "2026-01-05"})
    store.notes.finalise(
        me,
        case.id,
        {"body": "Visited at home.", "contact_at": "2026-01-06 10:00", "note_type": "home visit"},
    )
    assert imported_on_opening(db_path, case.id, warm=False)  # what warming up saves
    assert imported_on_opening(db_path, case.id, warm=True) == []
