"""The footer every screen shows: compact, and rebuilt once per burst of key changes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.widgets.textual_fixes_more import LaidOutOnce


class Key(LaidOutOnce, FooterKey):
    """A key of the footer, drawn in the frame that shows it and not again a frame later."""


class CaselineFooter(Footer):
    """A compact Footer that rebuilds at most once per refresh, and only if its keys changed.

    Textual's Footer rebuilds all its keys whenever the screen's bindings may have changed,
    and a single focus change announces that twice; opening a case caused seven rebuilds,
    each restyling every key. Requests that arrive before the next refresh are merged, and
    one that would show the same keys as shown (a tab switched to, whose keys are the same,
    a focus moved within a form) rebuilds and repaints nothing.
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._rebuild_pending = False
        self._shown: tuple[tuple[object, ...], ...] | None = None  # the keys shown now

    def compose(self) -> ComposeResult:
        # The keys are shown in the screen's first frame: Textual's Footer shows none until
        # the screen first says its bindings changed, and then rebuilds, after that frame.
        self._bindings_ready = True
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.__class__ = Key  # laid out once (tui.widgets.textual_fixes_more, 13)
            if isinstance(widget, FooterKey) and self.compact:
                # Made compact, as each key makes itself once mounted: then styled once, not
                # styled and styled again (a tenth of the first screen's time, its footer's).
                widget.add_class("-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        # The same test Footer makes before scheduling a rebuild (after the next refresh).
        will_rebuild = bool(screen.app.app_focus and self.is_attached and screen is self.screen)
        if will_rebuild and self._rebuild_pending:
            return
        self._rebuild_pending = will_rebuild
        super().bindings_changed(screen)

    def _keys(self) -> tuple[tuple[object, ...], ...]:
        """What the footer would show: each key shown, its action, words and state."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    @property
    def keys_changed(self) -> bool:
        """Whether the screen's keys now differ from those shown."""
        return self.is_attached and self._keys() != self._shown

    async def recompose(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown and self.children:
            return
        self._shown = keys
        await super().recompose()
