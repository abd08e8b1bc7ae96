"""Textual as ``tui.widgets.textual_fixes`` expects it: the private names it uses are there in
the shape it uses them, and Textual on its own still behaves in the ways worked around there.

A failure here after upgrading Textual means the workaround has to be looked at again: if a
private name moved, the workaround must follow it; if Textual stopped behaving as described
(the ``..._still_...`` tests), upstream fixed it, and the workaround can probably go.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.color import ColorSystem
from textual import events
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.geometry import Size
from textual.message import Message
from textual.message_pump import MessagePump
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Tabs, TextArea
from textual.widgets._tabs import Underline

from tui.widgets.lists import InOrderOptionList
from tui.widgets.record_table import RecordTable
from tui.widgets.safe import SafeInput
from tui.widgets.terminal_output import (
    TEXTUALS_RENDER_SEGMENTS,
    _changed_cells,
    render_chained,
)
from tui.widgets.textual_fixes import (
    DrawnOnceOnResume,
    FocusRepaintsOnlyWidgets,
    PasteInOrderParser,
    RepaintOnlyVirtualSize,
    ScrollbarOnlyVirtualSize,
)
from tui.widgets.textual_fixes_more import (
    TEXTUALS_REPARSE,
    OptionLinesKeptAtSameWidth,
    _reparse_from_what_was_parsed,
)

from ..conftest import _parse_rules as textuals_parse_rules
from .waiting import until

ESCAPED_PASTE = "\x1b[200~V2 AAA \x1b]0;x\x07 BBB end\x1b[201~"


def parameters(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


# -- the private names, as the workarounds use them ------------------------------------------


def test_textuals_terminal_parser_is_where_the_paste_workaround_reaches_into() -> None:
    from textual import _parser, _xterm_parser
    from textual.drivers import linux_driver

    assert _xterm_parser.BRACKETED_PASTE_START == "\x1b[200~"
    assert _xterm_parser.BRACKETED_PASTE_END == "\x1b[201~"
    assert issubclass(PasteInOrderParser, _xterm_parser.XTermParser)
    assert inspect.isgeneratorfunction(_xterm_parser.XTermParser.parse)
    assert parameters(_xterm_parser.XTermParser.parse) == ["self", "token_callback"]
    assert _xterm_parser.XTermParser.read1 is _parser.Read1  # self.read1() asks for a character
    assert issubclass(_parser.ParseEOF, _parser.ParseError)
    for name in ("Read1", "Peek1", "TokenCallback"):
        assert hasattr(_parser, name), name
    # The Linux driver makes its parser from the name in its module, in its input thread: the
    # name replaced by ``use_paste_in_order_parser``.
    assert linux_driver.XTermParser in (_xterm_parser.XTermParser, PasteInOrderParser)
    assert "XTermParser(" in inspect.getsource(linux_driver.LinuxDriver.run_input_thread)


def test_textuals_key_handling_is_where_the_key_order_workaround_reaches_into() -> None:
    assert inspect.iscoroutinefunction(App._check_bindings)
    assert parameters(App._check_bindings) == ["self", "key", "priority"]
    assert inspect.signature(App._check_bindings).parameters["priority"].default is False
    assert parameters(Widget._forward_event) == ["self", "event"]
    for widget in (Widget, Input, TextArea):
        assert inspect.iscoroutinefunction(widget._on_key), widget
        assert parameters(widget._on_key) == ["self", "event"], widget
    for flag in ("_stop_propagation", "_no_default_action"):
        assert flag in Message.__slots__, flag
    # Set when ``is_mounted`` becomes true, whether the mount went well or not.
    source = inspect.getsource(MessagePump._pre_process)
    assert "self._mounted_event.set()" in source and "self._is_mounted = True" in source
    message = events.Key("a", "a")
    assert not message._stop_propagation and not message._no_default_action
    message.stop()
    message.prevent_default()
    assert message._stop_propagation and message._no_default_action


def test_the_virtual_size_textual_declares_is_the_one_redeclared() -> None:
    textuals = Widget.__dict__["virtual_size"]
    assert isinstance(textuals, Reactive)
    ours = RepaintOnlyVirtualSize.__dict__["virtual_size"]
    assert (ours._layout, ours._repaint) == (False, True)
    assert SafeInput.__dict__.get("virtual_size") is None  # it comes from the mixin
    assert inspect.getattr_static(SafeInput, "virtual_size") is ours
    assert "virtual_size" in inspect.getsource(Input._watch_value)


def test_the_focus_textuals_screens_declare_is_the_one_redeclared() -> None:
    from tui.screens.case_file.screen import CaseFileScreen

    textuals = Screen.__dict__["focused"]
    assert isinstance(textuals, Reactive)
    ours = FocusRepaintsOnlyWidgets.__dict__["focused"]
    assert (ours._layout, ours._repaint) == (False, False)
    assert inspect.getattr_static(CaseFileScreen, "focused") is ours
    assert "refresh_bindings" in inspect.getsource(Screen._watch_focused)


def test_the_option_lists_resize_handler_is_the_only_one_passed_over() -> None:
    assert parameters(OptionList._on_resize) == ["self"]
    owners = [c for c in InOrderOptionList.__mro__ if "_on_resize" in c.__dict__]
    assert owners == [OptionLinesKeptAtSameWidth, OptionList]


def test_the_scrollbar_update_the_tables_call_is_textuals() -> None:
    assert parameters(Widget._scroll_update) == ["self", "virtual_size"]
    ours = ScrollbarOnlyVirtualSize.__dict__["virtual_size"]
    assert (ours._layout, ours._repaint) == (False, False)
    assert inspect.getattr_static(RecordTable, "virtual_size") is ours
    assert "_refresh_scrollbars" in inspect.getsource(Widget._scroll_update)


# -- Textual on its own still behaves as worked around ---------------------------------------


def parsed(parser: object, data: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for event in parser.feed(data):  # type: ignore[attr-defined]
        if isinstance(event, events.Paste):
            found.append(("paste", event.text))
        elif isinstance(event, events.Key):
            found.append(("key", event.key))
    return found


def test_textuals_parser_still_reports_a_plain_paste_as_one_paste() -> None:
    """What ``PasteInOrderParser`` relies on: Textual still finds a paste's start and end."""
    from textual._xterm_parser import XTermParser

    assert parsed(XTermParser(), "a\x1b[200~two words\x1b[201~b") == [
        ("key", "a"),
        ("paste", "two words"),
        ("key", "b"),
    ]


