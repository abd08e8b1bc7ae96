"""``caseline export case REF --pack record`` and ``--subject-access`` as Markdown and HTML: one
document with contents, each area a section holding what the JSON holds, amendments beside
what they amend, drafts left out; hostile text inert in both formats; audited as the JSON is;
the same refusals, each in one line."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.cli import Ran, caseline
from tests.conftest import Build
from tests.store.test_export_whole import HOSTILE_NAME, build_whole
from tests.test_cli_admin import assert_fails
from tests.test_cli_export_record import token


@pytest.fixture
def path(tmp_path: Path, prebuilt: Callable[[Path, Build], Path]) -> Path:
    return prebuilt(tmp_path / "whole.db", build_whole)


def export(tmp_path: Path, path: Path, *args: str, login: str = "sam.okafor") -> Ran:
    env = {"CASELINE_TOKEN": token(path, login)}
    return caseline(tmp_path, "export", "case", "CL-2026-0001", "--db", str(path), *args, env=env)


def sections(markdown: str) -> dict[str, str]:
    """The document's second-level sections by title."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {title: body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


class Page(HTMLParser):
    """What a browser would act on in a page: its tags, every attribute, and the text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        self.ids += [value or "" for name, value in attrs if name == "id"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def hrefs(self) -> list[str]:
        return [value for name, value in self.attributes if name in ("href", "src")]


def assert_inert(page: Page) -> None:
    """No script, image, frame or handler, and links only within the page, to the web or to
    e-mail."""
    assert not {"script", "img", "iframe", "object", "embed", "b"} & set(page.tags)
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    for href in page.hrefs:
        assert href.startswith("#") or re.match(r"(https?|mailto):", href), href


def assert_no_control(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)


def test_the_whole_record_as_markdown_has_each_area_in_its_section(
    tmp_path: Path, path: Path
) -> None:
    document = export(tmp_path, path, "--pack", "record", "--format", "md")
    assert document.returncode == 0, document.stderr
    text = document.stdout
    assert text.startswith("# Whole record: CL-2026-0001, Dana Reyes\n")
    assert "- **Client:** Dana Reyes" in text and "- **Exported by:** Sam Okafor" in text
    found = sections(text)
    titles = list(found)
    assert titles[:2] == ["Contents", "Case and client"]
    # The contents link to each section by the anchor its heading gets.
    assert "- [Referrals out](#referrals-out)" in found["Contents"]
    assert "- [Information-sharing log](#information-sharing-log)" in found["Contents"]
    assert "0161 496 0000" in found["Case and client"]
    assert "aunt" in found["Support network"]
    assert "Dr Amir Khan" in found["Professionals"] and "Nurse Lee" in found["Professionals"]
    assert "Moved in January." in found["Summary"]
    assert "School meeting" in found["Chronology"]
    notes = found["Notes"]
    # Every finalised note, each amendment straight after what it amends; no draft.
    assert notes.index("Visited at home") < notes.index("(Wrong day)") < notes.index("Thursday")
    assert notes.count("**Amended by") == 2
    assert "DRAFT ONLY" not in text
    assert "Attend three diabetes" in found["Service plans"]
    assert "Review of 20 Nov 2026" in found["Service plans"]
    meetings = found["Meetings"]
    assert "Hillside Family Centre" in meetings and "Room 2, not 3." in meetings
    assessments = found["Assessments"]
    assert assessments.count("### Assessment as at") == 1  # the draft after it is left out
    assert "£450." in assessments
    out = found["Referrals out"]
    assert "Debts and rent arrears" in out and "Duty desk" in out
    # The wording an edit replaced, beside what it says now.
    assert out.index("Debts and rent arrears") < out.index("The arrears were left out")
    assert "> Debts\n" in out
    assert "Dr Grace Hopper" in found["Referrals in"]
    assert "Hillside School" in found["Consents"]
    assert "Citizens Advice" in found["Information-sharing log"]


def test_hostile_text_is_inert_in_markdown_and_html(tmp_path: Path, path: Path) -> None:
    markdown = export(tmp_path, path, "--pack", "record", "--format", "md").stdout
    html = export(tmp_path, path, "--pack", "record", "--format", "html").stdout
    assert "[b]rich[/b]" in markdown or "\\[b\\]rich\\[/b\\]" in markdown
    for text in (markdown, html):
        assert_no_control(text)
        assert "evil.example/p.png" in text  # shown as written, never fetched
    # Read by a renderer that lets raw HTML through, as many do.
    assert_inert(Page(MarkdownIt("commonmark", {"html": True}).render(markdown)))
    page = Page(html)
    assert_inert(page)
    shown = "".join(page.text)
    assert "<script>alert(1)</script>" in shown and "javascript:alert(1)" in shown
    assert HOSTILE_NAME in shown
    # Each entry of the contents leads to a section of the page.
    assert {h[1:] for h in page.hrefs} <= set(page.ids)
    assert len([h for h in page.hrefs if h.startswith("#")]) == 13
    assert page.text.count("Whole record: CL-2026-0001, Dana Reyes") == 2  # title and heading


def test_a_subject_access_answer_as_html_holds_every_case_who_read_them_and_whom_to_review(
    tmp_path: Path, path: Path
) -> None:
    written = tmp_path / "dana.html"
    result = export(tmp_path, path, "--subject-access", "-o", str(written), login="meg.manager")
    assert result.returncode == 0, result.stderr
    assert "review the people it names" in result.stderr
    page = Page(written.read_text(encoding="utf-8"))
    assert_inert(page)
    shown = "".join(page.text)
    assert "Subject access: everything held about Dana Reyes" in shown
    for case in ("CL-2026-0001", "CL-2026-0002"):
        assert f"Case {case}" in shown and f"{case}: Notes" in shown
    assert {"for-redaction-review", "cl-2026-0002-notes"} <= set(page.ids)
    assert {h[1:] for h in page.hrefs} <= set(page.ids)
    # The people to review: the network, the professionals, who was present, the referrer.
    review = shown[shown.index("For redaction review", shown.index("Contents") + 200) :]
    review = review[: review.index("Case CL-2026-0001")]
    for name in (HOSTILE_NAME, "Dr Amir Khan", "Nurse Lee", "Dr Grace Hopper"):
        assert name in review
    assert "Client" not in review.split("Where", 1)[1]
    # Who read the records: the audit trail of both cases, this export's own reading included.
    access = shown[shown.rindex("Who read, changed or exported the records") :]
    assert "note-finalised" in access and "case-created" in access
    assert access.count("CL-2026-0002") >= 1


def test_each_format_is_audited_as_the_json_is(tmp_path: Path, path: Path) -> None:
    as_html = tmp_path / "record.html"
    assert export(tmp_path, path, "--pack", "record", "-o", str(as_html)).returncode == 0
    assert as_html.read_text().startswith("<!doctype html>")  # the format from the name
    assert export(tmp_path, path, "--pack", "record").stdout.startswith("# Whole record")
    as_json = tmp_path / "record.json"
    assert export(tmp_path, path, "--pack", "record", "-o", str(as_json)).returncode == 0
    assert json.loads(as_json.read_text())["format"] == "caseline-case-record"
    as_md = tmp_path / "answer.md"
    done = export(tmp_path, path, "--subject-access", "-o", str(as_md), login="meg.manager")
    assert done.returncode == 0, done.stderr
    assert as_md.read_text().startswith("# Subject access: everything held about Dana Reyes")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT action, e.record_kind, c.ref, detail FROM audit_event e "
        "JOIN \"case\" c ON c.id = e.case_id WHERE action LIKE '%-exported' ORDER BY e.id"
    ).fetchall()
    conn.close()
    assert rows == [
        ("record-exported", "case", "CL-2026-0001", str(as_html.resolve())),
        ("record-exported", "case", "CL-2026-0001", "stdout"),
        ("record-exported", "case", "CL-2026-0001", str(as_json.resolve())),
        ("subject-access-exported", "case", "CL-2026-0001", str(as_md.resolve())),
        ("subject-access-exported", "case", "CL-2026-0002", str(as_md.resolve())),
    ]


def test_refusals_and_mistakes_in_one_line(tmp_path: Path, path: Path) -> None:
    # Only those who may read the audit trail answer a subject access request, in any format.
    for fmt in ("md", "html"):
        assert_fails(export(tmp_path, path, "--subject-access", "--format", fmt), "audit trail")
    assert_fails(export(tmp_path, path, "--pack", "record", "--for", "Police"), "--for")
    assert_fails(export(tmp_path, path, "--subject-access", "--for", "Police"), "--for")
    assert_fails(export(tmp_path, path, "--pack", "record", "--subject-access"), "one of them")
    folder = tmp_path / "out"
    folder.mkdir()
    assert_fails(export(tmp_path, path, "--pack", "record", "-o", str(folder)), "folder")
    env = {"CASELINE_TOKEN": token(path)}
    unknown = caseline(
        tmp_path, "export", "case", "CL-1999-0009", "--db", str(path), "--pack", "record", env=env
    )
    assert_fails(unknown, "CL-1999-0009")
    usage = export(tmp_path, path, "--pack", "record", "--format", "pdf")
    assert usage.returncode == 2 and len(usage.stderr.strip().splitlines()) == 1
    assert "Traceback" not in usage.stderr
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    (exported,) = conn.execute(
        "SELECT count(*) FROM audit_event WHERE action LIKE '%-exported'"
    ).fetchone()
    conn.close()
    assert exported == 0  # nothing refused was recorded as exported
