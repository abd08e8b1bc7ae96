"""How long a long chronology takes to open, filter and export.

    python bench/chronology.py [--entries 2000] [--runs 5]

Builds a database with one case holding ``--entries`` chronology entries (a mix of manual
entries, significant notes and a transfer), then measures:
  * the store: reading the whole chronology (``Store.chronology``);
  * in a real terminal (80x24): from pressing c on the caseload to the chronology painted,
    and per text-filter keystroke from the key to the new count painted;
  * export: rendering the chronology to Markdown and to HTML.
Prints the figures; it asserts nothing (the tests check behaviour, this measures speed).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKER = "bench.worker"
OTHER = "other.worker"
CATEGORIES = ("incident", "health", "housing", "education", "legal", "contact", "other")


def build(path: Path, entries: int) -> int:
    """A case with ``entries`` entries; returns its id."""
    from store.core.models import ChronologyEntry, utcnow
    from store.service import Store

    store = Store.open(path)
    try:
        me = store.workers.ensure(WORKER)
        store.workers.ensure(OTHER)
        case = store.cases.create(
            me, {"client_name": "Long Chronology", "allocated_on": "-10y", "worker": OTHER}
        )
        start = date.today() - timedelta(days=3650)
        rows = [
            {
                "case": case.id,
                "occurred_on": start + timedelta(days=i * 3650 // entries),
                "category": CATEGORIES[i % len(CATEGORIES)],
                "title": f"Event {i}: home visit, school meeting or police call",
                "details": "What happened, who said what, and what was agreed.\n\n" * 3,
                "source_kind": "manual" if i % 3 else "note",
                "source_id": None,
                "source_of_information": "School (DSL)" if i % 2 else "",
                "analysis": "What it means for the child." if i % 4 == 0 else "",
                "created_at": utcnow(),
                "created_by": me.id,
            }
            for i in range(entries - 2)  # with the allocation and the transfer: entries
        ]
        with store.database.writing():
            for chunk in range(0, len(rows), 500):
                ChronologyEntry.insert_many(rows[chunk : chunk + 500]).execute()
        # Handed to the bench worker today: every entry is before the current allocation.
        store.cases.transfer(
            me, case.id, {"worker": WORKER, "reason": "Caseload balance"}, version=case.version
        )
        return case.id
    finally:
        store.close()


def time_store(path: Path, case_id: int, runs: int) -> list[float]:
    from store.service import Store

    store = Store.open(path)
    try:
        me = store.workers.ensure(WORKER)
        out = []
        for _ in range(runs):
            started = time.perf_counter()
            store.chronology.entries(me, case_id)
            out.append(time.perf_counter() - started)
        return out
    finally:
        store.close()


async def time_core(path: Path, case_id: int, runs: int) -> list[float]:
    """The work a filter keystroke causes in the app: filter + paint a screen of rows."""
    from tui.app import CaselineApp
    from tui.screens.case_file.screen import CaseFileScreen
    from tui.screens.chronology.pane import ChronologyTable

    app = CaselineApp(db=path, worker=WORKER)
    out: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.push_screen(CaseFileScreen(case_id, tab="chronology"))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(ChronologyTable)
        for _ in range(runs):
            for i in range(1, len("event 1") + 1):
                started = time.perf_counter()
                table.set_filter("event 1"[:i])
                for y in range(table.size.height):
                    table.render_line(y)
                out.append(time.perf_counter() - started)
    return out


def time_terminal(
    path: Path, entries: int, tmp: Path, runs: int
) -> tuple[list[float], list[float]]:
    """In a real terminal: from pressing c on the caseload to the chronology's count painted,
    then per filter keystroke to the new count painted."""
    from store.common.textsafe import fold
    from store.service import Store
    from tests.terminal import Terminal, allow_sign_in, app_env, sign_in

    store = Store.open(path)
    me = store.workers.ensure(WORKER)
    (case,) = store.cases.caseload(me)
    keys = [
        fold(f"{i.title} {i.summary} {i.category} {i.source_of_information} {i.analysis}")
        for i in store.chronology.entries(me, case.id)
    ]
    store.close()
    first: list[float] = []
    opened: list[float] = []
    typed: list[float] = []
    text = "event 1"
    allow_sign_in(path, WORKER)
    for _ in range(runs):
        term = Terminal(["--db", str(path), "--worker", WORKER], env=app_env(tmp))
        try:
            sign_in(term)
            term.wait_for(b"Long Chronology", seconds=60)
            term.read(2.5)  # a person reads the caseload first
            marker = f"{entries} entries"
            first.append(term.time_to("c", marker))
            term.read(0.5)
            # Back to the caseload and in again: the screen's code is loaded now.
            term.type("\x1b", pause=0.8)
            opened.append(term.time_to("c", marker))
            term.read(0.3)
            os.write(term.fd, b"/")
            term.read(0.3)
            for i in range(1, len(text) + 1):
                shown = sum(fold(text[:i]) in k for k in keys)
                typed.append(term.time_to(text[i - 1], f"{shown} of {entries} entries", 10))
                term.read(0.1)
        finally:
            term.close()
    return first, opened, typed


def time_export(path: Path, case_id: int, runs: int) -> tuple[list[float], list[float]]:
    from store.common import dates
    from store.export.html import chronology_html
    from store.export.markdown import chronology_markdown
    from store.service import Store

    store = Store.open(path)
    try:
        me = store.workers.ensure(WORKER)
        detail = store.cases.get(me, case_id)
        items = store.chronology.entries(me, case_id)
    finally:
        store.close()
    md: list[float] = []
    html: list[float] = []
    for render, out in ((chronology_markdown, md), (chronology_html, html)):
        for _ in range(runs):
            started = time.perf_counter()
            render(detail, items, exported_by="Bench", exported_at=dates.now_utc())
            out.append(time.perf_counter() - started)
    return md, html


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms median, {max(values) * 1000:.1f} ms max"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chronology.db"
        case_id = build(path, args.entries)
        print(f"One case, {args.entries:,} chronology entries:")
        print(f"  reading the chronology (store):      {ms(time_store(path, case_id, args.runs))}")
        first, opened, keys = time_terminal(path, args.entries, Path(tmp), args.runs)
        print(f"  c on the caseload to the chronology painted (real terminal): {ms(opened)}")
        print(f"    the first case opened, 2.5 s after start-up:               {ms(first)}")
        print(f"  one filter keystroke, key to repainted count (real terminal): {ms(keys)}")
        core = asyncio.run(time_core(path, case_id, args.runs))
        print(f"    of which filtering every entry and painting a screenful: {ms(core)}")
        md, html = time_export(path, case_id, args.runs)
        print(f"  rendering the Markdown export:       {ms(md)}")
        print(f"  rendering the HTML export:           {ms(html)}")


if __name__ == "__main__":
    main()
