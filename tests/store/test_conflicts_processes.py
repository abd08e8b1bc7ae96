"""Two people in two processes on one database file save the summary at the same moment:
one save wins, the other is refused with the winner's version, and can then be saved on top
of it deliberately."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.service import Store
from tests.conftest import FROZEN_NOW

LATER = FROZEN_NOW + timedelta(hours=1)

# One person at their desk: read the summary, wait for "go", save; if refused, wait for
# "again" and save on top of the version the refusal showed. Each step prints one JSON line.
PERSON = r"""
import json, sys
from datetime import datetime
from store.common import dates
from store.common.errors import Conflict
from store.service import Store

path, username, case_id, text = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
dates.freeze(datetime.fromisoformat(sys.argv[5]))  # the tests' clock, an hour on
store = Store.open(path)
me = store.workers.ensure(username)
opened = store.case_file.summary(me, case_id)
print(json.dumps({"loaded": opened.id}), flush=True)
sys.stdin.readline()
try:
    saved = store.case_file.save_summary(me, case_id, text, base=opened.id)
    print(json.dumps({"saved": saved.id}), flush=True)
except Conflict as exc:
    print(json.dumps({
        "refused": str(exc), "by": exc.changed_by, "theirs": exc.current["body"],
        "version": exc.version,
    }), flush=True)
    if sys.stdin.readline().strip() == "again":
        saved = store.case_file.save_summary(me, case_id, text, base=exc.version)
        print(json.dumps({"saved": saved.id}), flush=True)
store.close()
"""


def start(db: Path, username: str, case_id: int, text: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PERSON, str(db), username, str(case_id), text, LATER.isoformat()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )


def line(person: subprocess.Popen[str]) -> dict[str, object]:
    assert person.stdout is not None
    got = person.stdout.readline()
    assert got, f"the process ended early (exit {person.wait()})"
    result: dict[str, object] = json.loads(got)
    return result


def say(person: subprocess.Popen[str], text: str) -> None:
    assert person.stdin is not None
    person.stdin.write(text + "\n")
    person.stdin.flush()


def test_two_processes_save_the_summary_at_once(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: object, db_path: Path
) -> None:
    case: CaseDetail = make_case()  # type: ignore[operator]
    original = store.case_file.save_summary(me, case.id, "## Background\n\nReferred by the GP.")
    texts = {"sam.okafor": "Sam's version", "priya.nair": "Priya's version"}
    people = {name: start(db_path, name, case.id, text) for name, text in texts.items()}
    try:
        for person in people.values():  # both have read the same version
            assert line(person) == {"loaded": original.id}
        for person in people.values():
            say(person, "go")
        results = {name: line(person) for name, person in people.items()}
        winners = [n for n, r in results.items() if "saved" in r]
        losers = [n for n, r in results.items() if "refused" in r]
        assert len(winners) == 1 and len(losers) == 1, results
        (winner,), (loser,) = winners, losers
        winner_name = "Sam Okafor" if winner == "sam.okafor" else "Priya Nair"
        refusal = results[loser]
        assert refusal["by"] == winner_name
        assert str(refusal["refused"]).startswith(f"{winner_name} saved a new version")
        assert refusal["theirs"] == texts[winner]
        assert refusal["version"] == results[winner]["saved"]
        # The record holds the first save, untouched by the refused one.
        current = store.case_file.summary(me, case.id)
        assert current is not None and current.body == texts[winner]
        # Having read it, the second person saves theirs on top, deliberately.
        say(people[loser], "again")
        assert "saved" in line(people[loser])
        for person in people.values():
            assert person.wait(timeout=60) == 0
    finally:
        for person in people.values():
            if person.poll() is None:
                person.kill()
                person.wait()
    assert [v.body for v in store.case_file.summary_versions(me, case.id)] == [
        texts[loser],
        texts[winner],
        "## Background\n\nReferred by the GP.",
    ]
