"""Switching the case file's tabs with one repaint of the tab bar and the pane, not the screen.

A tab switch used to paint the screen three times over, then the footer twice: the pane laid
out, then the whole screen again because the focus moved (Textual repaints a screen whenever
its focused widget changes, though each widget repaints itself as it gains or loses the
focus), then the pane once more as the focus arrived a message later. Here the focus moves in
the same step as the switch, for a tab already built, and a change of focus repaints only
what it changes (``tui.widgets.textual_fixes``, 8). Which tab is on show is asked of the
TabbedContent itself, kept once found, rather than searched for among the screen's widgets
each time a key's state is checked (the footer checks every key at each change of focus).

A switch is then one frame: the tabs' underline is moved at once (``textual_fixes``, 10), a
footer whose keys change is drawn in the same frame, and the panes' switcher is not
repainted whole behind the two panes the layout repaints anyway.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from textual import events
from textual.screen import Screen
from textual.widgets import ContentSwitcher, TabbedContent

from store.common.errors import StoreError
from tui.widgets.footer import CaselineFooter
from tui.widgets.textual_fixes import FocusRepaintsOnlyWidgets, underline_at_once
from tui.workers import report, run_store

T = TypeVar("T")


class TabSwitching(FocusRepaintsOnlyWidgets, Screen[Any]):
    """A screen of tabs (a TabbedContent with the id ``tabs``) switched on keys; a change of
    focus repaints only the widgets it changes (``tui.widgets.textual_fixes``, 8)."""

    _tabbed: TabbedContent | None = None
    _pending_tab: str | None = None  # a tab asked for, until the focus is in it
    _held_for_tab = False  # what is typed after the tab's key is held until then
    _filling: frozenset[str] = frozenset()  # tabs whose records are still being read

    def going_to(self, tab: str) -> None:
        """A key asks for ``tab``: remembered until the focus is in it (typed ahead, `enter 3`
        in one burst, the first tab, focused as the screen comes up, would otherwise take its
        place again), and the keys typed after it wait until then (`enter 3 enter` opens the
        first note, not what the first tab had focused) if the screen holds input."""
        self._pending_tab = tab
        hold = getattr(self, "hold_input", None)
        if hold is not None and not self.focus_in(tab):
            hold()
            self._held_for_tab = True

    def tab_reached(self) -> None:
        """The tab asked for has the focus (or nothing in it takes it): what was typed after
        its key goes to it, once its records are in."""
        self._pending_tab = None
        if self.active_tab not in self._filling:
            self._let_held_through()

    def fill_tab(
        self, tab: str, call: Callable[[], T], show: Callable[[T], object], *, name: str
    ) -> None:
        """Read ``tab``'s records (``call``, a store call, in a thread) and ``show`` them:
        what is typed after the tab's key waits for them too (`5 a` and words in one burst:
        `a` adds an action to the plan's first goal, once the goals are in)."""
        self._filling |= {tab}

        def shown(result: T) -> None:
            async def in_turn() -> None:
                try:
                    answer = show(result)
                    if inspect.isawaitable(answer):
                        await answer
                finally:
                    self._tab_filled(tab)

            # In the screen's own turn: after the tab, if it is still being built, is built.
            self.call_later(in_turn)

        def not_read(error: StoreError) -> None:
            self._tab_filled(tab)
            report(self.app, error)

        run_store(self, call, done=shown, failed=not_read, name=name)

    def _tab_filled(self, tab: str) -> None:
        self._filling -= {tab}
        if self._pending_tab is None and self.active_tab == tab:
            self._let_held_through()

    def _let_held_through(self) -> None:
        if self._held_for_tab:
            self._held_for_tab = False
            self.let_input_through()  # type: ignore[attr-defined]

    def focus_in(self, tab: str) -> bool:
        """Whether the focus is in ``tab``."""
        return self.focused is not None and any(n.id == tab for n in self.focused.ancestors)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if any(node.id == self._pending_tab for node in event.widget.ancestors):
            self.tab_reached()

    @property
    def tabbed(self) -> TabbedContent | None:
        """The screen's TabbedContent, once composed."""
        if self._tabbed is None:
            found = self.query("#tabs")
            self._tabbed = found.first(TabbedContent) if found else None
        return self._tabbed

    @property
    def active_tab(self) -> str:
        """The id of the tab on show ("" before the tabs are composed)."""
        tabbed = self.tabbed
        return tabbed.active if tabbed is not None else ""

    def switch_tab(self, tab: str, focus: str | None) -> None:
        """Show ``tab`` and, if ``focus`` (a selector) is in it already, focus that at once,
        so the switch and the focus are painted together."""
        tabbed = self.tabbed
        if tabbed is None:
            return
        switcher = tabbed.get_child_by_type(ContentSwitcher)
        if switcher.current != tab:
            # The panes' display is switched here, so that TabbedContent finds it done and the
            # switcher is not repainted whole: the layout repaints the panes shown and hidden.
            shown = switcher.current
            switcher.set_reactive(ContentSwitcher.current, tab)
            switcher.watch_current(shown, tab)
        tabbed.active = tab
        underline_at_once(tabbed)
        if focus:
            targets = self.query(focus)
            if targets:
                self.set_focus(targets.first())
                self._footer_with_the_switch()

    def _footer_with_the_switch(self) -> None:
        """If the tab shown has other keys, show them in the footer now, in the switch's
        frame: Textual would rebuild the footer after the next refresh, a frame later."""
        footer = next(iter(self.query(CaselineFooter)), None)
        if footer is not None:
            footer.show_keys()
