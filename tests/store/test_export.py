"""Exporting the chronology: the Markdown and HTML are parsed back and their content, order and
escaping checked; files are written whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from store.cases.records import AllocationInfo, CaseDetail
from store.chronology.records import ChronologyItem
from store.common.errors import StoreError
from store.common.markdown import parser
from store.common.records import CaseStatus, WorkerInfo
from store.export import files as export
from store.export.files import ExportError, export_chronology, format_for
from store.export.html import chronology_html
from store.export.markdown import chronology_markdown
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

EXPORTED_AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # 10:00 in London in November
SCRIPT = "<script>alert(1)</script>"
RICH = "[bold]x[/] | pipe"

DETAIL = CaseDetail(
    id=7,
    ref="CL-2026-0042",
    status=CaseStatus.OPEN,
    client_id=3,
    client_name="Zoë O'Neill & family",
    date_of_birth=date(2012, 4, 3),
    address="",
    phone="",
    worker_id=2,
    worker_name="Priya Nair",
    allocated_on=date(2025, 6, 1),
    opened_on=date(2025, 1, 10),
    closed_on=None,
    closure_reason="",
    last_contact_at=None,
    next_review_on=None,
    version=1,
    allocations=(
        AllocationInfo("Sam Okafor", date(2025, 1, 10), date(2025, 6, 1)),
        AllocationInfo("Priya Nair", date(2025, 6, 1), None),
    ),
)


def _item(n: int, on: date, **fields: object) -> ChronologyItem:
    values: dict[str, object] = {
        "id": n,
        "occurred_on": on,
        "category": "other",
        "title": f"Entry {n}",
        "details": "",
        "source_kind": "manual",
        "source_id": None,
        "before_current_allocation": on < date(2025, 6, 1),
    }
    values.update(fields)
    return ChronologyItem(**values)  # type: ignore[arg-type]


ITEMS = [
    _item(
        1,
        date(2025, 1, 10),
        category="allocation",
        title="Case allocated to Sam Okafor",
        source_kind="allocation",
        source_id=1,
        author_name="Sam Okafor",
    ),
    _item(
        2,
        date(2025, 6, 1),
        category="allocation",
        title="Case transferred to Priya Nair",
        details="Reason: caseload balancing.",
        source_kind="transfer",
        source_id=2,
    ),
    _item(
        3,
        date(2025, 9, 14),
        category="safeguarding",
        title=SCRIPT,
        details=f"First paragraph with {SCRIPT} and **strong** text.\n\nSecond paragraph.",
        source_of_information="Police (PC 1234)",
        analysis="Escalating | see *below* & <b>note</b>",
        author_name="Priya Nair",
    ),
    _item(
        4,
        date(2025, 10, 2),
        category="health",
        title=RICH,
        details="- item one\n- item two\n\n```\nunclosed fence",
        source_of_information="Health visitor",
    ),
    _item(
        5,
        date(2025, 11, 5),
        category="contact",
        title="Home visit: \x1b[31mred\x1b[0m eviction notice",
        details="## A heading\n\n![tracker](https://evil.example/pixel.png)",
        source_kind="note",
        source_id=88,
    ),
]


def markdown(items: list[ChronologyItem] = ITEMS, filters: str = "") -> str:
    return chronology_markdown(
        DETAIL, items, exported_by="Sam Okafor", exported_at=EXPORTED_AT, filter_description=filters
    )


def html_text(items: list[ChronologyItem] = ITEMS, filters: str = "") -> str:
    return chronology_html(
        DETAIL, items, exported_by="Sam Okafor", exported_at=EXPORTED_AT, filter_description=filters
    )


# --- a small DOM from the standard library's parser --------------------------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "source", "wbr", "base"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str, cls: str | None = None) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (
                    cls is None or cls in child.attrs.get("class", "").split()
                ):
                    yield child
                yield from child.find_all(tag, cls)

    def find(self, tag: str, cls: str | None = None) -> Node:
        return next(self.find_all(tag, cls))

    def by_id(self, ident: str) -> Node:
        for node in self.walk():
            if node.attrs.get("id") == ident:
                return node
        raise KeyError(ident)

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]
        self.declarations: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> tuple[Node, list[str]]:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root, builder.declarations


def table_rows(doc: Node) -> list[list[str]]:
    body = doc.find("tbody")
    return [[" ".join(td.text().split()) for td in tr.find_all("td")] for tr in body.find_all("tr")]


# --- HTML --------------------------------------------------------------------------------


def test_html_is_a_standalone_document_with_the_case_in_its_header() -> None:
    doc, declarations = parse_html(html_text())
    assert declarations == ["doctype html"]
    head = doc.find("head")
    assert any(m.attrs.get("charset") == "utf-8" for m in head.find_all("meta"))
    assert doc.find("title").text() == "Chronology: CL-2026-0042, Zoë O'Neill & family"
    facts = dict(
        zip(
            (dt.text() for dt in doc.find("dl", "facts").find_all("dt")),
            (dd.text() for dd in doc.find("dl", "facts").find_all("dd")),
            strict=True,
        )
    )
    assert facts == {
        "Client": "Zoë O'Neill & family",
        "Date of birth": "03 Apr 2012",
        "Case reference": "CL-2026-0042",
        "Allocated worker": "Priya Nair",
        "Allocated on": "01 Jun 2025",
        "Exported by": "Sam Okafor",
        "Exported on": "23 Nov 2026 10:00",
        "Entries shown": "all entries",
        "Number of entries": "5",
    }
    assert [th.text() for th in doc.find("thead").find_all("th")] == [
        "Date",
        "Category",
        "Event",
        "Source",
        "Analysis",
    ]


def test_html_has_no_scripts_and_nothing_to_fetch() -> None:
    text = html_text()
    doc, _ = parse_html(text)
    tags = {node.tag for node in doc.walk()}
    assert not tags & {"script", "img", "link", "iframe", "object", "embed", "base", "form"}
    for node in doc.walk():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            if name in ("href", "src", "action"):
                assert value.startswith("#"), (node.tag, name, value)
    style = doc.find("style").text()
    assert "url(" not in style and "@import" not in style
    assert "@media print" in style
    assert "http://" not in text and "https://" not in text.replace(
        "https://evil.example/pixel.png", ""
    )
    # The user's image became text, not an <img> the file would fetch.
    assert "https://evil.example/pixel.png" not in {
        n.attrs.get("src") for n in doc.walk() if "src" in n.attrs
    }


def test_html_rows_are_in_the_given_order_with_literal_user_text() -> None:
    doc, _ = parse_html(html_text())
    rows = table_rows(doc)
    assert rows == [
        [
            "10 Jan 2025 (before current allocation)",
            "allocation",
            "Case allocated to Sam Okafor",
            "allocation",
            "",
        ],
        ["01 Jun 2025", "allocation", "Case transferred to Priya Nair", "transfer", ""],
        [
            "14 Sep 2025",
            "safeguarding",
            SCRIPT,
            "manual entry; reported by Police (PC 1234)",
            "Escalating | see *below* & <b>note</b>",
        ],
        ["02 Oct 2025", "health", RICH, "manual entry; reported by Health visitor", ""],
        ["05 Nov 2025", "contact", "Home visit: red eviction notice", "case note", ""],
    ]
    assert "\x1b" not in html_text()
    before = [
        tr for tr in doc.find("tbody").find_all("tr") if "before" in tr.attrs.get("class", "")
    ]
    assert len(before) == 1


def test_html_newest_first_is_the_reverse_order() -> None:
    doc, _ = parse_html(html_text(ITEMS[::-1]))
    dates_shown = [row[0][:11] for row in table_rows(doc)]
    assert dates_shown == [
        "05 Nov 2025",
        "02 Oct 2025",
        "14 Sep 2025",
        "01 Jun 2025",
        "10 Jan 2025",
    ]
    headings = [h.text() for h in doc.find_all("h3")]
    assert headings[0].startswith("1. 05 Nov 2025: Home visit")


def test_html_details_are_rendered_markdown_and_user_html_stays_text() -> None:
    doc, _ = parse_html(html_text())
    entry = doc.by_id("entry-3")
    details = entry.find("div", "details")
    paragraphs = [p.text() for p in details.find_all("p")]
    assert paragraphs == [f"First paragraph with {SCRIPT} and strong text.", "Second paragraph."]
    assert details.find("strong").text() == "strong"
    analysis = entry.find("div", "analysis")
    assert analysis.find("em").text() == "below"
    assert "<b>note</b>" in analysis.text()
    assert not list(analysis.find_all("b"))
    items = [li.text() for li in doc.by_id("entry-4").find_all("li")]
    assert items == ["item one", "item two"]
    assert doc.by_id("entry-4").find("code").text() == "unclosed fence"
    # An entry without details says so; the next entry's heading is still a heading.
    assert doc.by_id("entry-1").find("p", "details").text() == "No details recorded."
    assert [h.text()[:3] for h in doc.find_all("h3")] == ["1. ", "2. ", "3. ", "4. ", "5. "]
    # Table titles link to their details, inside the file.
    links = [a.attrs["href"] for a in doc.find("tbody").find_all("a")]
    assert links == [f"#entry-{n}" for n in range(1, 6)]


def test_html_filtered_export_lists_only_those_and_says_so() -> None:
    chosen = [i for i in ITEMS if i.category == "safeguarding"]
    doc, _ = parse_html(html_text(chosen, filters="category safeguarding"))
    facts = [dd.text() for dd in doc.find("dl", "facts").find_all("dd")]
    assert "filtered: category safeguarding" in facts
    assert facts[-1] == "1"
    assert [row[2] for row in table_rows(doc)] == [SCRIPT]


def test_an_empty_chronology_exports_cleanly() -> None:
    doc, _ = parse_html(html_text([], filters='containing "nothing"'))
    assert table_rows(doc) == [["No entries."]]
    lines = markdown([]).splitlines()
    assert "- **Number of entries:** 0" in lines


def test_exports_are_deterministic() -> None:
    assert html_text() == html_text()
    assert markdown() == markdown()
    assert html_text() != html_text(ITEMS[:2])


# --- Markdown ----------------------------------------------------------------------------


def md_rows(text: str) -> list[str]:
    """The table's body rows (not its header or the line under it)."""
    return [
        line
        for line in text.splitlines()
        if line.startswith("| ") and not line.startswith(("| Date |", "| --- |"))
    ]


