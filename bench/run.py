"""Every speed target, side by side with bare Textual doing the same, in one run.

    python bench/run.py [--cases 5000] [--notes 50] [--runs 5] [--keep PATH] [--json OUT]

Builds (or reuses, with --keep) the demo database of ``--cases`` cases with ``--notes`` notes
each, adds a case of ``--big-case`` notes ("Bench Fivehundred") if it has none, then measures,
each beside a bare Textual app doing the same in the same run (bench/bare_app.py for start-up,
bench/bare_mirror.py for the keys, answering Caseline's keys with Textual's own widgets):

  * start-up to the painted caseload, in a real terminal (80x24), against a 50-row DataTable;
  * in a real terminal of 140x40 (bench/sessions.py; time is key to the last byte of the
    repaint, bytes are every byte the app writes to the terminal): a cursor move on the
    caseload (DataTable), a filter keystroke on every worker's cases (Input), and one that
    leaves the rows shown as they were; opening the big case (a pushed screen with a
    TabbedContent), switching its tabs, a keystroke in its notes filter; bytes per second
    while the note editor sits idle (TextArea);
  * memory after opening 20 and 80 cases one after another (a pushed screen, popped);
  * in the process: finalising a note (against INSERT + COMMIT with the same pragmas, in the
    same folder), the new-case duplicate check over every client (against comparing every
    client's name, as it was done before the index), and the first page of search results
    (``store.search``).

Prints a table (action, Caseline, bare, ratio, bytes sent, target, met?) and writes the same as
JSON with ``--json``. It asserts nothing: the tests check behaviour, this measures speed, and
a busy machine moves every figure.
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import sessions  # noqa: E402
from sessions import Press  # noqa: E402

WORKER = "bench.worker"
BIG_CASE = "Bench Fivehundred"


@dataclass
class Row:
    """One line of the table: figures in ``unit`` (ms, MB, B/s)."""

    action: str
    caseline: float | None
    bare: float | None
    unit: str
    sent: str
    target: str
    met: bool | None

    @property
    def ratio(self) -> float | None:
        if self.caseline is None or not self.bare:
            return None
        return self.caseline / self.bare


def median_ms(presses: Sequence[Press]) -> float | None:
    times = [p.seconds for p in presses if p.seconds is not None]
    return statistics.median(times) * 1000 if times else None


def median_bytes(presses: Sequence[Press]) -> int:
    return int(statistics.median(p.sent for p in presses)) if presses else 0


def build(db: Path, cases: int, notes: int, big: int) -> None:
    from store.service import Store
    from tui.cli import write_demo

    if not db.exists():
        started = time.perf_counter()
        for line in write_demo(
            db, me=WORKER, cases=cases, notes=notes, workers=12, seed=7, force=True
        ):
            print("  " + line)
        print(f"  demo database built in {time.perf_counter() - started:.1f} s")
    store = Store.open(db)
    try:
        me = store.workers.ensure(WORKER)
        if any(r.client_name == BIG_CASE for r in store.cases.caseload(me, scope="all")):
            return
        case = store.cases.create(me, {"client_name": BIG_CASE, "allocated_on": "-2y"})
        for i in range(big):
            store.notes.finalise(
                me,
                case.id,
                {
                    "note_type": ("home visit", "phone call", "office visit")[i % 3],
                    "contact_at": f"-{big - i}d",
                    "present": "Client" if i % 2 else "Client, her sister",
                    "body": f"Visit {i}: talked about the rent arrears, school and the GP.",
                },
            )
    finally:
        store.close()


def startup(db: Path, tmp: Path, runs: int) -> Row:
    import compileall

    from startup import time_to_text

    # As after ``pip install`` (which compiles them), and as the bare app's Textual is: start
    # from bytecode, not from source (PYTHONDONTWRITEBYTECODE set, or a fresh checkout, would
    # otherwise have every start compile Caseline's modules again).
    for package in ("store", "tui"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    caseline, bare = [], []
    for _ in range(runs):  # in turn, so a machine speeding up or slowing affects both
        caseline.append(time_to_text(["--db", str(db), "--worker", WORKER], b"CL-", tmp))
        bench_app = [str(ROOT / "bench" / "bare_app.py")]
        bare.append(time_to_text(bench_app, b"READY", tmp, module=False))
    c, b = statistics.median(caseline) * 1000, statistics.median(bare) * 1000
    return Row("start-up to painted caseload", c, b, "ms", "", "<= 1.2x bare", c <= 1.2 * b)


def in_process(store: Any, runs: int) -> list[Row]:
    """Finalising a note, the duplicate check and search, timed in this process."""
    me = store.workers.ensure(WORKER)
    rows: list[Row] = []
    case = store.cases.caseload(me)[0]
    finals = []
    for i in range(max(20, 40 * runs)):
        started = time.perf_counter()
        store.notes.finalise(
            me, case.id, {"note_type": "phone call", "contact_at": "now", "body": f"Rang {i}."}
        )
        finals.append(time.perf_counter() - started)
    bare = _insert_commit(store.path.parent, len(finals))
    f = statistics.median(finals) * 1000
    rows.append(
        Row("finalise a note (store)", f, bare, "ms", "", "<= 1 ms (INSERT+COMMIT bare)", f <= 1)
    )
    rows.append(_duplicates(store, me, runs))
    rows.append(_search(store, me, runs))
    return rows


def _insert_commit(folder: Path, count: int) -> float:
    path = Path(tempfile.mkdtemp(dir=folder)) / "bare.db"
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = wal")
        db.execute("PRAGMA synchronous = full")
        db.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        times = []
        for i in range(count):
            started = time.perf_counter()
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO note (body) VALUES (?)", (f"Rang {i}.",))
            db.execute("COMMIT")
            times.append(time.perf_counter() - started)
    finally:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.rmdir()
    return statistics.median(times) * 1000


def _duplicates(store: Any, me: Any, runs: int) -> Row:
    import random

    from store.cases.similar import similarity
    from store.core.models import Client

    with store.database.reading():
        clients = list(Client.select(Client.name, Client.name_key).tuples())
    rng = random.Random(16)
    names = [rng.choice(clients)[0] for _ in range(10 * runs)]
    names += [n[:3] + "o" + n[4:] for n in names]  # misspelt
    timed, scanned = [], []
    for name in names:
        started = time.perf_counter()
        store.cases.possible_duplicates(me, name)
        timed.append(time.perf_counter() - started)
        key = name.casefold()
        started = time.perf_counter()
        [k for _n, k in clients if similarity(key.split(), key, k)]
        scanned.append(time.perf_counter() - started)
    d, s = statistics.median(timed) * 1000, statistics.median(scanned) * 1000
    what = f"duplicate check, {len(clients):,} clients"
    return Row(what, d, s, "ms", "", "<= 10 ms (bare: every name compared)", d <= 10)


def _search(store: Any, me: Any, runs: int) -> Row:
    """The first page (50 results, newest first) of queries people type: a word in nearly
    every note, common words, a phrase, hostile text, best match (bench/search.py measures
    many more). Each query is timed ``runs`` times (three at least), as every other row is;
    the row gives the slowest query's median and names it."""
    medians = {}
    for word, best in (
        ("the", False),
        ("rent", False),
        ("visit", False),
        ("covid-19", False),
        ('"rent arrears"', False),
        ("o'brien", False),
        ("visit", True),
    ):
        timed = []
        for _ in range(max(3, runs)):
            started = time.perf_counter()
            store.search.search(me, word, best=best)
            timed.append(time.perf_counter() - started)
        medians[f"{word} (best match)" if best else word] = statistics.median(timed) * 1000
    slowest = max(medians, key=medians.__getitem__)
    s = medians[slowest]
    return Row(
        "first search results", s, None, "ms", f"slowest of 7: {slowest}", "<= 30 ms", s <= 30
    )


