"""Waiting in Pilot tests for what a test checks to have happened, not for a fixed time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot


async def until(pilot: Pilot[None], condition: Callable[[], object], seconds: float = 15.0) -> None:
    """Let the app run until ``condition()`` is true; fail with its name after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {seconds}s: {condition}")
        await pilot.pause(0.02)


async def meanwhile(condition: Callable[[], object], seconds: float = 15.0) -> None:
    """Wait until ``condition()`` is true without waiting for the screen's widgets to be idle
    (as ``until`` does): for a test holding up a read that a widget awaits in a key's turn."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {seconds}s: {condition}")
        await asyncio.sleep(0.005)


async def keys_handed_on(app: App[Any], seconds: float = 15.0) -> None:
    """Wait until the app has handed on every key queued for it (to the widgets that take
    them, which may be holding them behind a read)."""
    await meanwhile(app._message_queue.empty, seconds)
