"""Caseline's workarounds for Textual behaviour it can't accept, all in this one module.

Each one leans on Textual's private API, which is why Textual is pinned exactly (8.2.8).
``tests/tui/test_textual_fixes.py`` checks that every private name used here still exists in
the shape used, and that Textual without the workaround still behaves as described below: when
one of those tests fails after an upgrade, Textual has changed, and the workaround either has
to follow it or can go.

1. Keys take effect in the order they were typed (``InOrderKeys``, ``deliver_key``,
   ``deliver_paste``, ``run_bindings``, ``forward``).

   What Textual does: every key goes to the focused widget's queue, but a key the widget does
   not handle itself in ``_on_key`` (backspace, the arrows, tab) only takes effect once it has
   bubbled back to the app and its binding runs there, and keys bound with priority (ctrl+s)
   run in the app at once. When keys arrive in one burst (a paste of keystrokes, a congested
   SSH link, a fast typist on a slow machine) the later characters are typed before the
   earlier backspace, or after the save.

   Why Caseline can't accept it: "Helpp<BS>o" became "Helppo" in a case note, a note was saved
   without its last words, and text typed after a tab landed in the field before it.

   What is done instead: a widget with ``InOrderKeys`` runs every binding itself, in its own
   queue, in order: priority bindings, then its own handling, then the other bindings. The app
   sends it all keys straight away (``CaselineApp.on_event``, ``take_input``). Keys still
   queued for it after the focus has moved on (a tab, a form that closed) are passed on to
   whatever has the focus now, in order, and so are pastes; while it still holds some, keys and
   pastes arriving meanwhile queue behind them rather than going to the new focus first.

   Private names: ``Widget._on_key`` (overridden, here and in widgets that take some keys
   before ``InOrderKeys`` does, and called through ``super()``),
   ``App._check_bindings(key, priority=False)``, ``Widget._forward_event(event)``, the
   ``Message._stop_propagation`` / ``Message._no_default_action`` flags, and
   ``MessagePump._mounted_event`` (set once a screen's mount is over, as ``is_mounted``).

   Upstream: https://github.com/Textualize/textual/issues/6605 (Input/TextArea bindings run
   out of order with typed characters); the fix proposed in
   https://github.com/Textualize/textual/pull/6631 runs a widget's own bindings inline, which
   would cover backspace and the arrows, but not the app's and screen's bindings (tab, the
   save) that Caseline needs in order too.

2. A paste arrives whole and in order (``PasteInOrderParser``, ``use_paste_in_order_parser``).

   What Textual does: a terminal sends a paste between ``ESC [200~`` and ``ESC [201~``, and
   Textual's parser of terminal input reads an ESC inside the paste as the start of a key
   sequence: what follows it goes out as keystrokes, ahead of the paste, and the ESC itself as
   "^". "V2 AAA <ESC>]0;x<BEL> BBB end" was stored as "^]0;x BBB endV2 AAA ".

   Why Caseline can't accept it: text copied from e-mails and web pages holds such bytes, and
   a record must hold what was pasted, in order, in the field that had the focus.

   What is done instead: ``PasteInOrderParser`` takes the paste out of the stream itself and
   hands it on whole, in its place, with control sequences removed.

   Private names: ``textual._xterm_parser.XTermParser`` (subclassed: its ``parse`` generator
   is driven from here, and its ``read1``) with ``BRACKETED_PASTE_START`` and
   ``BRACKETED_PASTE_END``;
   ``textual._parser``'s ``Read1``, ``Peek1``, ``ParseError``, ``ParseEOF`` and
   ``TokenCallback``; and the module name ``XTermParser`` in ``textual.drivers.linux_driver``,
   replaced, since ``LinuxDriver.run_input_thread`` makes its parser from that name.

   Upstream: no Textual issue or discussion about an ESC inside a bracketed paste was found.

3. Typing in a one-line field doesn't lay the screen out again (``RepaintOnlyVirtualSize``).

   What Textual does: ``Widget.virtual_size`` (how far a widget can scroll) is a reactive
   declared with ``layout=True``, and ``Input`` sets it from its value's width on every change,
   so each keystroke in an Input arranges every widget on the screen.

   Why Caseline can't accept it: the forms hold dozens of widgets, and over SSH on a busy
   machine that layout per key is what makes typing lag. An Input's own place never depends on
   its virtual size (its width comes from the stylesheet), so a repaint is enough.

   Private names: none by name, but it redeclares Textual's ``Widget.virtual_size`` reactive
   (read in the tests through its private ``_layout`` and ``_repaint`` flags) and relies on
   ``Input`` keeping it up to date through that reactive (``Input._watch_value``).

   Upstream: no Textual issue or discussion about it was found.

4. A table's row count changing repaints only its scrollbar (``ScrollbarOnlyVirtualSize``).

   What Textual does: the same ``virtual_size`` reactive, set by a ``ScrollView`` when the
   number of its lines changes, lays the screen out and repaints every line of the view.

   Why Caseline can't accept it: a filter keystroke on the caseload changes the number of rows
   shown, and repainting the whole table for it sent several kilobytes a key over SSH where
   only the lines that show other rows, and the scrollbar, had changed.

   What is done instead: the redeclared reactive neither lays out nor repaints; its watcher
   updates the scrollbars as a layout would (``Widget._scroll_update``: shown or hidden, which
   lays out only then, their size and position, the scroll kept in range). The table refreshes
   the lines that changed itself (``tui.widgets.record_table``).

   Private names: ``Widget._scroll_update(virtual_size)``, and the redeclared reactive as in 3.

   Upstream: no Textual issue or discussion about it was found.

5. A closed screen's widgets let go of the lines they drew (``release_drawn_lines``).

   What Textual does: ``StylesCache.get_inner_outer`` is a method under ``lru_cache(1024)``,
   so the cache holds the ``StylesCache`` of each of the last 1,024 widgets drawn, and with
   it every line that widget last drew, long after the widget and its screen are gone.

   Why Caseline can't accept it: each case opened and closed left some 20 widgets' lines
   behind, about 0.4 MB, and memory grew with every case for the first thousand widgets.

   What is done instead: when a screen closes, that cache is emptied (it only saves working
   out two colours again, which the next frame does for the widgets still shown).

   Private names: ``textual._styles_cache.StylesCache.get_inner_outer`` and its
   ``cache_clear()``.

   Upstream: no Textual issue or discussion about it was found.

6. A screen shown for the first time is drawn once (``DrawnOnceOnResume``).

   What Textual does: ``Screen._on_screen_resume`` lays a screen out when it is shown at a size
   it has not been laid out at (its first showing), which draws all of it, and then asks for
   a refresh of the whole screen regardless, which draws all of it again a frame later. It
   also styles every widget of the screen again, though at its first showing each was styled
   a moment before, as it was mounted.

   Why Caseline can't accept it: the caseload is the first thing drawn at start; drawn twice,
   its start-up sent the whole screen twice over, and the second drawing was work done
   while the worker's first key waited.

   What is done instead: the repaints of the whole screen asked for while it is laid out and
   drawn are dropped, and so are those its widgets asked for as they were made (they are in
   that frame); at its first showing its widgets are not styled again
   (``ScreenResume.refresh_styles``); Textual's handler runs as it is otherwise (``super()``,
   then ``prevent_default`` so that it is not run a second time as the base class's handler).
   A pushed screen is then refreshed whole once more as the push's wait for its mount ends
   (``AwaitMount``): that refresh lays it out, which repaints what moved, and nothing more.

   It is laid out before it is drawn until nothing asks for more (14, ``SettledBeforeDrawn``).

   Private names: ``Screen._on_screen_resume`` (overridden and called through ``super()``),
   ``Widget._size`` (the size the screen was laid out at, Textual's own test),
   ``Widget._exchange_repaint_regions()`` (of its widgets and their scrollbars) and
   ``Screen._dirty_widgets``.

   Upstream: no Textual issue or discussion about it was found.

7. Only the cells that will read differently are sent (``send_only_what_changed``, in
   ``tui.widgets.terminal_output``).

   What Textual does: an update of part of a line (a region a widget refreshed) is sent
   from the start of the widget's piece of that line up to the region's end
   (``ChopsUpdate.render_segments`` crops a piece on the right only), so refreshing the last
   cells of a wide line sends the whole line, and two regions of one line send its start
   twice. Every region is sent whole, though much of it may read as it does on the screen
   already, and the colours are reset and set again for every piece.

   Why Caseline can't accept it: a filter keystroke on the caseload shows other rows on most
   lines, yet much of each line reads the same (a date, a worker, the padding of a wide name
   column, the scrollbar); sending every line whole came to some 11 kB a keystroke at 140
   columns, and still 7 kB once each line was cropped to the cells the table knew changed.

   What is done instead: the terminal's picture is taken from every whole frame sent
   (``LayoutUpdate.render_segments``, Textual's own output otherwise) and kept by every partial
   one; a partial frame sends, of each piece asked for, the runs of cells that differ from the
   picture, each after a cursor move, with colours and attributes set only where they change.
   A line with a character two cells wide is sent as Textual would, and not pictured.

   Private names: ``textual._compositor.ChopsUpdate`` and its ``render_segments(console)``
   (replaced), with its ``chops``, ``spans`` and ``chop_ends``;
   ``textual._compositor.LayoutUpdate`` and its ``render_segments(console)`` (wrapped), with
   its ``strips`` and ``region``; ``Console._color_system``. ``Strip.crop``, ``Strip.render_ansi``
   and ``Strip.render_style`` are public.

   Upstream: no Textual issue or discussion about it was found.

8. A change of focus repaints the two widgets it changes (``FocusRepaintsOnlyWidgets``).

   What Textual does: ``Screen.focused`` is a reactive declared to repaint, so each change of
   focus repaints the whole screen, though the widget losing the focus and the one gaining it
   each repaint themselves as their styles change.

   Why Caseline can't accept it: a case-file tab switch moves the focus into the tab shown,
   and the whole screen went to the terminal again (title, health line, footer and all) on
   top of the pane that had changed, about 8 KB a switch at 140x40.

   What is done instead: the redeclared reactive doesn't repaint; the screen's watcher of it
   (``Screen._watch_focused``, which refreshes the keys) runs as before.

   Private names: none by name, but it redeclares Textual's ``Screen.focused`` reactive (read
   in the tests through its private ``_repaint`` flag) and relies on ``Screen._watch_focused``
   being found by its name.

   Upstream: no Textual issue or discussion about it was found.

9. An option list shown again keeps the lines it drew (``OptionLinesKeptAtSameWidth``, in
   ``textual_fixes_more``).

   What Textual does: ``OptionList._on_resize`` throws away every option's rendered lines on
   any Resize, and Textual sends one to each widget of a pane shown again, its size unchanged.

   Why Caseline can't accept it: going back to a case's notes drew the 500-note list twice
   over, a frame later, about 12 KB at 140x40, for lines that had not changed.

   What is done instead: a Resize that leaves the list's width as it was drawn at (its lines
   depend on nothing else), the first one included, stops before ``OptionList._on_resize``;
   any other goes on to it.

   Private names: ``OptionList._on_resize`` (left to run, or not, through
   ``Message.prevent_default``, which ends Textual's walk of the handlers along the classes).

   Upstream: no Textual issue or discussion about it was found.

10. A tab switched to is underlined in the frame that shows it (``underline_at_once``).

   What Textual does: ``Tabs._highlight_active`` moves the underline after the next refresh,
   so every switch is painted twice, the second frame for the underline alone.

   Why Caseline can't accept it: a case-file tab switch took a frame longer than it needed.

   What is done instead: the underline is put under the tab at once, where Textual's own move
   then finds it; before the first layout, where the labels before it put it.

   Private names: ``textual.widgets._tabs.Underline`` and its ``highlight_start`` and
   ``highlight_end``.

   Upstream: no Textual issue or discussion about it was found.

11. A whole frame drawn takes the repaints asked for before it (``WholeFrameTakesRepaints``).

   What Textual does: a widget's refresh is kept as regions to repaint until the screen
   handles its update message; when a whole frame (a new layout: a field shown, a footer
   changed) is drawn before that message is handled, the regions stay, and the next partial
   frame repaints them again, though the whole frame drew them.

   Why Caseline can't accept it: leaving the caseload's table for its filter (the table
   repaints itself as it loses the focus, and the filter's line appears) made the first key
   typed in the filter repaint the whole table again.

   What is done instead: when a whole frame is about to be sent, the regions every widget it
   shows still has to repaint are dropped: they are in it.

   Private names: ``App._display(screen, renderable)`` (overridden, and called through
   ``super()``), ``Screen._compositor.visible_widgets``, ``Widget._repaint_regions``.

   Upstream: no Textual issue or discussion about it was found.

This module is full: 12 and on are in ``tui.widgets.textual_fixes_more``.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Generator
from typing import TYPE_CHECKING, Any, Self

from textual import events
from textual._compositor import LayoutUpdate
from textual._parser import ParseEOF, ParseError, Peek1, Read1, TokenCallback
from textual._styles_cache import StylesCache
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget

from store.common.textsafe import pasted
from tui.widgets.beneath_lock import locked_out
from tui.widgets.textual_fixes_more import SettledBeforeDrawn, with_scrollbars

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App
    from textual.driver import Driver
    from textual.screen import Screen
    from textual.widgets import TabbedContent

    _Base = Widget
    _ScreenBase = Screen[Any]
    _AppBase = App[Any]
else:
    _Base = object
    _ScreenBase = object
    _AppBase = object


class PasteInOrderParser(XTermParser):
    """Textual's parser of terminal input, with bracketed pastes taken whole and in order.

    Every character goes through Textual's parser as before, which still finds the start of a
    paste; from there to the paste's end the characters are kept here instead, and the parser
    is given only the end marker, to take it out of its paste mode (the empty paste it then
    reports is dropped: the paste reported is this one)."""

    def parse(self, token_callback: TokenCallback[Message]) -> Generator[Read1 | Peek1, str, None]:
        def from_textual(token: Message) -> None:
            if not isinstance(token, events.Paste):
                token_callback(token)

        textual = super().parse(from_textual)
        request = next(textual)
        recent = ""  # the last characters Textual's parser read together, to spot a paste
        pasting = False
        text: list[str] = []
        end = list(BRACKETED_PASTE_END)
        while True:
            try:
                character = yield (self.read1() if pasting else request)
            except ParseError as error:
                # A timeout splits what came before from what follows, as it does for Textual.
                recent = ""
                if pasting and isinstance(error, ParseEOF):
                    token_callback(events.Paste(pasted("".join(text))))
                try:
                    request = textual.throw(error)
                except StopIteration:
                    return
                continue
            if pasting:
                text.append(character)
                if character == end[-1] and text[-len(end) :] == end:
                    token_callback(events.Paste(pasted("".join(text[: -len(end)]))))
                    text.clear()
                    pasting = False
                    for marker in BRACKETED_PASTE_END:
                        request = textual.send(marker)
                continue
            try:
                request = textual.send(character)
            except StopIteration:
                return
            recent = (recent + character)[-len(BRACKETED_PASTE_START) :]
            if recent == BRACKETED_PASTE_START:
                pasting = True
                recent = ""


def use_paste_in_order_parser(driver_class: type[Driver]) -> None:
    """Make a terminal driver read its input with ``PasteInOrderParser``.

    Textual's Linux driver makes its parser in its input thread, from the name ``XTermParser``
    in its module; there is no other way in. Headless (test) drivers have no parser."""
    module = sys.modules.get(driver_class.__module__)
    if module is not None and getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = PasteInOrderParser  # type: ignore[attr-defined]


class InOrderKeys(_Base):
    """Mix into a Widget subclass before the widget class."""

    # Keys and pastes passed to this widget that it has not yet dealt with (see ``take_input``).
    _input_waiting: int = 0

    async def _on_key(self, event: events.Key) -> None:
        try:
            if not kept_by_screen(self, event):
                await self._take_key(event)
        finally:
            _dealt_with(self, event)

    async def _take_key(self, event: events.Key) -> None:
        app: Any = self.app
        screen = app.screen
        if screen.focused is not self:
            event.stop()
            event.prevent_default()
            if not locked_out(self):
                await deliver_key(app, events.Key(event.key, event.character))
            return
        if await run_bindings(app, event.key, priority=True):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)
        if event._stop_propagation or event._no_default_action:
            return
        if await run_bindings(app, event.key):
            event.stop()
            event.prevent_default()

    async def on_paste(self, event: events.Paste) -> None:
        # Named without the underscore so as not to replace the widget's own ``_on_paste``,
        # which runs after this, with the cleaned text.
        _dealt_with(self, event)
        if kept_by_screen(self, event):
            return
        app: Any = self.app
        if app.screen.focused is not self:
            # Pasted after a key that moved the focus on: it belongs where the focus is now.
            event.stop()
            event.prevent_default()
            if not locked_out(self):
                await deliver_paste(app, event.text)
            return
        event.text = self.clean_paste(event.text)

    def clean_paste(self, text: str) -> str:
        """Pasted text as this widget takes it: control sequences removed."""
        return pasted(text)


def kept_by_screen(widget: Widget, event: events.Key | events.Paste) -> bool:
    """Whether ``widget``'s screen keeps ``event`` to pass on later, when it is ready for what
    is typed (its ``keeps_input``: ``tui.widgets.held_input.HoldsInput``); it goes no further."""
    keeps = getattr(widget.screen, "keeps_input", None)
    if keeps is None or not keeps(event):
        return False
    event.stop()
    event.prevent_default()
    return True


# How long a key passed to a screen still being mounted waits for it (see ``deliver_key``).
MOUNT_WAIT_SECONDS = 5.0


def take_input(app: Any, event: events.Event) -> bool:
    """For the app's ``on_event``: pass a key or a paste from the terminal on to the widget that
    must deal with it next, and return True; False leaves it to Textual.

    That is the last ``InOrderKeys`` widget given one, while it still has some waiting: a key
    that moves the focus (``/`` to a filter box) can take a while, and the keys typed after it,
    queued behind it, are passed on to the new focus only when their turn comes. A key arriving
    meanwhile must queue behind them too, not go straight to the new focus ahead of them.
    Otherwise a key goes to the focused widget if it is an ``InOrderKeys``."""
    if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
        return False
    holder = getattr(app, "_input_holder", None)
    if holder is not None and holder._input_waiting > 0 and holder.is_attached:
        target = holder
    elif isinstance(event, events.Key) and isinstance(app.focused, InOrderKeys):
        target = app.focused
    else:
        return False
    if isinstance(event, events.Key):
        app.app_focus = True  # as Textual does for a key
    forward(target, event)
    return True


def _dealt_with(widget: InOrderKeys, event: events.Event) -> None:
    if getattr(event, "_waiting_at", None) is widget:
        setattr(event, "_waiting_at", None)  # noqa: B010
        widget._input_waiting -= 1


async def _screen_up(app: Any) -> None:
    """A screen just pushed (`enter 3` or `n` and a paste, together): what was typed waits until
    it is up and its focus set, then goes where it would have gone had it come a moment later
    (not for ever: what was typed behind it waits too)."""
    if not app.screen.is_mounted:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(app.screen._mounted_event.wait(), MOUNT_WAIT_SECONDS)


async def deliver_key(app: Any, key: events.Key) -> None:
    """What the app does with a key from the terminal, for a key passed on.

    With nothing focused (the widget that had the focus was hidden: its tab was switched
    away), a key's binding runs here, in the queue of the widget passing it on, so the keys
    after it wait for it: sent to the screen instead, its binding would run only once it had
    bubbled back to the app, and ``/`` would move the focus to a filter box after the letters
    typed behind it had already gone to the screen and been lost."""
    await _screen_up(app)
    focused = app.screen.focused
    if isinstance(focused, InOrderKeys):
        forward(focused, key)
        return
    ran = await run_bindings(app, key.key, priority=True)
    if not ran and focused is None:
        ran = await run_bindings(app, key.key)
    if not ran:
        forward(focused or app.screen, key)


async def deliver_paste(app: Any, text: str) -> None:
    """What the app does with a paste from the terminal, for a paste passed on."""
    await _screen_up(app)
    focused = app.screen.focused
    forward(focused or app.screen, events.Paste(text))


async def run_bindings(app: Any, key: str, *, priority: bool = False) -> bool:
    """Run the binding for ``key`` as the app would, from the focused widget up; True if one
    ran. ``priority``: only the bindings declared with priority."""
    return bool(await app._check_bindings(key, priority=priority))


def forward(widget: Any, event: events.Event) -> None:
    """Put ``event`` in ``widget``'s queue, marked as passed on (as Textual passes keys on)."""
    if isinstance(widget, InOrderKeys) and isinstance(event, (events.Key, events.Paste)):
        widget._input_waiting += 1
        setattr(event, "_waiting_at", widget)  # noqa: B010  # an attribute of our own
        setattr(widget.app, "_input_holder", widget)  # noqa: B010
    widget._forward_event(event)