def test_textuals_parser_still_sends_a_paste_holding_an_escape_as_keys_first() -> None:
    """When this fails, Textual keeps such a paste whole: ``PasteInOrderParser`` may go."""
    from textual._xterm_parser import XTermParser

    textual = parsed(XTermParser(), ESCAPED_PASTE)
    assert textual[0][0] == "key"  # what followed the ESC, typed ahead of the paste
    assert ("paste", "V2 AAA \x1b]0;x\x07 BBB end") not in textual
    assert parsed(PasteInOrderParser(), ESCAPED_PASTE) == [("paste", "V2 AAA  BBB end")]


class OneField(App[None]):
    def __init__(self, field: Input) -> None:
        super().__init__()
        self.field = field
        self.changes = 0

    def compose(self) -> ComposeResult:
        yield self.field

    def on_input_changed(self) -> None:
        self.changes += 1


async def typed_in_a_burst(field: Input, keys: list[tuple[str, str | None]]) -> str:
    """The field's value after ``keys`` reach the app together, as one read of the terminal."""
    app = OneField(field)
    async with app.run_test(size=(40, 5)) as pilot:
        field.focus()
        await pilot.pause()
        for key, character in keys:
            app.post_message(events.Key(key, character))
        await until(pilot, lambda: app.changes == len(keys))  # each key changed the value
        await pilot.pause()
        return field.value


BURST = [("b", "b"), ("a", "a"), ("backspace", None), ("c", "c")]


async def test_textuals_input_still_takes_a_backspace_after_the_keys_typed_after_it() -> None:
    """When this fails, Textual applies its bindings in order (textual#6605): ``InOrderKeys``
    may be reduced to the app's bindings, or go."""
    assert await typed_in_a_burst(Input(), BURST) == "ba"
    assert await typed_in_a_burst(SafeInput(), BURST) == "bc"


