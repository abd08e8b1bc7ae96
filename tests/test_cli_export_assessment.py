"""``caseline export assessment``: the real command (``tests.cli``), signed in with a token: the
current assessment with its domains, the ratings over time and the versions, as Markdown (only
web and e-mail links survive) or printable HTML, audited; a case with none is one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.cases.records import CaseDetail
from store.service import Store
from tests.conftest import COLLEAGUES
from tests.store.test_export import parse_html
from tests.test_cli import assert_one_line_error
from tests.test_cli_export import SCRIPT, _exports, run, sign_in_by_token

SUMMARY = (
    "Settled at her mother's. [council](https://example.org/housing) "
    "[click](javascript:alert(1)) <b>bold</b>"
)


@pytest.fixture
def assessed(tmp_path: Path) -> tuple[Path, CaseDetail, CaseDetail]:
    """A case with two final assessments (housing improving) and a draft; one with none."""
    path = tmp_path / "cases.db"
    store = Store.open(path)
    try:
        me = store.workers.ensure("sam.okafor", **COLLEAGUES)
        store.workers.ensure("priya.nair", **COLLEAGUES)
        case = store.cases.create(me, {"client_name": "Ada Byron", "allocated_on": "1/6/2026"})
        for as_at, rating, copy in (("1/7/2026", "high need", False), ("1/10/2026", "low", True)):
            draft = store.assessments.start(me, case.id, copy_last=copy)
            draft = store.assessments.save_draft(
                me,
                draft.id,
                {
                    "as_at": as_at,
                    "summary": SUMMARY,
                    "d4_needs": f"Arrears {SCRIPT}",
                    "d4_client_view": "I want to stay.\nNear school.",
                    "d4_rating": rating if rating != "low" else "low need",
                },
                version=draft.version,
            )
            store.assessments.finalise(me, draft.id, version=draft.version)
        store.assessments.start(me, case.id, copy_last=True)
        none = store.cases.create(me, {"client_name": "Bo None", "allocated_on": "1/6/2026"})
    finally:
        store.close()
    sign_in_by_token(tmp_path, path)
    return path, case, none


def test_markdown_to_standard_output(
    tmp_path: Path, assessed: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    path, case, _ = assessed
    result = run(tmp_path, "export", "assessment", case.ref, "--db", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"# Assessment: {case.ref}, Ada Byron"
    for expected in (
        "- **Current assessment:** as at 01 Oct 2026, by Sam Okafor",
        "- **Versions:** 2 finalised versions and a draft (not exported)",
        "#### housing · ◔ low need",
        "**Needs or concerns:** Arrears \\<script\\>alert(1)\\</script\\>",
        "## Ratings over time",
        "| Domain | 01 Jul 2026 | 01 Oct 2026 |",
        "| housing | ● high need | ◔▼ low need |",
        "- As at 01 Oct 2026 (current): Sam Okafor, finalised 23 Nov 2026.",
    ):
        assert expected in lines, expected
    assert SCRIPT not in result.stdout
    assert "[council](https://example.org/housing)" in result.stdout
    assert "[click]\\(javascript:" in result.stdout
    assert "\\<b>bold" in result.stdout


def test_html_to_a_file_is_audited(
    tmp_path: Path, assessed: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    path, case, _ = assessed
    out = tmp_path / "assessment.html"
    result = run(tmp_path, "export", "assessment", case.ref, "--db", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (
        f"Wrote the assessment of {case.ref} (2 finalised versions) to {out}"
    )
    doc, _ = parse_html(out.read_text(encoding="utf-8"))
    assert doc.find("title").text() == f"Assessment: {case.ref}, Ada Byron"
    assert not list(doc.find_all("script"))
    assert not list(doc.find_all("a"))  # links as text on paper
    headings = [h.text() for h in doc.find_all("h2")]
    assert headings == ["The current assessment", "Ratings over time", "Versions"]
    [(action, login, where, case_id, _record)] = _exports(path)
    assert (action, login, where, case_id) == (
        "assessment-exported",
        "sam.okafor",
        str(out.resolve()),
        case.id,
    )


def test_a_case_without_an_assessment(
    tmp_path: Path, assessed: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    path, _, none = assessed
    result = run(tmp_path, "export", "assessment", none.ref, "--db", str(path))
    assert_one_line_error(result, f"caseline: Case {none.ref} has no assessment.")
    assert result.returncode == 1 and result.stdout == ""
    assert _exports(path) == []
