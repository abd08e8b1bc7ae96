"""The footer every screen shows: the screen's keys in one line, drawn as one widget.

It looks as Textual's compact ``Footer`` does (each key, bold in the key colour, then its
words; the command palette's key at the right, after a thin rule) and acts as it does (a
click presses the key, a disabled key rings the bell, a key's tooltip shows as the mouse
rests on it), but it is one widget drawing a line, not a widget for each key. Textual's made,
styled and laid out a dozen widgets for every screen opened and every tab whose keys differ:
a fifth of the time a case took to open.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

# The thin rule before the command palette's key (Textual's ``vkey`` border, on its left).
EDGE = "▏"


class ShownKey(NamedTuple):
    """A key as the footer shows it."""

    key: str  # the key pressed when it is clicked
    display: str  # how the key is written (``^p``, ``esc``)
    description: str
    enabled: bool
    tooltip: str


class CaselineFooter(Widget, can_focus=False):
    """The screen's keys, shown again only when they change, and at most once a frame.

    Textual's Footer rebuilt all its keys whenever the screen's bindings might have changed
    (a single focus change said so twice); here the keys are read then, and the line drawn
    again only if they differ from those shown (a tab switched to with the same keys, a focus
    moved within a form: nothing drawn).
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--edge",
        "footer-key--hover",
    }
    # Textual's FooterKey colours, by the same theme variables.
    DEFAULT_CSS = """
    CaselineFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-key--edge {
            color: $foreground 20%;
        }
        & > .footer-key--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[ShownKey, ...] | None = None  # the screen's keys, in order
        self._palette: ShownKey | None = None  # the command palette's, shown at the right
        self._spans: list[tuple[int, int, ShownKey]] = []  # where each key was drawn
        self._hovered: ShownKey | None = None

    # -- the keys --------------------------------------------------------------------------

    def _keys(self) -> tuple[tuple[ShownKey, ...], ShownKey | None]:
        """The screen's keys as Textual's Footer shows them (a key for each action, the first
        bound to it) and the command palette's key, if it is shown."""
        app, active = self.app, self.screen.active_bindings
        keys: dict[str, ShownKey] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = ShownKey(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip,
                )
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = ShownKey(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                binding.tooltip or binding.description,
            )
        return tuple(keys.values()), palette

    @property
    def keys_changed(self) -> bool:
        """Whether the screen's keys now differ from those shown."""
        return self.is_attached and self._keys() != (self._shown, self._palette)

    def show_keys(self) -> bool:
        """Read the screen's keys; draw the line again if they changed (True then)."""
        if not self.is_attached:
            return False
        shown, palette = self._keys()
        if shown == self._shown and palette == self._palette:
            return False
        self._shown, self._palette = shown, palette
        self.refresh()
        return True

    @property
    def shown(self) -> tuple[ShownKey, ...]:
        """The keys shown (the command palette's last, if shown)."""
        if self._shown is None:
            self.show_keys()
        palette = () if self._palette is None else (self._palette,)
        return (*(self._shown or ()), *palette)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        # As Textual's Footer: not while the terminal has not the focus, nor for another screen.
        if screen.app.app_focus and screen is self.screen:
            self.show_keys()

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        # Drawn here, cell by cell as Textual's compact Footer draws its keys: a key and its
        # words in their colours, then a cell of the footer's background (a key's margin).
        width = self.size.width
        blank = Style(bgcolor=self.rich_style.bgcolor)
        if y:
            return Strip.blank(width, blank)
        if self._shown is None:
            self._shown, self._palette = self._keys()
        key_style = self.get_component_rich_style("footer-key--key")
        words_style = self.get_component_rich_style("footer-key--description")
        hovered = Style(bgcolor=self.get_component_rich_style("footer-key--hover").bgcolor)
        dim = Style(dim=True)

        def drawn(shown: ShownKey) -> list[Segment]:
            extra = (Style() if shown.enabled else dim) + (
                hovered if shown is self._hovered else Style()
            )
            cells = [Segment(shown.display, key_style + extra)]
            if shown.description:
                cells.append(Segment(f" {shown.description}", words_style + extra))
            return cells

        left: list[Segment] = []
        spans: list[tuple[int, int, ShownKey]] = []
        at = 0
        for shown in self._shown:
            cells = drawn(shown)
            length = Segment.get_line_length(cells)
            spans.append((at, at + length, shown))
            left += [*cells, Segment(" ", blank)]
            at += length + 1
        right: list[Segment] = []
        if self._palette is not None:  # over the right end of the keys, as docked there
            edge = self.get_component_rich_style("footer-key--edge")
            right = [Segment(EDGE, edge), *drawn(self._palette), Segment(" ", blank)]
        room = max(width - Segment.get_line_length(right), 0)
        self._spans = [(start, min(end, room), key) for start, end, key in spans if start < room]
        if self._palette is not None:
            self._spans.append((room + 1, width - 1, self._palette))
        line = Strip(left).crop_extend(0, room, blank)
        return Strip.join([line, Strip(right)]).crop_extend(0, width, blank)

    # -- the mouse -------------------------------------------------------------------------

    def _key_at(self, x: int) -> ShownKey | None:
        for start, end, shown in reversed(self._spans):  # the palette's, drawn over, first
            if start <= x < end:
                return shown
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        shown = self._key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, shown: ShownKey | None) -> None:
        if shown is self._hovered:
            return
        self._hovered = shown
        self.tooltip = shown.tooltip or None if shown is not None else None
        self.refresh()
