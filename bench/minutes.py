"""How quickly a long meeting's minutes open and take typing.

    python bench/minutes.py [--people 16] [--items 8] [--actions 20] [--runs 3]

Builds a database with one case, its professionals, and draft minutes of a meeting with
``--people`` attendees and apologies, ``--items`` agenda items with their discussion and
``--actions`` actions, then measures in a real terminal (80x24):
  * from pressing e on the case's meetings to the minutes painted;
  * per keystroke typed into a field, from the key to the character painted;
and headless, the layout of the whole page that a keystroke can cause.
Prints the figures; it asserts nothing (the tests check behaviour, this measures speed).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKER = "bench.worker"
TYPED = "Zanzibar Hall"


def build(path: Path, people: int, items: int, actions: int) -> tuple[int, int]:
    """The case and its draft minutes; returns (case id, conference id)."""
    from store.service import Store

    store = Store.open(path)
    try:
        me = store.workers.ensure(WORKER)
        case = store.cases.create(me, {"client_name": "Long Meeting", "allocated_on": "-1y"})
        pros = [
            store.case_file.add_professional(
                me, case.id, {"name": f"Pat Example {i}", "agency": f"Agency {i}", "role": "lead"}
            )
            for i in range(max(1, people - 2))
        ]
        attendees = [{"who": "worker"}, {"who": "client"}]
        attendees += [{"who": f"professional:{p.id}"} for p in pros[: people - 2]]
        draft = store.conferences.start(
            me,
            case.id,
            {
                "held_at": "yesterday 10:00",
                "conference_type": "case conference",
                "chair": "Bench Worker",
                "client_views": "In their words. " * 20,
                "information_shared": "- What each agency said.\n" * 10,
                "decisions": "\n".join(f"Decision {i}" for i in range(8)),
                "attendees": attendees[: people * 3 // 4],
                "apologies": attendees[people * 3 // 4 :],
                "agenda": [
                    {"title": f"Item {i}", "discussion": "What was said, by whom. " * 15}
                    for i in range(items)
                ],
                "actions": [
                    {"what": f"Action {i}: ring, write, visit", "owner": "worker", "due_on": "+2w"}
                    for i in range(actions)
                ],
            },
        )
        return case.id, draft.id
    finally:
        store.close()


def time_terminal(path: Path, tmp: Path, runs: int) -> tuple[list[float], list[float]]:
    from tests.terminal import Terminal, allow_sign_in, app_env, sign_in

    opened: list[float] = []
    typed: list[float] = []
    allow_sign_in(path, WORKER)
    for _ in range(runs):
        term = Terminal(["--db", str(path), "--worker", WORKER], env=app_env(tmp))
        try:
            sign_in(term)
            term.wait_for(b"Long Meeting", seconds=60)
            term.read(1.0)
            term.type("\r", pause=1.5)
            term.type("M", pause=1.5)
            opened.append(term.time_to("e", "The meeting"))
            term.read(1.5)
            term.type("\t", pause=0.5)  # to "Where"
            for ch in TYPED:
                typed.append(term.time_to(ch, ch.encode(), 10))
                term.read(0.05)
            term.type("\x1b", pause=1.5)  # close: the draft is kept
        finally:
            term.close()
    return opened, typed


async def time_layout(path: Path, conference_id: int, case_id: int, runs: int) -> list[float]:
    """The whole page laid out again, as an Input's change asks for."""
    from tui.app import CaselineApp
    from tui.screens.meetings.minutes_editor import MinutesEditorScreen

    app = CaselineApp(db=path, worker=WORKER)
    out: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.push_screen(MinutesEditorScreen(case_id, "bench", conference_id))
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, MinutesEditorScreen) and app.screen._page_ready:
                break
        screen = app.screen
        print(f"  ({len(screen.query('*'))} widgets on the page)")
        for _ in range(runs * 10):
            started = time.perf_counter()
            screen._refresh_layout()
            out.append(time.perf_counter() - started)
    return out


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms median, {max(values) * 1000:.1f} ms max"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=16)
    parser.add_argument("--items", type=int, default=8)
    parser.add_argument("--actions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "minutes.db"
        case_id, conference_id = build(path, args.people, args.items, args.actions)
        print(
            f"Draft minutes with {args.people} people, {args.items} agenda items and "
            f"{args.actions} actions:"
        )
        opened, typed = time_terminal(path, Path(tmp), args.runs)
        print(f"  e on the meetings to the minutes painted (real terminal): {ms(opened)}")
        print(f"  one keystroke in a field, key to painted (real terminal):  {ms(typed)}")
        layout = asyncio.run(time_layout(path, conference_id, case_id, args.runs))
        print(f"    of which laying the whole page out again:               {ms(layout)}")


if __name__ == "__main__":
    main()
