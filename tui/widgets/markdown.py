"""Markdown that people typed, rendered safely.

Control characters are removed before parsing, raw HTML is shown as the text it is (the shared
parser has HTML off), and links are not followed: a link in a case note is information.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.widgets import Markdown

from store.core.markdown import parser
from store.core.textsafe import strip_control


class SafeMarkdown(Markdown):
    """A Markdown view for user text."""

    DEFAULT_CSS = """
    SafeMarkdown { padding: 0 1; }
    """

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(
            strip_control(text), id=id, classes=classes, parser_factory=parser, open_links=False
        )

    def show(self, text: str) -> AwaitComplete:
        """Replace the content with (cleaned) user text; awaited, it is all mounted."""
        return self.update(strip_control(text))
