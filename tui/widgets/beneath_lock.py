"""The lock's key, and what is typed before the screen locks kept out of the lock.

Keys a screen kept while it read (``tui.widgets.held_input``), or that waited in a field's
queue (``tui.widgets.textual_fixes.InOrderKeys``), are handed on when their turn comes. Let
go after ctrl+l, they went to the screen then on top, the lock, and answered its passphrase
box (`M enter`, ctrl+l: "Type your passphrase." before the worker had typed anything); now
they go nowhere.
"""

from __future__ import annotations

from typing import Any

LOCK_KEY = "ctrl+l"  # locks the screen at once (``tui.session``), never held


def locked_out(node: Any) -> bool:
    """Whether ``node`` (a widget or a screen) is beneath the lock (the app's ``locked``):
    what it kept, or was sent, before the screen locked then goes nowhere."""
    app = node.app
    return bool(getattr(app, "locked", False)) and node.screen is not app.screen
