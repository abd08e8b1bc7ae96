"""Garbage collected between keys, not in the middle of one.

Python's cyclic garbage collector runs whenever enough objects have been made, wherever the
app is then: in the middle of opening a case or drawing a tab, which make many (every line
drawn is a few), a collection of the older objects took 5 to 40 ms, and the last byte of the
frame waited for it (the terminal is written to from a thread, which the collection holds up
too). A key now holds automatic collection off until its work has been drawn, ``AFTER_KEY``
seconds later, then lets it run again: what piled up meanwhile is collected then, between
keys. Nothing is collected less: the count that starts a collection goes on counting.

It is held by a threshold no count reaches rather than by ``gc.disable()``, which start-up
uses for a meaning of its own (the app freezes what start-up made when it turns collection
back on: ``CaselineApp.started``).
"""

from __future__ import annotations

import asyncio
import gc
import time
from contextvars import Context

AFTER_KEY = 0.25  # seconds: a case opened or a tab switched to is drawn well within it
HELD = 1_000_000_000  # objects made before a collection starts, while it is held

# The threshold to go back to, and when: the timer may never run (an app closed meanwhile,
# its loop gone), so whoever looks next lets go of a hold that is over.
_held: tuple[int, float] | None = None


def collect_after_key() -> None:
    """A key came: no automatic collection until ``AFTER_KEY`` from now (held already: a key
    before this one, whose timer lets it go; turned off: start-up). The timer runs in a
    context of its own: one copied from the key's would hold the screen it was typed on."""
    global _held
    if held() or not gc.isenabled():
        return
    first, *older = gc.get_threshold()
    _held = (first, time.monotonic() + AFTER_KEY)
    gc.set_threshold(HELD, *older)
    asyncio.get_running_loop().call_later(AFTER_KEY, _let_go, context=Context())


def held() -> bool:
    """Whether a key holds collection off now (a hold that is over is let go)."""
    if _held is not None and time.monotonic() >= _held[1]:
        _let_go()
    return gc.get_threshold()[0] == HELD


def _let_go() -> None:
    global _held
    if _held is not None and gc.get_threshold()[0] == HELD:
        gc.set_threshold(_held[0], *gc.get_threshold()[1:])
    _held = None