async def count_layouts(field: Input) -> int:
    """How many times the screen is laid out while eleven characters are typed."""
    app = OneField(field)
    async with app.run_test(size=(40, 5)) as pilot:
        field.focus()
        await pilot.pause()
        screen = app.screen
        layouts = 0
        original = screen._refresh_layout

        def counting(*args: object, **kwargs: object) -> None:
            nonlocal layouts
            layouts += 1
            original(*args, **kwargs)  # type: ignore[arg-type]

        screen._refresh_layout = counting  # type: ignore[method-assign]
        await pilot.press(*"hello world")
        await pilot.pause()
        assert field.value == "hello world"
        return layouts


async def test_textuals_input_still_lays_the_screen_out_as_it_is_typed_in() -> None:
    """When this fails, Textual's Input no longer lays the screen out on every change of its
    value: ``RepaintOnlyVirtualSize`` may go."""
    assert await count_layouts(Input()) >= 5
    assert await count_layouts(SafeInput()) <= 1


def test_textuals_styles_cache_still_keeps_the_last_widgets_drawn() -> None:
    """When this fails, Textual no longer keeps the styles caches of 1,024 widgets drawn (and
    the lines they drew) in a cache of its own: ``release_drawn_lines`` may go."""
    from textual._styles_cache import StylesCache

    cached = StylesCache.get_inner_outer
    assert callable(cached.cache_clear)  # type: ignore[attr-defined]
    assert cached.cache_info().maxsize == 1024  # type: ignore[attr-defined]
    # Its first parameter is named cls, but it is a method: each instance is a key.
    assert parameters(cached) == ["cls", "base_background", "background"]
    assert not isinstance(inspect.getattr_static(StylesCache, "get_inner_outer"), classmethod)


def test_textuals_virtual_size_still_lays_out_and_repaints_the_whole_view() -> None:
    """When this fails, a change of a widget's virtual size no longer lays the screen out
    and repaints it whole: ``ScrollbarOnlyVirtualSize`` may go."""
    textuals = Widget.__dict__["virtual_size"]
    assert (textuals._layout, textuals._repaint) == (True, True)


def test_textuals_screen_resume_is_where_the_draw_once_workaround_reaches_into() -> None:
    from textual.screen import Screen

    assert parameters(Screen._on_screen_resume) == ["self", "event"]
    assert parameters(Widget._exchange_repaint_regions) == ["self"]
    screen = Screen()
    assert isinstance(screen._dirty_widgets, set)
    assert isinstance(screen._size, Size)
    source = inspect.getsource(Screen._on_screen_resume)
    assert "self._size != size" in source and "self.refresh()" in source
    assert "if event.refresh_styles:" in source  # styled again, or not (6)
    # A pushed screen's own refresh once mounted, whose repaint of everything is dropped.
    from textual.widget import AwaitMount

    assert "self._parent.refresh(layout=True)" in inspect.getsource(AwaitMount.__await__)


def test_textuals_layout_is_where_the_settled_layout_workaround_reaches_into() -> None:
    """The private names ``SettledBeforeDrawn`` (14) uses, and what it expects of them."""
    from textual import messages
    from textual._time import get_time
    from textual.message import Message
    from textual.screen import Screen

    assert parameters(Screen._refresh_layout) == ["self", "size", "scroll"]
    assert parameters(Screen._compositor_refresh) == ["self"]
    assert parameters(Screen._on_layout) == ["self", "message"]
    assert "self._compositor_refresh()" in inspect.getsource(Screen._refresh_layout)
    checking = inspect.getsource(Widget._check_refresh)
    assert "if self._layout_required:" in checking
    assert "ancestor._clear_arrangement_cache()" in checking
    assert "screen.post_message(messages.Layout(self))" in checking
    widget = Widget()
    assert widget._layout_required is False
    assert widget._vertical_scrollbar is None and widget._horizontal_scrollbar is None
    assert "self.time: float = _time.get_time()" in inspect.getsource(Message.__post_init__)
    assert get_time() <= messages.Layout(widget).time