def rendered(text: str) -> Node:
    """The Markdown export as a Markdown reader (with raw HTML on!) would show it."""
    md = parser()
    md.options["html"] = True  # the worst case: a renderer that passes HTML through
    doc, _ = parse_html(md.render(text))
    return doc


def test_markdown_header_block_states_the_facts() -> None:
    lines = markdown().splitlines()
    assert lines[0] == "# Chronology: CL-2026-0042, Zoë O'Neill \\& family"
    for expected in (
        "- **Client:** Zoë O'Neill \\& family",
        "- **Date of birth:** 03 Apr 2012",
        "- **Case reference:** CL-2026-0042",
        "- **Allocated worker:** Priya Nair",
        "- **Allocated on:** 01 Jun 2025",
        "- **Exported by:** Sam Okafor",
        "- **Exported on:** 23 Nov 2026 10:00",
        "- **Entries shown:** all entries",
        "- **Number of entries:** 5",
    ):
        assert expected in lines, expected
    assert "| Date | Category | Event | Source | Analysis |" in lines


def test_markdown_table_is_in_order_with_user_text_escaped() -> None:
    rows = md_rows(markdown())
    assert len(rows) == 5
    assert rows[0].startswith("| 10 Jan 2025 (before current allocation) | allocation |")
    assert rows[2] == (
        "| 14 Sep 2025 | safeguarding | \\<script\\>alert(1)\\</script\\> | "
        "manual entry; reported by Police (PC 1234) | "
        "Escalating \\| see \\*below\\* \\& \\<b\\>note\\</b\\> |"
    )
    assert rows[3].startswith("| 02 Oct 2025 | health | \\[bold\\]x\\[/\\] \\| pipe |")
    newest = md_rows(markdown(ITEMS[::-1]))
    assert [r[2:13] for r in newest] == [
        "05 Nov 2025",
        "02 Oct 2025",
        "14 Sep 2025",
        "01 Jun 2025",
        "10 Jan 2025",
    ]


