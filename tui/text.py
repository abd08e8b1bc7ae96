"""User text on its way to the screen: always as plain Content, never as markup.

Every widget that shows something a person typed gets it through these helpers, so that
``[bold]`` stays literal, ``[@click=app.quit]`` stays inert, and escape sequences never reach
the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.content import Content

from store.textsafe import single_line, strip_control


def plain(text: str) -> Content:
    """Multi-line user text as literal Content."""
    return Content(strip_control(text))


def plain_line(text: str) -> Content:
    """User text for a single line (a label, a cell, a title)."""
    return Content(single_line(text))


def assemble(*parts: str | tuple[str, str]) -> Content:
    """Join literal pieces, each optionally styled: ``assemble("Ref ", (ref, "bold"))``.

    The text of every piece is treated as literal (and cleaned); only the style strings, which
    come from our code, are interpreted.
    """
    pieces: list[str | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, tuple):
            pieces.append((single_line(part[0]), part[1]))
        else:
            pieces.append(single_line(part))
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