def test_textuals_notices_are_where_the_notices_workaround_reaches_into() -> None:
    from textual.widgets._toast import ToastRack

    assert "ToastRack(" in inspect.getsource(Screen._extend_compose)  # every screen has one
    assert parameters(ToastRack.show) == ["self", "notifications"]
    assert "self._notifications = Notifications()" in inspect.getsource(App.__init__)
    assert "toast_rack.show" in inspect.getsource(App._refresh_notifications)
    from textual.message_pump import MessagePump

    assert "self._mounted_event.set()" in inspect.getsource(MessagePump._pre_process)


def test_textuals_screen_css_loading_is_where_the_css_read_ahead_reaches_into() -> None:
    """The private names ``read_screens_css`` (15) uses, and what it expects of them: Textual
    reads a pushed screen's ``css_path`` and ``CSS`` and nothing else of it, and the paths
    are made from ``CSS_PATH`` as Caseline makes them."""
    from pathlib import Path

    from textual._path import _css_path_type_as_list, _make_path_object_relative

    from tui.screens.case_file.screen import CaseFileScreen

    assert parameters(App._load_screen_css) == ["self", "screen"]
    source = inspect.getsource(App._load_screen_css)
    read = set(re.findall(r"screen\.(\w+)", source))
    assert read <= {"css_path", "CSS", "__class__", "_css_type_name", "SCOPED_CSS"}
    assert "self._load_screen_css(next_screen)" in inspect.getsource(App.push_screen)
    assert "_make_path_object_relative(css_path, self)" in inspect.getsource(Screen.__init__)
    screen = object.__new__(CaseFileScreen)
    made = [_make_path_object_relative(p, screen) for p in _css_path_type_as_list("a.tcss")]
    assert made == [(Path(inspect.getfile(CaseFileScreen)).parent / "a.tcss").resolve()]


async def test_textuals_first_push_of_a_screen_still_parses_every_style_again(
    tmp_path: Path,
) -> None:
    """When this fails, pushing the first screen of a class with CSS files no longer parses
    the app's whole stylesheet again: ``read_screens_css`` (15) may go."""
    (tmp_path / "styled.tcss").write_text("Styled { background: red; }\n", encoding="utf-8")
    reparsed: list[int] = []

    class Styled(Screen[None]):
        CSS_PATH = str(tmp_path / "styled.tcss")

    app = App[None]()
    async with app.run_test(size=(20, 5)) as pilot:
        reparse = app.stylesheet.reparse

        def counted() -> None:
            reparsed.append(1)
            reparse()

        app.stylesheet.reparse = counted  # type: ignore[method-assign]
        await app.push_screen(Styled())
        await pilot.pause()
        app.pop_screen()
        await app.push_screen(Styled())
        await pilot.pause()
    assert reparsed == [1]  # the first push only


async def _first_shown(screen: Screen[None], kinds: tuple[type, ...]) -> tuple[int, bool]:
    """Run an app whose first screen is ``screen`` (as the caseload is Caseline's) until it
    is idle: how many frames of ``kinds`` it sent, and whether a scroll view showed its
    vertical scrollbar."""
    from textual.containers import VerticalScroll

    class First(App[None]):
        def get_default_screen(self) -> Screen[None]:
            return screen

    app = First()
    drawn: list[object] = []
    display = app._display

    def spy(on: object, renderable: object) -> None:
        if isinstance(renderable, kinds):
            drawn.append(renderable)
        display(on, renderable)  # type: ignore[arg-type]

    app._display = spy  # type: ignore[method-assign]
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause(0.1)
        views = screen.query(VerticalScroll)
        scrolled = bool(views) and views.first().show_vertical_scrollbar
    return len(drawn), scrolled


