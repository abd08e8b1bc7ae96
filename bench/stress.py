#!/usr/bin/env python3
"""Many Caseline processes writing to one database at once, then a count of what was kept.

    python bench/stress.py [--processes 10] [--seconds 60] [--db PATH] [--json OUT]

Each process is a worker of its own: for ``--seconds`` it finalises notes on a few cases they
all share (nine writes in ten) and corrects the shared client's phone number with the version
it last read (one in ten), as colleagues on one team would. Every note the store said was
saved ("acknowledged") is written down with a token of its own in its text; every correction
too, or the conflict that refused it (someone else's correction came first, as it should when
two people edit one record). At the end, every acknowledged note is looked for, token and all,
in a fresh reading of the database: none may be missing. It prints a table (writes, lost,
conflicts detected, waits for the write lock at the median, p99 and worst) and writes the
same as JSON with ``--json``. It asserts nothing: tests/test_stress.py runs it small.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED_CASES = 3
MINIMUM = 3  # writes each writer makes however long the clock has run: a correction, two notes

# One process: a worker writing until the deadline, printing one JSON line per write.
WRITER = r"""
import json, random, sys, time
from store.common.errors import Conflict
from store.service import Store

path, login, seconds, cases = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
case_ids = [int(c) for c in cases.split(",")]
store = Store.open(path)
me = store.workers.ensure(login)
pick = random.Random(login)
print(json.dumps({"ready": login}), flush=True)
sys.stdin.readline()  # every writer is ready: the clock runs from here
deadline = time.time() + seconds
count = 0
while time.time() < deadline or count < MINIMUM:
    count += 1
    case_id = pick.choice(case_ids)
    started = time.perf_counter()
    if count % 10 != 1:  # the first write of each, and one in ten, a correction
        token = f"{login}-{count}"
        note = store.notes.finalise(
            me, case_id,
            {"contact_at": "now", "note_type": "phone call", "body": f"Rang. {token}"},
        )
        print(json.dumps({"note": note.id, "token": token,
                          "wait": time.perf_counter() - started}), flush=True)
    else:
        detail = store.cases.get(me, case_id)
        client = store.case_file.client(me, detail.client_id)
        phone = f"0161 496 {count % 10000:04d}"
        try:
            store.case_file.update_client(me, client.id, {"phone": phone}, version=client.version)
            print(json.dumps({"corrected": client.id,
                              "wait": time.perf_counter() - started}), flush=True)
        except Conflict:
            print(json.dumps({"conflict": client.id,
                              "wait": time.perf_counter() - started}), flush=True)
store.close()
"""


def prepare(path: Path, processes: int) -> list[int]:
    """The shared cases, held by the first worker of a team that every writer joins."""
    from store.service import Store

    store = Store.open(path)
    try:
        first = store.workers.ensure("writer.0", team="Stress", role="manager")
        for n in range(1, processes):
            store.workers.ensure(f"writer.{n}", team="Stress", role="manager")
        return [
            store.cases.create(first, {"client_name": f"Shared Client {n + 1}"}).id
            for n in range(SHARED_CASES)
        ]
    finally:
        store.close()


def run(path: Path, processes: int, seconds: float) -> dict[str, Any]:
    """Run the writers, then look for every acknowledged note; the figures. The clock starts
    once every writer has started and opened the database (on a busy machine that can take
    longer than the run), and each makes at least ``MINIMUM`` writes."""
    cases = prepare(path, processes)
    shared = ",".join(map(str, cases))
    code = f"MINIMUM = {MINIMUM}\n{WRITER}"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(path), f"writer.{n}", str(seconds), shared],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    for writer in writers:  # each says it is ready (or ends, having failed to start)
        assert writer.stdout is not None
        writer.stdout.readline()
    for writer in writers:
        assert writer.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            writer.stdin.write("go\n")
            writer.stdin.flush()
    lines: list[dict[str, Any]] = []
    failures: list[str] = []
    for writer in writers:
        out, err = writer.communicate(timeout=seconds + 120)
        lines += [json.loads(line) for line in out.splitlines() if line.strip()]
        if writer.returncode:
            failures.append(err.strip().splitlines()[-1] if err.strip() else "no output")
    notes = {line["note"]: line["token"] for line in lines if "note" in line}
    lost = missing_notes(path, notes)
    waits = sorted(line["wait"] for line in lines)
    return {
        "processes": processes,
        "seconds": seconds,
        "writes": len(lines),
        "notes": len(notes),
        "corrections": sum("corrected" in line for line in lines),
        "conflicts": sum("conflict" in line for line in lines),
        "lost": len(lost),
        "failed_processes": failures,
        "wait_median_s": statistics.median(waits) if waits else None,
        "wait_p99_s": waits[int(len(waits) * 0.99)] if waits else None,
        "wait_max_s": waits[-1] if waits else None,
    }


def missing_notes(path: Path, notes: dict[int, str]) -> list[int]:
    """The acknowledged notes not in the database as acknowledged, read afresh by SQLite
    itself (not through the store that wrote them)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        kept = dict(conn.execute("SELECT id, body FROM note WHERE status = 'final'").fetchall())
    finally:
        conn.close()
    return [i for i, token in notes.items() if token not in kept.get(i, "")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1] if __doc__ else "")
    parser.add_argument("--processes", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--db", type=Path, help="database to write to (default: a new one)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "stress.db"
        figures = run(path, args.processes, args.seconds)
    print(f"{figures['processes']} processes for {figures['seconds']:g} s on SQLite:")
    for label, key in (
        ("acknowledged writes", "writes"),
        ("  notes", "notes"),
        ("  corrections", "corrections"),
        ("conflicts detected", "conflicts"),
        ("acknowledged but lost", "lost"),
    ):
        print(f"  {label:<24}{figures[key]:>10,}")
    for label, key in (("median", "wait_median_s"), ("p99", "wait_p99_s"), ("worst", "wait_max_s")):
        value = figures[key]
        print(f"  {'wait, ' + label:<24}{'-' if value is None else f'{value:.3f} s':>10}")
    for failure in figures["failed_processes"]:
        print(f"  a process failed: {failure}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
