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
                widget.__class__ = Key  # laid out once (tui.widgets.textual_fixes_more, 12)
                # Compact from the start: its watcher, finding it so, doesn't style it again
                # (every key was styled twice, the second time alone).
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
        if not await self._keep_the_same_keys():
            await super().recompose()

    async def _keep_the_same_keys(self) -> bool:
        """Show the screen's keys keeping those shown already (the same key, words, state and
        place among the others), making and mounting only the new ones: a tab's keys share
        most of the case file's, and making every key again was a third of a tab switch.
        False, having changed nothing, when they can't be kept so (keys in groups)."""
        specs = self._specs()
        shown = [key for key in self.children if isinstance(key, FooterKey)]
        if specs is None or len(shown) != len(self.children):
            return False
        free = {id(key): key for key in shown}  # the keys shown not (yet) kept
        final: list[FooterKey] = []
        kept: list[FooterKey] = []
        for spec in specs:
            same = next((k for k in free.values() if _spec(k) == spec), None)
            if same is not None:
                kept.append(free.pop(id(same)))
            final.append(same or _made(spec))
        if kept != [key for key in shown if key in kept]:
            return False  # the keys kept are in another order
        async with self.batch():
            await self.remove_children([*free.values()])
            for index, key in enumerate(final):
                if key not in kept:
                    later = next((k for k in final[index:] if k in kept), None)
                    await self.mount(key, before=later)
        return True

    def _specs(self) -> list[KeySpec] | None:
        """What each key Footer.compose would make shows, in order (None: keys in groups)."""
        app, found = self.app, {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.group is not None:
                return None
            if binding.show and binding.action not in found:  # the first of each action
                found[binding.action] = (
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    not enabled,
                    tooltip,
                    "",
                )
        specs: list[KeySpec] = [*found.values()]
        palette = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and palette is not None:
            _node, binding, enabled, _tooltip = palette
            tooltip = binding.tooltip or binding.description
            specs.append(
                (
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    not enabled,
                    tooltip,
                    "-command-palette",
                )
            )
        return specs


# A key of the footer as Footer.compose makes it: key, display, words, action, disabled,
# tooltip and its one class of its own.
KeySpec = tuple[str, str, str, str, bool, str, str]


def _spec(key: FooterKey) -> KeySpec:
    """What a key shown shows."""
    own = "-command-palette" if key.has_class("-command-palette") else ""
    tooltip = key.tooltip if isinstance(key.tooltip, str) else ""
    disabled = key.has_class("-disabled")
    return (key.key, key.key_display, key.description, key.action, disabled, tooltip, own)


def _made(spec: KeySpec) -> FooterKey:
    """A key made as Footer.compose makes one, compact from the start (see compose)."""
    key, display, description, action, disabled, tooltip, own = spec
    made = Key(key, display, description, action, disabled, tooltip, classes=own)
    made.add_class("-compact", update=False)
    return made
