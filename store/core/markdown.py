"""The one Markdown parser: used to show summaries and notes on screen and to export them.

Raw HTML is off (``<script>`` in a note is text, not markup), and so is linkify: a record
should show what was written.
"""

from __future__ import annotations

from markdown_it import MarkdownIt


def parser() -> MarkdownIt:
    """A fresh parser (markdown-it instances are not shared between threads)."""
    return MarkdownIt("gfm-like", {"html": False, "linkify": False, "typographer": False}).disable(
        "linkify", ignoreInvalid=True
    )
