"""The footer: the screen's keys in one line, drawn as Textual's compact Footer draws them, and
acting as its keys do under the mouse."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.widgets.footer import CaselineFooter

from .waiting import until


class Keys(App[None]):
    AUTO_FOCUS = None  # the app's keys shown: nothing focused takes the letters
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add a task"),
        Binding("x", "remove", "Remove"),
        Binding("y", "add", "Add again"),  # a second key for an action: not shown
        Binding("z", "hidden", "Hidden", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.rang = 0

    def compose(self) -> ComposeResult:
        yield Input(id="box")
        yield CaselineFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "remove" else True  # shown, but disabled

    def action_add(self) -> None:
        self.done.append("add")

    def bell(self) -> None:
        self.rang += 1


def footer_of(app: App[None]) -> CaselineFooter:
    return app.screen.query_one(CaselineFooter)


async def test_the_keys_are_drawn_in_one_line_the_palette_at_the_right() -> None:
    app = Keys()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        line = footer_of(app).render_line(0)
        assert line.text == "a Add x Remove" + " " * 14 + "▏^p palette "
        assert line.cell_length == 40
        styles = {text: style for text, style, _ in line}
        assert styles["a"].bold and not styles["a"].dim
        assert styles["x"].dim and styles[" Remove"].dim  # disabled: dimmed, as Textual's
        assert not footer_of(app).children  # one widget, no widget for each key


async def test_keys_that_do_not_fit_go_under_the_palettes() -> None:
    app = Keys()
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        assert footer_of(app).render_line(0).text == "a Add x ▏^p palette "
        await pilot.click(CaselineFooter, offset=(8, 0))  # the rule, over "Remove": nothing
        await pilot.pause()
        assert app.rang == 0 and len(app.screen_stack) == 1


async def test_a_click_presses_the_key_and_a_disabled_one_rings() -> None:
    app = Keys()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        await pilot.click(CaselineFooter, offset=(2, 0))  # "Add"
        await until(pilot, lambda: app.done == ["add"])
        await pilot.click(CaselineFooter, offset=(8, 0))  # "Remove", disabled
        await until(pilot, lambda: app.rang == 1)
        await pilot.click(CaselineFooter, offset=(20, 0))  # between keys: nothing
        await pilot.click(CaselineFooter, offset=(32, 0))  # "palette"
        await until(pilot, lambda: app.screen is not app.screen_stack[0])
        assert type(app.screen).__name__ == "CommandPalette"
        assert app.done == ["add"] and app.rang == 1


async def test_the_key_under_the_mouse_is_lit_and_says_its_tooltip() -> None:
    app = Keys()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        plain = footer.render_line(0)
        await pilot.hover(CaselineFooter, offset=(1, 0))
        assert footer.tooltip == "Add a task"
        lit = footer.render_line(0)
        assert lit.text == plain.text
        assert next(iter(lit)).style != next(iter(plain)).style  # the key lit
        await pilot.hover(CaselineFooter, offset=(33, 0))
        assert footer.tooltip == "Open the command palette"
        await pilot.hover(CaselineFooter, offset=(20, 0))
        assert footer.tooltip is None
        assert [s.style for s in footer.render_line(0)] == [s.style for s in plain]  # unlit


async def test_the_keys_follow_the_focus() -> None:
    """A text box focused takes the letters: the app's letter keys go from the footer, and
    come back when the focus leaves it, without anything asking the footer."""
    app = Keys()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        assert footer.render_line(0).text.startswith("a Add x Remove ")
        app.set_focus(app.query_one("#box"))
        await until(pilot, lambda: "Add" not in footer.render_line(0).text)
        assert [k.key for k in footer.shown] == ["ctrl+p"]
        app.set_focus(None)
        await until(pilot, lambda: footer.render_line(0).text.startswith("a Add x Remove "))
        assert not footer.keys_changed
