"""Full garbage collections are made while the keyboard is quiet, not in a keystroke's turn
(``tui.collector``): Python makes none itself while the app runs, and gets its own thresholds
back when the app ends."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tui import collector
from tui.app import CaselineApp
from tui.collector import CHECK_SECONDS, DUE, NEVER, OVERDUE, QUIET_SECONDS, IdleCollector

from .helpers import loaded
from .waiting import until

MakeApp = Callable[..., CaselineApp]


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    """Python's thresholds, put back whatever a test leaves."""
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


class Fake:
    def __init__(self) -> None:
        self.quiet = 0.0
        self.pending = 0
        self.collected = 0

    def collector(self) -> IdleCollector:
        def collect() -> None:
            self.collected += 1
            self.pending = 0

        return IdleCollector(lambda: self.quiet, pending=lambda: self.pending, collect=collect)


@pytest.mark.usefixtures("thresholds")
def test_a_due_collection_waits_for_the_keyboard_to_be_quiet() -> None:
    fake = Fake()
    idle = fake.collector()
    fake.pending, fake.quiet = DUE, QUIET_SECONDS
    assert not idle.check()  # not started: Python's own rules still hold
    idle.start()
    fake.pending, fake.quiet = DUE - 1, 60.0
    assert not idle.check() and fake.collected == 0  # quiet, but nothing due
    fake.pending, fake.quiet = DUE, QUIET_SECONDS / 10
    assert not idle.check() and fake.collected == 0  # due, while someone types
    fake.quiet = QUIET_SECONDS
    assert idle.check() and fake.collected == 1  # due, and quiet
    assert not idle.check()  # and done
    idle.stop()


@pytest.mark.usefixtures("thresholds")
def test_a_collection_well_overdue_runs_even_while_typing_goes_on() -> None:
    fake = Fake()
    idle = fake.collector()
    idle.start()
    fake.quiet = 0.0
    fake.pending = OVERDUE - 1
    assert not idle.check()
    fake.pending = OVERDUE
    assert idle.check() and fake.collected == 1
    idle.stop()


def test_python_makes_no_full_collection_itself_until_stopped(
    thresholds: tuple[int, int, int],
) -> None:
    first, middle, _full = thresholds
    idle = IdleCollector(lambda: 0.0)
    idle.start()
    assert gc.get_threshold() == (first, middle, NEVER)
    idle.start()  # twice: still Python's own thresholds to go back to
    idle.stop()
    assert gc.get_threshold() == thresholds


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="3.14 collects incrementally")
@pytest.mark.usefixtures("thresholds")
def test_garbage_made_while_typing_is_collected_young_and_the_rest_once_quiet() -> None:
    generations: list[int] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    quiet = [0.0]
    idle = IdleCollector(lambda: quiet[0])
    gc.set_threshold(700, 10, 10)  # Python's own (the tests' are set apart: tests/conftest.py)
    gc.collect()
    idle.start()
    gc.callbacks.append(seen)
    try:
        for _ in range(300_000):  # cycles, kept a moment and dropped: typing's garbage
            cycle: list[object] = []
            cycle.append(cycle)
        assert 0 in generations and 1 in generations  # the young ones, as always
        assert 2 not in generations
        assert collector.pending() >= DUE  # Python would have made one by now
        quiet[0] = QUIET_SECONDS
        assert idle.check()
        assert 2 in generations
    finally:
        gc.callbacks.remove(seen)
        idle.stop()


async def test_the_app_collects_while_quiet_and_gives_python_its_thresholds_back(
    make_app: MakeApp, thresholds: tuple[int, int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: gc.get_threshold()[2] == NEVER)  # once start-up is over
        collected: list[bool] = []
        idle = app._collector
        idle._collect = lambda: collected.append(True)
        idle._pending = lambda: DUE
        app.clock = lambda: app._last_input  # a key pressed just now
        await pilot.pause(2 * CHECK_SECONDS)
        assert collected == []
        app.clock = lambda: app._last_input + QUIET_SECONDS  # nobody at the keyboard since
        await until(pilot, lambda: collected)
    assert gc.get_threshold() == thresholds
