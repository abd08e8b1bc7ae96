"""Markdown written into exports keeps links to the web and to e-mail, and no other: another
program's renderer would make a javascript: (or data:, file:, vbscript:) link live."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from store.common.markdown import md_block

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

HOSTILE = [
    "[click](javascript:alert(1))",
    "[click]( javascript:alert(1) )",
    "[click](<javascript:alert(1)>)",
    "[click](JaVaScRiPt:alert(1))",
    "[click](jav&#97;script:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](java\\script:alert(1))",
    "[click](<java\tscript:alert(1)>)",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](file:///etc/passwd)",
    "[click][x]\n\n[x]: javascript:alert(1)",
    "[click][x]\n\n   [x]:   <javascript:alert(1)>",
    "[click]\n\n[click]: javascript:alert(1) 'title'",
    "> [x](javascript:alert(1))",
    "- [x](javascript:alert(1)) and [y](https://example.org)",
    "![img](javascript:alert(1))",
]


def hrefs(markdown: str) -> list[str]:
    """Every link a permissive CommonMark renderer makes of ``markdown``: markdown-it with its
    own link check turned off, as other libraries have none."""
    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return re.findall(r'(?:href|src)="([^"]*)"', md.render(markdown))


@pytest.mark.parametrize("text", HOSTILE)
def test_no_link_but_to_the_web_or_e_mail_survives(text: str) -> None:
    assert any(not h.startswith(("http", "mailto")) for h in hrefs(text)), "the test's own check"
    for href in hrefs(md_block(text)):
        assert href.startswith(("https://", "http://", "mailto:")), href


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("[the leaflet](https://example.org/leaflet.pdf)", "https://example.org/leaflet.pdf"),
        ("[write](mailto:duty@example.org)", "mailto:duty@example.org"),
        ("[ref]\n\n[ref]: http://example.org", "http://example.org"),
        ("[local](notes/today.md)", "notes/today.md"),
    ],
)
def test_links_to_the_web_and_e_mail_stay_links(text: str, href: str) -> None:
    assert hrefs(md_block(text)) == [href]
