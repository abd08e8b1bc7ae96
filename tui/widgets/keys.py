"""Keys handled in the order they were typed, even when they arrive together.

Textual sends every key to the focused widget's queue, but a key the widget doesn't handle
itself (backspace, the arrows, tab) only takes effect once it has bubbled back to the app and
its binding runs there, and keys bound with priority (ctrl+s) run in the app at once. When keys
arrive in one burst (a paste of keystrokes, a congested SSH link, a fast typist on a slow
machine) the later characters are typed before the earlier backspace, or after the save:
"Helpp<BS>o" became "Helppo", and text typed after a tab landed in the field before it.

A widget with ``InOrderKeys`` runs every binding itself, in its own queue, in order: priority
bindings, then its own handling, then the other bindings. The app sends it all keys straight
away (``CaselineApp.on_event``). Keys still queued for it after the focus has moved on (a tab,
a form that closed) are passed on to whatever has the focus now, in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class InOrderKeys(_Base):
    """Mix into a Widget subclass before the widget class."""

    async def _on_key(self, event: events.Key) -> None:
        app: Any = self.app
        screen = app.screen
        if screen.focused is not self:
            event.stop()
            event.prevent_default()
            await deliver_key(app, events.Key(event.key, event.character))
            return
        if await app._check_bindings(event.key, priority=True):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)
        if event._stop_propagation or event._no_default_action:
            return
        if await app._check_bindings(event.key):
            event.stop()
            event.prevent_default()


async def deliver_key(app: Any, key: events.Key) -> None:
    """What the app does with a key from the terminal, for a key passed on."""
    focused = app.screen.focused
    if isinstance(focused, InOrderKeys):
        focused._forward_event(key)
    elif not await app._check_bindings(key.key, priority=True):
        (focused or app.screen)._forward_event(key)
