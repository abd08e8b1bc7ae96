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

13. (No longer needed: the footer's keys were each a widget, laid out twice as they were
   mounted; the footer is one widget drawing its line now, ``tui.widgets.footer``.)

14. A screen's first showing is laid out until nothing asks for more, then drawn
   (``SettledBeforeDrawn``, with ``DrawnOnceOnResume``, 6).

   What Textual does: a scrollbar is decided by the layout that draws the screen: a list
   longer than the screen learns it is so as it is laid out, shows its scrollbar and asks for
   another layout, which Textual does a frame later (the list's lines drawn again one column
   narrower), and the scrollbar, placed, asks for one more (its column drawn a frame after
   that). The layouts the widgets asked for as they were made arrive at the screen as
   messages after the frame, and lay it out once more.

   Why Caseline can't accept it: the caseload is painted at start in one frame; with more
   cases than fit, two more frames followed it, the table's lines and then the scrollbar's
   column.

   What is done instead: the first showing is laid out without drawing; while a widget (or a
   scrollbar) asks for another layout, it is laid out again (three times at most), and only
   then drawn. The layouts asked for before it began, still on their way as messages, are
   dropped (a message's ``time`` says when it was sent).

   Private names: ``Screen._refresh_layout``, ``Screen._compositor_refresh`` and
   ``Screen._on_layout`` (overridden; the last kept from running by ``prevent_default``),
   ``Widget._layout_required`` and ``Widget._clear_arrangement_cache()`` (what
   ``Widget._check_refresh`` reads and does for a layout asked for), ``Widget._vertical_scrollbar``
   and ``Widget._horizontal_scrollbar`` (scrollbars are not among a widget's children),
   ``textual._time.get_time``.

   Upstream: no Textual issue or discussion about it was found.

15. A screen's CSS files are read before the first one opens (``read_screens_css``).

   What Textual does: the first time a screen of a class is pushed, its ``CSS_PATH`` files
   are read into the app's stylesheet, every source in it parsed again from scratch
   (``Stylesheet.reparse`` starts from an empty cache) and the styles applied again to every
   widget on every screen, before the screen is composed.

   Why Caseline can't accept it: the first case opened in a session took 15 to 45 ms longer
   than the rest for it (a tenth of its time), and so did the first note and the first form.

   What is done instead: once the caseload is up and nobody is typing, the app has Textual
   read the CSS files of the screens a worker opens next (``CaselineApp._warm_up``), as it
   would for such a screen pushed then; when one is pushed, Textual finds them read.

   Private names: ``App._load_screen_css`` (called with what it reads of a screen: its
   ``css_path`` and ``CSS``), ``textual._path._css_path_type_as_list`` (a ``CSS_PATH`` as
   the list of paths Textual makes of it).

   Upstream: no Textual issue or discussion about it was found.

16. The stylesheet is parsed again from what it parsed before (``keep_parsed_css``).

   What Textual does: ``Stylesheet.reparse`` (run when a screen's CSS files are read, 15)
   parses every source into a new stylesheet with an empty cache: all the app's styles and
   every widget's default ones are parsed again for the one file added, though the variables
   they were parsed with are the same.

   Why Caseline can't accept it: it was most of the 15 to 45 ms the first of each screen
   took (the case file, the note editor, a form, the search), and of the warm-up's pause.

   What is done instead: the new stylesheet starts with the cache of the one it replaces, so
   only a source not parsed before is parsed. A change of variables (a theme) empties that
   cache first (``Stylesheet.set_variables``), so nothing parsed with other values is used.

   Private names: ``Stylesheet._parse_cache``, ``Stylesheet._invalid_css``, ``Stylesheet.source``
   and ``Stylesheet._rules``, ``_rules_map``, ``_require_parse`` (what ``reparse`` sets).

   Upstream: no Textual issue or discussion about it was found.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from textual import events, messages
from textual._path import _css_path_type_as_list
from textual._time import get_time
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App
    from textual.strip import Strip

    _Base = Widget
    _ScreenBase = Screen[Any]
else:
    _Base = object
    _ScreenBase = object


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


def with_scrollbars(screen: Screen[Any]) -> Iterator[Widget]:
    """Every widget of ``screen`` and their scrollbars (which are not among its children)."""
    for widget in screen.walk_children(Widget):
        yield widget
        for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar):
            if bar is not None:
                yield bar


class SettledBeforeDrawn(_ScreenBase):
    """The base of ``DrawnOnceOnResume``: the layout of a screen's first showing is done again
    while anything asks for more, and drawn once, after (14)."""

    _drawn_whole = False  # (``DrawnOnceOnResume``'s) being laid out and drawn whole
    _laying_out = False  # the first showing's layout, not drawn yet
    _laid_out_at = float("-inf")  # when the first showing's layout began

    async def _on_layout(self, message: messages.Layout) -> None:
        if message.time < self._laid_out_at:  # asked for before it: done, and drawn
            message.stop()
            message.prevent_default()  # Textual's handler does not run

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        if not self._drawn_whole or scroll:
            super()._refresh_layout(size, scroll)
            return
        self._laid_out_at = get_time()
        self._laying_out = True
        try:
            # A scrollbar shown asks for a layout; the scrollbar, placed, asks for another.
            for _ in range(3):
                super()._refresh_layout(size, scroll)
                asked = [w for w in with_scrollbars(self) if w._layout_required]
                if not asked:
                    break
                for widget in asked:  # laid out now, as ``Widget._check_refresh`` would ask
                    widget._layout_required = False
                    for ancestor in widget.ancestors:
                        if not isinstance(ancestor, Widget):
                            break
                        ancestor._clear_arrangement_cache()
                        if not ancestor.styles.auto_dimensions:
                            break
        finally:
            self._laying_out = False
        if self.is_current:
            self._compositor_refresh()

    def _compositor_refresh(self) -> None:
        if not self._laying_out:
            super()._compositor_refresh()


class OptionLinesKeptAtSameWidth(_Base):
    """Mix into an OptionList subclass, before OptionList: a Resize that leaves its width as
    it was keeps the options' rendered lines."""

    _lines_width: int | None = None  # the width its lines were last drawn at

    def render_lines(self, crop: Region) -> list[Strip]:
        self._lines_width = self.outer_size.width
        return super().render_lines(crop)

    def _on_resize(self, event: events.Resize) -> None:
        if event.size.width == self._lines_width:
            event.prevent_default()  # OptionList._on_resize, which clears them, is not run
        self._lines_width = event.size.width


def read_screens_css(app: App[Any], screens: Iterable[tuple[str, str]]) -> None:
    """Have Textual read the CSS files of the screen classes named (their module, their name)
    into ``app``'s stylesheet now, as it does when the first such screen is pushed (15): the
    stylesheet parsed again and applied once for them all; nothing for files read already."""
    paths: list[Path] = []
    for module, name in screens:
        paths.extend(_css_files(getattr(importlib.import_module(module), name)))
    if paths:
        app._load_screen_css(SimpleNamespace(css_path=paths, CSS=""))  # type: ignore[arg-type]


def _css_files(screen_class: type[Screen[Any]]) -> list[Path]:
    """The CSS files Textual reads for ``screen_class`` (only CSS files are read ahead: no
    screen of Caseline's has CSS of its own)."""
    if screen_class.CSS or screen_class.CSS_PATH is None:
        return []
    folder = Path(inspect.getfile(screen_class)).parent
    return [(folder / path).resolve() for path in _css_path_type_as_list(screen_class.CSS_PATH)]


def _reparse_from_what_was_parsed(self: Stylesheet) -> None:
    """``Stylesheet.reparse``, its new stylesheet given this one's cache of parsed sources
    (16): Textual's parses each into a new one, a failure leaving this one as it was."""
    fresh = Stylesheet(variables=self._variables)
    fresh._parse_cache = self._parse_cache  # the same variables: the same rules
    for read_from, source in self.source.items():
        fresh.add_source(
            source.content,
            read_from=read_from,
            is_default_css=source.is_defaults,
            tie_breaker=source.tie_breaker,
            scope=source.scope,
        )
    try:
        fresh.parse()
    except Exception:
        self._invalid_css.update(fresh._invalid_css)  # as Textual does: not tried again
        raise
    self._rules = fresh.rules
    self._rules_map = None
    self.source = fresh.source
    self._require_parse = False


TEXTUALS_REPARSE = Stylesheet.reparse


def keep_parsed_css() -> None:
    """From now on, a stylesheet parsed again parses only what it has not parsed (16)."""
    Stylesheet.reparse = _reparse_from_what_was_parsed  # type: ignore[method-assign]
