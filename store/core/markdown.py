"""The one Markdown parser (used to show summaries and notes on screen and to export them),
and the escaping every area uses when it writes what a person typed into Markdown.

Raw HTML is off (``<script>`` in a note is text, not markup), and so is linkify: a record
should show what was written. Escaped text reads literally: a title like ``**urgent**`` or
``<b>`` shows those characters.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from store.core.textsafe import single_line, strip_control, visible


def parser() -> MarkdownIt:
    """A fresh parser (markdown-it instances are not shared between threads)."""
    return MarkdownIt("gfm-like", {"html": False, "linkify": False, "typographer": False}).disable(
        "linkify", ignoreInvalid=True
    )


# Every character that means something somewhere in Markdown inline syntax or a GFM table,
# plus & (an entity like &lt; would otherwise be decoded) and ~ (strikethrough).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&~])")

# A "<" or an image's "![" not already escaped (after an even number of backslashes, or none).
_UNESCAPED_LT = re.compile(r"(?<!\\)((?:\\\\)*)<")
_UNESCAPED_IMAGE = re.compile(r"(?<!\\)((?:\\\\)*)!\[")


def clean_text(text: str) -> str:
    """User text without control characters or escape sequences."""
    return strip_control(text or "")


def one_line(text: str) -> str:
    """A name, title or other one-line field as an export shows it: on one line, with its
    invisible and direction-changing characters as marks (as on screen), so a printed name
    can't read as another."""
    return visible(" ".join(single_line(text or "").split()))


def md_escape(text: str) -> str:
    """Plain text made literal in Markdown, on one line (for headings and table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def md_block(text: str) -> str:
    """Markdown as written, with raw HTML and images neutralised (a reader's renderer would
    fetch an image), as a block quote."""
    cleaned = clean_text(text).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    neutral = _UNESCAPED_IMAGE.sub(r"\1!\\[", _UNESCAPED_LT.sub(r"\1\\<", cleaned))
    return "\n".join(f"> {line}" if line.strip() else ">" for line in neutral.split("\n"))


# What makes a line a list item or a rule in Markdown: "-", "+", "=" or "1." / "1)" first.
_BLOCK_START = re.compile(r"^(\s*\d*)([-+=.)])")


def md_lines(text: str) -> list[str]:
    """Multi-line user text, each line escaped (blank lines kept as paragraph breaks), down
    to what would start a list, a heading or a rule: a line "- x" or "1. x" reads as typed."""
    cleaned = strip_control(text or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return [
        _BLOCK_START.sub(r"\1\\\2", md_escape(line)) if line.strip() else ""
        for line in cleaned.split("\n")
    ]


def md_quote(text: str, indent: str = "") -> list[str]:
    return [f"{indent}> {line}" if line else f"{indent}>" for line in md_lines(text)]


def md_inline(text: str) -> str:
    """Multi-line text on one line (a list item or a sentence)."""
    return " ".join(line for line in md_lines(text) if line)