class RepaintOnlyVirtualSize(_Base):
    """Mix into an Input subclass, before Input: its virtual size changing (as every
    keystroke changes it) repaints the field rather than laying the screen out again."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)


class ScrollbarOnlyVirtualSize(_Base):
    """Mix into a ScrollView drawing its own lines, before ScrollView: its virtual size
    changing updates the scrollbars, without laying the screen out or repainting every line."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)

    def watch_virtual_size(self, size: Size) -> None:
        self._scroll_update(size)


class FocusRepaintsOnlyWidgets(_Base):
    """Mix into a Screen subclass, before Screen: a change of focus repaints the widgets
    whose focus changed, not the whole screen."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


class WholeFrameTakesRepaints(_AppBase):
    """Mix into an App subclass, before App: a whole frame drawn drops the regions its
    widgets were still to repaint (11)."""

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        if isinstance(renderable, LayoutUpdate) and renderable.region == screen.region:
            for widget in screen._compositor.visible_widgets:
                widget._repaint_regions.clear()
        super()._display(screen, renderable)


def release_drawn_lines() -> None:
    """Let the widgets of a screen just closed, and the lines they drew, be freed."""
    StylesCache.get_inner_outer.cache_clear()


class DrawnOnceOnResume(SettledBeforeDrawn):
    """Mix into a Screen subclass, before the Screen: shown for the first time, it is laid
    out and drawn once, not drawn whole a second time at the next refresh."""

    _drawn_whole = False  # set while Textual's resume handler lays the screen out and draws it
    _resumed = False  # shown before
    _mount_refresh_due = False  # drawn whole before the push's own refresh after mounting

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        drawn = self._drawn_whole = self.is_attached and self._size != self.app.size
        if not self._resumed:
            # Shown for the first time, just made: its widgets were styled as they were
            # mounted, and styling them all again is a tenth of the first frame's time.
            self._resumed = True
            event.refresh_styles = False
        try:
            super()._on_screen_resume(event)
        finally:
            self._drawn_whole = False
        event.prevent_default()  # run: not again as the Screen's own handler
        if drawn:
            # What the widgets asked to have redrawn as they were made is in the frame just
            # drawn: their requests, still on their way to the screen, redraw nothing more.
            for widget in with_scrollbars(self):
                widget._exchange_repaint_regions()
            self._dirty_widgets.clear()
            self._mount_refresh_due = True  # until the next frame: the caseload gets none
            self.call_after_refresh(setattr, self, "_mount_refresh_due", False)

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._drawn_whole and not regions:
            repaint = False  # the whole screen is being drawn just now
            if not (layout or recompose):
                return self
        if self._mount_refresh_due and layout and not regions:
            self._mount_refresh_due = False
            repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


def underline_at_once(tabbed: TabbedContent) -> None:
    """Put the tabs' underline under the tab on show now, in the frame that shows it (10)."""
    from textual.widgets import Tab, Tabs
    from textual.widgets._tabs import Underline

    tabs = tabbed.query_one(Tabs)
    active = tabs.active_tab
    if active is None:
        return
    if active.region:
        start, end = active.virtual_region.shrink(active.styles.gutter).column_span
    else:  # not laid out yet: where the tabs before it, each as wide as its label, end
        start = active.styles.gutter.left
        for tab in tabs.query(Tab):
            if tab is active:
                break
            start += tab.label.cell_length + tab.styles.gutter.width
        end = start + active.label.cell_length
    underline = tabs.query_one(Underline)
    underline.highlight_start, underline.highlight_end = start, end
