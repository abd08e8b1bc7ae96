"""User text on its way to the screen: always as plain Content, never as markup.

Every widget that shows something a person typed gets it through these helpers, so that
``[bold]`` stays literal, ``[@click=app.quit]`` stays inert, escape sequences never reach
the terminal, and characters that change how text looks without being seen (a right-to-left
override, a zero-width space) are shown as dim marks such as ``⟨RLO⟩`` (store.textsafe).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.content import Content

from store.common.textsafe import single_line, strip_control, visible_parts

MARK_STYLE = "dim"  # how a mark for an invisible character is set apart from the text


def _pieces(text: str, style: str = "") -> list[str | tuple[str, str]]:
    """Cleaned text in pieces for ``Content.assemble``, its marks dimmed."""
    return [
        (piece, f"{style} {MARK_STYLE}".strip()) if mark else ((piece, style) if style else piece)
        for piece, mark in visible_parts(text)
    ]


def plain(text: str) -> Content:
    """Multi-line user text as literal Content."""
    return Content.assemble(*_pieces(strip_control(text)))


def plain_line(text: str) -> Content:
    """User text for a single line (a label, a cell, a title)."""
    return Content.assemble(*_pieces(single_line(text)))


def line_text(text: str, style: Style | str = "", **options: Any) -> Text:
    """User text for a single line of a Rich ``Text`` (a table cell), marks dimmed."""
    result = Text(style=style, **options)
    for piece, mark in visible_parts(single_line(text)):
        result.append(piece, style=MARK_STYLE if mark else None)
    return result


def assemble(*parts: str | tuple[str, str]) -> Content:
    """Join literal pieces, each optionally styled: ``assemble("Ref ", (ref, "bold"))``.

    The text of every piece is treated as literal (and cleaned); only the style strings, which
    come from our code, are interpreted.
    """
    pieces: list[str | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, tuple):
            pieces.extend(_pieces(single_line(part[0]), part[1]))
        else:
            pieces.extend(_pieces(single_line(part)))
    return Content.assemble(*pieces)


def choices(values: Iterable[str | tuple[str, object]]) -> list[tuple[Content, Any]]:
    """Options for a Select whose labels are literal (a Select parses strings as markup).

    Each value is a label that is also the value, or a (label, value) pair.
    """
    result: list[tuple[Content, Any]] = []
    for value in values:
        label, key = value if isinstance(value, tuple) else (value, value)
        result.append((plain_line(label), key))
    return result


def show_error(line: Any, message: str) -> None:
    """Show ``message`` on a form's error line (a Static), or hide the line when it is "".

    Clearing a line that isn't showing does nothing, so a field can clear its error on every
    keystroke without the page being laid out again each time.
    """
    if not message and not line.display:
        return
    line.update(assemble(message))
    line.display = bool(message)
