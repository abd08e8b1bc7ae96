"""Caseline's workarounds for Textual, continued from ``tui.widgets.textual_fixes`` (which is
full), numbered after its last and under the same rules: Textual is pinned for them, and
``tests/tui/test_textual_fixes.py`` checks the private names used here and that Textual still
behaves as described.

12. The notices on show are in a pushed screen's first frame (``notices_now``).

   What Textual does: a screen shown is given the app's notices (toasts) a step after it is
   drawn (``App._refresh_notifications`` calls ``ToastRack.show`` later), so a screen opened
   while a notice is on show is drawn, then drawn again in part with the notice on top.

   Why Caseline can't accept it: opening a case a moment after a notice (a save, a transfer,
   a warning at start) took a frame more than it needed.

   What is done instead: a screen that holds its first frame until it is ready (the case file)
   shows the notices itself before that frame, and waits until they are mounted; Textual's own
   call then finds each notice shown and does nothing.

   Private names: ``App._notifications``, ``textual.widgets._toast.ToastRack`` (a system
   widget of every screen) and its ``show``, ``Widget._mounted_event``.

   Upstream: no Textual issue or discussion about it was found.

13. A footer key is laid out once (``LaidOutOnce``).

   What Textual does: a widget's first layout sets its ``virtual_size`` (how far it scrolls),
   a reactive declared to lay the screen out again, so every widget mounted is laid out twice
   and drawn again a frame after the frame that first showed it.

   Why Caseline can't accept it: a case-file tab with keys of its own rebuilds the footer, and
   its keys were drawn with the tab, then again a frame later (the switch took a frame more).

   What is done instead: the footer's keys redeclare the reactive neither to lay out nor to
   repaint (a key is as wide as its words: nothing in it scrolls).

   Private names: none by name, but it redeclares Textual's ``Widget.virtual_size`` reactive
   (read in the tests through its private ``_layout`` and ``_repaint`` flags), set by
   ``Widget._size_updated`` in the layout.

   Upstream: no Textual issue or discussion about it was found.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    _Base = Widget
else:
    _Base = object


async def notices_now(screen: Screen[Any]) -> None:
    """Show the app's notices on ``screen`` now, before its first frame (12)."""
    from textual.widgets._toast import ToastRack

    notices = screen.app._notifications
    racks = screen.query(ToastRack)
    if not notices or not racks:
        return
    rack = racks.first(ToastRack)
    rack.show(notices)
    await asyncio.gather(*(held._mounted_event.wait() for held in rack.children))


class LaidOutOnce(_Base):
    """Mix into a Widget subclass that doesn't scroll, before the widget: its size set by the
    layout that places it lays nothing out again (13)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