def test_markdown_renders_back_to_the_literal_text() -> None:
    doc = rendered(markdown())
    assert not [n for n in doc.walk() if n.tag in ("script", "b", "img")]
    rows = [[td.text() for td in tr.find_all("td")] for tr in doc.find("tbody").find_all("tr")]
    assert all(len(row) == 5 for row in rows)
    assert rows[2][2] == SCRIPT
    assert rows[2][4] == "Escalating | see *below* & <b>note</b>"
    assert rows[3][2] == RICH
    assert doc.find("h1").text() == "Chronology: CL-2026-0042, Zoë O'Neill & family"


def test_markdown_details_keep_their_markdown_but_not_raw_html() -> None:
    text = markdown()
    doc = rendered(text)
    headings = [h.text() for h in doc.find_all("h3")]
    assert headings == [
        "1. 10 Jan 2025 (before current allocation): Case allocated to Sam Okafor",
        "2. 01 Jun 2025: Case transferred to Priya Nair",
        f"3. 14 Sep 2025: {SCRIPT}",
        f"4. 02 Oct 2025: {RICH}",
        "5. 05 Nov 2025: Home visit: red eviction notice",
    ]  # the unclosed fence in entry 4 did not swallow entry 5
    quotes = list(doc.find_all("blockquote"))
    paragraphs = [p.text() for p in quotes[1].find_all("p")]
    assert paragraphs == [f"First paragraph with {SCRIPT} and strong text.", "Second paragraph."]
    assert quotes[1].find("strong").text() == "strong"
    assert "> ## A heading" in text.splitlines()
    assert "\x1b" not in text
    assert (
        "*safeguarding* · manual entry; reported by Police (PC 1234) · recorded by Priya Nair"
        in (text.splitlines())
    )


