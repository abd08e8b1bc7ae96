"""Markdown that people typed, rendered safely.

Control characters are removed before parsing, raw HTML is shown as the text it is (the shared
parser has HTML off), and links are not followed: a link in a case note is information.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.widgets import Markdown

from store.common.markdown import parser
from store.common.textsafe import strip_control


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

    _showing: AwaitComplete | None = None

    def show(self, text: str) -> AwaitComplete:
        """Replace the content with (cleaned) user text; awaited, it is all mounted."""
        self._showing = self.update(strip_control(text))
        return self._showing

    async def shown(self) -> None:
        """Wait until the text last given to ``show`` is all mounted."""
        if self._showing is not None:
            await self._showing
