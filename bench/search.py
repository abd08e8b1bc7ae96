"""How long searching everywhere takes to give its first page of results.

    python bench/search.py [--cases 5000] [--notes 50] [--db PATH] [--runs 9] [--json PATH]

Builds the demo database (``--cases`` cases of ``--notes`` notes each: 250,000 notes by
default; or uses ``--db`` if it exists), then times ``store.search.search`` for the first page
(50 results) of a range of queries: a word in most notes, a rare one, prefixes as they are
typed, a phrase, a word narrowed to a case, a kind or a date range, and "best match". Each is
searched as the demo's own worker and as a manager (who reads every case). Prints the median
and slowest of ``--runs`` runs per query, and writes them as JSON if asked. It asserts
nothing: the tests check behaviour, this measures speed (the target: 30 ms for any query).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKER = "bench.worker"

QUERIES: list[tuple[str, str, dict[str, Any]]] = [
    ("a word in most notes", "the", {}),
    ("a common word", "visit", {}),
    ("two common words", "home visit", {}),
    ("a phrase", '"rent arrears"', {}),
    ("a rare word", "quokka", {}),
    ("a prefix of two letters", "ho", {}),
    ("a prefix of three", "hou", {}),
    ("a prefix of five", "housi", {}),
    ("hostile text", "((\"AND* -o'brien NOT", {}),
    ("best match, a common word", "visit", {"best": True}),
    ("kind: chronology", "school", {"kind": "chronology"}),
    ("a date range", "visit", {"since": "1/1/2025", "until": "31/3/2025"}),
]


def build(path: Path, cases: int, notes: int) -> None:
    from tui.cli import write_demo

    started = time.perf_counter()
    for line in write_demo(
        path, me=WORKER, cases=cases, notes=notes, workers=12, seed=7, force=True
    ):
        print("  " + line)
    print(f"  demo database built in {time.perf_counter() - started:.1f} s")


def measure(db: Path, runs: int) -> list[dict[str, Any]]:
    from store.service import Store

    store = Store.open(db)
    try:
        me = store.workers.named(WORKER)
        manager = store.workers.ensure("bench.manager", role="manager", team="")
        case_id = store.cases.caseload(me)[0].id
        queries = [*QUERIES, ("a common word in one case", "visit", {"case_id": case_id})]
        results = []
        for who, actor in (("the demo worker", me), ("a manager", manager)):
            for what, text, filters in queries:
                times, found = [], 0
                for _ in range(runs):
                    started = time.perf_counter()
                    page = store.search.search(actor, text, **filters)
                    times.append((time.perf_counter() - started) * 1000)
                    found = len(page.hits)
                results.append(
                    {
                        "as": who,
                        "query": what,
                        "typed": text,
                        "results": found,
                        "median_ms": round(statistics.median(times), 2),
                        "max_ms": round(max(times), 2),
                    }
                )
        return results
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--notes", type=int, default=50)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--db", type=Path, help="use this database (built there if missing)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "search.db"
        if not db.exists():
            print(f"Building a demo of {args.cases:,} cases, {args.notes} notes each…")
            build(db, args.cases, args.notes)
        results = measure(db, args.runs)
    print(f"\n{'as':<16} {'query':<28} {'typed':<24} {'found':>5} {'median':>9} {'max':>9}")
    for r in results:
        print(
            f"{r['as']:<16} {r['query']:<28} {r['typed'][:24]:<24} {r['results']:>5} "
            f"{r['median_ms']:>7.1f}ms {r['max_ms']:>7.1f}ms"
        )
    worst = max(r["max_ms"] for r in results)
    print(f"\nSlowest first page of any query: {worst:.1f} ms (target: 30 ms)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