def test_markdown_filtered_export_says_which_filter() -> None:
    chosen = [i for i in ITEMS if i.category in ("health", "contact")]
    text = markdown(chosen, filters="category health or contact, since 01 Oct 2025")
    lines = text.splitlines()
    assert "- **Entries shown:** filtered: category health or contact, since 01 Oct 2025" in lines
    assert "- **Number of entries:** 2" in lines
    assert len(md_rows(text)) == 2
    assert SCRIPT not in rendered(text).text()


# --- files -------------------------------------------------------------------------------


def test_format_follows_the_file_name_unless_given() -> None:
    assert format_for(Path("a.html")) == "html"
    assert format_for(Path("a.HTM")) == "html"
    assert format_for(Path("a.md")) == "md"
    assert format_for(Path("a.txt")) == "md"
    assert format_for(Path("a.md"), "html") == "html"
    with pytest.raises(ExportError, match="Unknown export format"):
        format_for(Path("a.md"), "pdf")


def test_export_from_the_store_writes_the_filtered_chronology(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail], tmp_path: Path
) -> None:
    case = make_case(client_name="Ada <b>Byron</b>", allocated_on="1/6/2026")
    for day, category, title in (
        ("1/7/2026", "health", "Hospital admission"),
        ("1/8/2026", "safeguarding", SCRIPT),
        ("1/9/2026", "health", "GP review"),
    ):
        store.chronology.add(
            me, case.id, {"occurred_on": day, "category": category, "title": title}
        )
    items = store.chronology.entries(me, case.id, categories=["health"], newest_first=True)
    path = export_chronology(
        tmp_path / "out.html",
        store.cases.get(me, case.id),
        items,
        exported_by=me.display_name,
        filter_description="category health",
    )
    assert path == tmp_path / "out.html"
    doc, _ = parse_html(path.read_text(encoding="utf-8"))
    assert [row[2] for row in table_rows(doc)] == ["GP review", "Hospital admission"]
    assert doc.find("title").text() == f"Chronology: {case.ref}, Ada <b>Byron</b>"
    facts = [dd.text() for dd in doc.find("dl", "facts").find_all("dd")]
    assert facts[-2:] == ["filtered: category health", "2"]
    assert facts[6] == "23 Nov 2026 10:00"  # the clock, in local time
    md = export_chronology(
        tmp_path / "out.txt", store.cases.get(me, case.id), items, exported_by="Sam Okafor"
    )
    assert md.read_text(encoding="utf-8").startswith(f"# Chronology: {case.ref}, Ada \\<b\\>")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == [
        "out.html",
        "out.txt",
    ]


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (lambda tmp: tmp / "missing" / "c.md", "does not exist"),
        (lambda tmp: tmp, "is a folder; give a file name"),
        (lambda tmp: tmp / "file.txt" / "c.md", "is not a folder"),
    ],
)
def test_unwritable_destinations_are_one_clear_error(
    tmp_path: Path, where: Callable[[Path], Path], message: str
) -> None:
    (tmp_path / "file.txt").write_text("keep")
    with pytest.raises(ExportError) as caught:
        export_chronology(where(tmp_path), DETAIL, ITEMS, exported_by="Sam Okafor")
    assert isinstance(caught.value, StoreError)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert (tmp_path / "file.txt").read_text() == "keep"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chronology.md"
    target.write_text("previous export")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", broken)
    with pytest.raises(ExportError, match=r"Could not write .*No space left on device"):
        export_chronology(target, DETAIL, ITEMS, exported_by="Sam Okafor")
    assert target.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["chronology.md"]


