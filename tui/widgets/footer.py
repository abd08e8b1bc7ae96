"""The footer every screen shows: compact, and rebuilt once per burst of key changes."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class CaselineFooter(Footer):
    """A compact Footer that rebuilds at most once per refresh.

    Textual's Footer rebuilds all its keys whenever the screen's bindings may have changed,
    and a single focus change announces that twice; opening a case caused seven rebuilds,
    each restyling every key. Requests that arrive before the next refresh are merged.
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._rebuild_pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        # The same test Footer makes before scheduling a rebuild (after the next refresh).
        will_rebuild = bool(screen.app.app_focus and self.is_attached and screen is self.screen)
        if will_rebuild and self._rebuild_pending:
            return
        self._rebuild_pending = will_rebuild
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        self._rebuild_pending = False
        await super().recompose()
