"""The one Markdown parser (used to show summaries and notes on screen and to export them),
and the escaping every area uses when it writes what a person typed into Markdown.

Raw HTML is off (``<script>`` in a note is text, not markup), and so is linkify: a record
should show what was written. Escaped text reads literally: a title like ``**urgent**`` or
``<b>`` shows those characters.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from store.common.textsafe import single_line, strip_control, visible


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
    fetch an image) and links kept only to the web and to e-mail, as a block quote."""
    cleaned = clean_text(text).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    neutral = _UNESCAPED_IMAGE.sub(r"\1!\\[", _UNESCAPED_LT.sub(r"\1\\<", cleaned))
    neutral = safe_links(neutral)
    return "\n".join(f"> {line}" if line.strip() else ">" for line in neutral.split("\n"))


# Exports are read by other programs, whose Markdown renderers make every link live: a link to
# anything but the web or e-mail (javascript:, data:, file:, vbscript: ...) is written so that
# it is no link at all. What a browser would make of the destination decides: entities and
# backslash escapes decoded, and the blanks and control characters it drops removed.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_DROPPED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
# "](" opening an inline link's destination, and "]:" ending a link reference definition's
# label at the start of a line (inside block quotes too); neither escaped.
_INLINE_LINK = re.compile(r"(?<!\\)((?:\\\\)*)\]\(")
_REFERENCE = re.compile(r"^((?:[ \t]*>)*[ \t]{0,3}\[(?:[^\]\\\n]|\\.)+)(\]:)", re.MULTILINE)


def safe_destination(after: str) -> bool:
    """Whether the link destination at the start of ``after`` (what follows "](" or "]:") is
    to the web or e-mail, or has no scheme at all (a relative link)."""
    rest = after.lstrip(" \t\n")
    if rest.startswith("<"):
        end = rest.find(">")
        destination = rest[1:] if end < 0 else rest[1:end]
    else:
        destination = re.split(r"[\s)]", rest, maxsplit=1)[0]
    decoded = html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", destination))
    decoded = _DROPPED_BY_BROWSERS.sub("", decoded).lstrip("<")
    scheme = _SCHEME.match(decoded)
    if scheme is not None:
        return scheme.group(1).lower() in SAFE_SCHEMES
    # No scheme as written; but anything that could pass for one ("java\script:") counts as
    # one: a relative link has no colon before its first "/", "?" or "#".
    return ":" not in re.split(r"[/?#]", decoded, maxsplit=1)[0]


def safe_links(markdown: str) -> str:
    """``markdown`` with every link or link definition to anything but the web or e-mail
    written as text: its "(" or ":" escaped, so no renderer makes it a link."""

    def inline(match: re.Match[str]) -> str:
        if safe_destination(match.string[match.end() :]):
            return match.group(0)
        return f"{match.group(1)}]\\("

    def reference(match: re.Match[str]) -> str:
        if safe_destination(match.string[match.end() :]):
            return match.group(0)
        return f"{match.group(1)}]\\:"

    return _REFERENCE.sub(reference, _INLINE_LINK.sub(inline, markdown))


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