def test_an_existing_export_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "chronology.md"
    target.write_text("x" * 100_000)
    export_chronology(target, DETAIL, ITEMS[:1], exported_by="Sam Okafor")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Chronology:") and "x" * 100 not in text
    assert oct(os.stat(target).st_mode & 0o777) == "0o600"  # case records: owner only


def test_before_allocation_marker_follows_the_item_not_the_date() -> None:
    marked = replace(ITEMS[2], before_current_allocation=True)
    rows = md_rows(markdown([marked]))
    assert rows[0].startswith("| 14 Sep 2025 (before current allocation) |")
    doc, _ = parse_html(html_text([marked]))
    assert table_rows(doc)[0][0] == "14 Sep 2025 (before current allocation)"
    assert doc.find("tbody").find("tr").attrs == {"class": "before"}
    doc, _ = parse_html(html_text([ITEMS[2]]))
    assert doc.find("tbody").find("tr").attrs == {}
    assert doc.find("tbody").find("td").text() == "14 Sep 2025"


def test_invisible_characters_in_names_are_marked_in_both_formats() -> None:
    # A right-to-left override would print "Smith" followed by a reversed name; a zero-width
    # space hides inside a name. The app marks them, and so must a printed chronology.
    sly = replace(DETAIL, client_name="Yara \u202eenoJ\u202c Ze\u200bro")
    md = chronology_markdown(sly, ITEMS, exported_by="Sam\u200b Okafor", exported_at=EXPORTED_AT)
    shown = "Yara ⟨RLO⟩enoJ⟨PDF⟩ Ze⟨ZWSP⟩ro"
    assert md.splitlines()[0] == f"# Chronology: CL-2026-0042, {shown}"
    assert f"- **Client:** {shown}" in md
    assert "- **Exported by:** Sam⟨ZWSP⟩ Okafor" in md
    page = chronology_html(sly, ITEMS, exported_by="Sam Okafor", exported_at=EXPORTED_AT)
    assert "\u202e" not in page and "\u200b" not in page
    assert shown in page