async def test_textuals_screen_is_still_drawn_whole_twice_when_first_shown() -> None:
    """When this fails, a screen shown for the first time is no longer drawn whole twice
    (laid out, then refreshed): ``DrawnOnceOnResume`` may go."""
    from textual._compositor import LayoutUpdate

    class Plain(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    class Fixed(DrawnOnceOnResume, Plain):
        pass

    assert (await _first_shown(Plain(), (LayoutUpdate,)))[0] >= 2
    assert (await _first_shown(Fixed(), (LayoutUpdate,)))[0] == 1


async def test_a_list_longer_than_the_screen_is_drawn_once_with_its_scrollbar() -> None:
    """Textual decides a scrollbar in the layout that draws the screen, then lays out and draws
    again (the lines one column narrower, then the scrollbar): ``DrawnOnceOnResume`` lays the
    first showing out until no widget asks for more, then draws it once (14). When Textual
    draws such a screen once itself, the first assertion fails and that part may go."""
    from textual._compositor import ChopsUpdate, LayoutUpdate
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    class Plain(Screen[None]):
        def compose(self) -> ComposeResult:
            with VerticalScroll():
                yield Static("\n".join(f"line {n}" for n in range(30)))

    class Fixed(DrawnOnceOnResume, Plain):
        pass

    kinds = (LayoutUpdate, ChopsUpdate)
    assert (await _first_shown(Plain(), kinds))[0] > 1
    assert await _first_shown(Fixed(), kinds) == (1, True)


def _part_of_a_line() -> tuple[object, object]:
    """An update of cells 4 to 7 of a line of ten, and a console to render it with."""
    from rich.console import Console
    from rich.segment import Segment
    from rich.style import Style
    from textual._compositor import ChopsUpdate
    from textual.strip import Strip

    red = Style(color="red", bgcolor="black")
    strip = Strip([Segment("abcdefghij", red)])
    update = ChopsUpdate([{0: strip}], [(0, 4, 7)], [[10]])
    return update, Console(color_system="256", force_terminal=True)


def test_textuals_chops_update_is_where_the_partial_line_workaround_reaches_into() -> None:
    from textual._compositor import ChopsUpdate

    update, _console = _part_of_a_line()
    assert parameters(ChopsUpdate.render_segments) == ["self", "console"]
    assert isinstance(update, ChopsUpdate)
    assert update.spans == [(0, 4, 7)] and update.chop_ends == [[10]] and len(update.chops) == 1


def test_textuals_chops_update_still_sends_a_line_from_its_start() -> None:
    """When this fails, Textual sends only the part of a line asked for:
    ``send_only_what_changed`` may go."""
    from textual._compositor import ChopsUpdate

    update, console = _part_of_a_line()
    assert ChopsUpdate.render_segments in (TEXTUALS_RENDER_SEGMENTS, _changed_cells)
    assert "abcdefg" in TEXTUALS_RENDER_SEGMENTS(update, console)  # type: ignore[arg-type]


def test_only_the_part_of_a_line_asked_for_is_sent_its_colours_changed_alone() -> None:
    from rich.segment import Segment
    from rich.style import Style
    from textual._compositor import ChopsUpdate
    from textual.strip import Strip

    update, console = _part_of_a_line()
    text = _changed_cells(update, console)  # type: ignore[arg-type]
    assert text == "\x1b[1;5H\x1b[31;40mefg\x1b[0m"
    # A piece with a wide character is sent from its start: it is never cut in two.
    wide = ChopsUpdate([{0: Strip([Segment("ab日本cd", None)])}], [(0, 3, 6)], [[8]])
    assert _changed_cells(wide, console) == "\x1b[1;1Hab日本"  # type: ignore[arg-type]
    plain, red, bold = Style(color="white"), Style(color="red"), Style(color="red", bold=True)
    strip = Strip([Segment("ab", plain), Segment("cd", red), Segment("ef", bold)])
    assert render_chained(strip, ColorSystem.EIGHT_BIT) == (
        "\x1b[37mab\x1b[31mcd\x1b[0m\x1b[1;31mef\x1b[0m"
    )


def test_textuals_display_and_repaint_regions_are_where_whole_frames_reach_into() -> None:
    from textual._compositor import Compositor

    assert parameters(App._display) == ["self", "screen", "renderable"]
    assert "_repaint_regions" in inspect.getsource(Widget._exchange_repaint_regions)
    assert isinstance(Compositor.visible_widgets, property)


def test_textuals_screens_still_repaint_whole_when_the_focus_moves() -> None:
    """When this fails, a change of focus no longer repaints the whole screen:
    ``FocusRepaintsOnlyWidgets`` may go."""
    textuals = Screen.__dict__["focused"]
    assert textuals._repaint is True


def test_textuals_option_list_still_clears_its_lines_on_every_resize() -> None:
    """When this fails, an OptionList no longer throws its rendered lines away on a Resize:
    ``OptionLinesKeptAtSameWidth`` may go."""
    assert "_clear_caches" in inspect.getsource(OptionList._on_resize)


def test_textuals_tabs_still_move_the_underline_after_the_refresh() -> None:
    """When this fails, Tabs no longer move their underline a frame late:
    ``underline_at_once`` may go."""
    source = inspect.getsource(Tabs._highlight_active)
    assert "self.call_after_refresh(move_underline, False)" in source
    assert {"highlight_start", "highlight_end"} <= set(Underline._reactives)


def _sheet_parsing(
    monkeypatch: pytest.MonkeyPatch, reparse: Callable[[Stylesheet], None]
) -> tuple[list[str], list[str]]:
    """A stylesheet of two sources parsed, a third added and ``reparse`` run, then its
    variables changed and ``reparse`` run again: the sources parsed each time, by name."""
    import textual.css.stylesheet as stylesheets

    parsed: list[str] = []
    parse = stylesheets.parse

    def counted(scope: str, css: str, read_from: tuple[str, str], **kw: Any) -> Any:
        parsed.append(read_from[1])
        return parse(scope, css, read_from, **kw)

    monkeypatch.setattr(stylesheets, "parse", counted)
    # Textual's own cache, not the tests' one for every stylesheet of the process.
    monkeypatch.setattr(Stylesheet, "_parse_rules", textuals_parse_rules)
    sheet = Stylesheet(variables={"shade": "red"})
    sheet.add_source("Static { color: $shade; }", read_from=("", "first"))
    sheet.add_source("Input { margin: 1; }", read_from=("", "second"))
    sheet.parse()
    sheet.add_source("Label { padding: 1; }", read_from=("", "third"))
    parsed.clear()
    reparse(sheet)
    added, parsed[:] = list(parsed), []
    sheet.set_variables({"shade": "blue"})
    reparse(sheet)
    assert sheet.rules[0].styles.css_lines == ["color: #0000FF;"]  # parsed with the new value
    return added, parsed


def test_textuals_reparse_still_parses_every_source_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the first assertion fails, Textual's ``Stylesheet.reparse`` no longer parses again
    what it had parsed: ``keep_parsed_css`` (16) may go."""
    added, after_new_variables = _sheet_parsing(monkeypatch, TEXTUALS_REPARSE)
    assert added == ["first", "second", "third"]
    assert after_new_variables == ["first", "second", "third"]
    assert set(vars(Stylesheet())) >= {"_parse_cache", "_invalid_css", "source", "_rules"}
    assert {"_rules_map", "_require_parse"} <= set(vars(Stylesheet()))


def test_a_stylesheet_parsed_again_parses_only_what_is_new(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A screen's CSS file read parses that file alone, not every style in the app again
    (16); new variables (a theme) still have everything parsed with them."""
    added, after_new_variables = _sheet_parsing(monkeypatch, _reparse_from_what_was_parsed)
    assert added == ["third"]
    assert after_new_variables == ["first", "second", "third"]


def test_a_stylesheet_parsed_again_has_the_rules_textual_makes() -> None:
    def rules(reparse: Callable[[Stylesheet], None]) -> list[str]:
        sheet = Stylesheet(variables={"shade": "red"})
        sheet.add_source("Static { color: $shade; }", read_from=("", "first"))
        sheet.parse()
        sheet.add_source("Input { margin: 1; }", read_from=("", "second"), is_default_css=True)
        reparse(sheet)
        return [
            f"{rule.selectors} {rule.styles.css_lines} {rule.is_default_rules}"
            for rule in sheet.rules
        ]

    assert rules(_reparse_from_what_was_parsed) == rules(TEXTUALS_REPARSE)


def test_a_stylesheet_that_fails_to_parse_again_is_left_as_it_was() -> None:
    sheet = Stylesheet()
    sheet.add_source("Static { color: red; }", read_from=("", "good"))
    sheet.parse()
    before = list(sheet.rules)
    sheet.add_source("Static { colour: red; }", read_from=("", "bad"))
    with pytest.raises(StylesheetParseError):
        _reparse_from_what_was_parsed(sheet)
    assert sheet.rules == before
    assert "Static { colour: red; }" in sheet._invalid_css
