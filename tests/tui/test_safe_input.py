"""A SafeInput typed past its width still scrolls to the cursor, though typing no longer lays
the screen out again on every key."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.widgets.safe import SafeInput


class OneInput(App[None]):
    CSS = "SafeInput { width: 12; }"

    def compose(self) -> ComposeResult:
        yield SafeInput(compact=True)


def shown(app: OneInput) -> str:
    return app.query_one(SafeInput).render_line(0).text


async def test_a_long_value_scrolls_with_the_cursor_both_ways() -> None:
    app = OneInput()
    async with app.run_test(size=(40, 5)) as pilot:
        field = app.query_one(SafeInput)
        field.focus()
        await pilot.press(*"abcdefghijklmnopqrstuvwxyz")
        await pilot.pause()
        assert field.value == "abcdefghijklmnopqrstuvwxyz"
        assert field.scroll_x > 0
        assert "xyz" in shown(app) and "abc" not in shown(app)
        await pilot.press("home")
        await pilot.pause()
        assert field.scroll_x == 0 and shown(app).startswith("abc")
        await pilot.press("end", *["backspace"] * 20)
        await pilot.pause()
        assert field.value == "abcdef" and shown(app).startswith("abcdef")


async def test_typing_does_not_lay_the_screen_out_again() -> None:
    app = OneInput()
    async with app.run_test(size=(40, 5)) as pilot:
        app.query_one(SafeInput).focus()
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
        assert app.query_one(SafeInput).value == "hello world"
        assert layouts <= 1
