"""Waiting in Pilot tests for what a test checks to have happened, not for a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot


async def until(pilot: Pilot[None], condition: Callable[[], object], seconds: float = 15.0) -> None:
    """Let the app run until ``condition()`` is true; fail with its name after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {seconds}s: {condition}")
        await pilot.pause(0.02)
