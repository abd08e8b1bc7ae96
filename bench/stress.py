#!/usr/bin/env python3
"""Many Caseline processes writing to one database at once, then a count of what was kept.

    python bench/stress.py [--processes 10] [--seconds 60] [--backends sqlite,postgres]
                           [--db PATH|URL] [--json OUT]

Each process is a worker of its own: for ``--seconds`` it finalises notes on a few cases they
all share (nine writes in ten) and corrects the shared client's phone number with the version
it last read (one in ten), as colleagues on one team would. Every note the store said was
saved ("acknowledged") is written down with a token of its own in its text; every correction
too, or the conflict that refused it (someone else's correction came first, as it should when
two people edit one record). At the end, every acknowledged note is looked for, token and all,
in a fresh reading of the database by SQLite or PostgreSQL itself: none may be missing. It
prints a table (writes, lost, conflicts detected, waits for the write lock at the median, p99
and worst), one column for each backend, and writes the same as JSON with ``--json``. It
asserts nothing: tests/test_stress.py runs it small.

Where it writes: on SQLite a new file in a temporary folder (or ``--db PATH``); on PostgreSQL
the empty database ``--db postgresql://...`` names (an operator's server: the run fills it with
test records, so one holding anything is refused), or else a throw-away cluster made for the
run and deleted after it (tests/postgres_cluster.py: needs PostgreSQL's server programs,
``initdb`` and ``pg_ctl``, and the driver, ``pip install -e '.[postgres]'``).
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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BACKENDS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
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


def prepare(path: Path | str, processes: int) -> list[int]:
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


def run(path: Path | str, processes: int, seconds: float) -> dict[str, Any]:
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


def missing_notes(path: Path | str, notes: dict[int, str]) -> list[int]:
    """The acknowledged notes not in the database as acknowledged, read afresh by SQLite or
    PostgreSQL itself (not through the store that wrote them)."""
    query = "SELECT id, body FROM note WHERE status = 'final'"
    if isinstance(path, str):
        from store.core.postgres import driver

        with driver().connect(path) as pg:
            kept = dict(pg.execute(query).fetchall())
    else:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            kept = dict(conn.execute(query).fetchall())
        finally:
            conn.close()
    return [i for i, token in notes.items() if token not in kept.get(i, "")]


class Refused(Exception):
    """A database the run can't use; the message says why, in one line."""


def check_empty(url: str) -> None:
    """The PostgreSQL database at ``url`` can be reached and holds no table."""
    from store.common.database_url import shown_url
    from store.core.postgres import driver, friendly_error

    psycopg = driver()
    try:
        with psycopg.connect(url, connect_timeout=10) as pg:
            tables = pg.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchone()
    except psycopg.Error as exc:
        raise Refused(friendly_error(exc, shown_url(url))) from None
    if tables and tables[0]:
        raise Refused(
            f"{shown_url(url)} is not empty: give an empty database, which the run fills with "
            "test records."
        )


@contextlib.contextmanager
def database(backend: str, given: str | None, folder: Path) -> Iterator[Path | str]:
    """Where this backend's run writes: what ``--db`` gave for it, or a throw-away one."""
    if backend == "sqlite":
        yield Path(given).expanduser() if given else folder / "stress.db"
        return
    if given:
        check_empty(given)
        yield given
        return
    from tests.postgres_cluster import Cluster, ClusterUnavailable

    cluster = Cluster()
    try:
        try:
            cluster.start()
        except ClusterUnavailable as exc:
            raise Refused(f"no throw-away PostgreSQL cluster here: {exc}") from None
        cluster.sql('CREATE DATABASE "stress"')
        yield cluster.url("stress")
    finally:
        cluster.stop()


ROWS = (
    ("acknowledged writes", "writes"),
    ("  notes", "notes"),
    ("  corrections", "corrections"),
    ("conflicts detected", "conflicts"),
    ("acknowledged but lost", "lost"),
)
WAITS = (("median", "wait_median_s"), ("p99", "wait_p99_s"), ("worst", "wait_max_s"))


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    """The figures of each backend's run, side by side."""
    first = next(iter(results.values()))
    lines = [
        f"{first['processes']} processes for {first['seconds']:g} s:".ljust(26)
        + "".join(f"{BACKENDS[b]:>12}" for b in results)
    ]
    for label, key in ROWS:
        lines.append(f"  {label:<24}" + "".join(f"{f[key]:>12,}" for f in results.values()))
    for label, key in WAITS:
        cells = ("-" if f[key] is None else f"{f[key]:.3f} s" for f in results.values())
        lines.append(f"  {'wait, ' + label:<24}" + "".join(f"{c:>12}" for c in cells))
    for backend, figures in results.items():
        for failure in figures["failed_processes"]:
            lines.append(f"  a process failed on {BACKENDS[backend]}: {failure}")
    return lines


def backends_of(text: str, db: str | None) -> list[str]:
    """The backends ``--backends`` names (in its order), checked against ``--db``."""
    from store.common.database_url import is_postgres_url

    chosen = [b.strip() for b in text.split(",") if b.strip()]
    unknown = [b for b in chosen if b not in BACKENDS]
    if unknown or not chosen or len(set(chosen)) != len(chosen):
        raise Refused(f"--backends: give sqlite, postgres or both, comma-separated (not {text!r})")
    if db is not None:
        wanted = "postgres" if is_postgres_url(db) else "sqlite"
        if wanted not in chosen:
            raise Refused(f"--db names a database for {wanted}, which --backends leaves out")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[2] if __doc__ else "",
        epilog=__doc__.split("\n\n")[3] if __doc__ else "",
    )
    parser.add_argument("--processes", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--backends",
        default=None,
        metavar="LIST",
        help="sqlite, postgres or sqlite,postgres: each run in turn, shown side by side "
        "(default: the one --db names, else sqlite)",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="a new SQLite file to write, or the postgresql:// URL of an existing EMPTY "
        "database (default: a throw-away file, or a throw-away PostgreSQL cluster)",
    )
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    if args.processes < 1 or args.seconds <= 0:
        parser.error("--processes must be at least 1 and --seconds more than 0")
    from store.common.database_url import is_postgres_url

    given = args.db
    default = "postgres" if given and is_postgres_url(given) else "sqlite"
    try:
        chosen = backends_of(args.backends or default, given)
    except Refused as exc:
        parser.error(str(exc))
    results: dict[str, dict[str, Any]] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            for backend in chosen:
                for_it = given and (backend == "postgres") == is_postgres_url(given)
                with database(backend, given if for_it else None, Path(folder)) as where:
                    results[backend] = run(where, args.processes, args.seconds)
    except Refused as exc:
        print(f"stress: {exc}", file=sys.stderr)
        return 1
    print("\n".join(table(results)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
