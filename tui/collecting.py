"""Garbage collected between keys, not in the middle of one.

Python's cyclic garbage collector runs whenever enough objects have been made, wherever the
app is then: in the middle of opening a case or drawing a tab, which make many (every line
drawn is a few), a collection of the older objects took 5 to 40 ms, and the last byte of the
frame waited for it (the terminal is written to from a thread, which the collection holds up
too). A key now turns automatic collection off until its work has been drawn, ``AFTER_KEY``
seconds later, then on again: what piled up meanwhile is collected then, between keys. Nothing
is collected less: the counts that start a collection go on counting while it is off.
"""

from __future__ import annotations

import asyncio
import gc
from contextvars import Context

AFTER_KEY = 0.25  # seconds: a case opened or a tab switched to is drawn well within it


def collect_after_key() -> None:
    """A key came: no automatic collection until ``AFTER_KEY`` from now. (Off already: start-up,
    which turns it on itself, or a key before this one, whose timer turns it on.) The timer
    runs in a context of its own: one copied from the key's would hold the screen it was
    typed on alive until it fires."""
    if gc.isenabled():
        gc.disable()
        asyncio.get_running_loop().call_later(AFTER_KEY, gc.enable, context=Context())