def terminal_rows(db: Path, tmp: Path, args: argparse.Namespace, rows_shown: int) -> list[Row]:
    found: list[Row] = []
    if "keys" not in args.skip:
        found += key_rows(db, tmp, args, rows_shown)
    if "memory" not in args.skip:
        found += memory_rows(db, tmp, args, rows_shown)
    return found


def key_rows(db: Path, tmp: Path, args: argparse.Namespace, rows_shown: int) -> list[Row]:
    quiet = args.quiet_ms / 1000
    moves = max(3, 5 * args.runs)
    sizes = {"quiet": quiet}
    c = sessions.session(
        sessions.caseline(db, WORKER, tmp, **sizes),
        b"CL-",
        BIG_CASE,
        moves=moves,
        idle=args.idle,
        reopen=args.runs,
    )
    b = sessions.session(
        sessions.bare(rows_shown, args.big_case, tmp, **sizes),
        b"READY",
        BIG_CASE,
        moves=moves,
        idle=args.idle,
        reopen=args.runs,
    )

    def row(name: str, mine: list[Press], theirs: list[Press], target: str, ok: Any) -> Row:
        cm, bm = median_ms(mine), median_ms(theirs)
        sent = f"{median_bytes(mine):,} B (bare {median_bytes(theirs):,} B)"
        met = None if cm is None or bm is None else bool(ok(cm, bm, median_bytes(mine)))
        return Row(name, cm, bm, "ms", sent, target, met)

    tabs = c.tabs[len(c.tabs) // 2 :], b.tabs[len(b.tabs) // 2 :]  # the second round
    found = [
        row(
            "cursor move on the caseload",
            c.cursor,
            b.cursor,
            "<= 1.5x bare, <= 1.5 KB",
            lambda cm, bm, n: cm <= 1.5 * bm and n <= 1500,
        ),
        row(
            f"filter keystroke, {rows_shown:,} cases",
            c.filter_changed,
            b.filter_changed,
            "<= bare, <= 2.5 KB",
            lambda cm, bm, n: cm <= bm and n <= 2500,
        ),
        row(
            "filter keystroke, rows unchanged",
            c.filter_unchanged,
            b.filter_unchanged,
            "only the typed key (<= bare bytes)",
            lambda cm, bm, n: n <= median_bytes(b.filter_unchanged),
        ),
        row(
            f"open a {args.big_case}-note case",
            c.open_case,
            b.open_case,
            "<= 100 ms",
            lambda cm, bm, n: cm <= 100,
        ),
        row(
            "case-file tab switch",
            tabs[0],
            tabs[1],
            "<= 1.3x bare",
            lambda cm, bm, n: cm <= 1.3 * bm,
        ),
        row(
            "notes filter keystroke",
            c.notes_filter,
            b.notes_filter,
            "<= bare",
            lambda cm, bm, n: cm <= bm,
        ),
    ]
    found.append(
        Row(
            "idle on the note editor",
            c.idle_bytes_per_second,
            b.idle_bytes_per_second,
            "B/s",
            "",
            "nothing sent",
            c.idle_bytes_per_second == 0,
        )
    )
    return found


def memory_rows(db: Path, tmp: Path, args: argparse.Namespace, rows_shown: int) -> list[Row]:
    sizes = {"quiet": args.quiet_ms / 1000}
    found: list[Row] = []
    at = args.opens
    mem_c = sessions.memory(sessions.caseline(db, WORKER, tmp, **sizes), b"CL-", at)
    mem_b = sessions.memory(sessions.bare(rows_shown, args.big_case, tmp, **sizes), b"READY", at)
    for opened, mine, theirs in zip(at, mem_c, mem_b, strict=True):
        found.append(Row(f"memory after {opened} case opens", mine, theirs, "MB", "", "", None))
    growth = mem_c[-1] - mem_c[0]
    found.append(
        Row(
            f"memory growth, {at[0]} to {at[-1]} opens",
            growth,
            mem_b[-1] - mem_b[0],
            "MB",
            "",
            "<= 10 MB",
            growth <= 10,
        )
    )
    return found


def table(rows: Sequence[Row]) -> str:
    def figure(value: float | None, unit: str) -> str:
        return (
            "-"
            if value is None
            else f"{value:,.2f} {unit}"
            if value < 10
            else f"{value:,.0f} {unit}"
        )

    lines = [("Action", "Caseline", "Bare", "Ratio", "Bytes sent", "Target", "Met?")]
    for r in rows:
        lines.append(
            (
                r.action,
                figure(r.caseline, r.unit),
                figure(r.bare, r.unit),
                "-" if r.ratio is None else f"{r.ratio:.2f}x",
                r.sent,
                r.target,
                {True: "yes", False: "NO", None: "-"}[r.met],
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in out)


def machine() -> str:
    """The machine measured on: system, processor, cores."""
    import os

    cpu = platform.processor() or platform.machine()
    return f"{platform.platform()}, {cpu}, {os.cpu_count()} cores"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--notes", type=int, default=50)
    parser.add_argument("--big-case", type=int, default=500, help="notes on the case opened")
    parser.add_argument("--runs", type=int, default=5, help="repeats of each measurement")
    parser.add_argument("--keep", type=Path, help="reuse (or create) the database at this path")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--opens",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[20, 80],
        help="case opens after which memory is read (default 20,80)",
    )
    parser.add_argument("--idle", type=float, default=3.0, help="seconds the editor sits idle")
    parser.add_argument(
        "--quiet-ms", type=float, default=50, help="output quiet this long ends a repaint"
    )
    parser.add_argument(
        "--skip",
        type=lambda text: set(text.split(",")),
        default=set(),
        help="leave out any of: startup, keys, memory, store (comma-separated)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> list[Row]:
    args = parse(argv)
    began = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="caseline-bench-"))
    db = args.keep or tmp / "bench.db"
    print(f"Database: {db}\nMachine: {machine()}")
    build(db, args.cases, args.notes, args.big_case)

    from store.service import Store

    store = Store.open(db)
    try:
        me = store.workers.ensure(WORKER)
        shown = len(store.cases.caseload(me, scope="all"))
        rows: list[Row] = []
        if "startup" not in args.skip:
            rows.append(startup(db, tmp, args.runs))
        rows += terminal_rows(db, tmp, args, shown)
        if "store" not in args.skip:
            rows += in_process(store, args.runs)
        print(f"  measured in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    finally:
        store.close()
    print(table(rows))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "python": platform.python_version(),
                    "cases": args.cases,
                    "notes_per_case": args.notes,
                    "runs": args.runs,
                    "rows": [{**asdict(r), "ratio": r.ratio} for r in rows],
                },
                indent=2,
            )
        )
        print(f"Written: {args.json}")
    return rows


if __name__ == "__main__":
    main()
