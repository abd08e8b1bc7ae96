"""Start-up and filter speed on an agency-sized database.

    python bench/startup.py [--cases 5000] [--notes 50] [--runs 5] [--keep PATH]

Builds (or reuses, with --keep) a demo database, then measures:
  * start-up: launching ``caseline`` in a real pseudo-terminal until the caseload's rows are
    painted, against a bare Textual app showing a 50-row DataTable (bench/bare_app.py);
  * filter: per keystroke, typing a client's name into the filter of the all-workers view
    (every case), from key press to the table repainted (Pilot, in process).
Prints the figures; it asserts nothing (the tests check behaviour, this measures speed).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.terminal import Terminal, app_env  # noqa: E402

WORKER = "bench.worker"


def build(path: Path, cases: int, notes: int) -> None:
    from tui.cli import write_demo

    started = time.perf_counter()
    for line in write_demo(
        path, me=WORKER, cases=cases, notes=notes, workers=12, seed=7, force=True
    ):
        print("  " + line)
    print(f"  demo database built in {time.perf_counter() - started:.1f} s")


def time_to_text(args: list[str], marker: bytes, tmp: Path, module: bool = True) -> float:
    """Seconds from exec to ``marker`` appearing on the terminal."""
    started = time.perf_counter()
    term = Terminal(args, env=app_env(tmp)) if module else _script_terminal(args, tmp)
    try:
        # Look after every read: Terminal.wait_for checks only every 100 ms.
        while marker not in term.output:
            term.read(0.001)
            if time.perf_counter() - started > 60:
                raise SystemExit(f"never saw {marker!r}: {bytes(term.output[-500:])!r}")
        return time.perf_counter() - started
    finally:
        term.close()


def _script_terminal(args: list[str], tmp: Path) -> Terminal:
    import pty

    term = Terminal.__new__(Terminal)
    term.output = bytearray()
    term.returncode = None
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover
        os.execve(sys.executable, [sys.executable, *args], app_env(tmp))
    term.pid, term.fd = pid, fd
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return term


def pty_filter_timings(db: Path, text: str, tmp: Path) -> tuple[int, list[float]]:
    """Per keystroke, from the byte written to the pty to the new count painted."""
    from store.common.textsafe import fold
    from store.service import Store

    store = Store.open(db)
    me = store.workers.ensure(WORKER)
    keys = [r.search_key for r in store.cases.caseload(me, scope="all")]
    store.close()
    term = Terminal(["--db", str(db), "--worker", WORKER], env=app_env(tmp))
    timings = []
    try:
        term.wait_for(b"CL-", seconds=60)
        term.type("w", pause=0)
        term.wait_for(f"open cases ({len(keys)})".encode(), seconds=60)
        term.type("/", pause=0.3)
        for i in range(1, len(text) + 1):
            needle = fold(text[:i])
            shown = sum(needle in k for k in keys)
            timings.append(term.time_to(text[i - 1], f"({shown} of {len(keys)})", 10))
            term.read(0.2)
    finally:
        term.close()
    return len(keys), timings


async def filter_timings(db: Path, text: str) -> tuple[int, list[float]]:
    from tui.app import CaselineApp
    from tui.screens.caseload.case_table import CaseTable

    app = CaselineApp(db=db, worker=WORKER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("w")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(CaseTable)
        rows = table.total
        # The work a keystroke causes in the app: filter + paint a screen of rows.
        core = []
        for i in range(1, len(text) + 1):
            started = time.perf_counter()
            table.set_filter(text[:i])
            for y in range(table.size.height):
                table.render_line(y)
            core.append(time.perf_counter() - started)
    return rows, core


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--notes", type=int, default=50)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="reuse (or create) the database at this path")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="caseline-bench-"))
    db = args.keep or tmp / "bench.db"
    print(f"Database: {db}")
    if not db.exists():
        build(db, args.cases, args.notes)

    # As after `pip install` (which compiles them), start from bytecode, not from source: this
    # matters where PYTHONDONTWRITEBYTECODE is set, as on some CI machines.
    for package in ("store", "tui"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    # Alternate the two, so a machine that slows down or speeds up affects both alike.
    caseline, bare = [], []
    for _ in range(args.runs):
        caseline.append(time_to_text(["--db", str(db), "--worker", WORKER], b"CL-", tmp))
        bare.append(
            time_to_text([str(ROOT / "bench" / "bare_app.py")], b"READY", tmp, module=False)
        )
    c, b = statistics.median(caseline), statistics.median(bare)
    print(
        f"Start-up to painted caseload: median {c * 1000:.0f} ms over {args.runs} runs "
        f"(bare Textual 50-row table: {b * 1000:.0f} ms; ratio {c / b:.2f}x, target <= 1.5x)"
    )

    rows, real = pty_filter_timings(db, "smith", tmp)
    print(
        f"Filter over {rows:,} cases (all workers' open cases), per keystroke in a real terminal: "
        f"median {statistics.median(real) * 1000:.1f} ms, max {max(real) * 1000:.1f} ms "
        f"from key to repainted count (target < 50 ms)"
    )
    rows, core = asyncio.run(filter_timings(db, "smith"))
    print(
        f"  of which filtering {rows:,} rows and painting a screen: "
        f"median {statistics.median(core) * 1000:.1f} ms, max {max(core) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
