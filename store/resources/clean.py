"""Text from a published directory, cleaned for display: real directories carry HTML, entities,
odd whitespace and stray control characters in their descriptions.

Tags are dropped (a paragraph, a line break or a list item becomes a line of its own), entities
unescaped after that (so "&lt;b&gt;" is shown as the characters "<b>", never as markup), control
characters and escape sequences removed, and runs of whitespace collapsed.
"""

from __future__ import annotations

import html
import re
import unicodedata

from store.common.textsafe import strip_control

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HIDDEN = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.DOTALL | re.IGNORECASE)
_ITEM = re.compile(r"<\s*li\b[^<>]*>", re.IGNORECASE)
_BREAK = re.compile(
    r"<\s*(?:br|/?p|/?div|/li|/?ul|/?ol|/?h[1-6]|/?tr|/?table|/?blockquote)\b[^<>]*>",
    re.IGNORECASE,
)
# Only what looks like a tag: "a < b" and "<3" in ordinary text are left alone.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def display_text(raw: str | None, *, one_line: bool = False) -> str:
    """``raw`` as it may be shown: no tags, entities as characters, no control characters,
    whitespace collapsed (``one_line``: everything on one line; else one blank line at most
    between paragraphs of plain text, none in text marked up)."""
    if not raw:
        return ""
    text = raw
    marked_up = bool(_TAG.search(text))
    if marked_up:
        text = _COMMENT.sub("", text)
        text = _HIDDEN.sub("", text)
        text = _ITEM.sub("\n• ", text)
        text = _BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    text = html.unescape(text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = strip_control(text).replace("\t", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    if one_line:
        return " ".join(line for line in lines if line)
    if marked_up:  # the markup said where lines break; blank lines are only its layout
        return "\n".join(line for line in lines if line)
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


def cut(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut to ``limit`` characters with "…" if longer, and whether it was."""
    if len(text) <= limit:
        return text, False
    return text[: limit - 1].rstrip() + "…", True
